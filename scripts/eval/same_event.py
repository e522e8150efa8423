#!/usr/bin/env python3
"""Score how truce merges reports of the same real-world event across articles.

    python3 scripts/eval/same_event.py GOLD.jsonl REPORTS.jsonl [--json]
    python3 scripts/eval/same_event.py --self-test

GOLD.jsonl (`crates/cli/tests/data/same_event/gold.jsonl`) has one line per article,
`{"id", "story", "event": [accepted PLOVER types], "note"}`, and one line per near-miss
relation, `{"near_miss": [STORY_A, STORY_B], "why"}`: two stories that must stay apart.
REPORTS.jsonl is the output of `truce events --reports --format jsonl`: one report per line
with at least `doc_id`, `event` (PLOVER type) and `event_id` (the real-world event the
report was merged into).

An article's predicted events are the `event_id`s of its reports (`doc_id` equal to the
article's id) whose type is one the gold accepts for the article's main event. Two articles are
predicted the same when their predicted sets intersect, and are the same in truth when they
tell the same story. From that relation the scorer prints

- pairwise precision, recall and F1 over all pairs of gold articles, and over the "coded
  pairs", where both articles have at least one predicted event (an article without one is a
  coding miss, not a merging error);
- the articles without a coded main event;
- the false merges between articles of near-miss stories;
- B-cubed precision, recall and F1 over the coded articles, where an article's predicted
  cluster is every coded article predicted the same as it (itself included) and its gold
  cluster every coded article of its story. When each article has one predicted event this is
  the usual B-cubed over a partition.

A ratio whose denominator is zero (no predicted pair, no coded article) is printed as "n/a"
and written as null. Python 3 standard library only.
"""
import argparse
import io
import itertools
import json
import sys

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


class InputError(Exception):
    """A gold or reports file that cannot be scored; the message names the file and line."""


def read_jsonl(handle, name):
    """Yield (line number, object) for every non-blank line of a JSON Lines stream."""
    for line_no, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{name}:{line_no}: not JSON: {error}") from None
        if not isinstance(record, dict):
            raise InputError(f"{name}:{line_no}: not a JSON object")
        yield line_no, record


def load_gold(handle, name="gold"):
    """Read the gold: {article id: {"story", "event": set, "note"}} and [(story, story, why)]."""
    articles = {}
    near_misses = []
    for line_no, record in read_jsonl(handle, name):
        where = f"{name}:{line_no}"
        if "near_miss" in record:
            pair = record["near_miss"]
            if not (isinstance(pair, list) and len(pair) == 2 and pair[0] != pair[1]):
                raise InputError(f"{where}: near_miss must name two different stories")
            near_misses.append((str(pair[0]), str(pair[1]), record.get("why", ""), where))
            continue
        for field in ("id", "story", "event"):
            if field not in record:
                raise InputError(f"{where}: an article line needs {field!r}")
        article_id = str(record["id"])
        if article_id in articles:
            raise InputError(f"{where}: article {article_id!r} is listed twice")
        types = record["event"]
        if isinstance(types, str):
            types = [types]
        unknown = [t for t in types if t not in PLOVER_TYPES]
        if not types or unknown:
            raise InputError(f"{where}: event must list PLOVER types (unknown: {unknown})")
        articles[article_id] = {
            "story": str(record["story"]),
            "event": set(types),
            "note": record.get("note", ""),
        }
    stories = {gold["story"] for gold in articles.values()}
    for story_a, story_b, _, where in near_misses:
        for story in (story_a, story_b):
            if story not in stories:
                raise InputError(f"{where}: near_miss names {story!r}, a story with no article")
    return articles, [(a, b, why) for a, b, why, _ in near_misses]


def load_reports(handle, name="reports"):
    """Read the reports as a list of {"doc_id", "event", "event_id"}."""
    reports = []
    for line_no, record in read_jsonl(handle, name):
        missing = [f for f in ("doc_id", "event", "event_id") if record.get(f) is None]
        if missing:
            raise InputError(
                f"{name}:{line_no}: a report needs {', '.join(missing)} "
                "(expected the output of `truce events --reports --format jsonl`)"
            )
        reports.append(
            {
                "doc_id": str(record["doc_id"]),
                "event": record["event"],
                "event_id": str(record["event_id"]),
            }
        )
    return reports


