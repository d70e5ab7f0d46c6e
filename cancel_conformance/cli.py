"""The `cancel-conformance` command: run the suite, list the rules, serve the reference."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cancel_conformance import __version__, exit_codes
from cancel_conformance.rules import catalogue
from cancel_conformance.suite_root import find_suite_root
from cancel_conformance.target import SUPPORTED_APIS, ConfigError, load_target_file


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "run":
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    try:
        return args.handler(args, extra)
    except ConfigError as error:
        print(f"cancel-conformance: {error}", file=sys.stderr)
        return exit_codes.USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cancel-conformance", description=__doc__)
    parser.add_argument("--version", action="version", version=f"cancel-conformance {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the suite against a target (default: the embedded reference)",
                              epilog="Arguments after `--` go to pytest, e.g. `-- -k POS_PAY -n 2`.")
    run.add_argument("--target-file", type=Path, help="TOML target file; credentials by environment variable name")
    run.add_argument("--api", action="append", choices=SUPPORTED_APIS, help="check only this API (repeatable)")
    run.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go (default: reports)")
    run.add_argument("--fault", action="append", default=[], metavar="NAME",
                     help="switch on a named fault in the embedded reference (see `faults`)")
    run.add_argument("--fuzz-deep", action="store_true", help="fuzz the contracts with a much larger budget")
    run.add_argument("--fuzz-examples", type=int, metavar="N", help="generated requests per operation and mode")
    run.add_argument("--fuzz-seed", type=int, metavar="N", help="seed for contract fuzzing")
    run.add_argument("--suite-dir", type=Path, help="where features/, steps/ and contracts/ are")
    run.set_defaults(handler=_run)

    rules = commands.add_parser("rules", help="list the rule catalogue")
    rules.add_argument("--json", action="store_true", help="as JSON")
    rules.set_defaults(handler=_rules)

    serve = commands.add_parser("serve", help="run the reference implementation alone")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--fault", action="append", default=[], metavar="NAME", help="switch on a named fault")
    serve.set_defaults(handler=_serve)

    faults = commands.add_parser("faults", help="list the reference implementation's named faults")
    faults.set_defaults(handler=_faults)
    return parser


def _run(args: argparse.Namespace, extra: list[str]) -> int:
    from cancel_conformance.embedded import check_fault_names
    from cancel_conformance.runner import run_suite

    if args.target_file:
        load_target_file(args.target_file)  # a usage error now, before anything runs
        if args.fault:
            raise ConfigError("--fault applies to the embedded reference only; drop --target-file")
    check_fault_names(args.fault)
    root = find_suite_root(args.suite_dir)
    pytest_args = _pytest_args(args, [arg for arg in extra if arg != "--"])
    return run_suite(root, args.report_dir.resolve(), pytest_args)


def _pytest_args(args: argparse.Namespace, extra: list[str]) -> list[str]:
    options = [f"--cc-report-dir={args.report_dir.resolve()}"]
    if args.target_file:
        options.append(f"--cc-target-file={args.target_file.resolve()}")
    options += [f"--cc-api={api}" for api in args.api or ()]
    options += [f"--cc-fault={fault}" for fault in args.fault]
    if args.fuzz_deep:
        options.append("--cc-fuzz-deep")
    if args.fuzz_examples:
        options.append(f"--cc-fuzz-examples={args.fuzz_examples}")
    if args.fuzz_seed is not None:
        options.append(f"--cc-fuzz-seed={args.fuzz_seed}")
    return options + extra


def _rules(args: argparse.Namespace, _: list[str]) -> int:
    rules = catalogue().rules
    if args.json:
        entries = [{"id": r.id, "level": r.level, "title": r.title, "source": r.source,
                    "family": r.family.id, "api": r.api} for r in rules]
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return exit_codes.CONFORMANT
    for rule in rules:
        print(f"{rule.id:<11} {rule.level:<6} {rule.api:<8} {rule.title}")
    return exit_codes.CONFORMANT


def _serve(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.embedded import check_fault_names
    from cancel_conformance.reference.server import serve

    check_fault_names(args.fault)
    serve(args.host, args.port, args.fault)
    return exit_codes.CONFORMANT


def _faults(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.reference.faults import FAULTS

    for fault in FAULTS.values():
        print(f"{fault.name:<40} {', '.join(fault.rules):<24} {fault.description}")
    return exit_codes.CONFORMANT


