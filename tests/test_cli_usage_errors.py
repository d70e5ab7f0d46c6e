"""The command line keeps its exit-code promise: a usage error is 3 with one line, a closed pipe no traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cancel_conformance import exit_codes

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "cancel_conformance"]
REFERENCE = [sys.executable, "-m", "cancel_conformance.reference"]
DEV = [sys.executable, str(ROOT / "dev.py")]
POS_ONLY = ('[api."pos.v10"]\nbase_url = "http://127.0.0.1:9"\n[api."pos.v10".integrator]\n'
            'client_id_env = "CC_USAGE_ID"\nclient_secret_env = "CC_USAGE_SECRET"\n')

# (command, what the one line must name). {file}: an existing file; {empty}: an empty folder; {missing}: a
# path that does not exist; {target}: a target file of PoS only; {slow}: one whose concurrency is 0; {busy}: a
# port something listens on.
BAD_COMMAND_LINES = [
    # the rows
    ([*CLI, "run", "--api", "bogus"], "--api"),
    ([*CLI, "run", "--fuzz-seed", "abc"], "--fuzz-seed"),
    ([*CLI, "frobnicate"], "frobnicate"),
    ([*CLI, "run", "--no-such-flag"], "--no-such-flag"),
    ([*CLI, "run", "--fuzz-examples", "-5"], "--fuzz-examples"),
    ([*CLI, "run", "--fuzz-examples", "0"], "--fuzz-examples"),
    # every option of run
    ([*CLI, "run", "--fuzz-examples", "many"], "--fuzz-examples"),
    ([*CLI, "run", "--fuzz-examples", "2.5"], "--fuzz-examples"),
    ([*CLI, "run", "--fuzz-examples"], "--fuzz-examples"),
    ([*CLI, "run", "--fuzz-seed", "-1"], "--fuzz-seed"),
    ([*CLI, "run", "--fuzz"], "--fuzz"),
    ([*CLI, "run", "--concurrency", "0"], "--concurrency"),
    ([*CLI, "run", "--concurrency", "-2"], "--concurrency"),
    ([*CLI, "run", "--concurrency", "many"], "--concurrency"),
    ([*CLI, "run", "--concurrency", "1.5"], "--concurrency"),
    ([*CLI, "run", "--target-file", "{slow}"], "concurrency"),
    ([*CLI, "run", "--target-file", "{missing}"], "target file"),
    ([*CLI, "run", "--target-file", "{file}"], "TOML"),
    ([*CLI, "run", "--target-file", "{target}", "--api", "ecom.v2"], "--api"),
    ([*CLI, "run", "--target-file", "{target}", "--fault", "cancel-captured-payment"], "--fault"),
    ([*CLI, "run", "--report-dir", "{file}"], "--report-dir"),
    ([*CLI, "run", "--fault", "no-such-fault"], "fault"),
    ([*CLI, "run", "--suite-dir", "{empty}"], "--suite-dir"),
    ([*CLI, "run", "--baseline", "{missing}"], "baseline"),
    ([*CLI, "run", "--baseline", "{file}"], "baseline"),
    ([*CLI, "run", "stray"], "stray"),
    # what run passes to pytest
    ([*CLI, "run", "--", "--no-such-pytest-flag"], "--no-such-pytest-flag"),
    ([*CLI, "run", "--", "--cc-fuzz-examples=0"], "--cc-fuzz-examples"),
    ([*CLI, "run", "--", "--cc-fuzz-examples=-5"], "--cc-fuzz-examples"),
    ([*CLI, "run", "--", "--cc-fuzz-seed=abc"], "--cc-fuzz-seed"),
    ([*CLI, "run", "--", "--cc-concurrency=0"], "--cc-concurrency"),
    ([*CLI, "run", "--", "--cc-api=bogus"], "--cc-api"),
    ([*CLI, "run", "--", "--cc-fault=no-such-fault"], "fault"),
    ([*CLI, "run", "--", "--cc-target-file={missing}"], "target file"),
    ([*CLI, "run", "--", "-m", "((("], "-m"),
    # the other commands
    ([*CLI], "command"),
    ([*CLI, "--no-such-flag", "rules"], "--no-such-flag"),
    ([*CLI, "rules", "--no-such-flag"], "--no-such-flag"),
    ([*CLI, "rules", "extra"], "extra"),
    ([*CLI, "rules", "--", "-x"], "--"),
    ([*CLI, "faults", "extra"], "extra"),
    ([*CLI, "serve", "--port", "abc"], "--port"),
    ([*CLI, "serve", "--port", "0"], "--port"),
    ([*CLI, "serve", "--port", "70000"], "--port"),
    ([*CLI, "serve", "--port", "{busy}"], "--port"),
    ([*CLI, "serve", "--fault", "no-such-fault"], "fault"),
    ([*CLI, "verify"], "DIR"),
    ([*CLI, "verify", "{missing}"], "DIR"),
    ([*CLI, "verify", "{file}"], "DIR"),
    ([*CLI, "diff", "{missing}"], "NEW"),
    ([*CLI, "diff", "{missing}", "{missing}"], "results.json"),
    ([*CLI, "diff", "--no-such-flag", "{empty}", "{empty}"], "--no-such-flag"),
    ([*REFERENCE, "--port", "abc"], "--port"),
    ([*REFERENCE, "--port", "{busy}"], "--port"),
    ([*REFERENCE, "--fault", "no-such-fault"], "--fault"),
    ([*REFERENCE, "--no-such-flag"], "--no-such-flag"),
    ([*DEV, "frobnicate"], "frobnicate"),
    ([*DEV], "command"),
]
# Options given through the environment
BAD_ENVIRONMENTS = [
    ({"CANCEL_CONFORMANCE_FUZZ_EXAMPLES": "0"}, "CANCEL_CONFORMANCE_FUZZ_EXAMPLES"),
    ({"CANCEL_CONFORMANCE_FUZZ_SEED": "x"}, "CANCEL_CONFORMANCE_FUZZ_SEED"),
    ({"CANCEL_CONFORMANCE_CONCURRENCY": "none"}, "CANCEL_CONFORMANCE_CONCURRENCY"),
    ({"CANCEL_CONFORMANCE_SUITE_DIR": "{empty}"}, "CANCEL_CONFORMANCE_SUITE_DIR"),
]


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    """The paths and the busy port the table's placeholders name; the command runs in `tmp_path/cwd`."""
    (tmp_path / "file").write_text("not = [valid", "utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "target.toml").write_text(POS_ONLY, "utf-8")
    (tmp_path / "slow.toml").write_text("[limits]\nconcurrency = 0\n" + POS_ONLY, "utf-8")
    (tmp_path / "cwd").mkdir()
    return {"file": str(tmp_path / "file"), "empty": str(tmp_path / "empty"),
            "missing": str(tmp_path / "missing"), "target": str(tmp_path / "target.toml"),
            "slow": str(tmp_path / "slow.toml")}


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def _run(command: list[str], places: dict[str, str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    filled = [part.format(**places) for part in command]
    environment = {**os.environ, "CC_USAGE_ID": "id", "CC_USAGE_SECRET": "secret",
                   **{name: value.format(**places) for name, value in (env or {}).items()}}
    return subprocess.run(filled, cwd=Path(places["empty"]).parent / "cwd", capture_output=True, text=True,
                          timeout=60, env=environment)


def _assert_one_line_usage_error(completed: subprocess.CompletedProcess, names: str, places: dict[str, str]) -> None:
    shown = f"exit {completed.returncode}\nstderr: {completed.stderr}\nstdout: {completed.stdout[-2000:]}"
    assert completed.returncode == exit_codes.USAGE, shown
    assert "Traceback" not in completed.stderr + completed.stdout, shown
    assert completed.stderr.count("\n") == 1, shown
    assert completed.stderr.strip(), shown
    assert names in completed.stderr, shown
    # No run started: nothing judged, nothing written where a run writes by default.
    assert not list((Path(places["empty"]).parent / "cwd").rglob("results.json")), shown


@pytest.mark.parametrize(("command", "names"), BAD_COMMAND_LINES,
                         ids=[" ".join(command[2:]) or "no command" for command, _ in BAD_COMMAND_LINES])
def test_a_bad_command_line_is_one_line_and_exit_code_3(command: list[str], names: str, places: dict[str, str],
                                                        busy_port: int) -> None:
    completed = _run(command, {**places, "busy": str(busy_port)})
    _assert_one_line_usage_error(completed, names, places)


@pytest.mark.parametrize(("env", "names"), BAD_ENVIRONMENTS, ids=[names for _, names in BAD_ENVIRONMENTS])
def test_a_bad_option_from_the_environment_is_one_line_and_exit_code_3(env: dict[str, str], names: str,
                                                                       places: dict[str, str]) -> None:
    _assert_one_line_usage_error(_run([*CLI, "run"], places, env), names, places)


def test_rules_into_head_ends_quietly(tmp_path: Path) -> None:
    """A real shell pipe: `head -1` takes the first line and goes; no traceback, 0 or 141 (SIGPIPE's)."""
    command = f"set -o pipefail; {' '.join(CLI)} rules | head -1"
    completed = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert completed.stdout.startswith("POS_PAY_01"), completed
    assert completed.stderr == "", completed
    assert completed.returncode in (exit_codes.CONFORMANT, exit_codes.CLOSED_PIPE), completed


@pytest.mark.parametrize("command", [["rules"], ["rules", "--json"], ["faults"], ["--help"]])
def test_output_into_a_closed_pipe_exits_141_without_a_word(command: list[str], tmp_path: Path) -> None:
    """The reader is gone before the first byte is written: every write meets a closed pipe."""
    completed = _into_closed_pipe([*CLI, *command], tmp_path)
    assert completed.stderr == b"", completed
    assert completed.returncode == exit_codes.CLOSED_PIPE or command == ["--help"], completed


def test_a_run_into_a_closed_pipe_still_judges_and_writes_its_reports(tmp_path: Path) -> None:
    """A run goes on to its end (its clean-up, its reports), then says with 141 that its output was cut."""
    completed = _into_closed_pipe([*CLI, "run", f"--report-dir={tmp_path / 'reports'}", "--", "-k", "POS_PAY_02"],
                                  tmp_path)
    assert completed.stderr == b"", completed
    assert completed.returncode == exit_codes.CLOSED_PIPE, completed
    assert (tmp_path / "reports" / "results.json").exists()


def _into_closed_pipe(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(command, cwd=cwd, stdout=write, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
