"""The measurements of the benchmark: each run of the suite talks to a reference served by a process of its own,
and so does each floor it is compared with."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import requests
import uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer, bind

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
INTEGRATOR, SECOND = DEMO_INTEGRATORS[0], DEMO_INTEGRATORS[1]
TARGET = """name = "benchmark"
[api."pos.v10"]
base_url = "{url}"
merchant_vat = "{vat}"
[api."pos.v10".integrator]
client_id_env = "BENCH_ID"
client_secret_env = "BENCH_SECRET"
[api."pos.v10".second_integrator]
client_id_env = "BENCH_ID2"
client_secret_env = "BENCH_SECRET2"
"""
ENV = {**os.environ, "BENCH_ID": INTEGRATOR.client_id, "BENCH_SECRET": INTEGRATOR.client_secret,
       "BENCH_ID2": SECOND.client_id, "BENCH_SECRET2": SECOND.client_secret}


def median_of(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[float, Path, int]:
    """Wall time of one `cancel-conformance run`, its report folder and its exit code."""
    reports = Path(tempfile.mkdtemp(prefix="bench-"))
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "cancel_conformance", "run", f"--report-dir={reports}", *args],
                          cwd=ROOT, env=env or os.environ, capture_output=True, check=False)
    return time.perf_counter() - started, reports, done.returncode


def token(url: str) -> str:
    reply = requests.post(f"{url}/integrator-authentication/connect/token", timeout=5,
                          auth=(INTEGRATOR.client_id, INTEGRATOR.client_secret),
                          data={"grant_type": "client_credentials", "merchant_vat": INTEGRATOR.merchant_vat})
    return reply.json()["access_token"]


def scenario_overhead(repeat: int) -> dict:
    """The Gherkin scenarios per exchange, against the same exchanges sent back to back by requests.

    One worker, one request at a time, as the floor sends them; the suite and the floor each talk to a
    reference served by a process of its own (served by this one, it would share the floor's interpreter
    lock and not the suite's).
    """
    suite, floor, exchanges = [], [], 0
    for _ in range(repeat):
        with reference_apart() as url:
            target = Path(tempfile.mkdtemp()) / "target.toml"
            target.write_text(TARGET.format(url=url, vat=INTEGRATOR.merchant_vat), "utf-8")
            _, reports, _ = run_cli(f"--target-file={target}", "--api=pos.v10", "--concurrency=1", "--", "-m",
                                    "not contract", env=ENV)
            recorded = _recorded_requests(reports)
            exchanges = len(recorded)
            suite.append(_scenario_seconds(reports))
            floor.append(_replay(recorded, url))
    return {"exchanges": exchanges, "suite_s": statistics.median(suite), "floor_s": statistics.median(floor),
            "ratio": statistics.median(suite) / statistics.median(floor)}


def _scenario_seconds(reports: Path) -> float:
    """The time spent in scenarios (setup, steps, teardown), as the JUnit report gives it."""
    return sum(float(case.get("time") or 0) for case in ET.parse(reports / "junit.xml").getroot().iter("testcase"))


def _recorded_requests(reports: Path) -> list[dict]:
    with (reports / "evidence.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _replay(recorded: list[dict], url: str) -> float:
    """The floor: the same requests, one after the other, on one bare requests.Session."""
    session, bearer = requests.Session(), f"Bearer {token(url)}"
    started = time.perf_counter()
    for exchange in recorded:
        request = exchange.get("request", exchange)
        headers = {k: (bearer if k.lower() == "authorization" and "***" in v else v)
                   for k, v in (request.get("headers") or request.get("request_headers") or {}).items()
                   if k.lower() not in ("content-length",)}
        body = request.get("body", request.get("request_body"))
        session.request(request["method"], request["url"], headers=headers,
                        data=body.encode() if isinstance(body, str) else None, timeout=10)
    return time.perf_counter() - started


def fuzzing_throughput(repeat: int, examples: int, workers: int) -> dict:
    """Requests per second: the suite's fuzzing of one contract as a run does it (both halves of the campaign
    side by side, each with its share of `workers`) versus the schemathesis command line with as many
    workers, same contract, budget and server; each side's start-up left out.

    Both fuzz one reference served in a process of its own.
    """
    ours, theirs, ours_alone = [], [], []
    for _ in range(repeat):
        with reference_apart() as url:
            ours.append(_our_fuzzing_run(url, examples, workers))
            theirs.append(_schemathesis_cli(url, examples, workers))
            ours_alone.append(_our_campaign(url, examples, workers))
    return {"workers": workers, "ours_rps": statistics.median(ours), "schemathesis_rps": statistics.median(theirs),
            "campaign_in_one_process_rps": statistics.median(ours_alone),
            "ratio": statistics.median(ours) / statistics.median(theirs)}


def _our_fuzzing_run(url: str, examples: int, workers: int) -> float:
    """The PoS contract's fuzzing run by the suite (`-m contract`); the same run selecting nothing is its start-up."""
    target = Path(tempfile.mkdtemp()) / "target.toml"
    target.write_text(TARGET.format(url=url, vat=INTEGRATOR.merchant_vat), "utf-8")
    args = (f"--target-file={target}", f"--concurrency={workers}", f"--fuzz-examples={examples}", "--fuzz-seed=1")
    startup = run_cli(*args, "--", "-m", "contract", "-k", "no_such_test", env=ENV)[0]
    elapsed, reports, _ = run_cli(*args, "--", "-m", "contract", env=ENV)
    # What the fuzzer sent (generated requests, 401 probes, the link walk), not the clean-up after it.
    fuzzed = [exchange for exchange in _recorded_requests(reports) if exchange.get("actor") == "fuzzer"]
    return len(fuzzed) / (elapsed - startup)


