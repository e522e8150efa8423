#!/usr/bin/env bash
# Ingest the same JSON Lines file with several truce binaries, taking turns, and print each
# binary's median wall time, CPU time and peak memory. Taking turns spreads the machine's
# background noise over every binary alike, which is why BENCHMARKS.md quotes these medians.
#
#   scripts/bench/ingest_side_by_side.sh ARTICLES.jsonl ROUNDS BINARY [BINARY...]
#
# Extra arguments for `truce ingest` can be given in TRUCE_INGEST_ARGS (for example `--jobs 2`).
set -euo pipefail
if [ "$#" -lt 3 ]; then
    echo "usage: $0 ARTICLES.jsonl ROUNDS BINARY [BINARY...]" >&2
    exit 2
fi
articles="$1"
rounds="$2"
shift 2
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
n_documents="$(wc -l < "$articles")"
for round in $(seq 1 "$rounds"); do
    for binary_idx in $(seq 1 "$#"); do
        binary="${!binary_idx}"
        rm -f "$scratch"/store.db*
        # GNU time: elapsed seconds, user + system CPU seconds, peak resident kilobytes.
        /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" \
            "$binary" ingest "$articles" --db "$scratch/store.db" ${TRUCE_INGEST_ARGS:-} \
            > /dev/null 2> "$scratch/stderr" || {
            echo "$binary failed:" >&2
            cat "$scratch/stderr" >&2
            exit 1
        }
        read -r wall user system peak < "$scratch/time"
        echo "$binary_idx $wall $(echo "$user + $system" | bc) $peak" >> "$scratch/runs"
        echo "round $round: $binary: ${wall} s" >&2
    done
done
median() { sort -n | awk '{ values[NR] = $1 } END { if (NR % 2) print values[(NR + 1) / 2]; else print (values[NR / 2] + values[NR / 2 + 1]) / 2 }'; }
printf '%-40s %10s %14s %10s %12s\n' binary "wall (s)" "articles/s" "CPU (s)" "peak (MB)"
for binary_idx in $(seq 1 "$#"); do
    binary="${!binary_idx}"
    wall="$(awk -v b="$binary_idx" '$1 == b { print $2 }' "$scratch/runs" | median)"
    cpu="$(awk -v b="$binary_idx" '$1 == b { print $3 }' "$scratch/runs" | median)"
    peak="$(awk -v b="$binary_idx" '$1 == b { print $4 }' "$scratch/runs" | median)"
    printf '%-40s %10.2f %14.0f %10.1f %12.0f\n' "$binary" "$wall" "$(echo "$n_documents / $wall" | bc -l)" "$cpu" "$(echo "$peak / 1024" | bc -l)"
done
