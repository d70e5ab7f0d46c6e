"""`python -m cancel_conformance.reference`: serve the reference implementation in the foreground."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import NoReturn

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.server import serve

USAGE = 3  # as the suite's command line: the command line cannot be used
CLOSED_PIPE = 141  # the output went into a pipe whose reader had gone (128 + SIGPIPE)



class _Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr and exit code 3, as for `cancel-conformance serve`."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(USAGE)


def _port(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 65535, got {text!r}")
    return int(text)


def main() -> int:
    parser = _Parser(prog="python -m cancel_conformance.reference",
                     description="Serve the reference (PoS v10, eCom v2, ePayment v1, Recurring v3).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=_port, default=8080, help="1 to 65535 (default: 8080)")
    parser.add_argument("--fault", action="append", default=[], choices=sorted(FAULTS), metavar="NAME",
                        help="switch on a fault (repeatable): " + ", ".join(sorted(FAULTS)))
    parser.add_argument("--async-cancel", action="store_true",
                        help="Recurring: answer a charge cancel 202 and enact it a little later")
    args = parser.parse_args()
    try:
        with contextlib.suppress(KeyboardInterrupt):
            serve(args.host, args.port, args.fault, async_cancel=args.async_cancel)
    except BrokenPipeError:  # `| head`: end quietly, like a Unix tool
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    except OSError as error:  # the address cannot be listened on
        print(f"{parser.prog}: --host/--port: cannot listen on {args.host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return USAGE
    return 0


if __name__ == "__main__":
    sys.exit(main())
