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
            yield json.dumps(record, ensure_ascii=False)


def render_evidence(run: Run) -> str:
    return "".join(f"{line}\n" for line in evidence_lines(run))
