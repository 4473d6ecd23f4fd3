"""No network: lint, audit and fix run in fresh processes whose sockets are disabled, and never try.

A ``sitecustomize.py`` on ``PYTHONPATH`` replaces ``socket.socket`` (Internet families),
``socket.create_connection``, ``socket.getaddrinfo`` and friends before postcheck is imported; each
attempt is written to a log and then refused. The log must stay empty: an attempt that postcheck
caught and ignored would still be a leak of unpublished drafts, so refusing is not enough.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
X_FIXTURE = ROOT / "tests" / "sources" / "fixtures" / "x"

SITECUSTOMIZE = '''
import os
import socket

_LOG = os.environ["POSTCHECK_TEST_NETWORK_LOG"]
_INTERNET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}


def _attempt(name, detail):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {name} {detail!r}\\n")
    raise OSError(101, f"network disabled for this test ({name})")


class _GuardedSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, *_INTERNET):
            _attempt("socket.socket", (family, type))
        super().__init__(family, type, proto, fileno)

    def connect(self, address):
        if self.family in _INTERNET:
            _attempt("socket.connect", address)
        return super().connect(address)


def _refuse(name):
    def refuse(*args, **kwargs):
        _attempt(name, args[:2])
    return refuse


socket.socket = _GuardedSocket
socket.SocketType = _GuardedSocket
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
              "create_server"):
    setattr(socket, _name, _refuse(_name))
'''


@pytest.fixture
def offline(tmp_path: Path) -> tuple[dict[str, str], Path]:
    site = tmp_path / "offline-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTCHECK_", "PYTHON"))}
    env.update({"PYTHONPATH": str(site), "POSTCHECK_TEST_NETWORK_LOG": str(log), "NO_COLOR": "1",
                "SOURCE_DATE_EPOCH": "1771552800", "POSTCHECK_UI_LANGUAGE": "en",
                # Were a library to try to fetch data anyway, make it fail fast rather than wait.
                "HTTP_PROXY": "http://192.0.2.1:9", "HTTPS_PROXY": "http://192.0.2.1:9"})
    return env, log


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_guard_works(offline: tuple[dict[str, str], Path]) -> None:
    """Without this, an empty log would prove nothing."""
    env, log = offline
    probe = run(env, "-c", "import urllib.request; urllib.request.urlopen('http://example.com/', timeout=2)")
    assert probe.returncode != 0
    assert "network disabled for this test" in probe.stderr
    assert log.read_text(encoding="utf-8").strip()
    pair = run(env, "-c", "import socket; a, b = socket.socketpair(); a.send(b'x'); print(b.recv(1).decode())")
    assert pair.stdout.strip() == "x", pair.stderr  # local (Unix) sockets still work: only the network is off


def test_lint_audit_and_fix_run_without_the_network(offline: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, log = offline
    examples = shutil.copytree(ROOT / "examples", tmp_path / "examples")
    export = shutil.copytree(X_FIXTURE, tmp_path / "x")
    before = {p: p.read_bytes() for p in examples.rglob("*") if p.is_file()}

    # The examples' configuration detects languages (langdetect).
    lint = run(env, "-m", "postcheck", "lint", str(examples), "--exit-zero")
    assert lint.returncode == 0, lint.stderr
    assert "posts" in lint.stdout

    audit = run(env, "-m", "postcheck", "audit", str(export), "--jobs", "2", "--format", "json")
    assert audit.returncode == 0, audit.stderr
    assert '"posts"' in audit.stdout

    fix = run(env, "-m", "postcheck", "fix", str(examples))
    assert fix.returncode == 0, fix.stderr
    assert {p: p.read_bytes() for p in before} != before, "fix changed nothing: was it run at all?"

    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert attempts == "", f"network attempts:\n{attempts}"
