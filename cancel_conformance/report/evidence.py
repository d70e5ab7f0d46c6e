"""evidence.jsonl: every recorded exchange of a run, redacted, one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from cancel_conformance.report.results import Run

EVIDENCE_SCHEMA = "cancel-conformance/evidence/1"


def evidence_lines(run: Run) -> Iterator[str]:
    """One line per exchange, in scenario order and, within a scenario, in the order it was sent."""
    for scenario in run.scenarios:
        for number, exchange in enumerate(scenario.exchanges, 1):
            record = {
                "schema": EVIDENCE_SCHEMA,
                "nodeid": scenario.nodeid,
                "scenario": scenario.name,
                "rules": scenario.rules,
                "outcome": scenario.outcome.value,
                "seq": number,
                **exchange,
            }
            yield _one_line(json.dumps(record, ensure_ascii=False))


# Characters JSON may leave raw that many line readers (Python's splitlines, some editors and log
# tools) take for line breaks; escaped, every record stays on its one line whatever a fuzzer sent.
LINE_BREAKING = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _one_line(text: str) -> str:
    for raw, escaped in LINE_BREAKING.items():
        text = text.replace(raw, escaped)
    return text


def render_evidence(run: Run) -> str:
    return "".join(f"{line}\n" for line in evidence_lines(run))
