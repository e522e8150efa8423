#!/usr/bin/env python3
"""Runs the Python peers of `truce extract` over one page set: trafilatura for the article text
and htmldate for the publication date.

Usage: extraction_peers.py HTML_DIR TEXT_OUT.jsonl DATE_OUT.jsonl

Writes `{"id", "text"}` lines (trafilatura) and `{"id", "date"}` lines (htmldate, original date,
extensive search, no URL, as the htmldate set's README describes) in the record format the
scorers in ../shared/eval read, and prints one line per peer: pages and seconds. Pages are read
and gunzipped before the clock starts; both peers run on one thread.
"""
import gzip
import json
import os
import re
import sys
import time

import htmldate
import trafilatura


def page_id(name):
    """The id `truce extract` gives a file: less `.gz`, then less `.html`, `.htm` or `.txt`."""
    stem = name[:-3] if name.endswith(".gz") else name
    return re.sub(r"\.(html|htm|txt)$", "", stem)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    html_dir, text_out, date_out = argv[1], argv[2], argv[3]
    pages = []
    for name in sorted(os.listdir(html_dir)):
        opener = gzip.open if name.endswith(".gz") else open
        with opener(os.path.join(html_dir, name), "rb") as f:
            pages.append((page_id(name), f.read()))

    started = time.perf_counter()
    texts = [trafilatura.extract(data) or "" for _, data in pages]
    text_seconds = time.perf_counter() - started
    with open(text_out, "w", encoding="utf-8") as out:
        for (pid, _), text in zip(pages, texts):
            out.write(json.dumps({"id": pid, "text": text}) + "\n")
    print(f"trafilatura {trafilatura.__version__}\t{len(pages)}\t{text_seconds:.3f}")

    started = time.perf_counter()
    dates = []
    for _, data in pages:
        try:
            dates.append(htmldate.find_date(data, original_date=True, extensive_search=True))
        except Exception:  # htmldate raises on pages it cannot parse; that is "no date"
            dates.append(None)
    date_seconds = time.perf_counter() - started
    with open(date_out, "w", encoding="utf-8") as out:
        for (pid, _), date in zip(pages, dates):
            out.write(json.dumps({"id": pid, "date": date}) + "\n")
    print(f"htmldate {htmldate.__version__}\t{len(pages)}\t{date_seconds:.3f}")


if __name__ == "__main__":
    main(sys.argv)
