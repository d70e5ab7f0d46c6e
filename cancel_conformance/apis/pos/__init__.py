"""MobilePay PoS v10: the client cancels a payment or a refund, the customer in the app, recovery."""

from cancel_conformance.apis import Api, TokenStyle

API = Api(
    name="pos.v10",
    title="MobilePay PoS v10",
    tag="pos",
    contract="pos.v10.yaml",
    operations="/pos/v10/",
    # api-facts §1.0: OAuth2 client credentials, HTTP Basic, `merchant_vat` as a form field.
    tokens=TokenStyle("/integrator-authentication/connect/token",
                      (("integrator", "merchant", "ACCESS_TOKEN"),
                       ("second_integrator", "second merchant", "SECOND_ACCESS_TOKEN")),
                      ("client_id", "client_secret"), "CC_POS", form=True),
    vendor_capabilities=frozenset({"pos.user"}),
)
