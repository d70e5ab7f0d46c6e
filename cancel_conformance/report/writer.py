"""Writes a run's files, and with `--certify` a sealed bundle of them."""

from __future__ import annotations

import json
from pathlib import Path

from cancel_conformance.bundle import bundle_name, write_bundle
from cancel_conformance.report.cucumber import render_cucumber
from cancel_conformance.report.evidence import render_evidence
from cancel_conformance.report.html import render_html
from cancel_conformance.report.junit import render_junit
from cancel_conformance.report.results import Run, interrupted_json, to_json

RESULTS_FILE = "results.json"
JUNIT_FILE = "junit.xml"
HTML_FILE = "report.html"
CUCUMBER_FILE = "cucumber.json"
EVIDENCE_FILE = "evidence.jsonl"


OUTPUT_FILES = (RESULTS_FILE, JUNIT_FILE, HTML_FILE, CUCUMBER_FILE, EVIDENCE_FILE)


def remove_earlier_outputs(report_dir: Path) -> None:
    """Never let a run that writes nothing leave an earlier run's outputs to be read as its own."""
    for name in OUTPUT_FILES:
        (report_dir / name).unlink(missing_ok=True)


def render_outputs(run: Run) -> dict[str, bytes]:
    """Every output of a run, by file name."""
    texts = {
        RESULTS_FILE: json.dumps(to_json(run), indent=2, ensure_ascii=False) + "\n",
        JUNIT_FILE: render_junit(run),
        CUCUMBER_FILE: render_cucumber(run),
        EVIDENCE_FILE: render_evidence(run),
        HTML_FILE: render_html(run),
    }
    return {name: text.encode("utf-8") for name, text in texts.items()}


def write_reports(run: Run, report_dir: Path, certify: bool = False) -> Path | None:
    """Write the outputs into `report_dir`; with `certify`, also a bundle folder below it (returned)."""
    report_dir.mkdir(parents=True, exist_ok=True)
    outputs = render_outputs(run)
    for name, content in outputs.items():
        (report_dir / name).write_bytes(content)
    if not certify:
        return None
    name = bundle_name(run.info.started.strftime("%Y%m%dT%H%M%SZ"), run.verdict)
    return write_bundle(report_dir / name, outputs, manifest(run))


def manifest(run: Run) -> dict:
    """What a certifier checks first: which suite, against what, with which contracts, to what end."""
    return {
        "suite": {"name": "cancel-conformance", "version": run.info.suite_version},
        "target": run.info.target,
        "apis": list(run.info.apis),
        "started": run.info.started.isoformat(timespec="seconds"),
        "finished": run.finished.isoformat(timespec="seconds"),
        "verdict": run.verdict,
        "exit_code": run.exit_code,
        "counts": run.counts(),
        "fuzzing": {"seed": run.info.fuzz_seed, "examples": run.info.fuzz_examples},
        "suite_files": run.info.hashes,
        "interrupted": interrupted_json(run),
    }
