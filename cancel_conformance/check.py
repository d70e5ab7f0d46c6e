"""`cancel-conformance check`: the run's preflight alone, printed, against a target file or the embedded reference."""

from __future__ import annotations

import json

from cancel_conformance import exit_codes
from cancel_conformance.exchange import Redactor
from cancel_conformance.http import HttpSession
from cancel_conformance.preflight import ApiCheck, check_target, render
from cancel_conformance.target import Target


def run_check(target: Target | None, apis: list[str] | None, as_json: bool) -> int:
    """The preflight of `target` (None: the embedded reference, started for it): 0 when every API answers and
    hands out every client's token and its capabilities; 2 otherwise, as a run would end in errors."""
    embedded = None
    if target is None:
        from cancel_conformance.embedded import EmbeddedReference

        embedded = EmbeddedReference()
        target = embedded.start().restricted_to(apis)
    http = HttpSession(target.limits)
    try:
        checks = check_target(target, http, Redactor(target.secrets()))
    finally:
        http.close()
        if embedded is not None:
            embedded.stop()
    _print(target, checks, as_json)
    return exit_codes.NOT_JUDGED if any(_wrong(check) for check in checks) else exit_codes.CONFORMANT


def _wrong(check: ApiCheck) -> bool:
    return bool(check.unreachable) or check.capabilities is None or any(c.refused for c in check.clients)


def _print(target: Target, checks: list[ApiCheck], as_json: bool) -> None:
    if as_json:
        print(json.dumps({"target": target.name, "apis": [check.to_json() for check in checks]}, indent=2,
                         ensure_ascii=False))
        return
    print(f"cancel-conformance check: {target.name}")
    for check in checks:
        print("\n".join(render(check)))