@contextlib.contextmanager
def reference_apart() -> Iterator[str]:
    """The reference served by `python -m cancel_conformance.reference` on a free port; its URL."""
    with bind("127.0.0.1", 0) as probe:
        port = probe.getsockname()[1]
    server = subprocess.Popen([PYTHON, "-m", "cancel_conformance.reference", f"--port={port}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the reference did not start on port {port}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _our_campaign(url: str, examples: int, workers: int) -> float:
    from cancel_conformance.exchange import Redactor
    from cancel_conformance.fuzz.campaign import CampaignSettings, run_campaign
    from cancel_conformance.http import HttpSession

    settings = CampaignSettings(contract=ROOT / "contracts" / "pos.v10.yaml", base_url=url, token=token(url),
                                examples=examples, seed=1, request_timeout=10,
                                fixed_headers=_fixed_headers(), workers=workers)
    started = time.perf_counter()
    campaign = run_campaign(settings, HttpSession(), Redactor())
    return campaign.requests / (time.perf_counter() - started)


def _fixed_headers() -> dict[str, str]:
    return {"X-MobilePay-Merchant-VAT-Number": INTEGRATOR.merchant_vat, "X-MobilePay-Client-System-Version": "1.0.0"}


def _schemathesis_cli(url: str, examples: int, workers: int) -> float:
    """The schemathesis CLI alone; its start-up is measured apart and left out, as ours is."""
    har = Path(tempfile.mkdtemp()) / "run.har"
    headers = [f"--header={k}: {v}" for k, v in {"Authorization": f"Bearer {token(url)}", **_fixed_headers()}.items()]
    command = [str(Path(PYTHON).parent / "schemathesis"), "run", str(ROOT / "contracts" / "pos.v10.yaml"),
               f"--url={url}", f"--max-examples={examples}", "--seed=1", "--mode=all", f"--workers={workers}",
               "--report=har",
               f"--report-har-path={har}", *headers]
    # in a folder of its own: the command line keeps a cache of earlier failures in its working folder
    startup = _timed([str(Path(PYTHON).parent / "schemathesis"), "--version"], cwd=har.parent)
    elapsed = _timed(command, cwd=har.parent) - startup
    requests_sent = len(json.loads(har.read_text("utf-8"))["log"]["entries"])
    return requests_sent / elapsed


def _timed(command: list[str], cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - started


def whole_run(repeat: int) -> dict:
    """A default run against the embedded reference with one request at a time (one process), and with two (two
    processes, each with its own reference)."""
    one = median_of(repeat, lambda: run_cli("--concurrency=1")[0])
    two = median_of(repeat, lambda: run_cli("--concurrency=2")[0])
    return {"one_worker_s": one, "two_workers_s": two, "speedup": one / two}


def reference_server(requests_per_run: int) -> dict:
    """Payment reads per second on the reference versus a minimal app on the same stack."""
    with ReferenceServer() as server:
        headers = {"Authorization": f"Bearer {token(server.url)}", "X-MobilePay-Client-System-Version": "1.0.0"}
        payment = _reserved_payment(server.url, headers)
        ours = _rps(f"{server.url}/pos/v10/payments/{payment}", headers, requests_per_run)
    with MinimalApp() as url:
        minimal = _rps(f"{url}/", {}, requests_per_run)
    return {"reference_rps": ours, "minimal_rps": minimal, "ratio": ours / minimal}


def _reserved_payment(url: str, headers: dict[str, str]) -> str:
    session = requests.Session()
    store = session.get(f"{url}/pos/v10/stores", headers=headers).json()["storeIds"][0]
    pos = session.post(f"{url}/pos/v10/pointofsales", headers={**headers, "X-MobilePay-Idempotency-Key": "bench-pos"},
                       json={"merchantPosId": "bench", "storeId": store, "name": "Bench",
                             "supportedBeaconTypes": ["QR"]}).json()["posId"]
    body = {"posId": pos, "orderId": "bench-1", "amount": 10, "currencyCode": "DKK", "plannedCaptureDelay": "None"}
    return session.post(f"{url}/pos/v10/payments", json=body,
                        headers={**headers, "X-MobilePay-Idempotency-Key": "bench-pay"}).json()["paymentId"]


def _rps(url: str, headers: dict[str, str], count: int) -> float:
    session = requests.Session()
    session.get(url, headers=headers)
    started = time.perf_counter()
    for _ in range(count):
        session.get(url, headers=headers)
    return count / (time.perf_counter() - started)


class MinimalApp:
    """The smallest Starlette app on the same uvicorn set-up as the reference."""

    def __enter__(self) -> str:
        async def hello(request):
            return JSONResponse({"status": "Reserved"})

        sock = bind("127.0.0.1", 0)
        self.server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/", hello)]), log_level="warning",
                                                    access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(5)


def growth(repeat: int) -> dict:
    """Whole-run time at three scenario counts and three fuzzing budgets."""
    scenarios = {label: median_of(repeat, lambda k=k: run_cli("--", "-m", "not contract", "-k", k)[0])
                 for label, k in (("POS_PAY", "POS_PAY"), ("POS_PAY+POS_REF", "POS_PAY or POS_REF"), ("all", ""))}
    budgets = {str(n): median_of(repeat, lambda n=n: run_cli(f"--fuzz-examples={n}", "--", "-m", "contract")[0])
               for n in (10, 25, 50)}
    return {"scenarios_s": scenarios, "fuzz_examples_s": budgets}
