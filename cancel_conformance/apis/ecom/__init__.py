"""Vipps eCom v2: a pending or reserved payment cancelled, 3-D Secure, 180 days, releasing what remains."""

from cancel_conformance.apis import Api, TokenStyle

API = Api(
    name="ecom.v2",
    title="Vipps eCom v2",
    tag="ecom",
    contract="ecom.v2.yaml",
    operations="/ecomm/v2/",
    # api-facts §2.1: `POST /accesstoken/get` with the client id, secret and subscription key as headers.
    tokens=TokenStyle("/accesstoken/get",
                      (("merchant", "merchant", "ECOM_ACCESS_TOKEN"),
                       ("second_merchant", "second merchant", "ECOM_SECOND_ACCESS_TOKEN")),
                      ("client_id", "client_secret", "subscription_key"), "CC_ECOM", form=False),
    vendor_capabilities=frozenset({"ecom.approve"}),
)
