//! A small, forgiving HTML tree: one pass over the text builds an arena of elements and text nodes.
//!
//! Extraction needs the tree shape (which paragraphs share a container), a handful of attributes and
//! the text; it does not need a spec-complete tree. A full HTML5 tree builder spends most of its time
//! on cases that do not change which text belongs to the article (foster parenting, the adoption
//! agency, namespaces), so this builder keeps the rules that matter for text: void elements,
//! raw-text elements (`script`, `style`), implied end tags for `p`, `li`, `dt`/`dd`, table cells and
//! options, and end tags that close everything opened after their start tag. Stray end tags are
//! ignored, unclosed elements are closed at the end, and no input makes it fail.

use std::borrow::Cow;

/// Index of a node in [`Document::nodes`].
pub type NodeId = u32;

/// Marks "no node" in the sibling and child links.
pub const NO_NODE: NodeId = u32::MAX;

/// The root node every document starts with; it stands for the document itself.
pub const ROOT: NodeId = 0;

/// Tags the extractor treats differently from a generic element. Everything else is `Other`
/// with a hash of its lower-cased name, so that end tags of custom elements still find their start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Root,
    A,
    Address,
    Article,
    Aside,
    B,
    Blockquote,
    Body,
    Br,
    Button,
    Canvas,
    Caption,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Em,
    Embed,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hr,
    Html,
    I,
    Iframe,
    Img,
    Input,
    Label,
    Li,
    Link,
    Main,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Optgroup,
    Option,
    P,
    Picture,
    Pre,
    Script,
    Section,
    Select,
    Source,
    Span,
    Strong,
    Style,
    Summary,
    Svg,
    Math,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    Ul,
    Video,
    Audio,
    /// Any other element, identified by a hash of its lower-cased name.
    Other(u32),
}

impl Tag {
    /// Looks up a tag name, ignoring ASCII case.
    pub fn from_name(name: &[u8]) -> Tag {
        let mut lower = [0u8; 12];
        if name.len() > lower.len() {
            return Tag::Other(hash_lowercase(name));
        }
        for (slot, byte) in lower.iter_mut().zip(name) {
            *slot = byte.to_ascii_lowercase();
        }
        match &lower[..name.len()] {
            b"a" => Tag::A,
            b"address" => Tag::Address,
            b"article" => Tag::Article,
            b"aside" => Tag::Aside,
            b"b" => Tag::B,
            b"blockquote" => Tag::Blockquote,
            b"body" => Tag::Body,
            b"br" => Tag::Br,
            b"button" => Tag::Button,
            b"canvas" => Tag::Canvas,
            b"caption" => Tag::Caption,
            b"dd" => Tag::Dd,
            b"details" => Tag::Details,
            b"dialog" => Tag::Dialog,
            b"div" => Tag::Div,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"em" => Tag::Em,
            b"embed" => Tag::Embed,
            b"fieldset" => Tag::Fieldset,
            b"figcaption" => Tag::Figcaption,
            b"figure" => Tag::Figure,
            b"footer" => Tag::Footer,
            b"form" => Tag::Form,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"head" => Tag::Head,
            b"header" => Tag::Header,
            b"hr" => Tag::Hr,
            b"html" => Tag::Html,
            b"i" => Tag::I,
            b"iframe" => Tag::Iframe,
            b"img" => Tag::Img,
            b"input" => Tag::Input,
            b"label" => Tag::Label,
            b"li" => Tag::Li,
            b"link" => Tag::Link,
            b"main" => Tag::Main,
            b"menu" => Tag::Menu,
            b"meta" => Tag::Meta,
            b"nav" => Tag::Nav,
            b"noscript" => Tag::Noscript,
            b"object" => Tag::Object,
            b"ol" => Tag::Ol,
            b"optgroup" => Tag::Optgroup,
            b"option" => Tag::Option,
            b"p" => Tag::P,
            b"picture" => Tag::Picture,
            b"pre" => Tag::Pre,
            b"script" => Tag::Script,
            b"section" => Tag::Section,
            b"select" => Tag::Select,
            b"source" => Tag::Source,
            b"span" => Tag::Span,
            b"strong" => Tag::Strong,
            b"style" => Tag::Style,
            b"summary" => Tag::Summary,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"table" => Tag::Table,
            b"tbody" => Tag::Tbody,
            b"td" => Tag::Td,
            b"template" => Tag::Template,
            b"textarea" => Tag::Textarea,
            b"tfoot" => Tag::Tfoot,
            b"th" => Tag::Th,
            b"thead" => Tag::Thead,
            b"time" => Tag::Time,
            b"title" => Tag::Title,
            b"tr" => Tag::Tr,
            b"ul" => Tag::Ul,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            _ => Tag::Other(hash_lowercase(name)),
        }
    }

