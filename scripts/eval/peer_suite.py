#!/usr/bin/env python3
"""Runs PETRARCH-2's unit-test records through `truce code --conventions petrarch` and reports
the share of expected codings produced, as an analyst validating a dictionary set would.

Usage:
  scripts/eval/peer_suite.py [--truce PATH] [--suite DIR] [--min PERCENT] [--show]

The suite folder holds the `PETR.Validate.*` dictionaries and `PETR.UnitTest.records.xml`
(default: ../shared/data/coding/suites/petrarch2). A coding is `SOURCE TARGET CODE`; an event
with several actors gives one per pair, and an event flagged negated is not one, as PETRARCH-2
writes them. With --min, exits 1 when fewer than PERCENT of the expected codings are produced.
The in-process run of the same records is `cargo test -p truce-coding --test suites`.
"""
import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def attribute(tag, name):
    found = re.search(name + r'="([^"]*)"', tag)
    return found.group(1) if found else None


def read_records(xml_text):
    """(id, date, text, expected codings) for each `<Sentence>` of the unit-test file."""
    records = []
    for chunk in xml_text.split("<Sentence ")[1:]:
        tag, _, rest = chunk.partition(">")
        record_id = attribute(tag, "id")
        if record_id is None:
            continue
        body = rest.split("</Sentence>")[0]
        expected = []
        for coding in body.split("<EventCoding")[1:]:
            coding_tag = coding.split(">")[0]
            fields = [attribute(coding_tag, name) for name in ("sourcecode", "targetcode", "eventcode")]
            if None not in fields:
                expected.append(" ".join(fields))
        text = body.split("<Text>")[1].split("</Text>")[0] if "<Text>" in body else ""
        date = attribute(tag, "date") or ""
        iso_date = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        records.append((record_id, iso_date, " ".join(text.split()), expected))
    return records


def produced_codings(events):
    codings = collections.defaultdict(list)
    for event in events:
        if (event.get("flags") or {}).get("negated"):
            continue
        sources = [actor["code"] for actor in event.get("actor", [])] or ["---"]
        targets = [actor["code"] for actor in event.get("recipient", [])] or ["---"]
        for source in sources:
            for target in targets:
                codings[event["doc_id"]].append(f"{source} {target} {event['cameo']}")
    return codings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--truce", default=str(ROOT / "target/release/truce"))
    parser.add_argument("--suite", default=str(ROOT.parent / "shared/data/coding/suites/petrarch2"))
    parser.add_argument("--min", type=float, default=None)
    parser.add_argument("--show", action="store_true", help="print each record that misses a coding")
    args = parser.parse_args()
    suite = Path(args.suite)
    records = read_records((suite / "PETR.UnitTest.records.xml").read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as input_file:
        # The suite reuses some ids; the record's position keeps them apart.
        for position, (record_id, date, text, _) in enumerate(records):
            row = {"id": f"{position}:{record_id}", "text": text, "lang": "en"}
            if date:
                row["date"] = date
            input_file.write(json.dumps(row) + "\n")
    command = [args.truce, "code", "--dictionaries", str(suite), "--conventions", "petrarch", input_file.name]
    run = subprocess.run(command, capture_output=True, text=True)
    Path(input_file.name).unlink()
    if run.returncode != 0:
        sys.exit(f"peer_suite: {' '.join(command)} failed ({run.returncode}):\n{run.stderr}")
    produced = produced_codings(json.loads(line) for line in run.stdout.splitlines() if line.strip())
    expected_total = found = spurious = passing = 0
    for position, (record_id, _, text, expected) in enumerate(records):
        remaining = list(produced.get(f"{position}:{record_id}", []))
        found_here = 0
        for coding in expected:
            if coding in remaining:
                remaining.remove(coding)
                found_here += 1
        expected_total += len(expected)
        found += found_here
        spurious += len(remaining)
        if found_here == len(expected) and not remaining:
            passing += 1
        elif args.show:
            print(f"{record_id}: {text}\n  expected {expected}\n  produced {produced.get(f'{position}:{record_id}', [])}")
    share = 100.0 * found / max(expected_total, 1)
    print(f"PETRARCH-2 unit tests through truce code --conventions petrarch: {passing} of {len(records)} records pass; "
          f"expected codings produced {found}/{expected_total} = {share:.1f}%; spurious {spurious}")
    if args.min is not None and share < args.min:
        sys.exit(1)


if __name__ == "__main__":
    main()
