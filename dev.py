#!/usr/bin/env python3
"""Set up and run the project with nothing but Python: `python3 dev.py suite` or `python3 dev.py test`.

    python3 dev.py suite [ARGS...]   create .venv if needed, install, then `cancel-conformance run ARGS`
    python3 dev.py test [ARGS...]    create .venv if needed, install, then the project's own tests
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
COMMANDS = ("suite", "test")
# Each test module runs on one worker, so a module's suite runs (module-scoped fixtures) happen once.
TEST_COMMAND = ["-m", "pytest", "-n", "2", "--dist", "loadscope"]


def ensure_environment() -> None:
    """Create the virtual environment and install the project into it, once per pyproject.toml."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    print("installing cancel-conformance and its dependencies", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if not argv or argv[0] not in COMMANDS:
        # A usage error, as for `cancel-conformance`: one line on stderr, exit code 3.
        given = f"unknown command {argv[0]!r}" if argv else "a command is required"
        print(f"dev.py: {given}: expected one of {', '.join(COMMANDS)} (see `python3 dev.py --help`)", file=sys.stderr)
        return 3
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "suite":
        args = [str(PYTHON), "-m", "cancel_conformance", "run", *rest]
    else:
        args = [str(PYTHON), *TEST_COMMAND, *rest]
    return subprocess.run(args, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
