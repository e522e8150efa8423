//! Main-content extraction: drop boilerplate subtrees, score text blocks, pick the container that
//! holds the most article-like text for the least other text, and write its blocks as paragraphs.
//!
//! The arena from [`crate::dom`] stores nodes in document order and a subtree occupies a contiguous
//! index range, so every pass here is a linear scan: forward passes inherit from parents, backward
//! passes add up into parents. That keeps extraction linear in the page size.

use crate::dom::{AttrName, Document, NO_NODE, NodeId, NodeKind, Tag};

/// A block needs at least this many non-space characters to count as article text. Below it are
/// captions, bylines, buttons and teaser titles; sentences of real prose are longer.
const GOOD_BLOCK_MIN_CHARS: usize = 70;

/// Above this share of linked text a block is navigation, not prose.
const GOOD_BLOCK_MAX_LINK_DENSITY: f32 = 0.25;

/// Inside the chosen container, blocks with more linked text than this are dropped (link lists,
/// "read more" rows) while prose with a few inline links is kept.
const OUTPUT_MAX_LINK_DENSITY: f32 = 0.5;

/// How much one character of non-article text costs a container, relative to the gain of one
/// character of article text. Lower values pick wider containers (more recall, less precision).
const OTHER_TEXT_PENALTY: f32 = 0.5;

/// The cost of short plain blocks (subheadings, list items, one-line paragraphs, but also
/// datelines and teaser titles): smaller than for linked text, as articles have many of them.
const SHORT_TEXT_PENALTY: f32 = 0.15;

/// If the strict pass yields less than this many characters, class and id hints are ignored and
/// the page is extracted again: some sites give the article body a class such as "content-share".
const MINIMUM_ARTICLE_CHARS: usize = 200;

/// Settings for one extraction pass.
#[derive(Debug, Clone, Copy)]
struct Pass {
    use_class_hints: bool,
}

/// Per-node facts gathered by the scans.
struct Analysis {
    junk: Vec<bool>,
    block_owner: Vec<NodeId>,
    subtree_end: Vec<NodeId>,
    /// For block elements: non-space characters of their own inline text, and of that in links.
    block_chars: Vec<u32>,
    block_link_chars: Vec<u32>,
    /// For block elements: commas in their own inline text (a sign of running prose).
    block_commas: Vec<u32>,
}

/// Extracts the main text of `document` as paragraphs separated by blank lines.
/// `title` (when known) lets the headline be left out of the body.
pub fn extract_main_text(document: &Document<'_>, title: Option<&str>) -> String {
    let strict = extract_with(
        document,
        title,
        Pass {
            use_class_hints: true,
        },
    );
    if count_visible_chars(&strict) >= MINIMUM_ARTICLE_CHARS {
        return strict;
    }
    let relaxed = extract_with(
        document,
        title,
        Pass {
            use_class_hints: false,
        },
    );
    if count_visible_chars(&relaxed) > count_visible_chars(&strict) {
        relaxed
    } else {
        strict
    }
}

fn count_visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn extract_with(document: &Document<'_>, title: Option<&str>, pass: Pass) -> String {
    let analysis = analyse(document, pass);
    let containers = choose_by_paragraph_scores(document, &analysis);
    write_blocks(document, &analysis, &containers, title)
}