    /// Elements that never have content or an end tag.
    fn is_void(self, name: &[u8]) -> bool {
        match self {
            Tag::Br
            | Tag::Embed
            | Tag::Hr
            | Tag::Img
            | Tag::Input
            | Tag::Link
            | Tag::Meta
            | Tag::Source => true,
            Tag::Other(_) => [
                &b"area"[..],
                b"base",
                b"col",
                b"param",
                b"track",
                b"wbr",
                b"keygen",
                b"basefont",
                b"bgsound",
                b"frame",
            ]
            .iter()
            .any(|void| void.eq_ignore_ascii_case(name)),
            _ => false,
        }
    }

    /// Elements whose content is not markup: everything up to the matching end tag is their text.
    fn is_raw_text(self, name: &[u8]) -> bool {
        match self {
            Tag::Script | Tag::Style | Tag::Textarea | Tag::Title | Tag::Template => true,
            Tag::Noscript | Tag::Iframe => true,
            Tag::Other(_) => [&b"xmp"[..], b"noembed", b"noframes", b"plaintext"]
                .iter()
                .any(|raw| raw.eq_ignore_ascii_case(name)),
            _ => false,
        }
    }

    /// Block-level elements: a new one ends an open paragraph, and their text starts a new block.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Body
                | Tag::Caption
                | Tag::Dd
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Html
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
                | Tag::Root
        )
    }

    /// Headings `h1`..`h6`.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Block elements that close an open `p`, as the HTML parsing rules say.
    fn closes_paragraph(self) -> bool {
        self.is_block() && !matches!(self, Tag::Td | Tag::Th | Tag::Tr | Tag::Caption)
    }
}