def predicted_events(articles, reports):
    """Each gold article's set of event ids, from its reports of an accepted type."""
    predicted = {article_id: set() for article_id in articles}
    for report in reports:
        gold = articles.get(report["doc_id"])
        if gold is not None and report["event"] in gold["event"]:
            predicted[report["doc_id"]].add(report["event_id"])
    return predicted


def ratio(numerator, denominator):
    return numerator / denominator if denominator else None


def f1(precision, recall):
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def pairwise(ids, articles, predicted):
    """Pairwise counts and figures over every pair of the given article ids."""
    true_pos = false_pos = false_neg = 0
    for id_a, id_b in itertools.combinations(ids, 2):
        gold_same = articles[id_a]["story"] == articles[id_b]["story"]
        predicted_same = bool(predicted[id_a] & predicted[id_b])
        if gold_same and predicted_same:
            true_pos += 1
        elif predicted_same:
            false_pos += 1
        elif gold_same:
            false_neg += 1
    precision = ratio(true_pos, true_pos + false_pos)
    recall = ratio(true_pos, true_pos + false_neg)
    return {
        "pairs": len(ids) * (len(ids) - 1) // 2,
        "true_merges": true_pos,
        "false_merges": false_pos,
        "missed_merges": false_neg,
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
    }


def bcubed(ids, articles, predicted):
    """B-cubed over the given (coded) article ids, clusters read from the same relation."""
    if not ids:
        return {"articles": 0, "precision": None, "recall": None, "f1": None}
    precision_sum = recall_sum = 0.0
    for article_id in ids:
        predicted_cluster = {other for other in ids if predicted[article_id] & predicted[other]}
        predicted_cluster.add(article_id)
        story = articles[article_id]["story"]
        gold_cluster = {other for other in ids if articles[other]["story"] == story}
        overlap = len(predicted_cluster & gold_cluster)
        precision_sum += overlap / len(predicted_cluster)
        recall_sum += overlap / len(gold_cluster)
    precision = precision_sum / len(ids)
    recall = recall_sum / len(ids)
    return {"articles": len(ids), "precision": precision, "recall": recall, "f1": f1(precision, recall)}


def score(articles, near_misses, reports):
    """Every figure the scorer prints, as one JSON-ready dict."""
    predicted = predicted_events(articles, reports)
    ids = sorted(articles)
    coded = [article_id for article_id in ids if predicted[article_id]]
    uncoded = [article_id for article_id in ids if not predicted[article_id]]

    near_pairs = 0
    near_false_merges = []
    for story_a, story_b, why in near_misses:
        for id_a in ids:
            if articles[id_a]["story"] != story_a:
                continue
            for id_b in ids:
                if articles[id_b]["story"] != story_b:
                    continue
                near_pairs += 1
                shared = predicted[id_a] & predicted[id_b]
                if shared:
                    near_false_merges.append(
                        {
                            "stories": [story_a, story_b],
                            "articles": [id_a, id_b],
                            "event_ids": sorted(shared),
                            "why": why,
                        }
                    )

    gold_doc_ids = set(articles)
    return {
        "articles": len(ids),
        "stories": len({articles[article_id]["story"] for article_id in ids}),
        "reports": len(reports),
        "reports_of_gold_articles": sum(1 for r in reports if r["doc_id"] in gold_doc_ids),
        "coded_articles": len(coded),
        "all_pairs": pairwise(ids, articles, predicted),
        "coded_pairs": pairwise(coded, articles, predicted),
        "uncoded": [
            {"id": article_id, "story": articles[article_id]["story"],
             "accepted": sorted(articles[article_id]["event"])}
            for article_id in uncoded
        ],
        "near_miss": {
            "story_pairs": len(near_misses),
            "article_pairs": near_pairs,
            "false_merges": near_false_merges,
        },
        "bcubed": bcubed(coded, articles, predicted),
    }


def show(value):
    return "n/a" if value is None else f"{value:.3f}"