fn analyse(document: &Document<'_>, pass: Pass) -> Analysis {
    let count = document.nodes.len();
    let mut junk = vec![false; count];
    let mut in_link = vec![false; count];
    let mut block_owner = vec![0 as NodeId; count];
    let mut block_chars = vec![0u32; count];
    let mut block_link_chars = vec![0u32; count];
    let mut block_commas = vec![0u32; count];
    for index in 1..count {
        let node = &document.nodes[index];
        let parent = node.parent as usize;
        let parent_junk = junk.get(parent).copied().unwrap_or(false);
        let parent_link = in_link.get(parent).copied().unwrap_or(false);
        let parent_owner = block_owner.get(parent).copied().unwrap_or(0);
        match &node.kind {
            NodeKind::Element { tag, .. } => {
                junk[index] = parent_junk || is_boilerplate(document, index as NodeId, *tag, pass);
                in_link[index] = parent_link || *tag == Tag::A;
                block_owner[index] = if tag.is_block() {
                    index as NodeId
                } else {
                    parent_owner
                };
            }
            NodeKind::Text(text) => {
                junk[index] = parent_junk;
                in_link[index] = parent_link;
                block_owner[index] = parent_owner;
                if !parent_junk {
                    let visible = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
                    let owner = parent_owner as usize;
                    block_chars[owner] += visible;
                    block_commas[owner] += text
                        .chars()
                        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                        .count() as u32;
                    if parent_link {
                        block_link_chars[owner] += visible;
                    }
                }
            }
        }
    }
    let mut subtree_end: Vec<NodeId> = (1..=count as NodeId).collect();
    for index in (1..count).rev() {
        let parent = document.nodes[index].parent as usize;
        if parent < count && subtree_end[parent] < subtree_end[index] {
            subtree_end[parent] = subtree_end[index];
        }
    }
    Analysis {
        junk,
        block_owner,
        subtree_end,
        block_chars,
        block_link_chars,
        block_commas,
    }
}

fn link_density(analysis: &Analysis, block: usize) -> f32 {
    let chars = analysis.block_chars[block];
    if chars == 0 {
        return 0.0;
    }
    analysis.block_link_chars[block] as f32 / chars as f32
}

/// Readability-style choice: every prose block gives points to its parent and half to its
/// grandparent, so the element whose children are many comma-rich paragraphs wins; siblings of the
/// winner that score well, or are clean paragraphs themselves, are added around it.
fn choose_by_paragraph_scores(document: &Document<'_>, analysis: &Analysis) -> Vec<NodeId> {
    let count = document.nodes.len();
    let mut subtree_chars = vec![0u32; count];
    let mut subtree_link_chars = vec![0u32; count];
    for index in (1..count).rev() {
        if analysis.junk[index] {
            continue;
        }
        subtree_chars[index] += analysis.block_chars[index];
        subtree_link_chars[index] += analysis.block_link_chars[index];
        let parent = document.nodes[index].parent as usize;
        if parent < count {
            subtree_chars[parent] += subtree_chars[index];
            subtree_link_chars[parent] += subtree_link_chars[index];
        }
    }
    let mut score = vec![0f32; count];
    for index in 1..count {
        let chars = analysis.block_chars[index];
        if analysis.junk[index] || (chars as usize) < PARAGRAPH_MIN_CHARS {
            continue;
        }
        if link_density(analysis, index) > OUTPUT_MAX_LINK_DENSITY {
            continue;
        }
        let points = 1.0 + analysis.block_commas[index] as f32 + (chars as f32 / 100.0).min(3.0);
        let is_paragraph_element = matches!(
            document.tag(index as NodeId),
            Some(Tag::P | Tag::Pre | Tag::Blockquote | Tag::Li | Tag::Td | Tag::Dd)
        ) || document.tag(index as NodeId).is_some_and(Tag::is_heading);
        // A div holding text directly is its own paragraph container.
        let first = if is_paragraph_element {
            document.nodes[index].parent
        } else {
            index as NodeId
        };
        if first == NO_NODE {
            continue;
        }
        score[first as usize] += points;
        let grandparent = document.nodes[first as usize].parent;
        if grandparent != NO_NODE {
            score[grandparent as usize] += points / 2.0;
        }
    }
    let final_score = |index: usize| -> f32 {
        let chars = subtree_chars[index];
        let density = if chars == 0 {
            0.0
        } else {
            subtree_link_chars[index] as f32 / chars as f32
        };
        score[index] * (1.0 - density)
    };
    let mut best = NO_NODE;
    let mut best_score = 0.0f32;
    for (index, &points) in score.iter().enumerate().skip(1) {
        if points > 0.0 && !analysis.junk[index] {
            let value = final_score(index);
            if value > best_score {
                best = index as NodeId;
                best_score = value;
            }
        }
    }
    if best == NO_NODE {
        return vec![choose_container(document, analysis)];
    }
    if let Some(continued) = same_class_continuation(document, analysis, best) {
        return continued;
    }
    let parent = document.nodes[best as usize].parent;
    if parent == NO_NODE {
        return vec![best];
    }
    let threshold = (best_score * 0.2).max(10.0);
    let mut chosen = Vec::new();
    for sibling in document.children(parent) {
        let index = sibling as usize;
        if sibling == best {
            chosen.push(sibling);
            continue;
        }
        if analysis.junk[index] || document.tag(sibling).is_none() {
            continue;
        }
        let chars = analysis.block_chars[index] as usize;
        let clean_paragraph = document.tag(sibling) == Some(Tag::P)
            && link_density(analysis, index) < GOOD_BLOCK_MAX_LINK_DENSITY
            && chars >= PARAGRAPH_MIN_CHARS;
        if final_score(index) >= threshold || clean_paragraph {
            chosen.push(sibling);
        }
    }
    chosen
}

