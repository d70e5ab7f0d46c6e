"""`python -m cancel_conformance.reference`: serve the reference implementation in the foreground."""

from __future__ import annotations

import argparse
import contextlib

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.server import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m cancel_conformance.reference",
                                     description="Serve the reference (PoS v10, eCom v2, Recurring v3).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--fault", action="append", default=[], choices=sorted(FAULTS), metavar="NAME",
                        help="switch on a fault (repeatable): " + ", ".join(sorted(FAULTS)))
    parser.add_argument("--async-cancel", action="store_true",
                        help="Recurring: answer a charge cancel 202 and enact it a little later")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.host, args.port, args.fault, async_cancel=args.async_cancel)


if __name__ == "__main__":
    main()