def print_text(result, out=sys.stdout):
    write = lambda line="": print(line, file=out)  # noqa: E731
    write(
        f"{result['articles']} articles in {result['stories']} stories; "
        f"{result['reports_of_gold_articles']} of {result['reports']} reports are of gold articles"
    )
    for key, title in (("all_pairs", "all article pairs"), ("coded_pairs", "coded pairs")):
        figures = result[key]
        write(
            f"pairwise, {title} ({figures['pairs']}): precision {show(figures['precision'])}  "
            f"recall {show(figures['recall'])}  F1 {show(figures['f1'])}  "
            f"(true merges {figures['true_merges']}, false merges {figures['false_merges']}, "
            f"missed {figures['missed_merges']})"
        )
    figures = result["bcubed"]
    write(
        f"B-cubed, {figures['articles']} coded articles: precision {show(figures['precision'])}  "
        f"recall {show(figures['recall'])}  F1 {show(figures['f1'])}"
    )
    write()
    write(f"articles without a coded main event: {len(result['uncoded'])}")
    for entry in result["uncoded"]:
        write(f"  {entry['id']}  ({entry['story']}; accepts {', '.join(entry['accepted'])})")
    near = result["near_miss"]
    write(
        f"false merges among near-miss stories: {len(near['false_merges'])} "
        f"of {near['article_pairs']} article pairs in {near['story_pairs']} story pairs"
    )
    for entry in near["false_merges"]:
        write(
            f"  {entry['articles'][0]} + {entry['articles'][1]}  "
            f"({entry['stories'][0]} / {entry['stories'][1]}: {entry['why']}; "
            f"event {', '.join(entry['event_ids'])})"
        )


# ---------------------------------------------------------------------------------------------
# Self-test: small in-memory examples whose figures were worked out by hand.

def _lines(records):
    return io.StringIO("".join(json.dumps(record) + "\n" for record in records))


def _close(actual, expected, what):
    if expected is None:
        assert actual is None, f"{what}: expected n/a, got {actual}"
    else:
        assert actual is not None and abs(actual - expected) < 1e-9, (
            f"{what}: expected {expected}, got {actual}"
        )


def _example_mixed():
    # Stories A (a1 a2 a3), B (b1 b2), C (c1); A and C are a near miss.
    gold = [
        {"id": "a1", "story": "A", "event": ["ASSAULT"]},
        {"id": "a2", "story": "A", "event": ["ASSAULT"]},
        {"id": "a3", "story": "A", "event": ["ASSAULT", "COERCE"]},
        {"id": "b1", "story": "B", "event": ["PROTEST"]},
        {"id": "b2", "story": "B", "event": ["PROTEST"]},
        {"id": "c1", "story": "C", "event": ["ASSAULT"]},
        {"near_miss": ["A", "C"], "why": "same place, a week later"},
    ]
    reports = [
        {"doc_id": "a1", "event": "ASSAULT", "event_id": "E1"},
        {"doc_id": "a1", "event": "PROTEST", "event_id": "E3"},  # not an accepted type: ignored
        {"doc_id": "a2", "event": "ASSAULT", "event_id": "E1"},
        {"doc_id": "a3", "event": "COERCE", "event_id": "E2"},
        {"doc_id": "b1", "event": "PROTEST", "event_id": "E3"},
        {"doc_id": "b2", "event": "ASSAULT", "event_id": "E3"},  # wrong type: b2 is uncoded
        {"doc_id": "c1", "event": "ASSAULT", "event_id": "E1"},  # the near miss merged into A
        {"doc_id": "zz", "event": "ASSAULT", "event_id": "E1"},  # not a gold article
    ]
    return gold, reports


