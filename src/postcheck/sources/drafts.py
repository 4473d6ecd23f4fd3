"""A folder of drafts (``.md``, ``.markdown``, ``.txt``): one record per file.

The text is the file's contents, decoded as UTF-8 (a BOM dropped, line endings kept so offsets
map back to the file); the locator is the path relative to the folder. Front matter is left in
the text: parsing it belongs to the post model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .archive import Archive
from .common import READ_ERRORS, describe
from .records import ReadOptions, SourceItem, SourceProblem, SourceRecord

DRAFT_FILES = re.compile(r"\.(?:md|markdown|txt)$", re.IGNORECASE)
MAX_DRAFT_BYTES = 16 * 1024**2
"""A draft larger than this (16 MiB) is not a post; it is reported instead of loaded."""


def read(archive: Archive, options: ReadOptions) -> Iterator[SourceItem]:
    """Every draft file, in path order."""
    for name in archive.select(DRAFT_FILES):
        try:
            with archive.open(name) as stream:
                data = stream.read(MAX_DRAFT_BYTES + 1)
            if len(data) > MAX_DRAFT_BYTES:
                yield SourceProblem(name, f"larger than {MAX_DRAFT_BYTES:,} bytes; not read")
                continue
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield SourceProblem(name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        except READ_ERRORS as exc:
            yield SourceProblem(name, f"cannot read this file: {describe(exc)}")
            continue
        yield SourceRecord(text=text, locator=name)
