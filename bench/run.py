#!/usr/bin/env python3
"""The benchmark: how fast a conformance run is, against its floors and against schemathesis alone, on loopback
and against a far target (the reference behind a loopback proxy that adds a round trip).

    .venv/bin/python bench/run.py [--repeat 3] [--quick] [--round-trip-ms 50]

Every figure is measured in this run, on this machine, side by side; the ratios are the result.
Prints a table and writes bench/latest.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import far, measure
from cancel_conformance.concurrency import DEFAULT_CONCURRENCY

GOALS = {
    "far target: default run / the same run on loopback": ("far_target", "over_loopback", "<=", 1.5),
    "far target: default run / its critical-path floor": ("far_target", "over_floor", "<=", 3.0),
    "scenario overhead (suite / fair floor, per exchange)": ("scenario_overhead", "ratio", "<=", 1.3),
    "fuzzing (ours / schemathesis, same workers, requests/s)": ("fuzzing", "ratio", ">=", 1.5),
    "two workers' speed-up on loopback": ("whole_run", "speedup", ">=", 1.7),
    "default run, one worker (s)": ("whole_run", "one_worker_s", "<", 60.0),
    "reference payment read / minimal app (requests per second)": ("reference_server", "ratio", None, None),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per measurement (medians are kept)")
    parser.add_argument("--quick", action="store_true", help="one repetition and no growth curves")
    parser.add_argument("--round-trip-ms", type=float, default=50.0, help="the far target's round trip (default 50)")
    parser.add_argument("--output", type=Path, default=Path(__file__).with_name("latest.json"))
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    results = {
        "far_target": far.far_target(repeat, args.round_trip_ms / 1000),
        "scenario_overhead": measure.scenario_overhead(repeat),
        "fuzzing": measure.fuzzing_throughput(repeat, examples=25, workers=DEFAULT_CONCURRENCY),
        "whole_run": measure.whole_run(repeat),
        "reference_server": measure.reference_server(2000),
    }
    if not args.quick:
        results["growth"] = measure.growth(repeat)
    document = {"measured": datetime.now(UTC).isoformat(timespec="seconds"), "repeat": repeat,
                "machine": {"python": platform.python_version(), "cpus": _cpus(), "platform": platform.platform()},
                "results": results, "goals": _goals(results)}
    args.output.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    print(_table(document))
    print(f"\nwritten to {args.output}")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def _goals(results: dict) -> list[dict]:
    rows = []
    for label, (section, key, op, bound) in GOALS.items():
        value = results[section][key]
        met = None if op is None else {"<=": value <= bound, ">=": value >= bound, "<": value < bound}[op]
        rows.append({"measure": label, "value": round(value, 2), "goal": f"{op} {bound}" if op else "-", "met": met})
    return rows


def _table(document: dict) -> str:
    lines = [f"{'measure':<62} {'value':>9}  {'goal':<8} met"]
    for row in document["goals"]:
        met = "-" if row["met"] is None else ("yes" if row["met"] else "NO")
        lines.append(f"{row['measure']:<62} {row['value']:>9}  {row['goal']:<8} {met}")
    results = document["results"]
    overhead, fuzz, ref = results["scenario_overhead"], results["fuzzing"], results["reference_server"]
    remote = results["far_target"]
    lines += [
        "",
        f"far target ({remote['round_trip_ms']} ms round trip, {remote['requests']} requests): "
        f"{remote['far_s']:.1f} s; the same run on loopback {remote['loopback_s']:.1f} s; critical path "
        f"{remote['chain_requests']} requests ({remote['chain_unit']}), a floor of {remote['floor_s']:.1f} s; "
        f"exit codes {remote['exit_codes']}",
        f"scenarios: {overhead['exchanges']} exchanges in {overhead['suite_s']:.2f} s; "
        f"the same requests bare: {overhead['floor_s']:.2f} s",
        f"fuzzing with {fuzz['workers']} workers: ours {fuzz['ours_rps']:.0f} req/s (the campaign in one process "
        f"{fuzz['campaign_in_one_process_rps']:.0f}), the schemathesis command line "
        f"{fuzz['schemathesis_rps']:.0f} req/s",
        f"whole run: {results['whole_run']['one_worker_s']:.1f} s with one worker, "
        f"{results['whole_run']['two_workers_s']:.1f} s with two",
        f"reference: {ref['reference_rps']:.0f} payment reads/s, minimal app {ref['minimal_rps']:.0f} req/s",
    ]
    if "growth" in results:
        growth = results["growth"]
        lines.append("growth by scenarios: " + ", ".join(f"{k} {v:.1f} s" for k, v in growth["scenarios_s"].items()))
        lines.append("growth by fuzzing budget: " + ", ".join(f"{k} examples {v:.1f} s"
                                                             for k, v in growth["fuzz_examples_s"].items()))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
