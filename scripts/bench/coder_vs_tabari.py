#!/usr/bin/env python3
"""CPU time of `truce code` against TABARI on the same 20,081 validation records, side by side.

Usage:
  scripts/bench/coder_vs_tabari.py [--runs N] [--truce PATH] [--work DIR] [--lang-given]

Builds TABARI with ../shared/peers/tabari/build.sh into the work folder (once), copies the
TABARI suite there with Validate.big.text.gz (the records 43 times) in place of Validate.text,
then takes turns: TABARI in batch mode, `truce code --dictionaries …/Validate.project
validate43.jsonl.gz` (the language detected, as a user would run it; `--lang-given` passes
`--lang en` instead). Prints each tool's median user+system CPU seconds over the runs and the
ratio. Needs g++.
"""
import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def cpu_seconds(command, cwd=None, env=None):
    """User + system CPU of a child process and its wall time, with its output discarded."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"coder_vs_tabari: {' '.join(map(str, command))} exited with {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--truce", default=str(ROOT / "target/release/truce"))
    parser.add_argument("--work", default="/tmp/truce-vs-tabari")
    parser.add_argument("--lang-given", action="store_true")
    args = parser.parse_args()
    work = Path(args.work)
    tabari = work / "tabari-build" / "tabari"
    if not tabari.exists():
        subprocess.run(["bash", str(SHARED / "peers/tabari/build.sh"), str(work / "tabari-build")], check=True)
    suite = work / "suite"
    if not suite.exists():
        shutil.copytree(SHARED / "data/coding/suites/tabari", suite)
        # TABARI rewrites its project file and writes its error file beside it; `../shared`
        # is read-only, and so are the copies.
        for path in [suite, *suite.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        with gzip.open(SHARED / "peers/tabari/Validate.big.text.gz", "rb") as big:
            (suite / "Validate.text").write_bytes(big.read())
    records = SHARED / "peers/tabari/validate43.jsonl.gz"
    truce = [args.truce, "code", "--dictionaries", str(SHARED / "data/coding/suites/tabari/Validate.project")]
    if args.lang_given:
        truce += ["--lang", "en"]
    truce.append(str(records))
    # TABARI's -o takes a file name in the project's folder; it writes nothing to a path.
    tabari_command = [str(tabari), "-aq", "Validate.project", "-o", "out.evt"]
    tabari_env = dict(os.environ, TERM="xterm")
    results = {"tabari": [], "truce": []}
    for run in range(args.runs):
        (suite / "out.evt").unlink(missing_ok=True)
        results["tabari"].append(cpu_seconds(tabari_command, cwd=suite, env=tabari_env))
        if not (suite / "out.evt").exists() or (suite / "out.evt").stat().st_size == 0:
            sys.exit("coder_vs_tabari: TABARI wrote no events; see its screen output by running it by hand")
        results["truce"].append(cpu_seconds(truce))
        print(f"run {run + 1}: tabari {results['tabari'][-1][0]:.2f} s CPU, truce {results['truce'][-1][0]:.2f} s CPU", file=sys.stderr)
    medians = {name: statistics.median(cpu for cpu, _ in runs) for name, runs in results.items()}
    walls = {name: statistics.median(wall for _, wall in runs) for name, runs in results.items()}
    for name in ("tabari", "truce"):
        print(f"{name:7s} median CPU {medians[name]:.3f} s, wall {walls[name]:.3f} s over {args.runs} runs")
    print(f"truce / tabari CPU: {medians['truce'] / medians['tabari']:.2f}x")


if __name__ == "__main__":
    main()