fn hash_lowercase(name: &[u8]) -> u32 {
    // FNV-1a: tiny, and collisions only merge two unknown tag names for end-tag matching.
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name {
        hash ^= u32::from(byte.to_ascii_lowercase());
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Attributes the extractor reads. Others are skipped while parsing to save allocations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrName {
    Id,
    Class,
    Role,
    Itemprop,
    Property,
    Name,
    Content,
    Charset,
    HttpEquiv,
    Rel,
    Href,
    Datetime,
    Lang,
    Type,
    Hidden,
    Style,
    AriaHidden,
}

impl AttrName {
    fn from_name(name: &[u8]) -> Option<AttrName> {
        let mut lower = [0u8; 11];
        if name.len() > lower.len() {
            return None;
        }
        for (slot, byte) in lower.iter_mut().zip(name) {
            *slot = byte.to_ascii_lowercase();
        }
        Some(match &lower[..name.len()] {
            b"id" => AttrName::Id,
            b"class" => AttrName::Class,
            b"role" => AttrName::Role,
            b"itemprop" => AttrName::Itemprop,
            b"property" => AttrName::Property,
            b"name" => AttrName::Name,
            b"content" => AttrName::Content,
            b"charset" => AttrName::Charset,
            b"http-equiv" => AttrName::HttpEquiv,
            b"rel" => AttrName::Rel,
            b"href" => AttrName::Href,
            b"datetime" => AttrName::Datetime,
            b"lang" => AttrName::Lang,
            b"type" => AttrName::Type,
            b"hidden" => AttrName::Hidden,
            b"style" => AttrName::Style,
            b"aria-hidden" => AttrName::AriaHidden,
            _ => return None,
        })
    }
}

/// What a node is: an element (with its attributes in [`Document::attributes`]) or a run of text.
#[derive(Debug, Clone)]
pub enum NodeKind<'a> {
    Element {
        tag: Tag,
        first_attribute: u32,
        attribute_count: u16,
    },
    Text(Cow<'a, str>),
}

/// One node of the arena, linked to its parent, first child and next sibling.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub kind: NodeKind<'a>,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
}

/// A parsed page: the node arena and the attributes the extractor may read.
#[derive(Debug)]
pub struct Document<'a> {
    pub nodes: Vec<Node<'a>>,
    pub attributes: Vec<(AttrName, Cow<'a, str>)>,
}

impl<'a> Document<'a> {
    /// Parses `source` leniently; every input gives a tree.
    pub fn parse(source: &'a str) -> Document<'a> {
        let mut builder = Builder::new(source);
        builder.run();
        builder.document
    }

    /// The tag of `node`, or `None` for a text node.
    pub fn tag(&self, node: NodeId) -> Option<Tag> {
        match self.nodes.get(node as usize)?.kind {
            NodeKind::Element { tag, .. } => Some(tag),
            NodeKind::Text(_) => None,
        }
    }

    /// The value of attribute `name` on element `node`, if present.
    pub fn attribute(&self, node: NodeId, name: AttrName) -> Option<&str> {
        let NodeKind::Element {
            first_attribute,
            attribute_count,
            ..
        } = self.nodes.get(node as usize)?.kind
        else {
            return None;
        };
        let start = first_attribute as usize;
        let end = start + usize::from(attribute_count);
        self.attributes
            .get(start..end)?
            .iter()
            .find(|(attribute, _)| *attribute == name)
            .map(|(_, value)| value.as_ref())
    }

    /// The children of `node`, in document order.
    pub fn children(&self, node: NodeId) -> Children<'_, 'a> {
        let first = self
            .nodes
            .get(node as usize)
            .map_or(NO_NODE, |n| n.first_child);
        Children {
            document: self,
            next: first,
        }
    }

    /// Every element with tag `tag`, in document order.
    pub fn elements_with_tag(&self, tag: Tag) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, node)| {
                matches!(node.kind, NodeKind::Element { tag: node_tag, .. } if node_tag == tag)
            })
            .map(|(index, _)| index as NodeId)
    }

    /// The concatenated text under `node` (all descendants), without any spacing added.
    pub fn raw_text(&self, node: NodeId) -> String {
        let mut out = String::new();
        self.collect_text(node, &mut out);
        out
    }

    fn collect_text(&self, node: NodeId, out: &mut String) {
        let Some(current) = self.nodes.get(node as usize) else {
            return;
        };
        match &current.kind {
            NodeKind::Text(text) => out.push_str(text),
            NodeKind::Element { .. } => {
                // An explicit stack keeps deeply nested junk pages from exhausting the call stack.
                let mut stack = vec![current.first_child];
                while let Some(next) = stack.pop() {
                    if next == NO_NODE {
                        continue;
                    }
                    let Some(child) = self.nodes.get(next as usize) else {
                        continue;
                    };
                    stack.push(child.next_sibling);
                    match &child.kind {
                        NodeKind::Text(text) => out.push_str(text),
                        NodeKind::Element { .. } => stack.push(child.first_child),
                    }
                }
            }
        }
    }
}

/// Iterator over the children of one node.
pub struct Children<'d, 'a> {
    document: &'d Document<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NO_NODE {
            return None;
        }
        let current = self.next;
        self.next = self
            .document
            .nodes
            .get(current as usize)
            .map_or(NO_NODE, |node| node.next_sibling);
        Some(current)
    }
}

/// Deepest nesting kept; deeper start tags are flattened into the deepest open element so that
/// hostile pages cannot make later passes quadratic.
const MAX_DEPTH: usize = 512;

