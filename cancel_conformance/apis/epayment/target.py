"""A Vipps MobilePay ePayment v1 implementation as a target: its `[api."epayment.v1"]` section.

    [api."epayment.v1"]
    base_url = "https://apitest.vipps.no"

    [api."epayment.v1".merchant]
    client_id_env = "ACME_VIPPS_CLIENT_ID"
    client_secret_env = "ACME_VIPPS_CLIENT_SECRET"
    subscription_key_env = "ACME_VIPPS_SUBSCRIPTION_KEY"
    merchant_serial_number = "123456"

or, where the same file names the merchant for eCom already:

    [api."epayment.v1"]
    same_merchant_as = "ecom.v2"
"""

from __future__ import annotations

from cancel_conformance.apis.vipps_merchant import VippsTarget as EpaymentTarget
from cancel_conformance.apis.vipps_merchant import embedded_vipps as embedded
from cancel_conformance.apis.vipps_merchant import embedded_vipps_secrets as embedded_secrets
from cancel_conformance.apis.vipps_merchant import read_vipps_section as read_section

__all__ = ["EpaymentTarget", "embedded", "embedded_secrets", "read_section"]