def self_test():
    # 1. Mixed: a split, a false merge across a near miss, an uncoded article.
    gold, reports = _example_mixed()
    articles, near = load_gold(_lines(gold))
    result = score(articles, near, load_reports(_lines(reports)))
    assert result["articles"] == 6 and result["stories"] == 3, result
    assert result["reports"] == 8 and result["reports_of_gold_articles"] == 7, result
    figures = result["all_pairs"]
    # 15 pairs; gold-same a1a2 a1a3 a2a3 b1b2; predicted-same a1a2 a1c1 a2c1.
    assert (figures["pairs"], figures["true_merges"], figures["false_merges"],
            figures["missed_merges"]) == (15, 1, 2, 3), figures
    _close(figures["precision"], 1 / 3, "all precision")
    _close(figures["recall"], 1 / 4, "all recall")
    _close(figures["f1"], 2 / 7, "all F1")
    figures = result["coded_pairs"]
    # Coded a1 a2 a3 b1 c1: 10 pairs, gold-same a1a2 a1a3 a2a3.
    assert (figures["pairs"], figures["true_merges"], figures["false_merges"],
            figures["missed_merges"]) == (10, 1, 2, 2), figures
    _close(figures["precision"], 1 / 3, "coded precision")
    _close(figures["recall"], 1 / 3, "coded recall")
    _close(figures["f1"], 1 / 3, "coded F1")
    assert [entry["id"] for entry in result["uncoded"]] == ["b2"], result["uncoded"]
    near_result = result["near_miss"]
    assert near_result["story_pairs"] == 1 and near_result["article_pairs"] == 3, near_result
    assert sorted(tuple(e["articles"]) for e in near_result["false_merges"]) == [
        ("a1", "c1"), ("a2", "c1")], near_result
    # B-cubed: a1, a2 2/3 and 2/3; a3 1 and 1/3; b1 1 and 1; c1 1/3 and 1.
    _close(result["bcubed"]["precision"], 11 / 15, "B-cubed precision")
    _close(result["bcubed"]["recall"], 11 / 15, "B-cubed recall")
    _close(result["bcubed"]["f1"], 11 / 15, "B-cubed F1")

    # 2. An article in two predicted events, sharing one with each of two others.
    articles, near = load_gold(_lines([
        {"id": "a1", "story": "A", "event": ["ASSAULT"]},
        {"id": "a2", "story": "A", "event": ["ASSAULT"]},
        {"id": "b1", "story": "B", "event": "COERCE"},
    ]))
    result = score(articles, near, load_reports(_lines([
        {"doc_id": "a1", "event": "ASSAULT", "event_id": "E1"},
        {"doc_id": "a1", "event": "ASSAULT", "event_id": "E2"},
        {"doc_id": "a2", "event": "ASSAULT", "event_id": "E2"},
        {"doc_id": "b1", "event": "COERCE", "event_id": "E1"},
    ])))
    _close(result["all_pairs"]["precision"], 1 / 2, "overlap precision")
    _close(result["all_pairs"]["recall"], 1.0, "overlap recall")
    _close(result["all_pairs"]["f1"], 2 / 3, "overlap F1")
    # a1: predicted {a1 a2 b1}, gold {a1 a2}; a2: {a1 a2}, {a1 a2}; b1: {a1 b1}, {b1}.
    _close(result["bcubed"]["precision"], 13 / 18, "overlap B-cubed precision")
    _close(result["bcubed"]["recall"], 1.0, "overlap B-cubed recall")
    _close(result["bcubed"]["f1"], 26 / 31, "overlap B-cubed F1")
    assert result["near_miss"] == {"story_pairs": 0, "article_pairs": 0, "false_merges": []}

    # 3. Perfect merging, with a near miss kept apart.
    articles, near = load_gold(_lines([
        {"id": "x1", "story": "X", "event": ["AID"]},
        {"id": "x2", "story": "X", "event": ["AID"]},
        {"id": "y1", "story": "Y", "event": ["AID"]},
        {"near_miss": ["X", "Y"], "why": "a week later"},
    ]))
    result = score(articles, near, load_reports(_lines([
        {"doc_id": "x1", "event": "AID", "event_id": "1"},
        {"doc_id": "x2", "event": "AID", "event_id": "1"},
        {"doc_id": "y1", "event": "AID", "event_id": "2"},
    ])))
    for key in ("all_pairs", "coded_pairs", "bcubed"):
        for measure in ("precision", "recall", "f1"):
            _close(result[key][measure], 1.0, f"perfect {key} {measure}")
    assert result["near_miss"]["article_pairs"] == 2 and not result["near_miss"]["false_merges"]

    # 4. Nothing coded: precision undefined, recall 0, every article listed.
    result = score(articles, near, [])
    _close(result["all_pairs"]["precision"], None, "empty precision")
    _close(result["all_pairs"]["recall"], 0.0, "empty recall")
    _close(result["all_pairs"]["f1"], None, "empty F1")
    _close(result["coded_pairs"]["recall"], None, "empty coded recall")
    _close(result["bcubed"]["precision"], None, "empty B-cubed precision")
    assert [entry["id"] for entry in result["uncoded"]] == ["x1", "x2", "y1"]
    json.dumps(result)  # the --json output must serialise

    # 5. Bad input is refused with the line named.
    for bad_gold in (
        [{"id": "a", "story": "A", "event": ["ATTACK"]}],
        [{"id": "a", "story": "A", "event": ["AID"]}, {"id": "a", "story": "B", "event": ["AID"]}],
        [{"id": "a", "story": "A", "event": ["AID"]}, {"near_miss": ["A", "Z"]}],
    ):
        try:
            load_gold(_lines(bad_gold))
        except InputError:
            pass
        else:
            raise AssertionError(f"gold accepted: {bad_gold}")
    try:
        load_reports(_lines([{"doc_id": "a", "event": "AID", "id": "r1"}]), name="r.jsonl")
    except InputError as error:
        assert "r.jsonl:1" in str(error) and "event_id" in str(error), error
    else:
        raise AssertionError("a report without event_id was accepted")

    # 6. The text output names the near-miss merge and the uncoded article.
    gold, reports = _example_mixed()
    articles, near = load_gold(_lines(gold))
    text = io.StringIO()
    print_text(score(articles, near, load_reports(_lines(reports))), out=text)
    assert "a1 + c1" in text.getvalue() and "  b2  (B;" in text.getvalue(), text.getvalue()