struct Builder<'a> {
    source: &'a str,
    position: usize,
    document: Document<'a>,
    /// Open elements, innermost last, with their tag and raw name hash for end-tag matching.
    open: Vec<(NodeId, Tag)>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Builder<'a> {
        let root = Node {
            kind: NodeKind::Element {
                tag: Tag::Root,
                first_attribute: 0,
                attribute_count: 0,
            },
            parent: NO_NODE,
            first_child: NO_NODE,
            last_child: NO_NODE,
            next_sibling: NO_NODE,
        };
        let mut nodes = Vec::with_capacity(source.len() / 40 + 16);
        nodes.push(root);
        Builder {
            source,
            position: 0,
            document: Document {
                nodes,
                attributes: Vec::with_capacity(source.len() / 200 + 16),
            },
            open: vec![(ROOT, Tag::Root)],
        }
    }

    fn current_parent(&self) -> NodeId {
        self.open.last().map_or(ROOT, |(node, _)| *node)
    }

    fn append(&mut self, kind: NodeKind<'a>) -> NodeId {
        let parent = self.current_parent();
        let id = self.document.nodes.len() as NodeId;
        self.document.nodes.push(Node {
            kind,
            parent,
            first_child: NO_NODE,
            last_child: NO_NODE,
            next_sibling: NO_NODE,
        });
        if let Some(parent_node) = self.document.nodes.get(parent as usize) {
            let previous_last = parent_node.last_child;
            if previous_last == NO_NODE {
                self.document.nodes[parent as usize].first_child = id;
            } else {
                self.document.nodes[previous_last as usize].next_sibling = id;
            }
            self.document.nodes[parent as usize].last_child = id;
        }
        id
    }

    fn append_text(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let Some(raw) = self.source.get(start..end) else {
            return;
        };
        let text = decode_entities(raw);
        self.append(NodeKind::Text(text));
    }

    fn run(&mut self) {
        let bytes = self.source.as_bytes();
        let mut text_start = 0;
        while self.position < bytes.len() {
            let Some(offset) = memchr::memchr(b'<', &bytes[self.position..]) else {
                self.position = bytes.len();
                break;
            };
            let tag_start = self.position + offset;
            let next = bytes.get(tag_start + 1).copied().unwrap_or(b' ');
            if next == b'!' || next == b'?' {
                self.append_text(text_start, tag_start);
                self.position = skip_markup_declaration(bytes, tag_start);
                text_start = self.position;
            } else if next == b'/' {
                let name_start = tag_start + 2;
                let name_end = scan_name(bytes, name_start);
                if name_end == name_start {
                    // `</` without a name: the spec treats `</>` as nothing and `</ x` as a comment.
                    self.append_text(text_start, tag_start);
                    self.position =
                        find_byte(bytes, tag_start, b'>').map_or(bytes.len(), |p| p + 1);
                    text_start = self.position;
                    continue;
                }
                self.append_text(text_start, tag_start);
                let name = &bytes[name_start..name_end];
                self.position = find_byte(bytes, name_end, b'>').map_or(bytes.len(), |p| p + 1);
                text_start = self.position;
                self.close_element(Tag::from_name(name));
            } else if next.is_ascii_alphabetic() {
                self.append_text(text_start, tag_start);
                let name_end = scan_name(bytes, tag_start + 1);
                let name = &bytes[tag_start + 1..name_end];
                let tag = Tag::from_name(name);
                let (first_attribute, attribute_count, after_tag) = self.parse_attributes(name_end);
                self.position = after_tag;
                text_start = after_tag;
                self.open_element(tag, name, first_attribute, attribute_count);
                if tag.is_raw_text(name) {
                    let content_end = find_end_tag(bytes, after_tag, name);
                    let element = self.current_parent();
                    if matches!(tag, Tag::Title | Tag::Textarea) {
                        self.append_text(after_tag, content_end);
                    } else if let Some(raw) = self.source.get(after_tag..content_end) {
                        // Script and style bodies are kept raw: JSON-LD lives in a script.
                        self.append(NodeKind::Text(Cow::Borrowed(raw)));
                    }
                    if self.current_parent() == element {
                        self.open.pop();
                    }
                    self.position = find_byte(bytes, content_end, b'>')
                        .map_or(bytes.len(), |p| p + 1)
                        .max(content_end);
                    text_start = self.position;
                }
            } else {
                // A lone `<` is text; keep scanning after it.
                self.position = tag_start + 1;
            }
        }
        self.append_text(text_start, bytes.len());
    }

    fn open_element(&mut self, tag: Tag, name: &[u8], first_attribute: u32, attribute_count: u16) {
        self.apply_implied_end_tags(tag);
        let node = self.append(NodeKind::Element {
            tag,
            first_attribute,
            attribute_count,
        });
        if !tag.is_void(name) && self.open.len() < MAX_DEPTH {
            self.open.push((node, tag));
        }
    }

    /// Closes elements that the start of `tag` ends implicitly, so lists and paragraphs without
    /// end tags still become siblings rather than a staircase of nested nodes.
    fn apply_implied_end_tags(&mut self, tag: Tag) {
        // Anything that cannot live in `<head>` ends it, so a missing `</head>` does not swallow
        // the page.
        let allowed_in_head = matches!(
            tag,
            Tag::Meta
                | Tag::Link
                | Tag::Title
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Other(_)
        );
        if !allowed_in_head {
            self.close_if_open_within(Tag::Head, &[]);
        }
        if tag.closes_paragraph() {
            self.close_if_open_within(
                Tag::P,
                &[
                    Tag::Div,
                    Tag::Td,
                    Tag::Th,
                    Tag::Table,
                    Tag::Li,
                    Tag::Blockquote,
                    Tag::Article,
                    Tag::Section,
                    Tag::Body,
                ],
            );
        }
        match tag {
            Tag::Li => self.close_if_open_within(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu]),
            Tag::Dt | Tag::Dd => {
                self.close_if_open_within(Tag::Dt, &[Tag::Dl]);
                self.close_if_open_within(Tag::Dd, &[Tag::Dl]);
            }
            Tag::Option => self.close_if_open_within(Tag::Option, &[Tag::Select]),
            Tag::Tr => {
                self.close_if_open_within(Tag::Td, &[Tag::Table]);
                self.close_if_open_within(Tag::Th, &[Tag::Table]);
                self.close_if_open_within(Tag::Tr, &[Tag::Table]);
            }
            Tag::Td | Tag::Th => {
                self.close_if_open_within(Tag::Td, &[Tag::Tr, Tag::Table]);
                self.close_if_open_within(Tag::Th, &[Tag::Tr, Tag::Table]);
            }
            _ => {}
        }
    }

    /// Pops up to and including the innermost open `target`, unless a `boundary` is open inside it.
    fn close_if_open_within(&mut self, target: Tag, boundaries: &[Tag]) {
        for index in (1..self.open.len()).rev() {
            let open_tag = self.open[index].1;
            if open_tag == target {
                self.open.truncate(index);
                return;
            }
            if boundaries.contains(&open_tag) {
                return;
            }
        }
    }

    fn close_element(&mut self, tag: Tag) {
        if matches!(tag, Tag::Body | Tag::Html) {
            // Text after `</body>` still belongs to the page; closing these adds nothing.
            return;
        }
        if tag == Tag::Br {
            // `</br>` is read as `<br>` by browsers.
            self.append(NodeKind::Element {
                tag: Tag::Br,
                first_attribute: 0,
                attribute_count: 0,
            });
            return;
        }
        if let Some(index) = (1..self.open.len()).rev().find(|&i| self.open[i].1 == tag) {
            self.open.truncate(index);
        }
    }

    /// Reads attributes from `position` to the end of the tag; returns the first attribute index,
    /// how many were kept, and the position after `>`.
    fn parse_attributes(&mut self, mut position: usize) -> (u32, u16, usize) {
        let bytes = self.source.as_bytes();
        let first = self.document.attributes.len() as u32;
        let mut count: u16 = 0;
        loop {
            while position < bytes.len()
                && (bytes[position].is_ascii_whitespace() || bytes[position] == b'/')
            {
                position += 1;
            }
            if position >= bytes.len() {
                return (first, count, bytes.len());
            }
            if bytes[position] == b'>' {
                return (first, count, position + 1);
            }
            let name_start = position;
            while position < bytes.len()
                && !bytes[position].is_ascii_whitespace()
                && !matches!(bytes[position], b'=' | b'>' | b'/')
            {
                position += 1;
            }
            // A `/` inside a name (not before `>`) must still make progress.
            if position == name_start {
                position += 1;
                continue;
            }
            let name = &bytes[name_start..position];
            while position < bytes.len() && bytes[position].is_ascii_whitespace() {
                position += 1;
            }
            let mut value: Option<(usize, usize)> = None;
            if bytes.get(position) == Some(&b'=') {
                position += 1;
                while position < bytes.len() && bytes[position].is_ascii_whitespace() {
                    position += 1;
                }
                match bytes.get(position) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let value_start = position + 1;
                        let value_end = find_byte(bytes, value_start, quote).unwrap_or(bytes.len());
                        value = Some((value_start, value_end));
                        position = (value_end + 1).min(bytes.len());
                    }
                    _ => {
                        let value_start = position;
                        while position < bytes.len()
                            && !bytes[position].is_ascii_whitespace()
                            && bytes[position] != b'>'
                        {
                            position += 1;
                        }
                        value = Some((value_start, position));
                    }
                }
            }
            if let Some(attribute) = AttrName::from_name(name) {
                let text = value
                    .and_then(|(start, end)| self.source.get(start..end))
                    .map_or(Cow::Borrowed(""), decode_entities);
                if count < u16::MAX {
                    self.document.attributes.push((attribute, text));
                    count += 1;
                }
            }
        }
    }
}