/// Sites that interleave the body with ads or pull quotes often cut it into sibling wrappers of
/// the same class ("body-column", "paragraph-group"). If the winner or one of its two nearest
/// ancestors has such siblings, all of them, in page order, are the article.
fn same_class_continuation(
    document: &Document<'_>,
    analysis: &Analysis,
    best: NodeId,
) -> Option<Vec<NodeId>> {
    let mut level_node = best;
    for _ in 0..3 {
        let parent = document.nodes.get(level_node as usize)?.parent;
        if parent == NO_NODE {
            return None;
        }
        if let Some(class) = document
            .attribute(level_node, AttrName::Class)
            .filter(|c| !c.trim().is_empty())
        {
            let tag = document.tag(level_node);
            let group: Vec<NodeId> = document
                .children(parent)
                .filter(|&sibling| {
                    !analysis.junk[sibling as usize]
                        && document.tag(sibling) == tag
                        && document.attribute(sibling, AttrName::Class) == Some(class)
                })
                .collect();
            if group.len() > 1 {
                return Some(group);
            }
        }
        level_node = parent;
    }
    None
}

/// Blocks shorter than this give no points to their containers.
const PARAGRAPH_MIN_CHARS: usize = 25;

/// Fallback when no block scores (pages of short lines only): picks the element maximising
/// (article text under it) − penalty × (other text under it).
fn choose_container(document: &Document<'_>, analysis: &Analysis) -> NodeId {
    let count = document.nodes.len();
    let mut net = vec![0f32; count];
    for (index, net_of_block) in net.iter_mut().enumerate().skip(1) {
        if analysis.junk[index] {
            continue;
        }
        let chars = analysis.block_chars[index];
        if chars == 0 {
            continue;
        }
        let is_good = chars as usize >= GOOD_BLOCK_MIN_CHARS
            && link_density(analysis, index) <= GOOD_BLOCK_MAX_LINK_DENSITY;
        let is_link_heavy = link_density(analysis, index) > OUTPUT_MAX_LINK_DENSITY;
        *net_of_block = if is_good {
            chars as f32
        } else if is_link_heavy {
            -OTHER_TEXT_PENALTY * chars as f32
        } else {
            -SHORT_TEXT_PENALTY * chars as f32
        };
    }
    // Children come after their parents in the arena, so a backward scan sums every subtree.
    for index in (1..count).rev() {
        let parent = document.nodes[index].parent as usize;
        if parent < count && !analysis.junk[index] {
            net[parent] += net[index];
        }
    }
    let mut best = 0usize;
    let mut best_score = f32::MIN;
    for (index, &score) in net.iter().enumerate() {
        // `>=` prefers the later, deeper element on ties: it holds the same article text and less else.
        if document.tag(index as NodeId).is_some() && score >= best_score {
            best = index;
            best_score = score;
        }
    }
    best as NodeId
}