def one_half(articles, near_misses, half):
    """The articles and near misses of one half of the stories. Stories linked by a near miss
    stay together, so every near-miss pair is scored in one half."""
    import hashlib

    group = {story: story for story in {gold["story"] for gold in articles.values()}}

    def root(story):
        while group[story] != story:
            story = group[story]
        return story

    for story_a, story_b, _ in near_misses:
        group[root(story_a)] = root(story_b)
    members = {}
    for story in group:
        members.setdefault(root(story), []).append(story)
    keep = set()
    for stories in members.values():
        first = min(stories)
        even = hashlib.md5(first.encode("utf-8")).digest()[0] % 2 == 0
        if even == (half == "tune"):
            keep.update(stories)
    kept_articles = {i: gold for i, gold in articles.items() if gold["story"] in keep}
    kept_near = [(a, b, why) for a, b, why in near_misses if a in keep and b in keep]
    return kept_articles, kept_near


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", help="gold.jsonl of the same-event set")
    parser.add_argument("reports", nargs="?", help="`truce events --reports --format jsonl` output")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--self-test", action="store_true", help="check the scorer on known examples")
    parser.add_argument(
        "--half",
        choices=["tune", "held"],
        help="score only the stories of one half: a story and its near misses fall in the half "
        "the parity of the first MD5 byte of the group's first story id picks (even: tune)",
    )
    args = parser.parse_args()
    if args.self_test:
        try:
            self_test()
        except AssertionError as error:
            print(f"self-test failed: {error}", file=sys.stderr)
            return 1
        print("self-test passed")
        return 0
    if not args.gold or not args.reports:
        parser.error("GOLD and REPORTS are required (or --self-test)")
    try:
        with open(args.gold, encoding="utf-8") as handle:
            articles, near_misses = load_gold(handle, args.gold)
        if args.reports == "-":
            reports = load_reports(sys.stdin, "stdin")
        else:
            with open(args.reports, encoding="utf-8") as handle:
                reports = load_reports(handle, args.reports)
    except (OSError, InputError) as error:
        print(f"same_event.py: {error}", file=sys.stderr)
        return 2
    if args.half:
        articles, near_misses = one_half(articles, near_misses, args.half)
    result = score(articles, near_misses, reports)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    else:
        print_text(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