fn scan_name(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len()
        && !bytes[end].is_ascii_whitespace()
        && !matches!(bytes[end], b'>' | b'/')
    {
        end += 1;
    }
    end
}

fn find_byte(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|offset| from + offset)
}

/// Skips `<!-- ... -->`, `<!DOCTYPE ...>`, `<![CDATA[ ... ]]>` and `<? ... >`; returns the position after.
fn skip_markup_declaration(bytes: &[u8], start: usize) -> usize {
    let rest = &bytes[start..];
    if rest.starts_with(b"<!--") {
        return memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |p| start + 4 + p + 3);
    }
    if rest.starts_with(b"<![CDATA[") {
        return memchr::memmem::find(rest, b"]]>").map_or(bytes.len(), |p| start + p + 3);
    }
    find_byte(bytes, start, b'>').map_or(bytes.len(), |p| p + 1)
}

/// Finds where `</name` starts (ASCII case-insensitive) at or after `from`, or the end of input.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut position = from;
    while let Some(found) = memchr::memmem::find(bytes.get(position..).unwrap_or_default(), b"</") {
        let candidate = position + found;
        let name_start = candidate + 2;
        let name_end = name_start + name.len();
        if let Some(found_name) = bytes.get(name_start..name_end)
            && found_name.eq_ignore_ascii_case(name)
            && bytes
                .get(name_end)
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        {
            return candidate;
        }
        position = candidate + 2;
    }
    bytes.len()
}

