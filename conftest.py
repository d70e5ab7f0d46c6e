"""Registers the suite's pytest plugin and every step module (`steps/*_steps.py`); nothing else lives here."""

from pathlib import Path

pytest_plugins = ["cancel_conformance.plugin",
                  *(f"steps.{path.stem}" for path in sorted((Path(__file__).parent / "steps").glob("*_steps.py")))]
