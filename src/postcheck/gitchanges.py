"""``--changed-since REF``: only the drafts that changed since a git ref.

Asks git (never the network: ``git diff`` and ``git ls-files`` are local) for
the files changed between REF and the working tree, plus untracked files that
are not ignored, and keeps the drafts among them that lie under the paths the
user gave. Without git, or outside a repository, it says so and exits 2.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .drafts import DRAFT_SUFFIXES
from .errors import PostcheckError


def _git(args: list[str], cwd: Path) -> str:
    git = shutil.which("git")
    if git is None:
        raise PostcheckError("--changed-since needs git, and git was not found on PATH")
    proc = subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
        raise PostcheckError(f"--changed-since: {reason}")
    return proc.stdout


def changed_drafts(ref: str, paths: Iterable[str | Path], cwd: Path | None = None) -> list[Path]:
    """Draft files changed since ``ref`` (sorted), limited to ``paths`` (files or folders)."""
    here = (cwd or Path.cwd()).resolve()
    if ref.startswith("-"):
        raise PostcheckError(f"--changed-since: not a git ref: {ref!r}")
    root = Path(_git(["rev-parse", "--show-toplevel"], here).strip())
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], here)
    except PostcheckError:
        raise PostcheckError(f"--changed-since: unknown git ref {ref!r}") from None
    changed = _git(["diff", "--name-only", "--diff-filter=ACMRT", "-z", ref, "--"], root).split("\0")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    scopes = [(here / p).resolve() for p in paths] or [here]
    result: set[Path] = set()
    for name in changed + untracked:
        if not name or not name.lower().endswith(DRAFT_SUFFIXES):
            continue
        full = (root / name).resolve()
        if full.is_file() and any(full == s or s in full.parents for s in scopes):
            result.add(full.relative_to(here) if here in full.parents else full)
    return sorted(result)
