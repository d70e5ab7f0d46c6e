"""The `cancel-conformance` command: run the suite, list the rules, serve the reference."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from cancel_conformance import __version__, closed_pipe, exit_codes, secret_scan
from cancel_conformance.apis import names
from cancel_conformance.concurrency import CONCURRENCY_VARIABLE, DEFAULT_CONCURRENCY, processes
from cancel_conformance.guard import refuse_production
from cancel_conformance.rules import catalogue
from cancel_conformance.suite_root import find_suite_root
from cancel_conformance.target import ConfigError, Target, load_target_file
from cancel_conformance.usage import PROG, UsageParser, port, positive, seed, usage_error, whole_number

# `verify` and `diff`: like diff(1), 1 means a difference was found (3: the input cannot be used).
DIFFERENT = 1


def main(argv: list[str] | None = None) -> int:
    """The command's exit code; output cut by a closed pipe ends quietly (exit code 141)."""
    code = exit_codes.CLOSED_PIPE
    with closed_pipe.guarded_stdout() as guard:
        code = _command(sys.argv[1:] if argv is None else list(argv))
    return closed_pipe.exit_code(guard, code)


def _command(argv: list[str]) -> int:
    try:
        args, extra = parse(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else exit_codes.USAGE
    try:
        return args.handler(args, extra)
    except ConfigError as error:
        return usage_error(f"{PROG} {args.command}", error)


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The command line as the command reads it, and what goes to pytest; a usage error is SystemExit(3)."""
    ours, extra = _split_at_dashes(argv)
    parser = _parser()
    args = parser.parse_args(ours)
    if extra and args.command != "run":
        parser.error(f"only `run` takes arguments after `--` (for pytest), not `{args.command}`")
    return args, extra


def _split_at_dashes(argv: list[str]) -> tuple[list[str], list[str]]:
    """The command's own arguments, and those after the first `--`, which go to pytest."""
    if "--" not in argv:
        return argv, []
    cut = argv.index("--")
    return argv[:cut], argv[cut + 1:]


def _parser() -> argparse.ArgumentParser:
    parser = UsageParser(prog=PROG, description=__doc__)
    parser.add_argument("--version", action="version", version=f"cancel-conformance {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the suite against a target (default: the embedded reference)",
                              epilog="Arguments after `--` go to pytest, e.g. `-- -k POS_PAY -n 2`.")
    run.add_argument("--target-file", type=Path, help="TOML target file; credentials by environment variable name")
    run.add_argument("--api", action="append", choices=names(), help="check only this API (repeatable)")
    run.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go (default: reports)")
    run.add_argument("--fault", action="append", default=[], metavar="NAME",
                     help="switch on a named fault in the embedded reference (see `faults`)")
    run.add_argument("--fuzz-deep", action="store_true", help="fuzz the contracts with a much larger budget")
    run.add_argument("--fuzz-examples", type=positive, metavar="N",
                     help="generated requests per operation and mode (a whole number of 1 or more)")
    run.add_argument("--fuzz-seed", type=seed, metavar="N",
                     help="seed for contract fuzzing (a whole number, 0 or more)")
    run.add_argument("--concurrency", type=positive, metavar="N",
                     help="requests in flight to the target at once, at most (a whole number of 1 or more; "
                          f"default: the target file's [limits] concurrency, else {DEFAULT_CONCURRENCY})")
    run.add_argument("--suite-dir", type=Path, help="where features/, steps/ and contracts/ are")
    run.add_argument("--allow-production", action="store_true",
                     help="run even against a known production host (the suite creates and cancels payments)")
    run.add_argument("--certify", action="store_true",
                     help="also write a certification bundle: a new folder below --report-dir with a manifest")
    run.add_argument("--baseline", type=Path, metavar="FILE",
                     help="known failures (TOML or JSON) the exit code accepts until each entry expires")
    run.set_defaults(handler=_run)

    check = commands.add_parser("check", help="say in seconds what is wrong with a target: each API's base URL, "
                                "each client's token, the sandbox's capabilities, the rules that will be not verified")
    check.add_argument("--target-file", type=Path, help="TOML target file (default: the embedded reference)")
    check.add_argument("--api", action="append", choices=names(), help="check only this API (repeatable)")
    check.add_argument("--allow-production", action="store_true", help="check even a known production host")
    check.add_argument("--json", action="store_true", help="as JSON")
    check.set_defaults(handler=_check)

    rules = commands.add_parser("rules", help="list the rule catalogue")
    rules.add_argument("--json", action="store_true", help="as JSON")
    rules.set_defaults(handler=_rules)

    serve = commands.add_parser("serve", help="run the reference implementation alone")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=port, default=8080, help="1 to 65535 (default: 8080)")
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

    target = _target(args)
    if target and args.fault:
        raise ConfigError("--fault applies to the embedded reference only; drop --target-file")
    args.processes = processes(_concurrency(args, target), embedded=target is None)
    check_fault_names(args.fault)
    if args.baseline:
        from cancel_conformance.baseline import load_baseline

        load_baseline(args.baseline)  # an unusable baseline is a usage error before anything runs
    root = find_suite_root(args.suite_dir)
    report_dir = _report_dir(args.report_dir)
    secrets = lambda: secret_scan.configured_secrets(args.target_file)  # noqa: E731 (read after the run)
    return run_suite(root, report_dir, _pytest_args(args, report_dir, extra), secrets)


