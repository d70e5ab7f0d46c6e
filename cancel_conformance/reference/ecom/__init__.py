"""The Vipps eCom v2 part of the reference: payments, the merchant's actions, the sandbox hooks."""
