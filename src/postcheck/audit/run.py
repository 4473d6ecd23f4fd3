"""``postcheck audit``: stream an export through the engine, in parallel, and aggregate.

Records are read lazily from the export (folder or zip), grouped in batches
and checked by worker processes that each build the rule set once; results
come back in source order (:mod:`postcheck.workers`), so the report is the same for any
``--jobs``. Memory stays bounded: only per-post numbers are kept (see
:mod:`.aggregate`), and the texts of near-duplicate pairs are fetched in a
second, selective read of the source at the end.
"""

from __future__ import annotations

import itertools
import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import Config
from ..engine import engine_for
from ..errors import InputError, PostcheckError
from ..sources import SourceError, SourceProblem, SourceRecord, detect_format, read_source
from .aggregate import Aggregator
from .check import PostSummary, check_batch, check_record, excerpt, init_worker
from .neardup import near_duplicates

BATCH = 256


@dataclass
class AuditReport:
    """The aggregated audit (``data`` is the documented JSON shape)."""

    data: dict[str, Any]
    summaries_written: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.data["counts"]["failed"] == 0


def _records(
    path: Path, config: Config, source_format: str | None, include_reposts: bool, text_column: str | None, time_column: str | None
) -> Iterator[SourceRecord | SourceProblem]:
    try:
        yield from read_source(
            path,
            source_format=source_format,
            default_tz=config.tz,
            include_reposts=include_reposts,
            text_column=text_column,
            time_column=time_column,
        )
    except SourceError as exc:
        raise InputError(str(exc)) from None  # the reader's message already names the source


def audit(
    path: str | Path,
    *,
    config: Config | None = None,
    source_format: str | None = None,
    include_reposts: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
    jobs: int | None = None,
    text_column: str | None = None,
    time_column: str | None = None,
    rule_files: tuple[str, ...] = (),
    on_post: Callable[[PostSummary], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AuditReport:
    """Audit an export; ``on_post`` sees every checked post (for per-post CSV), in order."""
    from ..api import resolve_config

    source = Path(path)
    if not source.exists():
        raise InputError("no such file or folder", path=source)
    cfg = config or resolve_config(None, source if source.is_dir() else source.parent)
    try:
        fmt = source_format or detect_format(source)
    except SourceError as exc:
        raise InputError(str(exc)) from None
    engine_for(cfg, rule_files)  # compile (and validate) the rule set before reading anything
    agg = Aggregator(cfg.tz)
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    indices = array("q")  # position in the stream of each aggregated post (for the second pass)

    def wanted() -> Iterator[tuple[int, SourceRecord]]:
        for position, item in enumerate(_records(source, cfg, fmt, include_reposts, text_column, time_column)):
            if isinstance(item, SourceProblem):
                agg.problem(item.locator, item.message)
                continue
            agg.records += 1
            when = item.publish_at
            if (since is not None or until is not None) and (
                when is None or (since is not None and when < since) or (until is not None and when > until)
            ):
                agg.outside_window += 1
                continue
            yield position, item

    def consume(summary: PostSummary) -> None:
        if summary.error is None:
            indices.append(summary.index)
        agg.add(summary)
        if on_post is not None:
            on_post(summary)
        if progress is not None:
            progress(1)

    if workers == 1:
        engine = engine_for(cfg, rule_files)
        for position, record in wanted():
            consume(check_record(engine, cfg, position, record))
    else:
        from ..workers import ordered_map

        engine_for(cfg, rule_files).prepare()  # forked workers share what the parent compiled
        # A few batches in flight per worker: reading waits for checking, so memory does not
        # grow with the size of the archive. The reader runs in this thread only, so the
        # aggregator is never touched concurrently.
        batches = _batches(wanted(), BATCH)
        for summaries in ordered_map(check_batch, batches, workers, initializer=init_worker, initargs=(cfg, rule_files)):
            for summary in summaries:
                consume(summary)

    pairs, total_pairs = near_duplicates(agg.sketches)
    near = _fetch_pairs(pairs, indices, source, cfg, fmt, include_reposts, text_column, time_column)
    window = {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None}
    data = agg.report(
        near=near,
        source={"path": str(path), "format": fmt, "zone": cfg.timezone},
        window=window,
        version=__version__,
        ui_language=cfg.resolved_ui_language(),
        zone_name=cfg.timezone,
    )
    data["counts"]["near_duplicate_pairs"] = total_pairs
    return AuditReport(data, problems=agg.problems)


def _batches(items: Iterator[tuple[int, SourceRecord]], size: int) -> Iterator[list[tuple[int, SourceRecord]]]:
    while True:
        batch = list(itertools.islice(items, size))
        if not batch:
            return
        yield batch


def _fetch_pairs(
    pairs: list[tuple[float, int, int]],
    indices: Sequence[int],
    source: Path,
    cfg: Config,
    fmt: str,
    include_reposts: bool,
    text_column: str | None,
    time_column: str | None,
) -> list[dict[str, Any]]:
    """Read the source again for just the records in near-duplicate pairs."""
    if not pairs:
        return []
    positions = {indices[i] for _, a, b in pairs for i in (a, b)}
    found: dict[int, SourceRecord] = {}
    try:
        for position, item in enumerate(_records(source, cfg, fmt, include_reposts, text_column, time_column)):
            if position in positions and isinstance(item, SourceRecord):
                found[position] = item
                if len(found) == len(positions):
                    break
    except PostcheckError:
        return []

    def side(i: int) -> dict[str, Any]:
        record = found.get(indices[i])
        if record is None:
            return {"locator": "?", "publish_at": None, "excerpt": ""}
        when = record.publish_at.astimezone(cfg.tz).isoformat(timespec="seconds") if record.publish_at else None
        return {"locator": record.locator, "publish_at": when, "excerpt": excerpt(record.text)}

    return [{"similarity": score, "a": side(a), "b": side(b)} for score, a, b in pairs]
