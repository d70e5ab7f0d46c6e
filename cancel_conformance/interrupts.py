"""Stopping a run cleanly on SIGINT or SIGTERM (Ctrl-C, a CI job cancelled or timed out).

On the first signal the run starts no new scenario or request (those on the wire finish or time out),
cleans up what it created for at most CLEANUP_GRACE_S, and writes every report with what was judged;
it exits 130 (SIGINT) or 143 (SIGTERM). A second signal stops at once, its pytest-xdist workers too.

The workers learn of the stop from the signal (a terminal signals the whole process group) or from a
file in a folder the run shares with them, where each also leaves its process id.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cancel_conformance.outcomes import NotVerified

REASON = "run interrupted"
SIGNALS = (signal.SIGINT, signal.SIGTERM)
# What was created may still be closed for this long after the interrupt; then it is left behind, named.
CLEANUP_GRACE_S = 5.0
POLL_S = 0.1
STOP_FILE = "stop"
WORKER_PREFIX = "worker-"
WORKER_INPUT = "cc_run_control"  # the shared folder, as each pytest-xdist worker is told


class RunInterrupted(NotVerified):
    """What an interrupted run no longer does: a request, or a scenario, not started."""

    def __init__(self) -> None:
        super().__init__(REASON)


class _State:
    """One process's view: the first signal, when the stop began, who to tell."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self.since: float | None = None
        self.stopped = threading.Event()
        self.callbacks: list[Callable[[], None]] = []
        self.lock = threading.Lock()
        self.control: Path | None = None  # the folder shared with the workers
        self.worker = False
        self.previous: dict[int, object] = {}
        self.stderr: int | None = None  # the terminal's stderr, as it was before pytest captured it
        self.local = threading.local()


_state = _State()


def install(control: Path | None = None) -> bool:
    """Handle SIGINT and SIGTERM in this process (a worker: of the run sharing `control`); False if already
    done or not possible (signals are handled by the main thread only)."""
    if _state.previous or threading.current_thread() is not threading.main_thread():
        return False
    _state.previous = {number: signal.signal(number, _on_signal) for number in SIGNALS}
    if control is None:
        _state.stderr = os.dup(2)
    else:
        _state.control, _state.worker = control, True
        with contextlib.suppress(OSError):
            (control / f"{WORKER_PREFIX}{os.getpid()}").touch()
    threading.Thread(target=_watch, name="cancel-conformance-interrupts", daemon=True).start()
    return True


def uninstall() -> None:
    """The previous handlers back, the shared folder removed, and this process's state forgotten."""
    global _state
    for number, handler in _state.previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
    _state.stopped.set()  # ends the watcher
    if _state.control is not None and _state.worker:
        (_state.control / f"{WORKER_PREFIX}{os.getpid()}").unlink(missing_ok=True)
    elif _state.control is not None:
        shutil.rmtree(_state.control, ignore_errors=True)
    if _state.stderr is not None:
        os.close(_state.stderr)
    _state = _State()


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """SIGINT and SIGTERM handled for the duration (where this call installed the handlers)."""
    mine = install()
    try:
        yield
    finally:
        if mine:
            uninstall()


def control_folder() -> Path:
    """The folder this run shares with its workers, made on first use."""
    with _state.lock:
        if _state.control is None:
            _state.control = Path(tempfile.mkdtemp(prefix="cancel-conformance-run-"))
        return _state.control


def interrupted() -> bool:
    return _state.signal is not None or _state.stopped.is_set()


def signal_name() -> str | None:
    """SIGINT or SIGTERM: the first signal this process received (None in a worker told by the run)."""
    return signal.Signals(_state.signal).name if _state.signal is not None else None


def exit_code() -> int | None:
    """128 + the signal, as a shell reports a command a signal stopped: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + _state.signal if _state.signal is not None else None


def check() -> None:
    """Raise RunInterrupted where an interrupted run must send nothing new: anywhere but the clean-up,
    which has CLEANUP_GRACE_S."""
    if interrupted() and not (getattr(_state.local, "cleaning", False) and cleanup_time_left()):
        raise RunInterrupted()


def cleanup_time_left() -> bool:
    since = _state.since
    return not interrupted() or since is None or time.monotonic() < since + CLEANUP_GRACE_S


@contextlib.contextmanager
def cleaning_up() -> Iterator[None]:
    """Requests sent from here (this thread) are the clean-up's: allowed for a while after an interrupt."""
    before = getattr(_state.local, "cleaning", False)
    _state.local.cleaning = True
    try:
        yield
    finally:
        _state.local.cleaning = before


@contextlib.contextmanager
def on_stop(callback: Callable[[], None]) -> Iterator[None]:
    """Call `callback` (from another thread) when the run is interrupted while inside this block."""
    with _state.lock:
        _state.callbacks.append(callback)
        already = _state.stopped.is_set()
    if already:
        callback()
    try:
        yield
    finally:
        with _state.lock:
            _state.callbacks.remove(callback)


def _on_signal(number: int, frame: object) -> None:
    # A signal handler does as little as it can: the watcher thread does the rest.
    if _state.signal is None and not _state.stopped.is_set():
        _state.since = time.monotonic()
        _state.signal = number
    elif not _state.worker:  # the run decides for its workers, which it stops with it
        _stop_at_once(number)


def _watch() -> None:
    """Turn a signal (or, in a worker, the run's stop file) into the stop, then tell whoever asked."""
    state = _state
    while not state.stopped.wait(POLL_S):
        told = state.worker and state.control is not None and (state.control / STOP_FILE).exists()
        if state.signal is not None or told:
            _stop(state)
            return


def _stop(state: _State) -> None:
    with state.lock:
        state.since = state.since or time.monotonic()
        state.stopped.set()
        callbacks = list(state.callbacks)
    if not state.worker:
        if state.control is not None:
            with contextlib.suppress(OSError):
                (state.control / STOP_FILE).touch()
        name = signal.Signals(state.signal).name if state.signal else "a signal"
        _say(state, f"{name}: {REASON}; no new scenario or request is started, the clean-up runs and every "
                    "report is written with what was judged (a second signal stops at once)")
    for callback in callbacks:
        with contextlib.suppress(Exception):
            callback()


def _stop_at_once(number: int) -> None:
    """The second signal: the workers killed, no report, the process gone now."""
    control = _state.control
    if control is not None:
        workers = [name.removeprefix(WORKER_PREFIX) for name in os.listdir(control) if name.startswith(WORKER_PREFIX)]
        _kill([int(pid) for pid in workers if pid.isdigit()])
        shutil.rmtree(control, ignore_errors=True)
    _say(_state, f"a second {signal.Signals(number).name}: stopped at once, no report written")
    os._exit(128 + number)


def _kill(pids: list[int]) -> None:
    """SIGKILL each worker, and reap it (they are this process's children) so that none is left behind."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 1.0
    for pid in pids:
        with contextlib.suppress(OSError):
            while os.waitpid(pid, os.WNOHANG) == (0, 0) and time.monotonic() < deadline:
                time.sleep(0.01)


def _say(state: _State, line: str) -> None:
    """One line on the terminal's stderr, which pytest's capture of a scenario's output does not swallow."""
    with contextlib.suppress(OSError):
        os.write(state.stderr if state.stderr is not None else 2, f"\ncancel-conformance: {line}\n".encode())