/// Writes the text of `container` block by block, skipping boilerplate and link-heavy blocks.
fn write_blocks(
    document: &Document<'_>,
    analysis: &Analysis,
    containers: &[NodeId],
    title: Option<&str>,
) -> String {
    let normalised_title = title.map(normalise_for_comparison);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_owner = NO_NODE;
    for &container in containers {
        let start = container as usize;
        let end = analysis
            .subtree_end
            .get(start)
            .map_or(document.nodes.len(), |&e| e as usize);
        flush(&mut current, &mut paragraphs);
        let mut index = start;
        while index < end {
            if analysis.junk[index] {
                index = analysis.subtree_end[index] as usize;
                continue;
            }
            let node = &document.nodes[index];
            match &node.kind {
                NodeKind::Element { tag: Tag::Br, .. } => {
                    if !current.is_empty() && !current.ends_with('\n') {
                        current.push('\n');
                    }
                }
                NodeKind::Element { tag, .. } if tag.is_block() && index != start => {
                    flush(&mut current, &mut paragraphs);
                    current_owner = index as NodeId;
                }
                NodeKind::Element { .. } => {}
                NodeKind::Text(text) => {
                    let owner = analysis.block_owner[index];
                    if owner != current_owner {
                        flush(&mut current, &mut paragraphs);
                        current_owner = owner;
                    }
                    let owner_index = owner as usize;
                    let keep = link_density(analysis, owner_index) <= OUTPUT_MAX_LINK_DENSITY
                        || analysis.block_chars[owner_index] as usize >= GOOD_BLOCK_MIN_CHARS * 3;
                    if keep {
                        append_collapsed(&mut current, text);
                    }
                }
            }
            index += 1;
        }
    }
    flush(&mut current, &mut paragraphs);
    if let (Some(title), Some(first)) = (normalised_title.as_deref(), paragraphs.first())
        && !title.is_empty()
    {
        let first_normalised = normalise_for_comparison(first);
        if first_normalised == title
            || title.starts_with(&first_normalised) && first_normalised.len() * 2 > title.len()
        {
            paragraphs.remove(0);
        }
    }
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let trimmed = current.trim();
    if !trimmed.is_empty() {
        paragraphs.push(trimmed.to_string());
    }
    current.clear();
}

/// Appends `text` with runs of whitespace collapsed to one space (newlines from `<br>` survive).
fn append_collapsed(out: &mut String, text: &str) {
    let mut pending_space = text.starts_with(|c: char| c.is_whitespace());
    for word in text.split_whitespace() {
        if pending_space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(word);
        pending_space = true;
    }
    if text.ends_with(|c: char| c.is_whitespace()) && !out.is_empty() && !out.ends_with([' ', '\n'])
    {
        out.push(' ');
    }
}

fn normalise_for_comparison(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether an element and everything under it is page furniture rather than article text.
fn is_boilerplate(document: &Document<'_>, node: NodeId, tag: Tag, pass: Pass) -> bool {
    match tag {
        Tag::Script
        | Tag::Style
        | Tag::Noscript
        | Tag::Template
        | Tag::Svg
        | Tag::Math
        | Tag::Iframe
        | Tag::Object
        | Tag::Embed
        | Tag::Canvas
        | Tag::Button
        | Tag::Select
        | Tag::Input
        | Tag::Textarea
        | Tag::Nav
        | Tag::Aside
        | Tag::Footer
        | Tag::Head
        | Tag::Title
        | Tag::Dialog
        | Tag::Video
        | Tag::Audio
        | Tag::Figcaption
        | Tag::Label
        | Tag::Menu => return true,
        _ => {}
    }
    if document.attribute(node, AttrName::Hidden).is_some() {
        return true;
    }
    if document
        .attribute(node, AttrName::AriaHidden)
        .is_some_and(|value| value.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = document.attribute(node, AttrName::Style) {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = document.attribute(node, AttrName::Role) {
        let role = role.trim().to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "menu"
                | "menubar"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "alert"
                | "alertdialog"
                | "dialog"
                | "search"
                | "toolbar"
        ) {
            return true;
        }
    }
    if !pass.use_class_hints || matches!(tag, Tag::Body | Tag::Html | Tag::Article | Tag::Main) {
        return false;
    }
    let class = document.attribute(node, AttrName::Class).unwrap_or("");
    let id = document.attribute(node, AttrName::Id).unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return false;
    }
    let hints = format!("{class} {id}").to_ascii_lowercase();
    names_boilerplate(&hints)
}

/// Class and id words that name article text; an element carrying one is never dropped for
/// also carrying a boilerplate word ("article-body share-enabled").
const CONTENT_WORDS: &[&str] = &[
    "article-body",
    "articlebody",
    "article__body",
    "article-content",
    "article__content",
    "articlecontent",
    "story-body",
    "storybody",
    "story-content",
    "post-body",
    "postbody",
    "post-content",
    "entry-content",
    "main-content",
    "content-body",
    "body-text",
    "article-text",
    "story-text",
];

/// Substrings of class and id words used for page furniture across sites.
const BOILERPLATE_FRAGMENTS: &[&str] = &[
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "sidebar",
    "advert",
    "promo",
    "newsletter",
    "subscri",
    "footer",
    "breadcrumb",
    "cookie",
    "popup",
    "modal",
    "recommend",
    "outbrain",
    "taboola",
    "sponsor",
    "navbar",
    "masthead",
    "signup",
    "sign-up",
    "toolbar",
    "disqus",
    "pagination",
    "pager",
    "skip-link",
    "more-stories",
    "read-more",
    "readmore",
    "most-popular",
    "trending",
    "caption",
    "byline",
    "author-bio",
    "tags",
    "taglist",
    "keywords",
    "hidden",
    "visually-hidden",
    "sr-only",
    "print-only",
    "banner",
    "widget",
];

/// Whole class or id words that mark advertising or navigation, too short to match as fragments.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad", "ads", "advert", "nav", "menu", "header", "meta", "share", "tools",
];

