"""The benchmark's far target: the latency proxy adds its round trip and stops by itself; the critical path is
read from the strands a run's evidence recorded."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from bench.far import chain, critical_path
from bench.latency_proxy import LatencyProxy, far
from cancel_conformance.reference.server import ReferenceServer


def test_the_proxy_adds_its_round_trip_to_every_request_and_one_more_to_a_new_connection() -> None:
    with ReferenceServer() as server, far(server.url, 0.1) as url:
        session = requests.Session()
        started = time.perf_counter()
        session.get(f"{url}/simulation/v1/capabilities", timeout=5).raise_for_status()
        first = time.perf_counter() - started
        started = time.perf_counter()
        answer = session.get(f"{url}/simulation/v1/capabilities", timeout=5)
        again = time.perf_counter() - started
        assert answer.json() == requests.get(f"{server.url}/simulation/v1/capabilities", timeout=5).json()
    assert first >= 0.2  # the handshake's round trip, then the request's (never less, however loaded)
    assert again >= 0.1


def test_the_proxy_forwards_to_loopback_only_and_stops_by_itself() -> None:
    with pytest.raises(ValueError, match=r"127\.0\.0\.1 only"), far("http://10.0.0.1:80", 0.05):
        pass
    with socket.socket() as upstream:
        upstream.bind(("127.0.0.1", 0))
        proxy = LatencyProxy(upstream.getsockname()[1], max_seconds=0.3)
        proxy.start()
        assert proxy.url.startswith("http://127.0.0.1:")
        proxy._thread.join(5)
        assert not proxy._thread.is_alive()


def exchange(nodeid: str, strand: str = "") -> dict:
    return {"nodeid": nodeid, "strand": strand}


def test_a_chain_is_the_main_strand_then_each_stage_at_its_longest_lane() -> None:
    records = [exchange("s"), exchange("s"),
               exchange("s", "set up 1/0"), exchange("s", "set up 1/0"), exchange("s", "set up 1/1"),
               exchange("s", "at once 2/0"), exchange("s", "at once 2/1")]
    assert chain(records) == 2 + 2 + 1


def test_the_critical_path_is_the_longest_unit_and_a_campaigns_module_is_one_unit() -> None:
    records = [exchange("steps/test_a.py::test_one")] * 3
    records += [exchange("steps/test_pos_contract_coverage.py::test[CON_POS_01]", "coverage layer 0/GET /a")] * 2
    records += [exchange("steps/test_pos_contract_coverage.py::test[CON_POS_04]", "401 probes 7/0")]
    records += [exchange("steps/test_pos_contract_coverage.py::test[CON_POS_05]")] * 2
    assert critical_path(records) == (5, "steps/test_pos_contract_coverage.py")
