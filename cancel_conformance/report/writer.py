"""Writes a run's files: results.json, junit.xml and report.html."""

from __future__ import annotations

import json
from pathlib import Path

from cancel_conformance.report.html import render_html
from cancel_conformance.report.junit import render_junit
from cancel_conformance.report.results import Run, to_json

RESULTS_FILE = "results.json"
JUNIT_FILE = "junit.xml"
HTML_FILE = "report.html"


def write_reports(run: Run, report_dir: Path) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / RESULTS_FILE).write_text(json.dumps(to_json(run), indent=2, ensure_ascii=False) + "\n", "utf-8")
    (report_dir / JUNIT_FILE).write_text(render_junit(run), "utf-8")
    (report_dir / HTML_FILE).write_text(render_html(run), "utf-8")