fn names_boilerplate(hints: &str) -> bool {
    if CONTENT_WORDS.iter().any(|word| hints.contains(word)) {
        return false;
    }
    hints.split_whitespace().any(|word| {
        BOILERPLATE_WORDS.contains(&word)
            || word.starts_with("ad-")
            || word.starts_with("ads-")
            || word.ends_with("-ad")
            || word.ends_with("-ads")
            || word.starts_with("nav-")
            || word.starts_with("menu-")
            || BOILERPLATE_FRAGMENTS
                .iter()
                .any(|fragment| word.contains(fragment))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(html: &str) -> String {
        extract_main_text(&Document::parse(html), None)
    }

    const PROSE: &str = "The council met on Tuesday to discuss the new budget, which raises spending on schools and roads by a large margin.";

    #[test]
    fn navigation_and_comments_are_left_out() {
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/world>World</a></nav>\
             <div class=story><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>\
             <div class=comments><p>{PROSE} I disagree with this.</p></div>\
             <footer>Copyright 2024</footer></body></html>"
        );
        let text = extract(&html);
        assert_eq!(text, format!("{PROSE}\n\n{PROSE}\n\n{PROSE}"));
    }

    #[test]
    fn link_lists_inside_the_article_are_dropped() {
        let html = format!(
            "<article><p>{PROSE}</p><ul><li><a href=/a>Another story about something</a></li>\
             <li><a href=/b>Yet another story</a></li></ul><p>{PROSE}</p></article>"
        );
        assert_eq!(extract(&html), format!("{PROSE}\n\n{PROSE}"));
    }

    #[test]
    fn headline_matching_the_title_is_not_body_text() {
        let html = format!("<article><h1>Council passes budget</h1><p>{PROSE}</p></article>");
        let text = extract_main_text(&Document::parse(&html), Some("Council passes budget"));
        assert_eq!(text, PROSE);
    }

    #[test]
    fn line_breaks_and_inline_markup_are_kept_as_text() {
        let html = format!("<div><p>{PROSE}<br>Second <b>line</b> here.</p></div>");
        assert_eq!(extract(&html), format!("{PROSE}\nSecond line here."));
    }

    #[test]
    fn class_words_are_matched_as_words_not_letters() {
        assert!(names_boilerplate("ad-slot"));
        assert!(names_boilerplate("site-header nav"));
        assert!(!names_boilerplate("headline loaded"));
        assert!(!names_boilerplate("article-body share-tools"));
    }
}
