"""A real, non-editable install, run from another folder, finds the built-in packs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git not available")
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling (a test extra) is not installed")
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = list(work.glob("postcheck-*.whl"))
    site = work / "site"
    inst = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert inst.returncode == 0, inst.stderr
    return site


def run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "POSTCHECK_UI_LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "postcheck", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_wheel_ships_rules_and_lints_examples(installed: Path, tmp_path: Path) -> None:
    assert (installed / "postcheck" / "builtin_rules" / "safety.yaml").is_file()
    where = subprocess.run(
        [sys.executable, "-c", "import postcheck; print(postcheck.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
    )
    assert where.stdout.strip().startswith(str(installed))
    proc = run(installed, "lint", "--format", "json", str(ROOT / "examples"), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["summary"]["posts"] == 10
    rules = {f["rule"] for r in data["results"] for f in r["findings"]}
    assert "safety/sara-hostility-id" in rules
    listing = run(installed, "rules", cwd=tmp_path)
    assert "builtin_rules" not in listing.stderr and listing.returncode == 0
