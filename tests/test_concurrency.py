"""The target's concurrency: how a run splits it among processes and threads, and the strands it records."""

from __future__ import annotations

import threading
import time

import pytest

from cancel_conformance import concurrency
from cancel_conformance.cleanup import Cleanup
from cancel_conformance.cli import _with_scope_distribution
from cancel_conformance.concurrency import (
    MAX_PROCESSES,
    STRAND,
    processes,
    share_of,
    side_by_side,
    worker_position,
)
from cancel_conformance.race import at_once


@pytest.mark.parametrize("total", [1, 2, 3, 7, 16, 17, 64])
def test_the_shares_of_the_processes_add_up_to_the_concurrency(total: int) -> None:
    workers = processes(total)
    assert 1 <= workers <= MAX_PROCESSES
    assert sum(share_of(total, workers, index) for index in range(workers)) == total


def test_the_embedded_reference_gets_no_more_processes_than_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert processes(16, embedded=True) == 2
    assert processes(1, embedded=True) == 1


def test_a_target_file_gets_processes_by_its_concurrency_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert processes(16) == MAX_PROCESSES
    assert processes(3) == 3


def test_more_processes_than_the_concurrency_get_one_request_each() -> None:
    assert [share_of(2, 4, index) for index in range(4)] == [1, 1, 1, 1]


def test_a_worker_knows_its_place_among_the_processes() -> None:
    class Worker:
        workerinput = {"workercount": 4, "workerid": "gw3"}

    assert worker_position(Worker()) == (4, 3)
    assert worker_position(object()) == (1, 0)


def test_the_command_line_starts_the_processes_its_concurrency_asks_for() -> None:
    assert _with_scope_distribution([], 1) == []
    assert _with_scope_distribution(["-x"], 4) == ["-n", "4", "-x", "--dist", "loadscope", "--no-loadscope-reorder"]
    # pytest's own -n after `--` wins
    assert _with_scope_distribution(["-n", "2"], 4) == ["-n", "2", "--dist", "loadscope", "--no-loadscope-reorder"]


def test_side_by_side_keeps_within_its_limit_and_the_order_of_its_tasks() -> None:
    running, most, lock = 0, 0, threading.Lock()

    def task(value: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return value

    assert side_by_side([lambda v=v: task(v) for v in range(9)], "test", limit=3) == list(range(9))
    assert most == 3


def test_side_by_side_runs_every_task_then_raises_the_first_error() -> None:
    done: list[int] = []

    def task(value: int) -> int:
        done.append(value)
        if value in (2, 4):
            raise ValueError(value)
        return value

    with pytest.raises(ValueError, match="2"):
        side_by_side([lambda v=v: task(v) for v in range(6)], "test", limit=2)
    assert sorted(done) == list(range(6))


def test_each_task_runs_on_a_lane_of_its_stage_and_tasks_within_a_task_on_its_lane() -> None:
    first = side_by_side([STRAND.get for _ in range(3)], "set up", limit=2)
    stage = first[0].split("/")[0]
    assert first == [f"{stage}/0", f"{stage}/1", f"{stage}/2"]
    assert stage.startswith("set up ")
    nested = side_by_side([lambda: side_by_side([STRAND.get, STRAND.get], "inner", limit=2)], "outer", limit=1)[0]
    assert [strand.split("/")[1] for strand in nested] == ["0", "0"]  # one after another, on the outer lane
    raced = side_by_side([lambda: at_once(STRAND.get, STRAND.get)], "outer", limit=1)[0]
    assert [strand.split("/")[1] for strand in raced] == ["0.0", "0.1"]  # two at once: lanes of their own
    assert STRAND.get() == ""  # the caller's own strand is left as it was


def test_a_share_of_one_runs_tasks_here_one_after_another(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concurrency, "_share", 1)
    threads = side_by_side([lambda: threading.current_thread().name for _ in range(3)], "test")
    assert set(threads) == {threading.current_thread().name}


def test_a_clean_up_closes_kinds_newest_first_and_one_kind_side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concurrency, "_share", 4)
    done: list[tuple[str, str]] = []
    tidy = Cleanup()
    tidy.add("point of sale 1", lambda: done.append(("point of sale 1", STRAND.get())))
    for number in range(3):
        tidy.add(f"payment {number}", lambda n=number: done.append((f"payment {n}", STRAND.get())))
    till = tidy.branch("till a")
    till.add("point of sale 2", lambda: done.append(("point of sale 2", "")))
    till.add("payment 9", lambda: done.append(("payment 9", "")))
    assert tidy.run() == []
    assert [what for what, _ in done][:2] == ["payment 9", "point of sale 2"]  # a branch keeps its own order
    assert len({strand.split("/")[0] for _, strand in done[2:5]}) == 1  # one stage: side by side
    assert {what for what, _ in done[2:5]} == {"payment 0", "payment 1", "payment 2"}
    assert done[-1][0] == "point of sale 1"


def test_two_requests_at_once_go_on_lanes_of_their_own() -> None:
    strands = at_once(STRAND.get, STRAND.get)
    assert strands[0] != strands[1]
    assert strands[0].split("/")[0] == strands[1].split("/")[0]
