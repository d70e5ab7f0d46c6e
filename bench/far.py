"""Far targets: a default run of every API against the reference across a round trip, beside the same run on
loopback, and the floor the run's own evidence sets: its longest chain of requests that had to follow one
another, times the round trip.

The chain of a unit of work is read from the strands its exchanges recorded (concurrency.py): a unit's
requests on its main strand follow one another; within a stage, lanes run side by side, so a stage costs
its longest lane; stages follow one another. A Gherkin scenario is a unit; so is each half of a fuzzing
campaign (one test module, whose tests share one campaign: its 401 probes, each phase layer by layer with
one lane per operation, the stateful sequences, the link walk and the clean-up). Units are independent,
so with enough concurrency a run could end after its longest unit: that is the floor. A process's
start-up and a session's first token request are left out, which makes the floor, if anything, lower.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from bench import measure
from bench.latency_proxy import far
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS

ROUND_TRIP_S = 0.050
# The PoS section of the other measurements, and both Vipps merchants.
TARGET = measure.TARGET + """[api."ecom.v2"]
base_url = "{url}"
[api."ecom.v2".merchant]
client_id_env = "BENCH_VIPPS_ID"
client_secret_env = "BENCH_VIPPS_SECRET"
subscription_key_env = "BENCH_VIPPS_KEY"
merchant_serial_number = "{msn}"
[api."ecom.v2".second_merchant]
client_id_env = "BENCH_VIPPS_ID2"
client_secret_env = "BENCH_VIPPS_SECRET2"
subscription_key_env = "BENCH_VIPPS_KEY2"
merchant_serial_number = "{msn2}"
[api."epayment.v1"]
same_merchant_as = "ecom.v2"
"""
FIRST, SECOND = DEMO_MERCHANTS[0], DEMO_MERCHANTS[1]
ENV = {**measure.ENV, "BENCH_VIPPS_ID": FIRST.client_id, "BENCH_VIPPS_SECRET": FIRST.client_secret,
       "BENCH_VIPPS_KEY": FIRST.subscription_key, "BENCH_VIPPS_ID2": SECOND.client_id,
       "BENCH_VIPPS_SECRET2": SECOND.client_secret, "BENCH_VIPPS_KEY2": SECOND.subscription_key}


def target_file(url: str) -> Path:
    """A target file naming every API of the reference served at `url`."""
    path = Path(tempfile.mkdtemp(prefix="bench-target-")) / "target.toml"
    path.write_text(TARGET.format(url=url, vat=DEMO_INTEGRATORS[0].merchant_vat, msn=FIRST.merchant_serial_number,
                                  msn2=SECOND.merchant_serial_number), "utf-8")
    return path


def run_against(url: str, *args: str) -> tuple[float, Path, int]:
    """Wall time, report folder and exit code of a default run of every API against `url`."""
    return measure.run_cli(f"--target-file={target_file(url)}", *args, env={**os.environ, **ENV})


def far_target(repeat: int, round_trip: float = ROUND_TRIP_S) -> dict:
    """The run across a round trip against the same run on loopback (each on a fresh reference of its own,
    one after the other), and against its critical-path floor."""
    loop, remote, chains, codes, sent = [], [], [], set(), 0
    for _ in range(repeat):
        with measure.reference_apart() as url:
            elapsed, _, code = run_against(url)
            loop.append(elapsed)
            codes.add(code)
        with measure.reference_apart() as url, far(url, round_trip) as proxied:
            elapsed, reports, code = run_against(proxied)
            remote.append(elapsed)
            codes.add(code)
        records = evidence(reports)
        chains.append(critical_path(records))
        sent = len(records)
    chain, unit = max(chains)
    far_s, loop_s = statistics.median(remote), statistics.median(loop)
    return {"round_trip_ms": round(round_trip * 1000), "requests": sent, "exit_codes": sorted(codes),
            "loopback_s": loop_s, "far_s": far_s, "chain_requests": chain, "chain_unit": unit,
            "floor_s": chain * round_trip, "over_loopback": far_s / loop_s, "over_floor": far_s / (chain * round_trip)}


def evidence(reports: Path) -> list[dict]:
    with (reports / "evidence.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def critical_path(records: Iterable[dict]) -> tuple[int, str]:
    """The longest chain of requests among the run's units of work, and the unit it is in."""
    units: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        units[unit_of(record["nodeid"])].append(record)
    return max(((chain(exchanges), unit) for unit, exchanges in units.items()), default=(0, ""))


def unit_of(nodeid: str) -> str:
    """A scenario is a unit of its own; the tests of a fuzzing campaign's module share one campaign."""
    module = nodeid.split("::", 1)[0]
    return module if "_contract_" in module else nodeid


def chain(exchanges: Iterable[dict]) -> int:
    """The requests of one unit that had to follow one another: its main strand, then each stage's longest lane."""
    main, stages = 0, defaultdict(Counter)
    for exchange in exchanges:
        stage, _, lane = (exchange.get("strand") or "").partition("/")
        if stage:
            stages[stage][lane] += 1
        else:
            main += 1
    return main + sum(max(lanes.values()) for lanes in stages.values())
