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
{limits}

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
[api."ecom.v2".second_merchant]
client_id_env = "CC_WRAPPED_ECOM2_ID"
client_secret_env = "CC_WRAPPED_ECOM2_SECRET"
subscription_key_env = "CC_WRAPPED_ECOM2_KEY"
merchant_serial_number = "{msn2}"

[api."epayment.v1"]
same_merchant_as = "ecom.v2"

[api."recurring.v3"]
same_merchant_as = "ecom.v2"
"""


def credentials_env() -> dict[str, str]:
    """The demo credentials, in the environment variables the target file names."""
    first, second = DEMO_INTEGRATORS[:2]
    merchant, other = DEMO_MERCHANTS[:2]
    return {"CC_WRAPPED_POS_ID": first.client_id, "CC_WRAPPED_POS_SECRET": first.client_secret,
            "CC_WRAPPED_POS2_ID": second.client_id, "CC_WRAPPED_POS2_SECRET": second.client_secret,
            "CC_WRAPPED_ECOM_ID": merchant.client_id, "CC_WRAPPED_ECOM_SECRET": merchant.client_secret,
            "CC_WRAPPED_ECOM_KEY": merchant.subscription_key, "CC_WRAPPED_ECOM2_ID": other.client_id,
            "CC_WRAPPED_ECOM2_SECRET": other.client_secret, "CC_WRAPPED_ECOM2_KEY": other.subscription_key}


def write_target(folder: Path, url: str, name: str, limits: str = "") -> Path:
    """A target file naming every API of the reference served at `url`, credentials by variable name;
    `limits`: the body of a [limits] section."""
    target = folder / "target.toml"
    target.write_text(TARGET.format(name=name, url=url, vat=DEMO_INTEGRATORS[0].merchant_vat,
                                    msn=DEMO_MERCHANTS[0].merchant_serial_number,
                                    msn2=DEMO_MERCHANTS[1].merchant_serial_number,
                                    limits=f"[limits]\n{limits}" if limits else ""), "utf-8")
    return target


def run_behind(wrap: Callable[[ASGIApp], ASGIApp] | None, tmp_path: Path, name: str, *args: str,
               limits: str = "", **server: object) -> SuiteRun:
    """Serve the reference (with `server`'s options) behind `wrap` and run the suite (every API, fuzzing
    included, unless `args` say otherwise)."""
    with ReferenceServer(wrap=wrap, **server) as reference:
        target = write_target(tmp_path, reference.url, name, limits)
        return run_suite(tmp_path / "reports", f"--target-file={target}", *args, env=credentials_env())
