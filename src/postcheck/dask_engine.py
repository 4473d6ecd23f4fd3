"""Audits on Dask (``postcheck audit --engine dask``): the same report, computed on a cluster.

Needs the optional extra: ``pip install "postcheck[dask]"`` (and, for Parquet input,
``pandas`` and ``pyarrow``). Dask is imported inside the functions that need it, so
postcheck works, and says how to install the extra, without it.

How it runs (docs/dask.md has the whole story):

* **Partitions.** Archives, CSV and JSON Lines are read on the client with
  :func:`postcheck.sources.read_source` — the very readers of the local audit, so locators,
  problems and filtering are the same — and sent to the cluster in chunks of ``chunk_size``
  records, a bounded number at a time. Parquet (and any Dask bag or dataframe given to
  :func:`audit_collection`) is read by the workers, one task per partition.
* **Rules.** The client compiles the rule set once (which validates it), then ships the
  *parsed* rules and the configuration as one :class:`RuleSet` value; each worker process
  compiles it once (cached by digest). Workers never read rule files, so a user's own rules
  reach workers that do not share the client's filesystem.
* **Reduction.** Each partition becomes a partial :class:`~postcheck.audit.aggregate.Aggregator`
  (plus where each of its posts sat in the partition); partials are merged in partition order in
  an 8-ary tree on the cluster, and the root makes the report and finds near-duplicates from the
  MinHash sketches it carries. Merged in order, the result equals the single-process audit's.
* **Per-post rows** come back to the client, which writes ``part-00000.jsonl`` … (or ``.csv``)
  into the output folder, one file per partition, rows in source order.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import itertools
import json
import os
import pickle
import threading
import uuid
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import InputError, PostcheckError

if TYPE_CHECKING:
    from .audit.check import PostSummary
    from .audit.run import AuditReport
    from .config import Config
    from .engine import Engine
    from .ruleset import Rule
    from .sources import SourceItem, SourceRecord

INSTALL_HINT = 'the Dask engine needs the optional extra: pip install "postcheck[dask]"'
PARQUET_HINT = 'Parquet input needs pandas and pyarrow: pip install "dask[dataframe]" pyarrow'
#: Records per partition when the client reads the source (about 2–6 s of checking each).
CHUNK = 2000
#: Partials merged per reduction task.
SPLIT_EVERY = 8
#: Partitions being checked or waiting, per worker thread (bounds memory on client and cluster).
IN_FLIGHT = 3
PARQUET_SUFFIXES = (".parquet", ".pq")
ROW_FORMATS = ("jsonl", "csv")


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise PostcheckError(INSTALL_HINT) from None


# -- the rule set, as it travels ---------------------------------------------------------


@dataclass(frozen=True)
class RuleSet:
    """The configuration and the parsed (not compiled) rules, as one picklable value.

    Compiled checks hold closures and RE2 objects that do not pickle; parsed rules do, and
    compiling them takes a worker about two seconds, once. The rules are those of the client's
    engine after ``select``/``ignore``/severity settings, so workers need neither the rule files
    nor the configuration file. ``ui_language`` is resolved on the client (a worker's locale
    must not change the messages).
    """

    config: Config
    rules: tuple[Rule, ...]
    version: str
    digest: str


def ruleset_for(config: Config, rule_files: Iterable[str] = ()) -> RuleSet:
    """Compile the rule set here (raising rule errors before any work is sent) and pack it."""
    from .engine import engine_for

    files = tuple(rule_files)
    engine = engine_for(config, files)
    shipped = replace(config, ui_language=config.resolved_ui_language())
    rules = tuple(replace(rule, check=None) for rule in engine.rules)
    digest = hashlib.sha256(pickle.dumps((shipped, rules, __version__))).hexdigest()
    with _engines_lock:
        _engines.setdefault(digest, engine)  # in-process workers (threads) reuse the client's engine
    return RuleSet(shipped, rules, __version__, digest)


_engines_lock = threading.Lock()
_engines: dict[str, Engine] = {}
_MAX_ENGINES = 4


def worker_engine(ruleset: RuleSet) -> Engine:
    """The compiled engine of ``ruleset``, built once per process (workers run many partitions)."""
    from .checks import CompileContext
    from .engine import Engine
    from .ruleset import compile_rules

    with _engines_lock:
        engine = _engines.get(ruleset.digest)
        if engine is not None:
            return engine
        if ruleset.version != __version__:
            raise PostcheckError(
                f"this Dask worker runs postcheck {__version__} but the client runs {ruleset.version}; "
                "install the same version on every node"
            )
        cfg = ruleset.config
        context = CompileContext(profile=cfg.profile, timezone=cfg.tz, platform_overrides=cfg.platform_settings)
        engine = Engine(cfg, compile_rules(ruleset.rules, context))
        while len(_engines) >= _MAX_ENGINES:
            del _engines[next(iter(_engines))]
        _engines[ruleset.digest] = engine
        return engine


# -- partitions: check, aggregate, merge --------------------------------------------------


@dataclass
class Partial:
    """The aggregate of consecutive partitions, and where each of their posts came from.

    ``positions[i]`` is the position, inside its own partition, of aggregated post ``i``;
    ``partitions`` lists ``(partition, posts)`` in order. Together they locate the posts of
    near-duplicate pairs, whose texts are fetched afterwards (4 bytes per post).
    """

    agg: Any  # postcheck.audit.aggregate.Aggregator (kept lazy: this module imports without dask)
    partitions: list[tuple[int, int]] = field(default_factory=list)
    positions: array = field(default_factory=lambda: array("I"))

    @classmethod
    def empty(cls, zone: tzinfo) -> Partial:
        from .audit.aggregate import Aggregator

        return cls(Aggregator.partial(zone))

    def merge(self, other: Partial) -> None:
        """Append ``other`` (the partitions that follow this one's)."""
        self.agg.merge(other.agg)
        self.partitions.extend(other.partitions)
        self.positions.extend(other.positions)

    def locate(self, index: int) -> tuple[int, int]:
        """``(partition, position in it)`` of aggregated post ``index``."""
        ends = list(itertools.accumulate(n for _, n in self.partitions))
        return self.partitions[bisect.bisect_right(ends, index)][0], self.positions[index]


@dataclass(frozen=True)
class Window:
    """The ``--since``/``--until`` filter, applied exactly as the local audit applies it."""

    since: datetime | None = None
    until: datetime | None = None

    def excludes(self, when: datetime | None) -> bool:
        if self.since is None and self.until is None:
            return False
        return when is None or (self.since is not None and when < self.since) or (self.until is not None and when > self.until)

    def report(self) -> dict[str, str | None]:
        return {"since": self.since.isoformat() if self.since else None, "until": self.until.isoformat() if self.until else None}


def post_row(summary: PostSummary, zone: tzinfo) -> dict[str, Any]:
    """One post's result with the columns of ``--format csv`` (typed: numbers, booleans, a list of rules)."""
    from .audit.check import SCORE_KEYS

    severities = [f.severity for f in summary.findings]
    return {
        "locator": summary.locator,
        "publish_at": summary.publish_at.astimezone(zone).isoformat(timespec="seconds") if summary.publish_at else None,
        "platform": summary.platform,
        "language": summary.language,
        **dict(zip(SCORE_KEYS, summary.scores, strict=True)),
        "passed": summary.passed,
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "infos": severities.count("info"),
        "rules": sorted({f.rule for f in summary.findings}),
    }


class _Rows:
    """Per-post rows of one partition, rendered as the text of its part file."""

    def __init__(self, row_format: str, zone: tzinfo) -> None:
        from .reports.audit_csv import CsvWriter

        self.zone = zone
        self.buffer = io.StringIO()
        self.csv = CsvWriter(self.buffer, zone) if row_format == "csv" else None

    def __call__(self, summary: PostSummary) -> None:
        if summary.error is not None:
            return
        if self.csv is not None:
            self.csv(summary)
        else:
            self.buffer.write(json.dumps(post_row(summary, self.zone), ensure_ascii=False) + "\n")

    def text(self) -> str:
        return self.buffer.getvalue()


def check_items(items: Iterable[SourceItem], partition: int, ruleset: RuleSet, window: Window,
                row_format: str | None) -> tuple[Partial, str | None]:
    """Check one partition's records into a partial aggregate (and its part file's text)."""
    from .audit.check import check_record
    from .sources import SourceProblem

    engine = worker_engine(ruleset)
    cfg = ruleset.config
    partial = Partial.empty(cfg.tz)
    agg = partial.agg
    rows = _Rows(row_format, cfg.tz) if row_format else None
    for position, item in enumerate(items):
        if isinstance(item, SourceProblem):
            agg.problem(item.locator, item.message)
            continue
        agg.records += 1
        if window.excludes(item.publish_at):
            agg.outside_window += 1
            continue
        summary = check_record(engine, cfg, position, item)
        if summary.error is None:
            partial.positions.append(position)
        agg.add(summary)
        if rows is not None:
            rows(summary)
    partial.partitions.append((partition, agg.posts))
    return partial, rows.text() if rows is not None else None


def merge_partials(zone: tzinfo, *parts: Partial) -> Partial:
    """A new partial of ``parts`` in order (inputs are left alone: Dask may reuse them)."""
    merged = Partial.empty(zone)
    for part in parts:
        merged.merge(part)
    return merged


@dataclass(frozen=True)
class _ReportMeta:
    source: dict[str, Any]
    window: dict[str, Any]
    ui_language: str
    zone_name: str


def finish(root: Partial, meta: _ReportMeta) -> tuple[dict[str, Any], list[tuple[float, tuple[int, int], tuple[int, int]]], int]:
    """On the reducer: the report (without near-duplicate texts), the located pairs, and their total."""
    from .audit.neardup import near_duplicates

    pairs, total = near_duplicates(root.agg.sketches)
    data = root.agg.report(near=[], source=meta.source, window=meta.window, version=__version__,
                           ui_language=meta.ui_language, zone_name=meta.zone_name)
    data["counts"]["near_duplicate_pairs"] = total
    return data, [(score, root.locate(a), root.locate(b)) for score, a, b in pairs], total


class _Tree:
    """An ordered ``k``-ary reduction fed one partial at a time (a counter in base ``k``).

    Level ``n`` holds merges of ``k**n`` partitions; every level is older than the one below
    it, so the final merge, highest level first, keeps partition order.
    """

    def __init__(self, combine: Callable[[list[Any]], Any], k: int = SPLIT_EVERY) -> None:
        self.combine = combine
        self.k = k
        self.levels: list[list[Any]] = []

    def push(self, item: Any) -> None:
        level = 0
        while True:
            if len(self.levels) == level:
                self.levels.append([])
            self.levels[level].append(item)
            if len(self.levels[level]) < self.k:
                return
            group, self.levels[level] = self.levels[level], []
            item = self.combine(group)
            level += 1

    def result(self) -> Any:
        """The root: the leftovers merged, highest level first (an empty merge when nothing came)."""
        rest = [item for level in reversed(self.levels) for item in level]
        return rest[0] if len(rest) == 1 else self.combine(rest)


# -- records from a bag or dataframe partition ---------------------------------------------


@dataclass(frozen=True)
class Columns:
    """Where a bag's dicts or a dataframe's columns keep each field.

    ``text`` and ``time`` are configurable (``--text-column``/``--time-column``); ``platform``,
    ``language``, ``account``, ``title``, ``id`` and ``locator`` are optional. Without a
    ``locator``, a post is ``NAME#ID`` when it has an id, else ``NAME:partition P row N``.
    """

    text: str = "text"
    time: str | None = "publish_at"
    name: str = "posts"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):
        return True  # pandas.NA


