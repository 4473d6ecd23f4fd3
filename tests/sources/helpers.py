"""Shared test helpers for the source readers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from postcheck.sources import SourceProblem, SourceRecord, read_source

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_EXPORTS = Path(__file__).parents[2].parent / "shared/corpora/exports"
JAKARTA = ZoneInfo("Asia/Jakarta")


def read_all(path: Path, **options: Any) -> tuple[list[SourceRecord], list[SourceProblem]]:
    """Every record and problem of a source, in order, with Jakarta as the default zone."""
    options.setdefault("default_tz", JAKARTA)
    records: list[SourceRecord] = []
    problems: list[SourceProblem] = []
    for item in read_source(path, **options):
        (records if isinstance(item, SourceRecord) else problems).append(item)
    return records, problems


def shared_sample(name: str) -> Path:
    """A trimmed real export from shared/corpora; the test is skipped when it is absent."""
    path = SHARED_EXPORTS / name
    if not path.is_file():
        pytest.skip(f"shared sample {name} not available")
    return path


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]
