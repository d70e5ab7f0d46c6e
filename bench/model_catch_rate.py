"""How well the lifecycle explorations (MOD_*) find what the scenarios do not, and what the scenarios do.

    .venv/bin/python bench/model_catch_rate.py [--seeds N] [--faults-only | --seeds-only]

1. Each sequence fault (a fault that names only a MOD_* rule) is run against the explorations with
   N seeds (`--fuzz-seed`), and the scenarios once: the explorations must catch it on at least 19 of
   20 seeds, the scenarios never. With no fault, N seeds of every exploration: no false alarm.
2. Every other fault of one API's state rules is run against that API's exploration alone: whether the
   model catches it, and how many steps the shrunk sequence that shows it has.
Writes the tables it ran into bench/model_latest.json and prints the tables the README quotes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cancel_conformance.reference.faults import FAULTS  # noqa: E402  (the harness may name the faults)
from cancel_conformance.rules import catalogue  # noqa: E402

RULES = {rule.id: rule for rule in catalogue().rules}
SEQUENCE_FAULTS = sorted(name for name, fault in FAULTS.items() if all(r.startswith("MOD_") for r in fault.rules))
# A state rule: a rule of one API that is neither a contract check nor an exploration.
STATE_FAULTS = sorted(name for name, fault in FAULTS.items() if name not in SEQUENCE_FAULTS and any(
    len(RULES[r].apis) == 1 and not r.startswith(("CON_", "MOD_")) for r in fault.rules))
WORKERS = 2


def run(folder: Path, *args: str) -> dict:
    """One suite run; its results.json."""
    command = [sys.executable, "-m", "cancel_conformance", "run", f"--report-dir={folder}", *args]
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return json.loads((folder / "results.json").read_text("utf-8"))


def api_of(fault: str) -> str:
    return next(RULES[r].apis[0] for r in FAULTS[fault].rules if len(RULES[r].apis) == 1)


def model_rule(api: str) -> str:
    return next(rule.id for rule in catalogue().for_apis({api}) if rule.id.startswith("MOD_"))


def explored(folder: Path, api: str, fault: str | None, seed: int) -> dict:
    """The API's exploration alone: its rule's entry in results.json."""
    results = run(folder, f"--api={api}", f"--fuzz-seed={seed}", *([f"--fault={fault}"] if fault else []),
                  "--", "-m", "model")
    return next(rule for rule in results["rules"] if rule["id"] == model_rule(api))


def shrunk_steps(rule: dict) -> int | None:
    models = [scenario.get("model") for scenario in rule["scenarios"] if scenario.get("model")]
    return len(models[0]["sequence"]) if models and models[0]["sequence"] else None


def scenarios_fail(folder: Path, fault: str) -> list[str]:
    """The rules the API's scenarios (no exploration, no fuzzing) fail with the fault on."""
    results = run(folder, f"--api={api_of(fault)}", f"--fault={fault}", "--", "-m", "not model and not contract")
    return sorted(rule["id"] for rule in results["rules"] if rule["outcome"] in ("failed", "warning"))


def seeds_table(seeds: int, scratch: Path) -> list[dict]:
    rows = []
    configurations = [(fault, api_of(fault)) for fault in SEQUENCE_FAULTS] + [(None, api) for api in catalogue().apis]
    with ThreadPoolExecutor(WORKERS) as pool:
        for fault, api in configurations:
            label = fault or f"(no fault, {api})"
            outcomes = list(pool.map(lambda n, f=fault, a=api, at=label: explored(
                scratch / f"{at}-{n}", a, f, n)["outcome"], range(seeds)))
            caught = sum(outcome == "failed" for outcome in outcomes)
            row = {"fault": fault, "api": api, "seeds": seeds, "caught": caught,
                   "scenarios_fail": scenarios_fail(scratch / f"{label}-scenarios", fault) if fault else []}
            rows.append(row)
            print(f"{label:<42} {api:<13} caught on {caught:>2} of {seeds} seeds; scenarios fail: "
                  f"{', '.join(row['scenarios_fail']) or 'none'}", flush=True)
    return rows


def faults_table(scratch: Path) -> list[dict]:
    rows = []
    with ThreadPoolExecutor(WORKERS) as pool:
        rules = list(pool.map(lambda f: explored(scratch / f"state-{f}", api_of(f), f, 0), STATE_FAULTS))
    for fault, rule in zip(STATE_FAULTS, rules, strict=True):
        row = {"fault": fault, "rules": list(FAULTS[fault].rules), "model_caught": rule["outcome"] == "failed",
               "steps": shrunk_steps(rule)}
        rows.append(row)
        print(f"{fault:<44} {', '.join(row['rules']):<28} model: {'yes' if row['model_caught'] else 'no':<4} "
              f"steps: {row['steps'] or '-'}", flush=True)
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds per sequence fault and per API (default 20)")
    parser.add_argument("--faults-only", action="store_true", help="only the table of the state-rule faults")
    parser.add_argument("--seeds-only", action="store_true", help="only the sequence faults over seeds")
    args = parser.parse_args(argv)
    latest: dict = {}
    with tempfile.TemporaryDirectory(prefix="model-catch-rate-") as scratch:
        if not args.faults_only:
            latest["sequence_faults"] = seeds_table(args.seeds, Path(scratch))
        if not args.seeds_only:
            latest["state_faults"] = faults_table(Path(scratch))
    output = ROOT / "bench" / "model_latest.json"
    kept = json.loads(output.read_text("utf-8")) if output.exists() else {}  # a table not re-run stays as it was
    output.write_text(json.dumps(kept | latest, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
