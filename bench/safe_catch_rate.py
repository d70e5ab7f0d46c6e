"""How reliably the SAFE_* scenarios catch an unlocked check-then-act: run them many times, count catches.

    .venv/bin/python bench/safe_catch_rate.py [--runs N] [--fault NAME ...] [--no-clean]

Runs the SAFE_01 and SAFE_02 scenarios against the embedded reference N times with each `unlocked-*`
fault switched on, and N times with no fault. For a fault, a catch is a run in which the rule the
fault breaks failed; with no fault, any SAFE rule that did not pass is a false alarm. Also prints,
over the failing scenarios, how many of their racing pairs broke the rule.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cancel_conformance.reference.faults import FAULTS  # noqa: E402  (the harness may name the faults)

SAFE_RULES = ("SAFE_01", "SAFE_02")
UNLOCKED = tuple(sorted(name for name, fault in FAULTS.items() if set(fault.rules) & set(SAFE_RULES)))
RACES = re.compile(r"(\d+) of (\d+) races")


@dataclass
class Tally:
    """What the runs of one configuration came to."""

    runs: int = 0
    catches: int = 0
    broken_pairs: list[tuple[int, int]] = field(default_factory=list)


def run_once(fault: str | None, report_dir: Path) -> dict:
    """One suite run of the SAFE scenarios; its results.json."""
    command = [sys.executable, "-m", "cancel_conformance", "run", f"--report-dir={report_dir}",
               *([f"--fault={fault}"] if fault else []), "--", "-m", " or ".join(SAFE_RULES)]
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return json.loads((report_dir / "results.json").read_text("utf-8"))


def tally(fault: str | None, runs: int, scratch: Path) -> Tally:
    wanted = set(FAULTS[fault].rules) if fault else set(SAFE_RULES)
    result = Tally()
    for index in range(runs):
        results = run_once(fault, scratch / f"{fault or 'none'}-{index}")
        rules = {rule["id"]: rule for rule in results["rules"] if rule["id"] in wanted}
        result.runs += 1
        caught = any(rule["outcome"] != "passed" for rule in rules.values())
        result.catches += caught
        for rule in rules.values():
            for scenario in rule["scenarios"]:
                match = RACES.search(scenario["reason"])
                if match:
                    result.broken_pairs.append((int(match.group(1)), int(match.group(2))))
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per configuration (default 20)")
    parser.add_argument("--fault", action="append", choices=UNLOCKED, help="only this fault (repeatable)")
    parser.add_argument("--no-clean", action="store_true", help="leave out the runs with no fault")
    args = parser.parse_args(argv)
    runs, configurations = args.runs, (*(args.fault or UNLOCKED), *(() if args.no_clean else (None,)))
    print(f"{'configuration':<28} {'rules':<22} {'runs':>5} {'caught':>7} {'rate':>6}  pairs that broke it")
    with tempfile.TemporaryDirectory(prefix="safe-catch-rate-") as scratch:
        for fault in configurations:
            result = tally(fault, runs, Path(scratch))
            rules = ", ".join(FAULTS[fault].rules) if fault else "SAFE_* (false alarms)"
            broken = sum(pair[0] for pair in result.broken_pairs)
            sent = sum(pair[1] for pair in result.broken_pairs)
            pairs = f"{broken} of {sent} in {len(result.broken_pairs)} failed scenarios" if sent else "-"
            print(f"{fault or '(no fault)':<28} {rules:<22} {result.runs:>5} {result.catches:>7} "
                  f"{result.catches / result.runs:>6.0%}  {pairs}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
