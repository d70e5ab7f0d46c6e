"""Usage errors: one line on stderr and exit code 3, whichever parser or check found them."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from cancel_conformance import exit_codes

PROG = "cancel-conformance"
MAX_PORT = 65535


def one_line(message: object) -> str:
    """A message as one line: a CI log shows it whole, a gate's `2>&1 | tail -1` reads all of it."""
    return re.sub(r"\s*\n\s*", " ", str(message).strip())


def usage_error(prog: str, message: object) -> int:
    """Print a usage error as one line on stderr; the exit code that says so (3)."""
    print(f"{prog}: {one_line(message)}", file=sys.stderr)
    return exit_codes.USAGE


class UsageParser(argparse.ArgumentParser):
    """argparse whose errors are usage errors of the suite (exit code 3, one line), not argparse's 2,
    which `cancel-conformance run` gives to "no MUST rule failed, but one could not be judged"."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments"):
            message += "; `run` passes what follows `--` to pytest"
        if message.endswith("required: command"):
            message += f" ({', '.join(self._commands())})"
        usage_error(self.prog, f"{message} (see `{self.prog} --help`)")
        raise SystemExit(exit_codes.USAGE)

    def _commands(self) -> list[str]:
        return [name for action in self._actions if isinstance(action, argparse._SubParsersAction)
                for name in action.choices]


def whole_number(text: str, least: int, most: int | None = None) -> int:
    """`text` as a whole number within [least, most]; a ValueError saying what is accepted otherwise."""
    accepted = f"a whole number from {least} to {most}" if most is not None else f"a whole number of {least} or more"
    try:
        value = int(str(text).strip(), 10)
    except ValueError:
        raise ValueError(f"expected {accepted}, got {text!r}") from None
    if value < least or (most is not None and value > most):
        raise ValueError(f"expected {accepted}, got {text!r}")
    return value


def _argument_type(least: int, most: int | None, name: str):
    def parse(text: str) -> int:
        try:
            return whole_number(text, least, most)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parse.__name__ = name
    return parse


positive = _argument_type(1, None, "positive")  # budgets and bounds: zero would judge nothing
seed = _argument_type(0, None, "seed")
port = _argument_type(1, MAX_PORT, "port")
