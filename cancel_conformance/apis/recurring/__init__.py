"""Vipps MobilePay Recurring v3: cancelling a charge (pending, due, reserved, partly captured), its answer
204 or 202, idempotency keys, stopping the agreement."""

from cancel_conformance.apis import Api, TokenStyle

API = Api(
    name="recurring.v3",
    title="Vipps MobilePay Recurring v3",
    tag="recurring",
    contract="recurring.v3.yaml",
    operations="/recurring/v3/",
    # api-facts §4.1: the same access token as every Vipps API, from `POST /accesstoken/get`.
    tokens=TokenStyle("/accesstoken/get",
                      (("merchant", "merchant", "RECUR_ACCESS_TOKEN"),
                       ("second_merchant", "second merchant", "RECUR_SECOND_ACCESS_TOKEN")),
                      ("client_id", "client_secret", "subscription_key"), "CC_RECUR", form=False),
    vendor_capabilities=frozenset({"recurring.accept"}),
)
