"""Recognise an export from its layout (folder or zip) or, for one file, its name and content.

Layouts, checked in this order (any folder prefix allowed, as zips often add one):
``data/tweets.js``/``data/tweets-partN.js``/``data/manifest.js`` → x · ``outbox.json`` →
mastodon · ``Shares.csv`` → linkedin · ``content/posts_N.json`` → instagram ·
``your_posts*_N.json``/``profile_posts_N.json`` → facebook. Otherwise a folder of ``.md``/
``.txt`` files is drafts, and CSV or JSON files are sniffed like a single file. A single file
is recognised by name first, then by its first 64 KiB.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import facebook, instagram, linkedin, mastodon
from .archive import Archive, open_archive
from .common import READ_ERRORS
from .drafts import DRAFT_FILES
from .generic_csv import CSV_FILES
from .generic_jsonl import JSON_FILES
from .meta_csv import REQUIRED_COLUMNS
from .records import SourceError
from .x import TWEET_FILES

SNIFF_CHARS = 1 << 16

LAYOUTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("x", re.compile(r"(?:^|/)data/(?:tweets?(?:-part\d+)?|manifest)\.js$")),
    ("mastodon", mastodon.OUTBOX_FILES),
    ("linkedin", linkedin.SHARE_FILES),
    ("instagram", instagram.POST_FILES),
    ("facebook", facebook.POST_FILES),
)
_BLUESKY = re.compile(r'app\.bsky\.feed\.|"createdAt"\s*:[^{}]*"(?:langs|facets)"\s*:')


def _head(archive: Archive, name: str) -> str:
    try:
        with archive.open(name) as stream:
            return stream.read(SNIFF_CHARS).decode("utf-8-sig", errors="replace")
    except READ_ERRORS as exc:
        raise SourceError(f"{name}: cannot read it to recognise the format ({exc})") from None


def sniff_csv(header: str) -> str:
    """meta-csv or linkedin from their columns, else generic csv."""
    first_line = header.split("\n", 1)[0]
    if all(column in first_line for column in REQUIRED_COLUMNS):
        return "meta-csv"
    if "ShareCommentary" in first_line:
        return "linkedin"
    return "csv"


def sniff_json(head: str) -> str:
    """The platform of a JSON / JSON Lines file from its first characters; jsonl if none."""
    if '"orderedItems"' in head or '"OrderedCollection"' in head:
        return "mastodon"
    if head.lstrip().startswith("window.YTD.") or re.search(r'"tweet"\s*:\s*\{', head):
        return "x"
    if _BLUESKY.search(head):
        return "bluesky"
    if re.search(r'"timestamp"\s*:', head) and re.search(r'"data"\s*:', head):
        return "facebook"
    if re.search(r'"creation_timestamp"\s*:', head) and re.search(r'"media"\s*:', head):
        return "instagram"
    return "jsonl"


def _detect_file(archive: Archive, name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    for fmt, pattern in (*LAYOUTS, ("x", TWEET_FILES)):
        if pattern.search(base) or pattern.search(name):
            return fmt
    lower = base.casefold()
    if DRAFT_FILES.search(lower):
        return "drafts"
    if CSV_FILES.search(lower):
        return sniff_csv(_head(archive, name))
    if JSON_FILES.search(lower) or lower.endswith(".js"):
        found = sniff_json(_head(archive, name))
        if lower.endswith(".js") and found != "x":
            raise SourceError(f"{name}: a .js file that is not an X archive part")
        return found
    raise SourceError(f"{name}: cannot tell the format from a {Path(base).suffix or 'suffix-less'} file; use --source-format")


def detect_in(archive: Archive, label: str) -> str:
    """The format of an open archive; raises :class:`SourceError` when nothing fits."""
    if archive.single is not None:
        return _detect_file(archive, archive.single)
    names = archive.names()
    for fmt, pattern in LAYOUTS:
        if any(pattern.search(name) for name in names):
            return fmt
    drafts = archive.find(DRAFT_FILES)
    data = archive.find(CSV_FILES) + archive.find(JSON_FILES)
    if drafts and data:
        raise SourceError(
            f"{label}: holds both drafts ({drafts[0]}) and data files ({data[0]}); use --source-format to say which to read"
        )
    if drafts:
        return "drafts"
    if data:
        return _detect_file(archive, data[0])
    raise SourceError(
        f"{label}: no known export found (looked for data/tweets.js, outbox.json, Shares.csv, "
        "content/posts_1.json, your_posts_1.json, and .csv/.jsonl/.json/.md/.txt files)"
    )


def detect_format(path: Path) -> str:
    """The ``--source-format`` name for a folder, file or zip; raises :class:`SourceError`."""
    with open_archive(Path(path)) as archive:
        return detect_in(archive, Path(path).name)
