"""Registers the suite's pytest plugin and its step modules; nothing else lives here."""

pytest_plugins = [
    "cancel_conformance.plugin",
]
