"""Fixtures for the reference implementation's tests: running servers and clients for them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer
from tests.reference.reference_client import Api


@pytest.fixture(scope="session")
def servers() -> Iterator[Callable[..., ReferenceServer]]:
    """Running reference servers by fault set, started on first use, all stopped at the end."""
    running: dict[frozenset[str], ReferenceServer] = {}

    def server(*faults: str) -> ReferenceServer:
        key = frozenset(faults)
        if key not in running:
            running[key] = ReferenceServer(faults)
            running[key].start()
        return running[key]

    yield server
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(ReferenceServer.stop, running.values()))


@pytest.fixture(scope="session")
def reference(servers: Callable[..., ReferenceServer]) -> ReferenceServer:
    """The reference with no fault."""
    return servers()


@pytest.fixture
def api(reference: ReferenceServer) -> Api:
    return Api(reference.url, DEMO_INTEGRATORS[0])


@pytest.fixture
def other_api(reference: ReferenceServer) -> Api:
    """The second integrator on the same server."""
    return Api(reference.url, DEMO_INTEGRATORS[1])
