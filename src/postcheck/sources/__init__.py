"""Readers for platform exports and drafts: streams of :class:`SourceRecord` and problems.

Use :func:`read_source` for any supported export (a folder, a single file or a ``.zip`` as
downloaded) and :func:`detect_format` to name its format. Every reader streams, so a
multi-gigabyte archive is read with bounded memory; broken records are reported as
:class:`SourceProblem` and reading goes on.
"""

from .api import READERS, SOURCE_FORMATS, read_source
from .archive import (
    MAX_ENTRIES,
    MAX_ENTRY_RATIO,
    MAX_TOTAL_UNCOMPRESSED,
    RATIO_CHECK_MIN_SIZE,
)
from .detect import detect_format
from .records import (
    Media,
    ReadOptions,
    SourceError,
    SourceItem,
    SourceProblem,
    SourceRecord,
)

__all__ = [
    "MAX_ENTRIES",
    "MAX_ENTRY_RATIO",
    "MAX_TOTAL_UNCOMPRESSED",
    "RATIO_CHECK_MIN_SIZE",
    "READERS",
    "SOURCE_FORMATS",
    "Media",
    "ReadOptions",
    "SourceError",
    "SourceItem",
    "SourceProblem",
    "SourceRecord",
    "detect_format",
    "read_source",
]