/// Replaces character references (`&amp;`, `&#8217;`, `&#x2019;` and common named ones);
/// unknown references stay as written.
pub fn decode_entities(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match decode_one_reference(after) {
            Some((decoded, consumed)) => {
                out.push(decoded);
                rest = &after[consumed..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the reference at the start of `after` (the text after `&`); returns the character and
/// how many bytes of `after` it used, including a `;` if present.
fn decode_one_reference(after: &str) -> Option<(char, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (digits_start, radix) = match bytes.get(1) {
            Some(b'x' | b'X') => (2, 16),
            _ => (1, 10),
        };
        let digits_end = digits_start
            + bytes[digits_start..]
                .iter()
                .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
                .count();
        if digits_end == digits_start || digits_end - digits_start > 8 {
            return None;
        }
        let value = u32::from_str_radix(&after[digits_start..digits_end], radix).ok()?;
        let character = match value {
            // Windows-1252 code points that pages write as numeric references.
            0x80..=0x9f => windows_1252_c1(value),
            0 => '\u{fffd}',
            _ => char::from_u32(value).unwrap_or('\u{fffd}'),
        };
        let consumed = digits_end + usize::from(bytes.get(digits_end) == Some(&b';'));
        return Some((character, consumed));
    }
    let name_end = bytes
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_end == 0 {
        return None;
    }
    let character = named_entity(&after[..name_end])?;
    let consumed = name_end + usize::from(bytes.get(name_end) == Some(&b';'));
    Some((character, consumed))
}

fn windows_1252_c1(value: u32) -> char {
    let table: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    table
        .get((value - 0x80) as usize)
        .copied()
        .unwrap_or('\u{fffd}')
}

/// The named references that occur in news pages; the full HTML table has 2,231 names, most of
/// them mathematical symbols that do not change word tokens.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "prime" => '′',
        "Prime" => '″',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "szlig" => 'ß',
        "aacute" => 'á',
        "Aacute" => 'Á',
        "agrave" => 'à',
        "Agrave" => 'À',
        "acirc" => 'â',
        "Acirc" => 'Â',
        "atilde" => 'ã',
        "Atilde" => 'Ã',
        "auml" => 'ä',
        "Auml" => 'Ä',
        "aring" => 'å',
        "Aring" => 'Å',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "Egrave" => 'È',
        "ecirc" => 'ê',
        "Ecirc" => 'Ê',
        "euml" => 'ë',
        "Euml" => 'Ë',
        "iacute" => 'í',
        "Iacute" => 'Í',
        "igrave" => 'ì',
        "Igrave" => 'Ì',
        "icirc" => 'î',
        "Icirc" => 'Î',
        "iuml" => 'ï',
        "Iuml" => 'Ï',
        "ntilde" => 'ñ',
        "Ntilde" => 'Ñ',
        "oacute" => 'ó',
        "Oacute" => 'Ó',
        "ograve" => 'ò',
        "Ograve" => 'Ò',
        "ocirc" => 'ô',
        "Ocirc" => 'Ô',
        "otilde" => 'õ',
        "Otilde" => 'Õ',
        "ouml" => 'ö',
        "Ouml" => 'Ö',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "uacute" => 'ú',
        "Uacute" => 'Ú',
        "ugrave" => 'ù',
        "Ugrave" => 'Ù',
        "ucirc" => 'û',
        "Ucirc" => 'Û',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "yacute" => 'ý',
        "Yacute" => 'Ý',
        "yuml" => 'ÿ',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "scaron" => 'š',
        "Scaron" => 'Š',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(document: &Document<'_>) -> Vec<String> {
        document
            .nodes
            .iter()
            .filter_map(|node| match &node.kind {
                NodeKind::Text(text) => Some(text.to_string()),
                NodeKind::Element { .. } => None,
            })
            .collect()
    }

    #[test]
    fn unclosed_paragraphs_become_siblings() {
        let document = Document::parse("<div><p>one<p>two</div>");
        let paragraphs: Vec<NodeId> = document.elements_with_tag(Tag::P).collect();
        assert_eq!(paragraphs.len(), 2);
        let parents: Vec<NodeId> = paragraphs
            .iter()
            .map(|&p| document.nodes[p as usize].parent)
            .collect();
        assert_eq!(parents[0], parents[1]);
    }

    #[test]
    fn script_body_is_not_parsed_as_markup() {
        let document = Document::parse("<script>if (a<b) { x = '</p>'; }</script><p>after</p>");
        assert_eq!(texts(&document), vec!["if (a<b) { x = '</p>'; }", "after"]);
    }

    #[test]
    fn attributes_and_entities_are_decoded() {
        let document = Document::parse(
            "<meta property=og:title content=\"Tom &amp; Jerry\"><p class='x'>a&nbsp;b &#8217; &#x41; &bogus;</p>",
        );
        let meta = document.elements_with_tag(Tag::Meta).next().unwrap();
        assert_eq!(
            document.attribute(meta, AttrName::Content),
            Some("Tom & Jerry")
        );
        assert_eq!(
            document.attribute(meta, AttrName::Property),
            Some("og:title")
        );
        assert_eq!(texts(&document), vec!["a\u{a0}b \u{2019} A &bogus;"]);
    }

    #[test]
    fn missing_head_end_tag_does_not_swallow_the_body() {
        let document = Document::parse("<html><head><title>t</title><body><p>text</p>");
        let paragraph = document.elements_with_tag(Tag::P).next().unwrap();
        let head = document.elements_with_tag(Tag::Head).next().unwrap();
        assert_ne!(document.nodes[paragraph as usize].parent, head);
    }

    #[test]
    fn stray_end_tags_and_comments_are_ignored() {
        let document = Document::parse("</span><!-- <p>hidden</p> --><p>shown</b></p>");
        assert_eq!(texts(&document), vec!["shown"]);
    }

    #[test]
    fn truncated_input_still_gives_a_tree() {
        for input in [
            "<p class=\"unterminated",
            "<!-- open",
            "<script>never closed",
            "<",
            "&#",
            "a<b",
        ] {
            let document = Document::parse(input);
            assert!(!document.nodes.is_empty());
        }
    }
}
