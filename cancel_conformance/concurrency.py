"""How many requests a run keeps in flight to its target, and how the run's work shares them.

The concurrency is a limit of the target (`[limits] concurrency` in its file, `--concurrency N`): at
most N requests in flight at once, whatever sends them. The run splits it among pytest-xdist worker
processes (each runs one test at a time) and gives each process a share, which that process's
threads never exceed: schemathesis's workers in a fuzzing campaign, the set-ups, races and reads of a
money-safety contest, a clean-up. Requests raced at the same moment (SAFE_*) are the exception the
rules require: a pair is two requests at once, even within a share of one.

Each exchange sent from such a thread carries its strand (`stage/lane`): exchanges of one lane follow
one another, the lanes of one stage run side by side, and stages follow one another. That is what a
run's evidence says about the longest chain of requests that must follow one another.
"""

from __future__ import annotations

import contextvars
import itertools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

# 16 requests in flight hide a 50 to 100 ms round trip behind the client's own work per request (a few
# milliseconds on two cores), while a sandbox sees no more at once than 16 integrators' tills would send.
DEFAULT_CONCURRENCY = 16
CONCURRENCY_VARIABLE = "CANCEL_CONFORMANCE_CONCURRENCY"
# Processes beyond this add start-up (a second or so each) and memory, not speed: a Gherkin scenario is a
# chain of some ten requests, and the larger units (campaigns, contests) run threads within their share.
MAX_PROCESSES = 4

# The strand of the exchanges this thread sends, "" for the main one of its scenario.
STRAND: contextvars.ContextVar[str] = contextvars.ContextVar("strand", default="")
_STAGES = itertools.count(1)
_share = 1


def processes(concurrency: int, *, embedded: bool = False) -> int:
    """The worker processes a run of that concurrency starts (1: the run stays in one process). The embedded
    reference runs in each worker, on this machine's cores, and waits on no round trip: there, processes
    beyond the cores would only take turns on them."""
    wanted = max(1, min(concurrency, MAX_PROCESSES))
    return min(wanted, max(1, os.cpu_count() or 1)) if embedded else wanted


def share_of(concurrency: int, workers: int, index: int) -> int:
    """The requests process `index` of `workers` may keep in flight: the concurrency split, at least 1 each."""
    base, extra = divmod(concurrency, max(workers, 1))
    return max(1, base + (1 if index < extra else 0))


def worker_position(config: object) -> tuple[int, int]:
    """(worker processes, this one's index) of a pytest run: (1, 0) without pytest-xdist workers."""
    given = getattr(config, "workerinput", None)
    if not given:
        return 1, 0
    return int(given.get("workercount", 1)), int(str(given.get("workerid", "gw0")).removeprefix("gw") or 0)


def set_share(requests: int) -> None:
    """This process's share of the target's concurrency, set once when its run starts."""
    global _share
    _share = max(1, requests)


def share() -> int:
    """How many requests this process may keep in flight to the target."""
    return _share


def side_by_side(tasks: Sequence[Callable[[], T]], stage: str, limit: int | None = None) -> list[T]:
    """Run independent tasks in up to `limit` threads (default: this process's share); their results in order.

    Every task runs to its end; then the first error (in task order) is raised. One task, or a share of
    one, runs here in this thread, one after another, with the same strands. Tasks of a task (a clean-up
    within a clean-up) run in its thread, one after another on its lane: threads never multiply past
    the share.
    """
    if STRAND.get():
        calls = list(tasks)
        workers = 1
    else:
        lanes = _strands(stage, len(tasks))
        calls = [lambda task=task, lane=lane: _in_strand(lane, task) for task, lane in zip(tasks, lanes, strict=True)]
        workers = min(limit or share(), len(calls))
    if workers <= 1:
        outcomes = [_outcome(call) for call in calls]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=stage) as pool:
            outcomes = list(pool.map(_outcome, calls))
    errors = [error for _, error in outcomes if error is not None]
    if errors:
        raise errors[0]
    return [value for value, _ in outcomes]


def lane_strands(count: int) -> list[str]:
    """Strands for `count` requests sent at the same moment from this thread (a race): one lane each."""
    return _strands("at once", count)


def in_strand(strand: str, call: Callable[[], T]) -> T:
    """`call` with its exchanges tagged as sent on `strand` (a thread starts with no strand of its own)."""
    return _in_strand(strand, call)


def _strands(stage: str, count: int) -> list[str]:
    parent = STRAND.get()
    if parent:  # lanes within a lane: they flatten into the enclosing stage
        return [f"{parent}.{index}" for index in range(count)]
    name = f"{stage} {next(_STAGES)}".replace("/", " ")
    return [f"{name}/{index}" for index in range(count)]


def _in_strand(strand: str, call: Callable[[], T]) -> T:
    context = contextvars.copy_context()
    context.run(STRAND.set, strand)
    return context.run(call)


def _outcome(call: Callable[[], T]) -> tuple[T | None, BaseException | None]:
    try:
        return call(), None
    except Exception as error:  # handed to the caller's thread, in task order
        return None, error
