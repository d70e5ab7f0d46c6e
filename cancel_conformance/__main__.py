"""`python -m cancel_conformance` is the `cancel-conformance` command."""

from __future__ import annotations

import sys

from cancel_conformance.cli import main

sys.exit(main())
