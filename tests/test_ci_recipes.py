"""The CI recipes of docs/ci.md: valid YAML with the keys a gate needs, and commands the tool accepts."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

from cancel_conformance.cli import parse
from cancel_conformance.target import load_target_file

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "ci.md").read_text("utf-8")
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def _blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(PAGE) if lang == language]


def _recipe(first_line: str) -> dict:
    """The YAML block whose first line names the file it goes into."""
    (body,) = [body for body in _blocks("yaml") if body.splitlines()[0] == f"# {first_line}"]
    return yaml.safe_load(body)


def _target() -> dict:
    (body,) = _blocks("toml")
    return tomllib.loads(body)


def _secret_names() -> set[str]:
    """The environment variables the page's target file names for its credentials."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(value for key, value in node.items() if key.endswith("_env"))
            for value in node.values():
                walk(value)

    walk(_target())
    return found


def _commands(lines: list[str]) -> list[list[str]]:
    """Every `cancel-conformance ...` command in the given shell lines, split as a shell would."""
    return [shlex.split(line)[1:] for line in lines if line.strip().startswith("cancel-conformance ")]


def _github_job() -> dict:
    (job,) = _recipe(".github/workflows/conformance.yml")["jobs"].values()
    return job


def _gitlab_job() -> dict:
    recipe = _recipe(".gitlab-ci.yml")
    (job,) = [value for value in recipe.values() if isinstance(value, dict) and "script" in value]
    return job


def _report_dir(argv: list[str]) -> str:
    args, _ = parse(argv)
    return args.report_dir.as_posix().rstrip("/")


def test_the_target_file_loads_with_its_credentials_in_the_environment(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _secret_names():
        monkeypatch.setenv(name, f"value-of-{name.lower()}")
    target = tmp_path / "target.toml"
    target.write_text(_blocks("toml")[0], "utf-8")
    assert load_target_file(target).apis


def test_github_maps_each_secret_uploads_the_reports_and_the_junit_results_always() -> None:
    steps = _github_job()["steps"]
    (run,) = [step for step in steps if "cancel-conformance run" in step.get("run", "")]
    assert run["env"] == {name: f"${{{{ secrets.{name} }}}}" for name in _secret_names()}
    report_dir = _report_dir(_commands([run["run"]])[0])
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    junit = next(step for step in steps if "junit" in str(step.get("uses", "")))
    assert upload["if"] == junit["if"] == "always()"
    assert upload["with"]["path"].rstrip("/") == report_dir
    assert junit["with"]["report_paths"] == f"{report_dir}/junit.xml"
    assert "if" not in run  # the run's exit code is the gate
    assert "continue-on-error" not in run
    assert _github_job()["permissions"]["checks"] == "write"


def test_github_runs_on_every_push_and_pull_request() -> None:
    recipe = _recipe(".github/workflows/conformance.yml")
    triggers = recipe.get("on", recipe.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    assert _github_job()["runs-on"]


def test_gitlab_keeps_the_reports_on_failure_and_reads_the_junit_results() -> None:
    job = _gitlab_job()
    (command,) = _commands(job["script"])
    report_dir = _report_dir(command)
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert [path.rstrip("/") for path in artifacts["paths"]] == [report_dir]
    assert artifacts["reports"]["junit"] == f"{report_dir}/junit.xml"
    # The secrets come from the project's masked CI/CD variables, never from the file.
    assert not _secret_names() & set(job.get("variables") or {})
    assert "allow_failure" not in job


def test_every_recipe_installs_the_tool_before_it_runs() -> None:
    github = [step.get("run", "") for step in _github_job()["steps"]]
    for lines in (github, _gitlab_job()["script"]):
        installs = [index for index, line in enumerate(lines) if "install" in line and ".whl" in line]
        runs = [index for index, line in enumerate(lines) if line.startswith("cancel-conformance run")]
        assert installs, lines
        assert runs, lines
        assert installs[0] < runs[0]


def test_every_command_of_the_page_parses_with_the_real_command_line() -> None:
    shell = [line for body in _blocks("sh") for line in body.splitlines()]
    lines = [*shell, *(step.get("run", "") for step in _github_job()["steps"]), *_gitlab_job()["script"]]
    commands = _commands(lines)
    assert len(commands) >= 2
    for argv in commands:
        args, _ = parse(argv)  # a usage error would exit (SystemExit 3)
        assert args.command == "run"
        assert args.target_file == Path("conformance/target.toml")
