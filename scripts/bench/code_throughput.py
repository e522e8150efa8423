#!/usr/bin/env python3
"""Sentences per second per core through `truce code` on English news, two builds side by side.

Usage:
  scripts/bench/code_throughput.py [--runs N] [--peer PATH] [--truce PATH] [--copies N]

Codes the English development records (plover-gsr-en and case2021-acled-en, 671 news texts,
961 sentences by the segmenter) repeated --copies times (default 20), pinned to one core with
taskset, taking turns between this build and --peer (another build's `truce`, e.g. a worktree
of the previous commit), and prints each one's median CPU time and sentences per CPU second.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared/data/coding/dev"
SENTENCES_PER_COPY = 961


def cpu_seconds(command):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"code_throughput: {' '.join(command)} exited with {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--truce", default=str(ROOT / "target/release/truce"))
    parser.add_argument("--peer", default=None)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    rows = [json.loads(line) for name in ("plover-gsr-en", "case2021-acled-en")
            for line in (DEV / f"{name}.input.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as records:
        for copy in range(args.copies):
            for row in rows:
                records.write(json.dumps(dict(row, id=f"{row['id']}-{copy}")) + "\n")
    builds = {"this": args.truce}
    if args.peer:
        builds["peer"] = args.peer
    times = {name: [] for name in builds}
    for _ in range(args.runs):
        for name, binary in builds.items():
            times[name].append(cpu_seconds(["taskset", "-c", "0", binary, "code", "--lang", "en", records.name]))
    Path(records.name).unlink()
    sentences = SENTENCES_PER_COPY * args.copies
    for name, binary in builds.items():
        median = statistics.median(times[name])
        print(f"{name:5s} {binary}: median {median:.2f} s CPU over {args.runs} runs, {sentences / median:,.0f} sentences per CPU second")
    if args.peer:
        print(f"this / peer CPU: {statistics.median(times['this']) / statistics.median(times['peer']):.2f}x")


if __name__ == "__main__":
    main()
