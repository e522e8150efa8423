#!/usr/bin/env bash
# Whether coding time grows linearly with a document's length: `truce code` on one article of
# N MiB against N articles of 1 MiB (the same text cut up), side by side with farm-bench, for
# paragraphed text and for text with no line breaks at all (a one-line dump).
#
#   scripts/bench/long_documents.sh [N]        (N defaults to 4; TRUCE defaults to target/release/truce)
#
# The text is the project's English examples repeated, so the run needs nothing but the repo.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-4}"
truce="${TRUCE:-$repo_root/target/release/truce}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
python3 - "$repo_root/examples" "$scratch" "$n" <<'PY'
import json, pathlib, sys
examples, scratch, n = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
base = "\n\n".join(p.read_text() for p in sorted(examples.glob("*.en.txt")))
mib = 1024 * 1024
one = (base + "\n\n") * (mib // (len(base) + 2) + 1)
one = one[:mib]
for layout, text in (("paragraphs", one), ("one-line", one.replace("\n", " "))):
    with open(scratch / f"{layout}-long.jsonl", "w") as out:
        out.write(json.dumps({"id": "long", "text": text * n, "lang": "en"}) + "\n")
    with open(scratch / f"{layout}-short.jsonl", "w") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"short-{i}", "text": text, "lang": "en"}) + "\n")
PY
for layout in paragraphs one-line; do
    echo "== $layout: one ${n} MiB article (A) against ${n} articles of 1 MiB (B)"
    farm-bench -n 5 --vs "$truce code $scratch/$layout-short.jsonl" -- \
        "$truce" code "$scratch/$layout-long.jsonl"
done
