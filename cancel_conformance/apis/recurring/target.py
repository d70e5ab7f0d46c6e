"""A Vipps MobilePay Recurring v3 implementation as a target: its `[api."recurring.v3"]` section.

    [api."recurring.v3"]
    same_merchant_as = "ecom.v2"      # or base_url and a [merchant] section of its own

How long a charge may take to show a cancel answered `202` is `[limits] settle_timeout`.
"""

from __future__ import annotations

from cancel_conformance.apis.vipps_merchant import VippsTarget as RecurringTarget
from cancel_conformance.apis.vipps_merchant import embedded_vipps as embedded
from cancel_conformance.apis.vipps_merchant import embedded_vipps_secrets as embedded_secrets
from cancel_conformance.apis.vipps_merchant import read_vipps_section as read_section

__all__ = ["RecurringTarget", "embedded", "embedded_secrets", "read_section"]
