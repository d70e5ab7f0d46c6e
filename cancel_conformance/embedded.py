"""The default target: the embedded reference implementation, started in-process on a free port."""

from __future__ import annotations

from collections.abc import Sequence

from cancel_conformance.target import (
    ECOM_V2,
    POS_V10,
    Credentials,
    EcomTarget,
    PosTarget,
    Target,
    VippsCredentials,
)


class EmbeddedReference:
    """Starts the reference server and describes it as a target, with its demo integrators."""

    def __init__(self, faults: Sequence[str] = ()) -> None:
        # The harness (never the steps or clients) may start the reference.
        from cancel_conformance.reference.server import ReferenceServer

        self.faults = tuple(faults)
        self._server = ReferenceServer(faults=self.faults)

    def start(self) -> Target:
        from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
        from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS

        url = self._server.start()
        first, second = (Credentials(i.client_id, i.client_secret, i.merchant_vat) for i in DEMO_INTEGRATORS[:2])
        shop, other_shop = (VippsCredentials(m.client_id, m.client_secret, m.subscription_key,
                                             m.merchant_serial_number) for m in DEMO_MERCHANTS[:2])
        return Target(
            name="embedded reference implementation",
            # One server, one port: eCom is mounted beside PoS.
            apis={POS_V10: PosTarget(base_url=url, integrator=first, second_integrator=second),
                  ECOM_V2: EcomTarget(base_url=url, merchant=shop, second_merchant=other_shop)},
            embedded=True,
            description=describe(self.faults),
        )

    def stop(self) -> None:
        self._server.stop()


def demo_secrets() -> set[str]:
    """The embedded reference's demo credentials: public, but treated as secrets like any other."""
    from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
    from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS

    merchants = {value for m in DEMO_MERCHANTS for value in (m.client_secret, m.subscription_key)}
    return {integrator.client_secret for integrator in DEMO_INTEGRATORS} | merchants


def describe(faults: Sequence[str]) -> str:
    return f"with fault {', '.join(faults)}" if faults else "no faults"


def check_fault_names(faults: Sequence[str]) -> None:
    """Unknown fault names are a usage error, reported before anything starts."""
    from cancel_conformance.reference.faults import FAULTS

    unknown = [name for name in faults if name not in FAULTS]
    if unknown:
        from cancel_conformance.target import ConfigError

        raise ConfigError(f"unknown fault {', '.join(unknown)}; `cancel-conformance faults` lists them")