def _native(value: Any) -> Any:
    """A NumPy scalar as the Python value it holds (bags may carry them)."""
    return value.item() if hasattr(value, "item") and hasattr(value, "dtype") and not hasattr(value, "to_pydatetime") else value


def _time(value: Any, zone: tzinfo) -> datetime | None:
    from .sources.records import BadValue, from_epoch, parse_iso

    value = _native(value)
    if _missing(value):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_epoch(value)
    if isinstance(value, str):
        return parse_iso(value, zone)
    raise BadValue(f"time {value!r} is neither ISO-8601, epoch seconds nor a datetime")


def _text(value: Any) -> str | None:
    value = _native(value)
    if _missing(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value if isinstance(value, str) and value else None


def record_of(row: Any, partition: int, index: int, columns: Columns, zone: tzinfo) -> SourceItem:
    """A bag item (a mapping, or already a record or problem) or a dataframe row as a source item."""
    from .sources import SourceProblem, SourceRecord
    from .sources.records import BadValue

    if isinstance(row, SourceRecord | SourceProblem):
        return row
    fallback = f"{columns.name}:partition {partition} row {index + 1}"
    if not isinstance(row, Mapping):
        return SourceProblem(fallback, "expected a mapping of fields")
    record_id = _text(row.get("id"))
    locator = _text(row.get("locator")) or (f"{columns.name}#{record_id}" if record_id else fallback)
    text = row.get(columns.text)
    if not isinstance(text, str):
        return SourceProblem(locator, f"no string {columns.text!r} in this record")
    try:
        when = _time(row.get(columns.time), zone) if columns.time else None
    except BadValue as exc:
        return SourceProblem(locator, str(exc))
    return SourceRecord(text=text, locator=locator, publish_at=when, platform=_text(row.get("platform")),
                        language=_text(row.get("language")), account=_text(row.get("account")),
                        title=_text(row.get("title")), record_id=record_id)


def _rows_of(data: Any) -> Iterable[Any]:
    """The rows of a partition: a pandas DataFrame's records, or a bag partition's items."""
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return data.to_dict("records")
    return data


def _items(data: Any, partition: int, columns: Columns, zone: tzinfo) -> Iterator[SourceItem]:
    for index, row in enumerate(_rows_of(data)):
        yield record_of(row, partition, index, columns, zone)


def check_partition(data: Any, partition: int, ruleset: RuleSet, columns: Columns, window: Window,
                    row_format: str | None) -> tuple[Partial, str | None]:
    """Check one partition of a bag or dataframe (see :func:`check_items`)."""
    return check_items(_items(data, partition, columns, ruleset.config.tz), partition, ruleset, window, row_format)


def rows_partition(data: Any, partition: int, ruleset: RuleSet, columns: Columns, window: Window) -> list[dict[str, Any]]:
    """Per-post rows (``post_row``) of one partition, for :func:`check_collection`."""
    from .audit.check import check_record
    from .sources import SourceProblem

    engine = worker_engine(ruleset)
    cfg = ruleset.config
    out = []
    for position, item in enumerate(_items(data, partition, columns, cfg.tz)):
        if isinstance(item, SourceProblem) or window.excludes(item.publish_at):
            continue
        summary = check_record(engine, cfg, position, item)
        if summary.error is None:
            out.append(post_row(summary, cfg.tz))
    return out


def pick_sides(data: Any, partition: int, positions: list[int], columns: Columns, zone: tzinfo) -> dict[int, dict[str, Any]]:
    """The near-duplicate sides (locator, time, excerpt) of the posts at ``positions`` of one partition."""
    from .sources import SourceRecord

    wanted = set(positions)
    found: dict[int, dict[str, Any]] = {}
    for position, item in enumerate(_items(data, partition, columns, zone)):
        if position in wanted and isinstance(item, SourceRecord):
            found[position] = _side(item, zone)
    return found


def _side(record: SourceRecord, zone: tzinfo) -> dict[str, Any]:
    from .audit.check import excerpt

    when = record.publish_at.astimezone(zone).isoformat(timespec="seconds") if record.publish_at else None
    return {"locator": record.locator, "publish_at": when, "excerpt": excerpt(record.text)}


_UNKNOWN_SIDE: dict[str, Any] = {"locator": "?", "publish_at": None, "excerpt": ""}


# -- the client side ---------------------------------------------------------------------


class _PartFiles:
    """``DIR/part-00000.jsonl`` …: one file per partition, written as partitions finish."""

    def __init__(self, folder: Path, row_format: str) -> None:
        if folder.exists() and not folder.is_dir():
            raise InputError("--output must be a folder with the Dask engine (it receives part-00000.jsonl, …)", path=folder)
        stale = sorted(folder.glob("part-*.*")) if folder.is_dir() else []
        if stale:
            raise InputError(f"the output folder already holds part files ({stale[0].name}, …); remove them or choose another",
                             path=folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.suffix = row_format

    def write(self, partition: int, text: str) -> None:
        target = self.folder / f"part-{partition:05d}.{self.suffix}"
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(text, encoding="utf-8", newline="")
        temporary.replace(target)


@contextlib.contextmanager
def _client(scheduler: Any, jobs: int | None) -> Iterator[Any]:
    """A client of ``scheduler`` (an address or a ``distributed.Client``), or of a new LocalCluster."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise PostcheckError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    workers = max(1, jobs or os.cpu_count() or 1)
    # Checking is pure Python: processes with one thread each use every core.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def _result(future: Any) -> Any:
    """``future.result()``, with a clear message when a worker lacks postcheck."""
    try:
        return future.result()
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] == "postcheck":
            raise PostcheckError(f'postcheck is not installed on a Dask worker: pip install "postcheck[dask]=={__version__}" '
                                 "on every node") from None
        raise


def _threads(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


def _resolve(path: Path, config: Config | None) -> Config:
    from .api import resolve_config

    return config or resolve_config(None, path if path.is_dir() else path.parent)


def _is_parquet(path: Path, source_format: str | None) -> bool:
    if source_format is not None:
        return source_format == "parquet"
    if path.is_dir():
        return any(p.suffix.lower() in PARQUET_SUFFIXES for p in path.iterdir() if p.is_file())
    return path.suffix.lower() in PARQUET_SUFFIXES


def audit_dask(
    path: str | Path,
    *,
    config: Config | None = None,
    scheduler: Any = None,
    source_format: str | None = None,
    include_reposts: bool = False,
    text_column: str | None = None,
    time_column: str | None = None,
    rule_files: tuple[str, ...] = (),
    output: str | Path | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    row_format: str = "jsonl",
    jobs: int | None = None,
    chunk_size: int = CHUNK,
) -> AuditReport:
    """Run the audit on a Dask cluster: ``scheduler`` is an address or a ``distributed.Client``;
    without one, a LocalCluster of ``jobs`` worker processes (default: all cores) is started.

    Parquet (a file or a folder of them, or ``source_format="parquet"``) is read by the workers;
    every other format by the client, in chunks of ``chunk_size`` records. ``output`` is a folder
    for per-post rows (``row_format`` ``jsonl`` or ``csv``, one file per partition). The report
    equals the local audit's (``postcheck.audit.audit``) for the same input.
    """
    _require_dask()
    if row_format not in ROW_FORMATS:
        raise PostcheckError(f"row_format must be one of {', '.join(ROW_FORMATS)}")
    source = Path(path)
    if not source.exists():
        raise InputError("no such file or folder", path=source)
    cfg = _resolve(source, config)
    window = Window(since, until)
    if _is_parquet(source, source_format):
        frame = _read_parquet(source, text_column or "text", time_column)
        return audit_collection(frame, config=cfg, scheduler=scheduler, rule_files=rule_files, output=output, since=since,
                                until=until, row_format=row_format, jobs=jobs,
                                columns=Columns(text_column or "text", time_column or "publish_at", source.name),
                                source={"path": str(path), "format": "parquet", "zone": cfg.timezone})
    from .sources import SourceError, detect_format

    try:
        fmt = source_format or detect_format(source)
    except SourceError as exc:
        raise InputError(str(exc), path=source) from None
    ruleset = ruleset_for(cfg, rule_files)
    parts = _PartFiles(Path(output), row_format) if output is not None else None
    meta = _ReportMeta({"path": str(path), "format": fmt, "zone": cfg.timezone}, window.report(),
                       ruleset.config.resolved_ui_language(), cfg.timezone)

    def read() -> Iterator[SourceItem]:
        return _read_source(source, cfg, fmt, include_reposts, text_column, time_column)

    with _client(scheduler, jobs) as client:
        data, located, _ = _run_stream(client, read(), ruleset, window, meta, parts, row_format, max(1, chunk_size))
    near = _sides_from_source(located, read, chunk_size, cfg.tz)
    return _report(data, near, parts is not None)


def _read_source(source: Path, cfg: Config, fmt: str, include_reposts: bool, text_column: str | None,
                 time_column: str | None) -> Iterator[SourceItem]:
    from .sources import SourceError, read_source

    try:
        yield from read_source(source, source_format=fmt, default_tz=cfg.tz, include_reposts=include_reposts,
                               text_column=text_column, time_column=time_column)
    except SourceError as exc:
        raise InputError(str(exc), path=source) from None


def _run_stream(client: Any, items: Iterator[SourceItem], ruleset: RuleSet, window: Window, meta: _ReportMeta,
                parts: _PartFiles | None, row_format: str, chunk_size: int) -> tuple[dict[str, Any], list[Any], int]:
    """Send chunks of records as they are read, a bounded number at a time; merge as they finish."""
    from distributed import wait

    run = uuid.uuid4().hex[:12]
    zone = ruleset.config.tz
    shipped = client.scatter(ruleset, broadcast=True, hash=False)
    merges = itertools.count()
    tree = _Tree(lambda group: client.submit(merge_partials, zone, *group, key=f"postcheck-merge-{run}-{next(merges)}"))
    pending: deque[tuple[int, Any]] = deque()
    limit = IN_FLIGHT * _threads(client)

    def drain() -> None:
        partition, future = pending.popleft()
        if parts is not None:
            parts.write(partition, _result(future))
        else:
            wait(future)
            if future.status == "error":
                _result(future)

    for partition, chunk in enumerate(_chunks(items, chunk_size)):
        # Scattered, the records go straight to a worker; in a task's arguments they would sit on the scheduler.
        [records] = client.scatter([chunk], hash=False)  # one key for the whole chunk
        checked = client.submit(check_items, records, partition, shipped, window, row_format if parts else None,
                                key=f"postcheck-check-{run}-{partition}")
        partial = client.submit(_first, checked, key=f"postcheck-partial-{run}-{partition}")
        tree.push(partial)
        pending.append((partition, client.submit(_second, checked, key=f"postcheck-rows-{run}-{partition}")
                        if parts else partial))
        del records, checked, partial
        while len(pending) >= limit:
            drain()
    while pending:
        drain()
    return _result(client.submit(finish, tree.result(), meta, key=f"postcheck-finish-{run}"))


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _second(pair: tuple[Any, Any]) -> Any:
    return pair[1]


def _chunks(items: Iterator[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _sides_from_source(located: list[Any], read: Callable[[], Iterator[SourceItem]], chunk_size: int,
                       zone: tzinfo) -> list[dict[str, Any]]:
    """Read the source again on the client for just the records of near-duplicate pairs (as the local audit does)."""
    from .sources import SourceRecord

    if not located:
        return []
    wanted = {partition * chunk_size + position for _, a, b in located for partition, position in (a, b)}
    found: dict[int, dict[str, Any]] = {}
    try:
        for position, item in enumerate(read()):
            if position in wanted and isinstance(item, SourceRecord):
                found[position] = _side(item, zone)
                if len(found) == len(wanted):
                    break
    except PostcheckError:
        return []

    def side(where: tuple[int, int]) -> dict[str, Any]:
        return found.get(where[0] * chunk_size + where[1], _UNKNOWN_SIDE)

    return [{"similarity": score, "a": side(a), "b": side(b)} for score, a, b in located]


def _report(data: dict[str, Any], near: list[dict[str, Any]], written: bool) -> AuditReport:
    from .audit.run import AuditReport

    data["near_duplicates"] = near
    return AuditReport(data, summaries_written=data["counts"]["posts"] if written else 0, problems=data["problems"])


# -- bags and dataframes -----------------------------------------------------------------


def _read_parquet(source: Path, text_column: str, time_column: str | None) -> Any:
    """A dataframe of the columns postcheck uses; a named column that is missing is an input error."""
    try:
        import dask.dataframe as dd
        import pyarrow  # noqa: F401
    except ImportError:
        raise PostcheckError(PARQUET_HINT) from None
    try:
        frame = dd.read_parquet(str(source))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read Parquet: {exc}", path=source) from None
    names = list(frame.columns)
    for wanted_column in (text_column, time_column):
        if wanted_column and wanted_column not in names:
            raise InputError(f"no column {wanted_column!r}; the columns are: {', '.join(map(str, names))}", path=source)
    wanted = [text_column, time_column or "publish_at", "platform", "language", "account", "title", "id", "locator"]
    return frame[[c for c in dict.fromkeys(wanted) if c in names]]


def _partitions(posts: Any) -> list[Any]:
    """The partitions of a Dask bag or dataframe, as delayed values in order."""
    import dask.bag as db

    if isinstance(posts, db.Bag) or hasattr(posts, "to_delayed"):
        return list(posts.to_delayed())
    raise TypeError("expected a dask.bag.Bag or a dask.dataframe.DataFrame of posts")


def audit_collection(
    posts: Any,
    *,
    config: Config | None = None,
    scheduler: Any = None,
    rule_files: tuple[str, ...] = (),
    output: str | Path | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    row_format: str = "jsonl",
    jobs: int | None = None,
    columns: Columns | None = None,
    source: dict[str, Any] | None = None,
) -> AuditReport:
    """Audit a Dask bag (of dicts or source records) or dataframe of posts, partition by partition.

    One graph: a check task per partition, an ordered 8-ary tree of merges, a final task that
    makes the report on the reducer; only per-post rows (when ``output`` is given) and the
    report come back to the client. The texts of near-duplicate pairs are fetched afterwards
    by recomputing just the partitions that hold them.
    """
    _require_dask()
    import dask
    from distributed import as_completed

    if row_format not in ROW_FORMATS:
        raise PostcheckError(f"row_format must be one of {', '.join(ROW_FORMATS)}")
    cfg = config or _resolve(Path.cwd(), None)
    columns = columns or Columns()
    window = Window(since, until)
    ruleset = ruleset_for(cfg, rule_files)
    parts = _PartFiles(Path(output), row_format) if output is not None else None
    meta = _ReportMeta(source or {"path": columns.name, "format": "dask", "zone": cfg.timezone}, window.report(),
                       ruleset.config.resolved_ui_language(), cfg.timezone)
    zone = cfg.tz
    delayed_parts = _partitions(posts)
    shipped = dask.delayed(ruleset, name=f"postcheck-ruleset-{ruleset.digest[:16]}")
    checked = [dask.delayed(check_partition, nout=2, pure=True)(part, p, shipped, columns, window, row_format if parts else None)
               for p, part in enumerate(delayed_parts)]
    tree = _Tree(lambda group: dask.delayed(merge_partials, pure=True)(zone, *group))
    for partial, _ in checked:
        tree.push(partial)
    final = dask.delayed(finish, pure=True)(tree.result(), meta)
    with _client(scheduler, jobs) as client:
        futures = client.compute([final, *(rows for _, rows in checked)] if parts else [final])
        final_future, row_futures = futures[0], futures[1:]
        if parts is not None:
            partition_of = {f.key: p for p, f in enumerate(row_futures)}
            for future in as_completed(row_futures):
                parts.write(partition_of[future.key], _result(future))
                future.release()
        data, located, _ = _result(final_future)
        near: list[dict[str, Any]] = []
        if located:
            wanted: dict[int, set[int]] = {}
            for _, a, b in located:
                for p, position in (a, b):
                    wanted.setdefault(p, set()).add(position)
            picks = [dask.delayed(pick_sides)(delayed_parts[p], p, sorted(positions), columns, zone)
                     for p, positions in sorted(wanted.items())]
            found = dict(zip(sorted(wanted), [_result(f) for f in client.compute(picks)], strict=True))
            near = [{"similarity": score, "a": found[a[0]].get(a[1], _UNKNOWN_SIDE), "b": found[b[0]].get(b[1], _UNKNOWN_SIDE)}
                    for score, a, b in located]
    return _report(data, near, parts is not None)


def check_collection(
    posts: Any,
    *,
    config: Config | None = None,
    rule_files: tuple[str, ...] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    columns: Columns | None = None,
) -> Any:
    """A lazy ``dask.bag.Bag`` of per-post rows (:func:`post_row`), partition for partition.

    For pipelines that go on in Dask (``.to_dataframe().to_parquet(…)``); records that cannot
    be read or checked are left out, as in ``--format csv``.
    """
    _require_dask()
    import dask
    import dask.bag as db

    cfg = config or _resolve(Path.cwd(), None)
    ruleset = ruleset_for(cfg, rule_files)
    shipped = dask.delayed(ruleset, name=f"postcheck-ruleset-{ruleset.digest[:16]}")
    window = Window(since, until)
    columns = columns or Columns()
    return db.from_delayed([dask.delayed(rows_partition, pure=True)(part, p, shipped, columns, window)
                            for p, part in enumerate(_partitions(posts))])


__all__ = [
    "CHUNK",
    "INSTALL_HINT",
    "PARQUET_HINT",
    "Columns",
    "Partial",
    "RuleSet",
    "Window",
    "audit_collection",
    "audit_dask",
    "check_collection",
    "check_items",
    "post_row",
    "record_of",
    "ruleset_for",
    "worker_engine",
]
