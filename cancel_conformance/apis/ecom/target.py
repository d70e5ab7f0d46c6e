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

from cancel_conformance.apis.vipps_merchant import VippsTarget as EcomTarget
from cancel_conformance.apis.vipps_merchant import embedded_vipps as embedded
from cancel_conformance.apis.vipps_merchant import embedded_vipps_secrets as embedded_secrets
from cancel_conformance.apis.vipps_merchant import read_vipps_section as read_section

__all__ = ["EcomTarget", "embedded", "embedded_secrets", "read_section"]
