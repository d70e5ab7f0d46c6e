"""CON_*_03 is verified only by an invalid request seen refused: a refusal check that passed a valid
request (schemathesis passes it for every one) is no evidence, so a run without one is not verified."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cancel_conformance.fuzz.campaign import _refused_invalid


def node(negative: bool) -> SimpleNamespace:
    mode = SimpleNamespace(is_negative=negative)
    return SimpleNamespace(value=SimpleNamespace(meta=SimpleNamespace(generation=SimpleNamespace(mode=mode))))


@pytest.mark.parametrize(("negative", "status", "evidence"), [
    (True, 400, True), (True, 422, True), (True, 404, True),
    (True, 500, False),   # the check let it pass: schemathesis found the request valid once serialized
    (True, 201, False),
    (False, 400, False),  # a valid request refused is another rule's matter
    (False, 201, False),
    (True, None, False),  # no answer at all
])
def test_only_an_invalid_request_refused_with_a_4xx_is_evidence(negative: bool, status: int | None,
                                                                 evidence: bool) -> None:
    assert _refused_invalid(node(negative), status) is evidence


def test_a_case_without_generation_metadata_is_no_evidence() -> None:
    assert _refused_invalid(SimpleNamespace(value=SimpleNamespace(meta=None)), 400) is False
    assert _refused_invalid(None, 400) is False
