"""A Vipps eCom v2 implementation as a target: its `[api."ecom.v2"]` section, and the embedded one.

    [api."ecom.v2"]
    base_url = "https://ecom.sandbox.acme.example"

    [api."ecom.v2".merchant]
    client_id_env = "ACME_VIPPS_CLIENT_ID"
    client_secret_env = "ACME_VIPPS_CLIENT_SECRET"
    subscription_key_env = "ACME_VIPPS_SUBSCRIPTION_KEY"
    merchant_serial_number = "123456"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cancel_conformance.apis.vipps_merchant import (
    VippsTarget,
    embedded_vipps,
    embedded_vipps_secrets,
    read_vipps_section,
)

EcomTarget = VippsTarget


def read_section(section: dict[str, Any], environ: Mapping[str, str], where: str,
                 sections: Mapping[str, Any] | None = None) -> VippsTarget:
    return read_vipps_section(section, environ, where)


def embedded(url: str) -> VippsTarget:
    return embedded_vipps(url)


def embedded_secrets() -> set[str]:
    return embedded_vipps_secrets()
