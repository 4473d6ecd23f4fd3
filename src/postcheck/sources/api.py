"""The entry point: read any supported export as one stream of records and problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import tzinfo
from pathlib import Path

from . import (
    bluesky,
    drafts,
    facebook,
    generic_csv,
    generic_jsonl,
    instagram,
    linkedin,
    mastodon,
    meta_csv,
    x,
)
from .archive import Archive, open_archive
from .detect import detect_in
from .records import ReadOptions, SourceError, SourceItem

Reader = Callable[[Archive, ReadOptions], Iterator[SourceItem]]

READERS: dict[str, Reader] = {
    "x": x.read,
    "facebook": facebook.read,
    "instagram": instagram.read,
    "mastodon": mastodon.read,
    "linkedin": linkedin.read,
    "meta-csv": meta_csv.read,
    "bluesky": bluesky.read,
    "csv": generic_csv.read,
    "jsonl": generic_jsonl.read,
    "drafts": drafts.read,
}
SOURCE_FORMATS: tuple[str, ...] = tuple(READERS)
"""The names ``--source-format`` accepts."""


def read_source(
    path: Path,
    *,
    source_format: str | None = None,
    default_tz: tzinfo,
    include_reposts: bool = False,
    text_column: str | None = None,
    time_column: str | None = None,
) -> Iterator[SourceItem]:
    """Stream the posts of an export (folder, single file or ``.zip``) and its problems.

    Errors about the source as a whole (missing path, unknown or undetectable format, unsafe
    zip) raise :class:`SourceError` here, before iteration; everything found while reading is a
    :class:`SourceProblem` in the stream. ``default_tz`` is the zone of naive times (a
    ``zoneinfo.ZoneInfo``); ``text_column``/``time_column`` apply to the generic csv and jsonl
    formats. Records come in file order, files in sorted order, so runs are reproducible.
    """
    if not isinstance(default_tz, tzinfo):
        raise TypeError("default_tz must be a tzinfo, e.g. zoneinfo.ZoneInfo('Asia/Jakarta')")
    if source_format is not None and source_format not in READERS:
        raise SourceError(f"unknown source format {source_format!r}; choose one of: {', '.join(READERS)}")
    path = Path(path)
    with open_archive(path) as archive:
        chosen = source_format or detect_in(archive, path.name)
    options = ReadOptions(default_tz, include_reposts, text_column, time_column)
    return _stream(path, READERS[chosen], options)


def _stream(path: Path, reader: Reader, options: ReadOptions) -> Iterator[SourceItem]:
    with open_archive(path) as archive:
        yield from reader(archive, options)


__all__ = ["READERS", "SOURCE_FORMATS", "SourceError", "read_source"]
