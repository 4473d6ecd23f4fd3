"""Read draft files (Markdown or text, optional front matter) into posts.

Decoding is strict and explicit: UTF-8 (with or without BOM) and UTF-16/32
with a BOM are read; anything else that is not valid UTF-8 is refused with the
line of the first bad byte, rather than guessed, because a silently mangled
draft would be checked wrong. Files with NUL bytes are binary and refused.
Newlines (CRLF, CR) are normalised to LF so that lines and columns match what
editors show; the fixer writes the file's own line endings back.
"""

from __future__ import annotations

import codecs
import fnmatch
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from . import frontmatter
from .errors import InputError
from .frontmatter import FrontMatter, Media
from .post import Post
from .text.markdown import reduce_markdown
from .text.plaintext import PlainText, valid_text

DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
#: postcheck's own configuration files: never drafts, even when named (``lint drafts/*``).
CONFIG_NAMES = ("postcheck.yaml", ".postcheck.yaml", "postcheck.yml", ".postcheck.yml")
#: Largest draft read, in bytes. Posts are at most tens of kilobytes; a file
#: this large is not a post, and refusing it keeps time and memory bounded.
MAX_DRAFT_BYTES = 2 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # newline-normalised
    encoding: str
    bom: bytes
    newline: str  # the file's dominant line ending: "\n", "\r\n" or "\r"


def decode(data: bytes, path: str) -> Decoded:
    """Decode a draft's bytes, or raise InputError saying why not."""
    bom = b""
    encoding = "utf-8"
    for mark, enc in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, enc
            break
    body = data[len(bom) :]
    if not bom and b"\x00" in body[:8192]:
        raise InputError("binary file (contains NUL bytes), not a text draft", path=path)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        # Count lines in the decoded text before the bad byte, in the file's
        # own encoding and with CR and CRLF as line ends too.
        before = body[: exc.start].decode(encoding, errors="replace")
        line = before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        message = f"not valid {encoding.upper()} (byte 0x{body[exc.start]:02x}); save the draft as UTF-8"
        raise InputError(message, path=path, line=line) from None
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters), not a text draft", path=path)
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    newline = "\r\n" if crlf > max(cr, lf) else ("\r" if cr > lf else "\n")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, encoding, bom, newline)


def check_size(data: bytes, path: str | Path) -> None:
    """Refuse a draft over :data:`MAX_DRAFT_BYTES` (files, standard input, in-memory drafts)."""
    if len(data) > MAX_DRAFT_BYTES:
        raise InputError(f"larger than the {MAX_DRAFT_BYTES // (1024 * 1024)} MiB limit for one draft", path=path)


def _read_limited(handle: io.FileIO) -> bytes:
    """At most ``MAX_DRAFT_BYTES + 1`` bytes of an unbuffered file.

    Sized from ``fstat`` first: asking for the whole limit at once allocates a 2 MiB buffer for
    every draft (27 against 12 µs for a small file, measured 2026-12-08). A file that grows
    while read, or a pipe or device that reports no size, is read on in chunks to the limit.
    """
    size = os.fstat(handle.fileno()).st_size
    want = min(size, MAX_DRAFT_BYTES) + 1 if size else 1 << 16
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_DRAFT_BYTES:
        chunk = handle.read(min(want, MAX_DRAFT_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_bytes(path: Path) -> bytes:
    """Read a draft's bytes with a size limit and one-line errors."""
    try:
        with path.open("rb", buffering=0) as handle:
            data = _read_limited(handle)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a draft", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    check_size(data, path)
    return data


def build_post(
    source: str,
    *,
    path: str | None,
    default_tz: tzinfo,
    markdown: bool = True,
    publish_at: datetime | None = None,
    language: str | None = None,
    publish_source: str = "option",
    front_matter: bool = True,
) -> Post:
    """Make a post from a draft's (decoded) text: front matter, body, metadata.

    ``publish_at`` and ``language`` are command-line overrides; they win
    over front matter. ``publish_source`` says where ``publish_at`` came from
    ("option", or "export" for a post's real publish time in an archive).
    ``front_matter=False`` reads the text as it is (an exported post that happens
    to start with ``---`` is text, not front matter).
    """
    display = path or "<text>"
    source = valid_text(source)  # lone surrogates and NUL (API, exports' JSON) become U+FFFD
    yaml_text, body_start = frontmatter.split(source) if front_matter else (None, 0)
    meta = frontmatter.parse(yaml_text, path=display, default_tz=default_tz) if yaml_text is not None else FrontMatter()
    extra_links: tuple[str, ...] = ()
    extra_media: tuple[Media, ...] = ()
    if markdown:
        reduced = reduce_markdown(source, body_start)
        plain = reduced.plain
        extra_links = tuple(reduced.links)
        extra_media = tuple(Media(uri=src, alt=alt or None, kind="image") for src, alt in reduced.images)
    else:
        plain = PlainText(source[body_start:], body_start)
    when, when_source = publish_at, publish_source
    if when is None and meta.publish_at is not None:
        when, when_source = meta.publish_at, "front matter"
    if when is None:
        when, when_source = now(default_tz), "now"
    return Post(
        source=source,
        plain=plain,
        path=path,
        locator=display,
        meta=meta,
        extra_links=extra_links,
        extra_media=extra_media,
        publish_at=when,
        publish_source=when_source,
        language_declared=language or meta.language,
    )


def now(tz: tzinfo) -> datetime:
    """The current time in ``tz``; ``SOURCE_DATE_EPOCH`` pins it for reproducible runs."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned and pinned.isdigit():
        return datetime.fromtimestamp(int(pinned), tz)
    return datetime.now(tz)


def read_draft(path: Path | str, **kwargs: object) -> Post:
    """Read one draft file (``-`` is standard input) into a post."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1)
        check_size(data, "<stdin>")
        decoded = decode(data, "<stdin>")
        return build_post(decoded.text, path="<stdin>", **kwargs)  # type: ignore[arg-type]
    p = Path(path)
    decoded = decode(read_bytes(p), str(p))
    markdown = p.suffix.lower() != ".txt"
    return build_post(decoded.text, path=str(path), markdown=markdown, **kwargs)  # type: ignore[arg-type]


def iter_draft_paths(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> Iterator[tuple[Path | str, str | None]]:
    """Expand files and folders into draft files, sorted, without repeats.

    Yields ``(path, problem)``; ``problem`` is set for a named path that does
    not exist (reported, while the others still run). A named configuration
    file (``postcheck.yaml``, as a shell's ``*`` names it) is skipped. Folders are walked
    without following symbolic links to folders, so a link loop cannot make
    the walk endless; hidden folders (``.git``) are skipped.
    """
    patterns = tuple(exclude)
    seen: set[str] = set()
    for raw in paths:
        if str(raw) == "-":
            yield "-", None
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_excluded(Path(root, d), patterns))
                for name in sorted(files):
                    f = Path(root, name)
                    if f.suffix.lower() in DRAFT_SUFFIXES and not is_excluded(f, patterns):
                        key = os.path.normpath(f)
                        if key not in seen:
                            seen.add(key)
                            yield f, None
        elif p.name in CONFIG_NAMES and p.is_file():
            continue
        elif p.exists() or p.is_symlink():
            key = os.path.normpath(p)
            if key not in seen:
                seen.add(key)
                yield p, None
        else:
            yield p, "no such file or folder"


def is_excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    text = path.as_posix()
    return any(
        fnmatch.fnmatch(text, pat) or fnmatch.fnmatch(path.name, pat) or fnmatch.fnmatch(text, f"*/{pat}") for pat in patterns
    )
