#!/usr/bin/env python3
"""Runs Python trafilatura over the Scrapinghub Article Extraction Benchmark pages.

Usage: trafilatura_aeb.py HTML_DIR OUT.jsonl

Writes one {"id", "text"} line per page (the format score_extraction.py reads) and prints pages/s.
Pages are read and gunzipped before the clock starts, as the Rust example does, so both figures
measure extraction alone, on one thread. trafilatura gets the raw bytes and detects the charset
itself, as truce does.
"""
import gzip
import json
import os
import sys
import time

import trafilatura


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    html_dir, out_path = argv[1], argv[2]
    pages = []
    for name in sorted(os.listdir(html_dir)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(html_dir, name), "rb") as f:
                pages.append((name[: -len(".html.gz")], f.read()))
    total_bytes = sum(len(b) for _, b in pages)
    started = time.perf_counter()
    texts = [trafilatura.extract(data) or "" for _, data in pages]
    seconds = time.perf_counter() - started
    with open(out_path, "w", encoding="utf-8") as out:
        for (page_id, _), text in zip(pages, texts):
            out.write(json.dumps({"id": page_id, "text": text}) + "\n")
    print(
        f"trafilatura {trafilatura.__version__}: {len(pages)} pages ({total_bytes / 1e6:.1f} MB) "
        f"in {seconds:.3f} s = {len(pages) / seconds:.1f} pages/s (one thread)"
    )


if __name__ == "__main__":
    main(sys.argv)
