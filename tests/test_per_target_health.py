"""What a run learns about a host holds for the whole run: every worker process shares it (host_health.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from cancel_conformance.host_health import TIMEOUTS_BEFORE_GIVING_UP, HostHealth
from cancel_conformance.outcomes import TargetError

ROOT = Path(__file__).resolve().parents[1]


def in_another_process(folder: Path, statement: str) -> None:
    """`statement` run on a HostHealth of the same run's folder, from a process of its own (as a worker is)."""
    code = f"from pathlib import Path\nfrom cancel_conformance.host_health import HostHealth\n" \
           f"health = HostHealth(Path({str(folder)!r}))\n{statement}\n"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_a_host_one_process_found_unreachable_is_not_asked_by_another(tmp_path: Path) -> None:
    health = HostHealth(tmp_path)
    health.check("http://h:1/a")
    in_another_process(tmp_path, 'health.unreachable("http://h:1/b", "connection refused")')
    with pytest.raises(TargetError, match=r"found unreachable earlier in this run \(connection refused\)"):
        health.check("http://h:1/c")
    health.check("http://other:1/")


def test_timeouts_in_a_row_count_across_processes(tmp_path: Path) -> None:
    health = HostHealth(tmp_path)
    for _ in range(TIMEOUTS_BEFORE_GIVING_UP - 1):
        health.timed_out("http://h/x", "slow")
    in_another_process(tmp_path, 'health.check("http://h/"); health.timed_out("http://h/y", "slow")')
    with pytest.raises(TargetError, match="requests in a row timed out"):
        health.check("http://h/")


def test_an_answer_in_any_process_clears_the_strikes(tmp_path: Path) -> None:
    health = HostHealth(tmp_path)
    for _ in range(TIMEOUTS_BEFORE_GIVING_UP - 1):
        health.timed_out("http://h/x", "slow")
    in_another_process(tmp_path, 'health.answered("http://h/y")')
    health.timed_out("http://h/x", "slow")
    health.check("http://h/")


def test_the_quiet_a_host_asked_of_one_process_holds_for_every_other(tmp_path: Path) -> None:
    in_another_process(tmp_path, 'health.quiet("http://h/x", 1.0)')
    health = HostHealth(tmp_path)
    started = time.monotonic()
    waited = health.wait_out_quiet("http://h/y", longest=10)
    assert 0.3 < waited <= 1.0
    assert time.monotonic() - started >= waited
    assert health.wait_out_quiet("http://other/", longest=10) == 0.0


def test_a_quiet_longer_than_the_suite_waits_is_cut_short(tmp_path: Path) -> None:
    health = HostHealth(tmp_path)
    health.quiet("http://h/x", 60)
    assert health.wait_out_quiet("http://h/x", longest=0.2) == pytest.approx(0.2)
