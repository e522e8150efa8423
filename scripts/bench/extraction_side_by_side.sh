#!/usr/bin/env bash
# `truce extract` beside trafilatura 2.3.1 (text) and htmldate (dates) on the three page sets of
# ../shared/data/extraction, in one run: one table with the score and pages per second of each.
#
# Usage: scripts/bench/extraction_side_by_side.sh
# Environment: SHARED (default ../shared next to the repository), VENV (default
#              /tmp/extraction-venv), OUT (default /tmp/extraction-run), ROUNDS (truce timing
#              rounds, the median is kept; default 5).
# truce is timed end to end as a user runs it (reading and gunzipping included) with one job;
# the peers after their pages are read, so the ratio understates truce's lead.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${SHARED:-$repo_root/../shared}"
venv="${VENV:-/tmp/extraction-venv}"
out="${OUT:-/tmp/extraction-run}"
rounds="${ROUNDS:-5}"
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import trafilatura, htmldate, lxml_html_clean' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "trafilatura==2.3.1" htmldate lxml_html_clean
fi
(cd "$repo_root" && cargo build --release -q -p truce-cli)
truce="${CARGO_TARGET_DIR:-$repo_root/target}/release/truce"

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '%-13s %-6s %-22s %8s %10s\n' set pages tool score pages/s
for set in htmldate multilingual scrapinghub_aeb; do
    html="$shared/data/extraction/$set/html"
    n_pages="$(ls "$html" | wc -l)"
    seconds="$(for _ in $(seq "$rounds"); do
        start="$(date +%s.%N)"
        "$truce" extract "$html" >"$out/$set.truce.jsonl" 2>/dev/null
        end="$(date +%s.%N)"
        echo "$end - $start" | bc -l
    done | median)"
    peers="$("$venv/bin/python" "$repo_root/scripts/bench/extraction_peers.py" "$html" \
        "$out/$set.trafilatura.jsonl" "$out/$set.htmldate.jsonl")"
    traf_seconds="$(awk -F'\t' '/^trafilatura/ { print $3 }' <<<"$peers")"
    date_seconds="$(awk -F'\t' '/^htmldate/ { print $3 }' <<<"$peers")"
    rate() { echo "scale=1; $n_pages / $1" | bc -l; }
    if [ "$set" = htmldate ]; then
        score() { python3 "$shared/eval/score_dates.py" "$shared/data/extraction/htmldate/gold.json" "$1" --json \
            | python3 -c 'import json,sys; print("accuracy %.3f" % json.load(sys.stdin)["accuracy"])'; }
        printf '%-13s %-6s %-22s %8s %10s\n' "$set" "$n_pages" "truce (date)" "$(score "$out/$set.truce.jsonl")" "$(rate "$seconds")"
        printf '%-13s %-6s %-22s %8s %10s\n' "$set" "$n_pages" "htmldate" "$(score "$out/$set.htmldate.jsonl")" "$(rate "$date_seconds")"
    else
        if [ "$set" = multilingual ]; then
            score() { python3 "$shared/eval/score_snippets.py" "$shared/data/extraction/multilingual/snippets.json" "$1" \
                | sed -E 's/.*F1=([0-9.]+).*/F1 \1/'; }
        else
            score() { python3 "$shared/eval/score_extraction.py" "$shared/data/extraction/scrapinghub_aeb/ground-truth.json" "$1" --json \
                | python3 -c 'import json,sys; print("F1 %.3f" % json.load(sys.stdin)["f1"])'; }
        fi
        printf '%-13s %-6s %-22s %8s %10s\n' "$set" "$n_pages" "truce (text)" "$(score "$out/$set.truce.jsonl")" "$(rate "$seconds")"
        printf '%-13s %-6s %-22s %8s %10s\n' "$set" "$n_pages" "trafilatura 2.3.1" "$(score "$out/$set.trafilatura.jsonl")" "$(rate "$traf_seconds")"
    fi
done
