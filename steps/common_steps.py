"""Steps shared by every feature: how an answer to the last action is judged."""

from __future__ import annotations

from pytest_bdd import parsers, then

from cancel_conformance import expect
from cancel_conformance.clients.result import ApiResult


@then(parsers.re(r"the (?P<what>.+?) succeeds$"))
def _(outcome: ApiResult, what: str) -> None:
    expect.status(outcome, 200, f"the {what}")


@then(parsers.re(r'the (?P<what>.+?) is refused with status (?P<status>\d{3})'
                 r'(?: and code "(?P<code>\d+)"| and one of the codes (?P<codes>.+))?$'))
def _(outcome: ApiResult, what: str, status: str, code: str | None, codes: str | None) -> None:
    expected_codes = [code] if code else [c.strip().strip('"') for c in (codes or "").split(",") if c.strip()]
    expect.refused(outcome, int(status), expected_codes, f"the {what}")
