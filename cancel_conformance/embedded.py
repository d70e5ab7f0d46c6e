"""The default target: the embedded reference implementation, started in-process on a free port."""

from __future__ import annotations

from collections.abc import Sequence

from cancel_conformance.apis import registry
from cancel_conformance.target import Target


class EmbeddedReference:
    """Starts the reference server and describes it as a target, with each API's demo clients."""

    def __init__(self, faults: Sequence[str] = ()) -> None:
        # The harness (never the steps or clients) may start the reference.
        from cancel_conformance.reference.server import ReferenceServer

        self.faults = tuple(faults)
        self._server = ReferenceServer(faults=self.faults)

    def start(self) -> Target:
        url = self._server.start()
        return Target(
            name="embedded reference implementation",
            # One server, one port: every API is mounted beside the others.
            apis={name: api.module("target").embedded(url) for name, api in registry().items()},
            embedded=True,
            description=describe(self.faults),
        )

    def stop(self) -> None:
        self._server.stop()


def demo_secrets() -> set[str]:
    """The embedded reference's demo credentials: public, but treated as secrets like any other."""
    return set().union(*(api.module("target").embedded_secrets() for api in registry().values()))


def describe(faults: Sequence[str]) -> str:
    return f"with fault {', '.join(faults)}" if faults else "no faults"


def check_fault_names(faults: Sequence[str]) -> None:
    """Unknown fault names are a usage error, reported before anything starts."""
    from cancel_conformance.reference.faults import FAULTS

    unknown = [name for name in faults if name not in FAULTS]
    if unknown:
        from cancel_conformance.target import ConfigError

        raise ConfigError(f"unknown fault {', '.join(unknown)}; `cancel-conformance faults` lists them")
