"""Plumbing shared by the readers: opening files as text, and turning failures into problems."""

from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from .archive import Archive
from .jsonstream import Element, Fault, JsonStream
from .records import SourceItem, SourceProblem

READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    UnicodeDecodeError,
    zipfile.BadZipFile,
    zlib.error,
)
"""Failures that end one file (unreadable, corrupt entry, not UTF-8) but never the batch."""


def open_text(archive: Archive, name: str) -> TextIO:
    """A UTF-8 text stream (a BOM is dropped; newlines are left as they are for csv/json)."""
    return io.TextIOWrapper(archive.open(name), encoding="utf-8-sig", newline="")


def describe(exc: BaseException) -> str:
    """A one-line reason for a problem message."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 ({exc.reason}); stopped reading at that point"
    return str(exc) or type(exc).__name__


def read_files(
    archive: Archive,
    names: list[str],
    read_one: Callable[[str, TextIO], Iterator[SourceItem]],
) -> Iterator[SourceItem]:
    """Run ``read_one`` on each file in turn; a file that fails becomes one problem."""
    for name in names:
        try:
            with open_text(archive, name) as stream:
                yield from read_one(name, stream)
        except READ_ERRORS as exc:
            yield SourceProblem(name, f"cannot read this file: {describe(exc)}")


def element_locator(name: str, index: int) -> str:
    """``file:element N``, 1-based, for a JSON array element without an id."""
    return f"{name}:element {index + 1}"


def fault_problem(name: str, fault: Fault) -> SourceProblem:
    """A JSON fault as a problem that names the file, the element and its line."""
    return SourceProblem(element_locator(name, fault.index), f"line {fault.line}: {fault.message}")


class _AnyKey:
    def __contains__(self, key: object) -> bool:
        return True


def top_level_elements(stream: TextIO, initial: str = "") -> Iterator[Element | Fault]:
    """The elements of a top-level array, or of every array member of a top-level object.

    Meta's exports are usually a bare list; some files wrap it (``{"status_updates": [...]}``).
    """
    json_stream = JsonStream(stream, initial=initial)
    first = json_stream.peek()
    if first == "[":
        yield from json_stream.elements()
    elif first == "{":
        for _key, item in json_stream.members(_AnyKey()):
            if isinstance(item, Element | Fault):
                yield item
    elif first is None:
        yield Fault(0, 1, "the file is empty", fatal=True)
    else:
        yield Fault(0, json_stream.line(), f"expected JSON, found {first!r}", fatal=True)


def problem_or_record(
    name: str,
    items: Iterator[Element | Fault],
    convert: Callable[[str, Element], SourceItem | None],
) -> Iterator[SourceItem]:
    """Convert each element; faults and non-object elements become problems."""
    for item in items:
        if isinstance(item, Fault):
            yield fault_problem(name, item)
        elif not isinstance(item.value, dict):
            yield SourceProblem(
                element_locator(name, item.index),
                f"line {item.line}: expected a JSON object, found {_json_type(item.value)}",
            )
        else:
            converted = convert(name, item)
            if converted is not None:
                yield converted


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json_literal(value)
    return "a number"


def json_literal(value: bool | None) -> str:
    """How JSON spells a literal, for messages."""
    return "null" if value is None else str(value).lower()


# --- CSV ---------------------------------------------------------------------------------


def csv_rows(
    name: str, stream: Iterable[str], *, delimiter: str = ",", required: tuple[str, ...] = ()
) -> Iterator[tuple[str, dict[str, str]] | SourceProblem]:
    """``(locator, row)`` for each data row, keyed by the (stripped) header.

    Rows are numbered as a spreadsheet shows them: the header is row 1, so the first post is
    ``file:row 2``, however many lines a quoted multi-line field takes. A row with the wrong
    number of fields, or one the csv module rejects, becomes a problem; blank rows are skipped.
    A header without every ``required`` column makes the whole file one problem.
    """
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        yield SourceProblem(name, "the file is empty")
        return
    except csv.Error as exc:
        yield SourceProblem(f"{name}:row 1", f"unreadable header: {exc}")
        return
    missing = [column for column in required if column not in header]
    if missing:
        yield SourceProblem(f"{name}:row 1", f"no column {', '.join(map(repr, missing))} in the header; file skipped")
        return
    number = 1
    while True:
        number += 1
        locator = f"{name}:row {number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield SourceProblem(locator, f"unreadable row: {exc}")
            continue
        if not row:
            continue
        if len(row) > len(header) and not any(cell.strip() for cell in row[len(header) :]):
            row = row[: len(header)]  # trailing empty cells from a spreadsheet
        if len(row) != len(header):
            yield SourceProblem(locator, f"the row has {len(row)} fields but the header has {len(header)}")
            continue
        yield locator, dict(zip(header, row, strict=True))


def find_column(header: Iterable[str], wanted: str) -> str | None:
    """The header name equal to ``wanted``, exactly or ignoring case."""
    names = list(header)
    if wanted in names:
        return wanted
    folded = wanted.casefold()
    return next((n for n in names if n.casefold() == folded), None)


# --- JSON or JSON Lines ------------------------------------------------------------------


def json_objects(name: str, stream: TextIO) -> Iterator[tuple[str, int, Any] | SourceProblem]:
    """``(locator, line, value)`` for each record of a JSON array file or a JSON Lines file.

    A file whose first line starts with ``[`` (or is a lone ``{``, a pretty-printed object
    wrapping the list) is one JSON document, streamed element by element; anything else is JSON
    Lines, where each non-blank line is a record and a broken line is a problem.
    """
    first = stream.readline()
    stripped = first.strip()
    if stripped.startswith("[") or stripped == "{":
        for item in top_level_elements(stream, initial=first):
            if isinstance(item, Fault):
                yield fault_problem(name, item)
            else:
                yield element_locator(name, item.index), item.line, item.value
        return
    number = 0
    for line in _chain_first(first, stream):
        number += 1
        if not line.strip():
            continue
        locator = f"{name}:line {number}"
        try:
            yield locator, number, json.loads(line.rstrip("\r\n"))
        except ValueError as exc:
            yield SourceProblem(locator, f"not valid JSON: {exc}")


def _chain_first(first: str, stream: TextIO) -> Iterator[str]:
    if first:
        yield first
        yield from stream
