"""Generic CSV: one post per row, the text in ``--text-column`` (default ``text``).

``--time-column`` names an ISO-8601 time column (naive times are in the configured zone); no
time column means no publish time. Optional columns, matched ignoring case, fill the rest:
``id``, ``platform``, ``language``, ``account``, ``title``. Handles a BOM, quoted fields with
embedded newlines, and the ``;`` or tab separators that spreadsheets in Indonesian locales write
(the separator is chosen from the header line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from .archive import Archive
from .common import csv_rows, find_column, read_files
from .records import (
    BadValue,
    ReadOptions,
    SourceItem,
    SourceProblem,
    SourceRecord,
    parse_iso,
    text_or_none,
)

CSV_FILES = re.compile(r"\.(?:csv|tsv)$", re.IGNORECASE)
OPTIONAL_FIELDS = ("id", "platform", "language", "account", "title")


def sniff_delimiter(header_line: str) -> str:
    """The most frequent of ``,`` ``;`` tab ``|`` in the header line (``,`` on a tie)."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


class _Prefixed:
    """A text stream with a line already read put back in front, for csv.reader."""

    def __init__(self, first: str, stream: TextIO) -> None:
        self._first: str | None = first
        self._stream = stream

    def __iter__(self) -> Iterator[str]:
        if self._first:
            yield self._first
        self._first = None
        yield from self._stream


def _columns(header: list[str], options: ReadOptions) -> dict[str, str | None] | str:
    """Which header name serves which field, or a message naming the missing column."""
    text_name = options.text_column or "text"
    columns = {field: find_column(header, field) for field in OPTIONAL_FIELDS}
    columns["text"] = find_column(header, text_name)
    columns["time"] = find_column(header, options.time_column) if options.time_column else None
    for wanted, field in ((text_name, "text"), (options.time_column, "time")):
        if wanted and columns[field] is None:
            return f"no column {wanted!r}; the columns are: {', '.join(header)}"
    return columns


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every row of every CSV file, in file order."""

    def read_one(name: str, stream: TextIO) -> Iterator[SourceItem]:
        first = stream.readline()
        lines = _Prefixed(first, stream)
        columns: dict[str, str | None] | str | None = None
        for item in csv_rows(name, lines, delimiter=sniff_delimiter(first)):
            if isinstance(item, SourceProblem):
                yield item
                continue
            locator, row = item
            if columns is None:
                columns = _columns(list(row), options)
            if isinstance(columns, str):
                yield SourceProblem(name, columns)
                return
            yield _record(locator, row, columns, options)

    yield from read_files(archive, archive.select(CSV_FILES), read_one)


def _record(locator: str, row: dict[str, str], columns: dict[str, str | None], options: ReadOptions) -> SourceItem:
    def cell(field: str) -> str | None:
        column = columns.get(field)
        return text_or_none(row[column].strip()) if column else None

    raw_time = cell("time")
    try:
        published = parse_iso(raw_time, options.default_tz) if raw_time else None
    except BadValue as exc:
        return SourceProblem(locator, str(exc))
    text_column = columns["text"]
    return SourceRecord(
        text=row[text_column] if text_column else "",
        locator=locator,
        publish_at=published,
        platform=cell("platform"),
        language=cell("language"),
        account=cell("account"),
        title=cell("title"),
        record_id=cell("id"),
    )
