"""SIGINT and SIGTERM sent to a real run, to its process or to its whole process group (as a terminal's Ctrl-C
is): the run stops within bounds, says why, keeps what it judged, and leaves no process behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.suite_run import ROOT

GONE_WITHIN_S = 15.0  # from the signal to the last process of the run's group
AT_ONCE_S = 3.0
REASON = "run interrupted"
TEN_SECONDS = 10.0

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@dataclass
class Stopped:
    exit_code: int
    seconds: float  # from the signal until no process of the run's group was left
    output: str
    report_dir: Path

    @property
    def results(self) -> dict:
        return json.loads((self.report_dir / "results.json").read_text("utf-8"))


def start(tmp_path: Path, *args: str) -> subprocess.Popen:
    """`cancel-conformance run` in a process group of its own, its output into a file."""
    (tmp_path / "tmp").mkdir()
    command = [sys.executable, "-m", "cancel_conformance", "run", f"--report-dir={tmp_path / 'reports'}", *args]
    # TMPDIR: where the run keeps its folder for its workers; unbuffered: the output is read as it comes.
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdin=subprocess.DEVNULL,
                            stdout=(tmp_path / "output.txt").open("w"), stderr=subprocess.STDOUT)


def send(run: subprocess.Popen, number: int, *, group: bool) -> None:
    os.killpg(run.pid, number) if group else run.send_signal(number)


def members(group: int) -> list[int]:
    """Every process of the process group, read from /proc (no psutil)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, ...
        if int(fields[2]) == group:
            found.append(int(entry.name))
    return found


def stopped(tmp_path: Path, run: subprocess.Popen, bound_s: float) -> Stopped:
    """Wait for the run to end and for its whole process group to be gone, at most `bound_s`."""
    signalled = time.monotonic()
    try:
        code = run.wait(timeout=bound_s)
    finally:
        while members(run.pid) and time.monotonic() - signalled < bound_s:
            time.sleep(0.05)
        left = members(run.pid)
        for pid in left:  # a failing test leaves nothing running either
            os.kill(pid, signal.SIGKILL)
    seconds = time.monotonic() - signalled
    output = (tmp_path / "output.txt").read_text("utf-8")
    assert not left, f"processes of the run left {seconds:.1f} s after the signal: {left}\n{output[-3000:]}"
    assert not list((tmp_path / "tmp").glob("cancel-conformance-run-*")), "the run's folder for its workers is left"
    print(f"stopped {seconds:.1f} s after the signal, exit code {code}")
    return Stopped(code, seconds, output, tmp_path / "reports")


def workers_running(tmp_path: Path, count: int) -> None:
    """Wait until `count` pytest-xdist workers of the run have started (each leaves its process id)."""
    deadline = time.monotonic() + 60
    while len(list((tmp_path / "tmp").glob("cancel-conformance-run-*/worker-*"))) < count:
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.05)


def interrupt(tmp_path: Path, number: int, *, group: bool, after_s: float, args: tuple[str, ...] = (),
              workers: int = 0) -> Stopped:
    """Signal the run `after_s` into it (with workers: that long after they started)."""
    run = start(tmp_path, *args)
    workers_running(tmp_path, workers)
    time.sleep(after_s)
    assert run.poll() is None, "the run ended before the signal"
    send(run, number, group=group)
    return stopped(tmp_path, run, GONE_WITHIN_S)


def assert_interrupted(stop: Stopped, name: str, code: int) -> None:
    """The exit code, the one line that says so, every output, and each rule judged or not verified."""
    assert stop.exit_code == code, stop.output[-3000:]
    assert stop.seconds < GONE_WITHIN_S
    assert f"cancel-conformance: {name}: {REASON}" in stop.output
    assert "Traceback" not in stop.output
    for output in ("report.html", "results.json", "junit.xml", "cucumber.json", "evidence.jsonl"):
        assert (stop.report_dir / output).exists(), output
    results = stop.results
    assert results["verdict"] == "incomplete: run interrupted"
    assert results["exit_code"] == code
    assert results["interrupted"] == {"signal": name, "reason": REASON}
    unjudged = [rule for rule in results["rules"] if REASON in rule["reason"]]
    assert unjudged, "rules the run had not judged say why"
    assert all(rule["outcome"] == "not verified" for rule in unjudged)
    for rule in results["rules"]:
        if rule["outcome"] == "passed":  # passed only where every scenario of the rule ran and passed
            assert all(scenario["outcome"] == "passed" for scenario in rule["scenarios"]), rule["id"]


def test_sigint_to_the_process_group_ten_seconds_into_a_default_run(tmp_path: Path) -> None:
    stop = interrupt(tmp_path, signal.SIGINT, group=True, after_s=TEN_SECONDS)
    assert_interrupted(stop, "SIGINT", 130)
    assert "verdict: incomplete: run interrupted" in stop.output
    # Ten seconds in, the run is fuzzing the contracts (the longest work goes first): the campaign stopped.
    assert any(rule["id"].startswith("CON_") and REASON in rule["reason"] for rule in stop.results["rules"])


def test_sigterm_to_the_process_ten_seconds_into_a_default_run(tmp_path: Path) -> None:
    stop = interrupt(tmp_path, signal.SIGTERM, group=False, after_s=TEN_SECONDS)
    assert_interrupted(stop, "SIGTERM", 143)


@pytest.mark.parametrize(("number", "group"), [(signal.SIGINT, False), (signal.SIGTERM, True)],
                         ids=["SIGINT-to-the-process", "SIGTERM-to-the-group"])
def test_two_workers_stop_with_the_run(tmp_path: Path, number: int, group: bool) -> None:
    """Told by the run (a signal to its process only) or by the signal itself, the workers stop too."""
    stop = interrupt(tmp_path, number, group=group, after_s=4.0, args=("--", "-n", "2"), workers=2)
    assert_interrupted(stop, signal.Signals(number).name, 128 + number)


def test_what_was_judged_before_the_interrupt_is_kept_and_a_bundle_says_it_was_interrupted(tmp_path: Path) -> None:
    run = start(tmp_path, "--certify", "--", "-m", "not contract", "-vv")  # a line per scenario (the run adds -q)
    deadline = time.monotonic() + 60
    while (tmp_path / "output.txt").read_text("utf-8").count(" PASSED") < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the run ended before the signal"
    send(run, signal.SIGINT, group=True)
    stop = stopped(tmp_path, run, GONE_WITHIN_S)
    assert_interrupted(stop, "SIGINT", 130)
    assert any(rule["outcome"] == "passed" for rule in stop.results["rules"]), "what was judged is kept"
    [bundle] = [path for path in stop.report_dir.iterdir() if path.is_dir()]
    assert bundle.name.endswith("-incomplete-run-interrupted")
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    assert manifest["verdict"] == "incomplete: run interrupted"
    assert manifest["interrupted"] == {"signal": "SIGINT", "reason": REASON}
    verify = subprocess.run([sys.executable, "-m", "cancel_conformance", "verify", str(bundle)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_second_sigint_stops_at_once_with_its_workers(tmp_path: Path) -> None:
    run = start(tmp_path, "--", "-n", "2")
    workers_running(tmp_path, 2)
    time.sleep(2.0)
    send(run, signal.SIGINT, group=True)
    time.sleep(0.3)
    send(run, signal.SIGINT, group=False)  # the run's own process: it stops its workers
    stop = stopped(tmp_path, run, AT_ONCE_S)
    assert stop.exit_code == 130
    assert "a second SIGINT: stopped at once" in stop.output
