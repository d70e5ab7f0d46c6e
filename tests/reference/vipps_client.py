"""What every Vipps test client of the reference shares: a demo merchant, its access token and gateway headers."""

from __future__ import annotations

import requests

from cancel_conformance.reference.ecom.accounts import DemoMerchant

KEY = "Ocp-Apim-Subscription-Key"


class VippsMerchant:
    """One demo merchant with a token from `POST /accesstoken/get` (one token opens eCom and ePayment)."""

    def __init__(self, base_url: str, merchant: DemoMerchant) -> None:
        self.url = base_url
        self.merchant = merchant
        self.msn = merchant.merchant_serial_number
        self.session = requests.Session()
        reply = self.session.post(f"{base_url}/accesstoken/get", timeout=5, headers={
            "client_id": merchant.client_id, "client_secret": merchant.client_secret, KEY: merchant.subscription_key})
        reply.raise_for_status()
        self.token = reply.json()["access_token"]
        self.headers = {"Authorization": f"Bearer {self.token}", KEY: merchant.subscription_key}
