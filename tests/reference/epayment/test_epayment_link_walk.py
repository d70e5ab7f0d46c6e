"""CON_EPAY_05 along the contract's links: the walk reaches every link of epayment.v1.yaml from one create.

The walk (fuzz/link_walk.py) follows each link once with the contract's examples: create 25000,
approve, capture 10000, refund 4000, cancel what remains. On the reference every answer is within the
contract; with the CON_EPAY_05 fault the event log of that payment is not.
"""

from __future__ import annotations

from pathlib import Path

import schemathesis
import yaml

from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.fuzz.link_walk import Walk, walk_links
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.epayment.epayment_client import EpaymentApi

CONTRACT = Path(__file__).parents[3] / "contracts" / "epayment.v1.yaml"
LINKS = 17  # create 6, force approve 3, capture 4, refund 2, cancel 2


def walk(server: ReferenceServer) -> Walk:
    """The walk on a server where the example's reference is still free (a reused one is refused, 409)."""
    api = EpaymentApi(server.url)
    schema = schemathesis.openapi.from_path(str(CONTRACT))
    return walk_links(schema, yaml.safe_load(CONTRACT.read_text("utf-8")), server.url, api.headers,
                      Recorder(Redactor()))


def test_the_walk_follows_every_link_within_the_contract() -> None:
    with ReferenceServer() as server:
        walked = walk(server)
    assert (len(walked.followed), walked.findings) == (LINKS, [])


def test_the_walk_finds_the_events_of_a_refunded_then_cancelled_payment_off_contract() -> None:
    with ReferenceServer(["epayment-cancelled-events-off-contract"]) as server:
        walked = walk(server)
    assert [(finding["operation"], finding["title"]) for finding in walked.findings] == [
        ("GET /epayment/v1/payments/{reference}/events", "Response violates schema")]
