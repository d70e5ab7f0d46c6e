"""A pytest plugin for one test only: it writes a configured secret into the report folder, as a leak would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_sessionfinish(session: pytest.Session) -> None:
    report_dir = Path(session.config.getoption("cc_report_dir"))
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "planted.txt").write_text(f"leaked: {os.environ['CC_S_SECRET']}\n", "utf-8")
