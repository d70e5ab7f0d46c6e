"""Registers the suite's pytest plugin and its step modules; nothing else lives here."""

pytest_plugins = [
    "cancel_conformance.plugin",
    "steps.common_steps",
    "steps.pos_payment_steps",
    "steps.pos_recovery_steps",
    "steps.pos_refund_steps",
    "steps.ecom_order_steps",
    "steps.ecom_history_steps",
    "steps.safe_steps",
]
