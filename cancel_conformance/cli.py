"""The `cancel-conformance` command: run the suite, list the rules, serve the reference."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cancel_conformance import __version__, exit_codes, secret_scan
from cancel_conformance.guard import refuse_production
from cancel_conformance.rules import catalogue
from cancel_conformance.suite_root import find_suite_root
from cancel_conformance.target import SUPPORTED_APIS, ConfigError, load_target_file

# `verify` and `diff`: like diff(1), 1 means a difference was found (3: the input cannot be used).
DIFFERENT = 1


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
    run.add_argument("--allow-production", action="store_true",
                     help="run even against a known production host (the suite creates and cancels payments)")
    run.add_argument("--certify", action="store_true",
                     help="also write a certification bundle: a new folder below --report-dir with a manifest")
    run.add_argument("--baseline", type=Path, metavar="FILE",
                     help="known failures (TOML or JSON) the exit code accepts until each entry expires")
    run.set_defaults(handler=_run)

    rules = commands.add_parser("rules", help="list the rule catalogue")
    rules.add_argument("--json", action="store_true", help="as JSON")
    rules.set_defaults(handler=_rules)

    serve = commands.add_parser("serve", help="run the reference implementation alone")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--fault", action="append", default=[], metavar="NAME", help="switch on a named fault")
    serve.add_argument("--async-cancel", action="store_true",
                       help="Recurring: answer a charge cancel 202 and enact it a little later")
    serve.set_defaults(handler=_serve)

    faults = commands.add_parser("faults", help="list the reference implementation's named faults")
    faults.set_defaults(handler=_faults)

    verify = commands.add_parser("verify", help="check a certification bundle offline against its manifest")
    verify.add_argument("bundle", type=Path, metavar="DIR", help="a folder written by `run --certify`")
    verify.set_defaults(handler=_verify)

    diff = commands.add_parser("diff", help="show the rules whose outcome changed between two runs")
    diff.add_argument("old", type=Path, metavar="OLD", help="results.json, a report folder or a bundle")
    diff.add_argument("new", type=Path, metavar="NEW", help="results.json, a report folder or a bundle")
    diff.add_argument("--json", action="store_true", help="as JSON")
    diff.set_defaults(handler=_diff)
    return parser


def _run(args: argparse.Namespace, extra: list[str]) -> int:
    from cancel_conformance.embedded import check_fault_names
    from cancel_conformance.runner import run_suite

    if args.target_file:
        # A usage error now, before anything runs: an unusable file, or a production host.
        refuse_production(load_target_file(args.target_file).urls(), args.allow_production)
        if args.fault:
            raise ConfigError("--fault applies to the embedded reference only; drop --target-file")
    check_fault_names(args.fault)
    if args.baseline:
        from cancel_conformance.baseline import load_baseline

        load_baseline(args.baseline)  # an unusable baseline is a usage error before anything runs
    root = find_suite_root(args.suite_dir)
    pytest_args = _pytest_args(args, [arg for arg in extra if arg != "--"])
    secrets = lambda: secret_scan.configured_secrets(args.target_file)  # noqa: E731 (read after the run)
    return run_suite(root, args.report_dir.resolve(), pytest_args, secrets)


def _with_scope_distribution(extra: list[str]) -> list[str]:
    """Several workers get whole test modules, in collection order (the longest first, see the plugin), so
    one worker runs each half of a fuzzing campaign (a session fixture) once."""
    parallel = any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in extra)
    chosen = any(arg == "--dist" or arg.startswith("--dist=") for arg in extra)
    return [*extra, "--dist", "loadscope", "--no-loadscope-reorder"] if parallel and not chosen else extra


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
    if args.allow_production:
        options.append("--cc-allow-production")
    if args.certify:
        options.append("--cc-certify")
    if args.baseline:
        options.append(f"--cc-baseline={args.baseline.resolve()}")
    return options + _with_scope_distribution(extra)


def _rules(args: argparse.Namespace, _: list[str]) -> int:
    rules = catalogue().rules
    if args.json:
        entries = [{"id": r.id, "level": r.level, "title": r.title, "source": r.source,
                    "family": r.family.id, "api": r.api, "apis": list(r.apis)} for r in rules]
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return exit_codes.CONFORMANT
    for rule in rules:
        print(f"{rule.id:<11} {rule.level:<6} {rule.api:<16} {rule.title}")
    return exit_codes.CONFORMANT


def _serve(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.embedded import check_fault_names
    from cancel_conformance.reference.server import serve

    check_fault_names(args.fault)
    serve(args.host, args.port, args.fault, async_cancel=args.async_cancel)
    return exit_codes.CONFORMANT


def _faults(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.reference.faults import FAULTS

    for fault in FAULTS.values():
        print(f"{fault.name:<40} {', '.join(fault.rules):<24} {fault.description}")
    return exit_codes.CONFORMANT


def _verify(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.bundle import verification_lines, verify_bundle

    if not args.bundle.is_dir():
        raise ConfigError(f"{args.bundle} is not a folder")
    verification = verify_bundle(args.bundle)
    print("\n".join(verification_lines(args.bundle, verification)))
    return exit_codes.CONFORMANT if verification.intact else DIFFERENT


def _diff(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.diff import diff_json, diff_results, load_results, render_diff

    old, new = load_results(args.old), load_results(args.new)
    changes = diff_results(old, new)
    if args.json:
        print(json.dumps(diff_json(old, new, changes), indent=2, ensure_ascii=False))
    else:
        print("\n".join(render_diff(old, new, changes)))
    return DIFFERENT if changes else exit_codes.CONFORMANT
