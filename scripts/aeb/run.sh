#!/usr/bin/env bash
# Runs truce's HTML extractor and Python trafilatura 2.3.1 side by side on the Scrapinghub Article
# Extraction Benchmark and prints one table: precision, recall, F1 and pages/s for each.
#
# Usage: scripts/aeb/run.sh            (from the repository root or anywhere)
# Environment: AEB_DIR (default ../shared/data/extraction/scrapinghub_aeb relative to the repo),
#              SCORER (default ../shared/eval/score_extraction.py), VENV (default /tmp/aeb-venv),
#              OUT (default /tmp/aeb-run), REPEAT (rounds of the Rust timing loop, default 5).
# Both extractors are timed on one thread, after the pages are read and gunzipped.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
aeb_dir="${AEB_DIR:-$repo_root/../shared/data/extraction/scrapinghub_aeb}"
scorer="${SCORER:-$repo_root/../shared/eval/score_extraction.py}"
venv="${VENV:-/tmp/aeb-venv}"
out="${OUT:-/tmp/aeb-run}"
repeat="${REPEAT:-5}"
mkdir -p "$out"

# Python trafilatura in its own virtual environment; lxml 6 moved the HTML cleaner that jusText
# (a trafilatura dependency) imports into lxml_html_clean.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import trafilatura, lxml_html_clean' 2>/dev/null; then
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install -q "trafilatura==2.3.1" lxml_html_clean; then
        echo "pip install of trafilatura 2.3.1 failed; only truce will be measured" >&2
    fi
fi

(cd "$repo_root" && cargo build --release -q -p truce-html --example aeb)
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"

truce_line="$("$target_dir/release/examples/aeb" "$aeb_dir/html" "$out/truce.jsonl" --repeat "$repeat")"
echo "$truce_line"
truce_rate="$(sed -E 's/.*= ([0-9.]+) pages\/s.*/\1/' <<<"$truce_line")"
truce_score="$(python3 "$scorer" "$aeb_dir/ground-truth.json" "$out/truce.jsonl" --json)"

traf_rate="n/a"
traf_score='{"precision": null, "recall": null, "f1": null}'
if "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
    traf_line="$("$venv/bin/python" "$repo_root/scripts/aeb/trafilatura_aeb.py" "$aeb_dir/html" "$out/trafilatura.jsonl")"
    echo "$traf_line"
    traf_rate="$(sed -E 's/.*= ([0-9.]+) pages\/s.*/\1/' <<<"$traf_line")"
    traf_score="$(python3 "$scorer" "$aeb_dir/ground-truth.json" "$out/trafilatura.jsonl" --json)"
fi

python3 - "$truce_score" "$truce_rate" "$traf_score" "$traf_rate" <<'PY'
import json, sys
rows = [("truce-html", json.loads(sys.argv[1]), sys.argv[2]),
        ("trafilatura 2.3.1 (Python)", json.loads(sys.argv[3]), sys.argv[4])]
def fmt(x):
    return "n/a" if x is None else f"{x:.3f}"
print()
print("| extractor | precision | recall | F1 | pages/s (1 thread) |")
print("|---|---|---|---|---|")
for name, score, rate in rows:
    print(f"| {name} | {fmt(score.get('precision'))} | {fmt(score.get('recall'))} | {fmt(score.get('f1'))} | {rate} |")
try:
    print(f"\nspeed ratio truce / trafilatura: {float(rows[0][2]) / float(rows[1][2]):.1f}x")
except ValueError:
    pass
PY
