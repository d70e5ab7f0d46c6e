"""Installed as a tool from its wheel (built from its sdist), the suite runs in any folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from cancel_conformance import exit_codes

ROOT = Path(__file__).resolve().parents[1]
SUITE = ("features/pos_pay.feature", "steps/test_pos_pay.py", "steps/__init__.py", "contracts/pos.v10.yaml",
         "conftest.py")
TIMEOUT_S = 300


@dataclass(frozen=True)
class Tool:
    """A fresh virtual environment outside the checkout with the wheel installed, and an empty folder."""

    bin: Path
    package: Path
    sdist: Path
    wheel: Path
    folder: Path

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / "cancel-conformance"), *args], cwd=self.folder, env=_plain_env(),
                              capture_output=True, text=True, timeout=TIMEOUT_S)

    def files(self) -> set[str]:
        return {str(path) for path in self.package.rglob("*")}


def _plain_env() -> dict[str, str]:
    """The environment of a user's shell: nothing pointing at the checkout, bytecode written as usual."""
    dropped = {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE", "CANCEL_CONFORMANCE_SUITE_DIR"}
    return {name: value for name, value in os.environ.items() if name not in dropped}


def _build(kind: str, source: Path, out: Path) -> Path:
    code = f"from hatchling.build import build_{kind}; print(build_{kind}({str(out)!r}))"
    built = subprocess.run([sys.executable, "-c", code], cwd=source, capture_output=True, text=True, check=True,
                           timeout=TIMEOUT_S)
    return out / built.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def tool(tmp_path_factory: pytest.TempPathFactory) -> Tool:
    """sdist from the checkout, the wheel from that sdist, installed into a new venv; its dependencies are
    the project's own (a .pth file naming the project venv's site-packages), so nothing is downloaded."""
    base = tmp_path_factory.mktemp("installed")
    sdist = _build("sdist", ROOT, base / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(base / "unpacked", **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    wheel = _build("wheel", base / "unpacked" / sdist.name.removesuffix(".tar.gz"), base / "dist")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=TIMEOUT_S)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "_project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True, capture_output=True, timeout=TIMEOUT_S, env=_plain_env())
    folder = base / "empty"
    folder.mkdir()
    return Tool(venv / "bin", site / "cancel_conformance", sdist, wheel, folder)


def test_the_sdist_and_the_wheel_carry_the_suite(tool: Tool) -> None:
    with tarfile.open(tool.sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    with zipfile.ZipFile(tool.wheel) as archive:
        in_wheel = set(archive.namelist())
    assert set(SUITE) <= in_sdist
    assert {f"cancel_conformance/suite/{part}" for part in SUITE} <= in_wheel
    assert not [name for name in in_wheel if "__pycache__" in name]


def test_the_installed_package_is_the_one_that_runs(tool: Tool) -> None:
    code = "import cancel_conformance; print(cancel_conformance.__file__)"
    imported = subprocess.run([str(tool.bin / "python"), "-c", code], cwd=tool.folder, env=_plain_env(),
                              capture_output=True, text=True, check=True)
    assert Path(imported.stdout.strip()).parent == tool.package


def test_version_and_rules_in_an_empty_folder(tool: Tool) -> None:
    version = tool.run("--version")
    assert version.returncode == 0, version
    assert version.stdout.startswith("cancel-conformance 0."), version
    rules = tool.run("rules")
    assert rules.returncode == 0, rules
    assert rules.stdout.startswith("POS_PAY_01"), rules


def test_a_run_in_an_empty_folder_is_conformant_and_its_bundle_verifies(tool: Tool) -> None:
    before = tool.files()
    run = tool.run("run", "--certify", "--api", "pos.v10", "--", "-m", "not contract")
    assert run.returncode == exit_codes.CONFORMANT, run.stdout[-3000:] + run.stderr[-3000:]
    reports = tool.folder / "reports"
    assert (reports / "results.json").exists()
    (bundle,) = (path for path in reports.iterdir() if path.is_dir())
    verify = tool.run("verify", str(bundle))
    assert verify.returncode == 0, verify
    diff = tool.run("diff", "reports", str(bundle))
    assert diff.returncode == 0, diff
    assert "no rule changed" in diff.stdout
    assert tool.files() == before, "the run wrote into the installed package"


def test_serve_starts_the_reference(tool: Tool) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(tool.bin / "cancel-conformance"), "serve", "--port", str(port)], cwd=tool.folder,
                              env=_plain_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert f"127.0.0.1:{port}" in server.stdout.readline()
    finally:
        server.terminate()
        server.wait(timeout=30)
