"""`python -m cancel_conformance.reference`: serve the reference implementation in the foreground."""

from __future__ import annotations

import argparse
import contextlib

from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.reference.server import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m cancel_conformance.reference",
                                     description="Serve the reference (MobilePay PoS v10, Vipps eCom v2, "
                                                 "Vipps MobilePay ePayment v1).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--fault", action="append", default=[], choices=sorted(FAULTS), metavar="NAME",
                        help="switch on a fault (repeatable): " + ", ".join(sorted(FAULTS)))
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.host, args.port, args.fault)


if __name__ == "__main__":
    main()