def _concurrency(args: argparse.Namespace, target: Target | None) -> int:
    """The run's concurrency as its workers will read it: --concurrency, its environment variable, the target
    file's [limits], the default."""
    given = os.environ.get(CONCURRENCY_VARIABLE)
    if args.concurrency or not given:
        return args.concurrency or (target.limits.concurrency if target else DEFAULT_CONCURRENCY)
    try:
        return whole_number(given, 1)
    except ValueError as error:
        raise ConfigError(f"${CONCURRENCY_VARIABLE}: {error}") from None


def _target(args: argparse.Namespace) -> Target | None:
    """The target file's target, if one is given; a usage error now, before anything runs: an unusable file,
    an API it lacks, or a production host."""
    if not args.target_file:
        return None
    target = _restricted(load_target_file(args.target_file), args.api)
    refuse_production(target.urls(), args.allow_production)
    return target


def _restricted(target: Target, apis: list[str] | None) -> Target:
    try:
        return target.restricted_to(apis)
    except ConfigError as error:
        raise ConfigError(f"--api: {error}") from None


def _report_dir(path: Path) -> Path:
    """The report folder, made now: one that cannot be is a usage error, not a traceback after the run."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"--report-dir: cannot make the folder {path}: {error.strerror or error}") from None
    return path.resolve()


def _with_scope_distribution(extra: list[str], workers: int = 1) -> list[str]:
    """Several workers get whole test modules, in collection order (the longest first, see the plugin), so
    one worker runs each half of a fuzzing campaign (a session fixture) once. Without `-n` after `--`, the
    run starts as many as its concurrency asks for (concurrency.py)."""
    parallel = any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in extra)
    if not parallel and workers > 1:
        extra, parallel = ["-n", str(workers), *extra], True
    chosen = any(arg == "--dist" or arg.startswith("--dist=") for arg in extra)
    return [*extra, "--dist", "loadscope", "--no-loadscope-reorder"] if parallel and not chosen else extra


def _pytest_args(args: argparse.Namespace, report_dir: Path, extra: list[str]) -> list[str]:
    options = [f"--cc-report-dir={report_dir}"]
    if args.target_file:
        options.append(f"--cc-target-file={args.target_file.resolve()}")
    options += [f"--cc-api={api}" for api in args.api or ()]
    options += [f"--cc-fault={fault}" for fault in args.fault]
    if args.fuzz_deep:
        options.append("--cc-fuzz-deep")
    if args.fuzz_examples is not None:
        options.append(f"--cc-fuzz-examples={args.fuzz_examples}")
    if args.fuzz_seed is not None:
        options.append(f"--cc-fuzz-seed={args.fuzz_seed}")
    if args.concurrency is not None:
        options.append(f"--cc-concurrency={args.concurrency}")
    if args.allow_production:
        options.append("--cc-allow-production")
    if args.certify:
        options.append("--cc-certify")
    if args.baseline:
        options.append(f"--cc-baseline={args.baseline.resolve()}")
    return options + _with_scope_distribution(extra, getattr(args, "processes", 1))


def _check(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.check import run_check

    return run_check(_target(args), args.api, args.json)


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
    try:
        serve(args.host, args.port, args.fault, async_cancel=args.async_cancel)
    except OSError as error:  # the address cannot be listened on: in use, not this machine's, not resolvable
        reason = error.strerror or error
        raise ConfigError(f"--host/--port: cannot listen on {args.host}:{args.port}: {reason}") from None
    return exit_codes.CONFORMANT


def _faults(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.reference.faults import FAULTS

    for fault in FAULTS.values():
        print(f"{fault.name:<40} {', '.join(fault.rules):<24} {fault.description}")
    return exit_codes.CONFORMANT


def _verify(args: argparse.Namespace, _: list[str]) -> int:
    from cancel_conformance.bundle import verification_lines, verify_bundle

    if not args.bundle.is_dir():
        raise ConfigError(f"DIR: {args.bundle} is not a folder (expected one that `run --certify` wrote)")
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
