"""Vipps MobilePay ePayment v1: a created or authorized payment cancelled, what remains released,
cancelling only the transaction, 3-D Secure, 180 days, idempotent retries."""

from cancel_conformance.apis import Api, TokenStyle

API = Api(
    name="epayment.v1",
    title="Vipps MobilePay ePayment v1",
    tag="epayment",
    contract="epayment.v1.yaml",
    operations="/epayment/v1/",
    # api-facts §3.1: the same access token as every Vipps API, from `POST /accesstoken/get`.
    tokens=TokenStyle("/accesstoken/get",
                      (("merchant", "merchant", "EPAY_ACCESS_TOKEN"),
                       ("second_merchant", "second merchant", "EPAY_SECOND_ACCESS_TOKEN")),
                      ("client_id", "client_secret", "subscription_key"), "CC_EPAY", form=False),
    vendor_capabilities=frozenset({"epayment.approve"}),
)
