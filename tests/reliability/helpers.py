"""Small helpers shared by the reliability tests."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: A hang guard, not a timing assertion: a run that takes this long is stuck, and the test
#: fails with a clear message instead of blocking the whole suite.
HANG_SECONDS = 120


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail with TimeoutError if the block runs longer than ``seconds`` (Unix main thread only)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s: a loop or a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def error_lines(stderr: str) -> list[str]:
    """The lines postcheck wrote to standard error, each checked to be one ``postcheck:`` message."""
    lines = stderr.splitlines()
    for line in lines:
        assert line.startswith("postcheck: "), f"not a postcheck message: {line!r}"
        assert "Traceback" not in line and "internal error" not in line, line
    return lines


def the_error(result: Any, *fragments: str) -> str:
    """Exit 2 and exactly one line on standard error, containing every fragment."""
    assert result.exit_code == 2, (result.exit_code, result.stdout[-2000:], result.stderr)
    lines = error_lines(result.stderr)
    assert len(lines) == 1, lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def lint_json(result: Any) -> dict[str, Any]:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    error_lines(result.stderr)
    return json.loads(result.stdout)


def finding_at(report: dict[str, Any], match: str) -> tuple[int, int, int, int]:
    """``(line, column, end_line, end_column)`` of the first finding whose match is ``match``."""
    for result in report["results"]:
        for f in result["findings"]:
            if f["match"] == match:
                return f["line"], f["column"], f["end_line"], f["end_column"]
    raise AssertionError(f"no finding on {match!r}: {[f['match'] for r in report['results'] for f in r['findings']]}")


def write_zip(path: Path, entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def nested_zip_bytes(inner: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in inner.items():
            zf.writestr(name, data)
    return buffer.getvalue()
