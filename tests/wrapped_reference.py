"""The whole suite against the reference seen through a middleware: an implementation we never wrote.

The middleware stands in front of the reference on a real port, and the suite reaches it through a
target file naming every API of the reference, as a vendor's run would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.types import ASGIApp

from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from tests.suite_run import SuiteRun, run_suite

TARGET = """
name = "{name}"

[api."pos.v10"]
base_url = "{url}"
merchant_vat = "{vat}"
[api."pos.v10".integrator]
client_id_env = "CC_WRAPPED_POS_ID"
client_secret_env = "CC_WRAPPED_POS_SECRET"
[api."pos.v10".second_integrator]
client_id_env = "CC_WRAPPED_POS2_ID"
client_secret_env = "CC_WRAPPED_POS2_SECRET"

[api."ecom.v2"]
base_url = "{url}"
[api."ecom.v2".merchant]
client_id_env = "CC_WRAPPED_ECOM_ID"
client_secret_env = "CC_WRAPPED_ECOM_SECRET"
subscription_key_env = "CC_WRAPPED_ECOM_KEY"
merchant_serial_number = "{msn}"

[api."epayment.v1"]
same_merchant_as = "ecom.v2"
"""


def credentials_env() -> dict[str, str]:
    """The demo credentials, in the environment variables the target file names."""
    first, second = DEMO_INTEGRATORS[:2]
    merchant = DEMO_MERCHANTS[0]
    return {"CC_WRAPPED_POS_ID": first.client_id, "CC_WRAPPED_POS_SECRET": first.client_secret,
            "CC_WRAPPED_POS2_ID": second.client_id, "CC_WRAPPED_POS2_SECRET": second.client_secret,
            "CC_WRAPPED_ECOM_ID": merchant.client_id, "CC_WRAPPED_ECOM_SECRET": merchant.client_secret,
            "CC_WRAPPED_ECOM_KEY": merchant.subscription_key}


def write_target(folder: Path, url: str, name: str) -> Path:
    """A target file naming every API of the reference served at `url`, credentials by variable name."""
    target = folder / "target.toml"
    target.write_text(TARGET.format(name=name, url=url, vat=DEMO_INTEGRATORS[0].merchant_vat,
                                    msn=DEMO_MERCHANTS[0].merchant_serial_number), "utf-8")
    return target


def run_behind(wrap: Callable[[ASGIApp], ASGIApp], tmp_path: Path, name: str, *args: str) -> SuiteRun:
    """Serve the reference behind `wrap` and run the suite (every API, fuzzing included unless `args` say)."""
    with ReferenceServer(wrap=wrap) as server:
        target = write_target(tmp_path, server.url, name)
        return run_suite(tmp_path / "reports", f"--target-file={target}", *args, env=credentials_env())
