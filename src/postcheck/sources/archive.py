"""Uniform, read-only access to an export as given: a folder, a single file, or a ``.zip``.

Zips are read in place with :mod:`zipfile` and never extracted, so a hostile archive cannot
write anywhere. Before anything is read, the whole central directory is checked and the zip is
refused (:class:`SourceError`) when it holds:

* an entry whose name escapes the archive (``..`` segments, an absolute path, a drive letter),
* a nested zip (an entry named ``*.zip``): exports never contain one, and reading it would need
  decompressing into memory,
* an entry over :data:`RATIO_CHECK_MIN_SIZE` whose declared size is more than
  :data:`MAX_ENTRY_RATIO` times its compressed size (real exports: JSON/CSV compress about
  10-30:1, photos and videos about 1:1),
* more than :data:`MAX_TOTAL_UNCOMPRESSED` bytes in the entries postcheck reads (the data files,
  see :data:`DATA_SUFFIXES`; photos and videos are never opened, so a large archive with media
  still reads), or more than :data:`MAX_ENTRIES` entries.

The declared sizes can be trusted as a bound: :mod:`zipfile` stops an entry at its declared
size and checks its CRC, so an entry cannot inflate past what was checked.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from abc import ABC, abstractmethod
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from .records import SourceError

MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3
"""Bytes, summed over the data entries of one zip (4 GiB): a decade of tweets is ~1 GiB."""
MAX_ENTRY_RATIO = 200
"""Uncompressed : compressed, for one entry larger than :data:`RATIO_CHECK_MIN_SIZE`."""
RATIO_CHECK_MIN_SIZE = 1024**2
"""Entries up to 1 MiB are too small to be a bomb, whatever their ratio."""
MAX_ENTRIES = 1_000_000
"""Entries in one zip; an Instagram archive with years of media has tens of thousands."""
DATA_SUFFIXES = (".js", ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".md", ".markdown", ".txt")
"""Files a reader may open; everything else (media, HTML viewers) is only listed."""

_DRIVE = re.compile(r"^[A-Za-z]:")
_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``posts_2.json`` before ``posts_10.json``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in _DIGITS.split(name) if part)


def _ignored(name: str) -> bool:
    """Hidden files, macOS resource forks (``__MACOSX/``, ``._x``) and VCS folders are noise."""
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))


class Archive(ABC):
    """A read-only set of files named by relative POSIX paths (``data/tweets.js``)."""

    #: The single file this archive is, when the path given was one file rather than a set.
    single: str | None = None
    closed: bool = False

    @abstractmethod
    def names(self) -> list[str]:
        """Every regular file, sorted, hidden files and ``__MACOSX`` left out."""

    @abstractmethod
    def open(self, name: str) -> IO[bytes]:
        """A binary stream of one file; raises OSError (or a zipfile error) when it cannot."""

    def find(self, pattern: re.Pattern[str]) -> list[str]:
        """The files whose path matches ``pattern`` (``search``), in natural order."""
        return sorted((n for n in self.names() if pattern.search(n)), key=natural_key)

    def select(self, pattern: re.Pattern[str]) -> list[str]:
        """The files a reader should read: the one file given, or the ones matching ``pattern``.

        A single file is read by whatever reader was chosen, whatever it is called, so
        ``x_tweets.sample.js`` reads as an X archive when asked to.
        """
        return [self.single] if self.single is not None else self.find(pattern)

    def close(self) -> None:
        """Release what the archive holds open; folders and single files hold nothing."""
        self.closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class FolderArchive(Archive):
    """An unpacked export; symlinked folders are not followed, so a walk cannot loop."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._names: list[str] | None = None

    def names(self) -> list[str]:
        if self._names is None:
            found: list[str] = []
            for folder, dirs, files in os.walk(self._root):
                dirs[:] = sorted(d for d in dirs if not _ignored(d))
                rel = Path(folder).relative_to(self._root).as_posix()
                for file in files:
                    name = file if rel == "." else f"{rel}/{file}"
                    if not _ignored(name) and (Path(folder) / file).is_file():
                        found.append(name)
            self._names = sorted(found)
        return self._names

    def open(self, name: str) -> IO[bytes]:
        return (self._root / name).open("rb")


class FileArchive(Archive):
    """One file given directly; its name is its base name."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.single = path.name

    def names(self) -> list[str]:
        return [self._path.name]

    def open(self, name: str) -> IO[bytes]:
        if name != self._path.name:
            raise FileNotFoundError(name)
        return self._path.open("rb")


def _entry_name(info: zipfile.ZipInfo) -> str:
    return info.filename.replace("\\", "/")


def check_zip(zf: zipfile.ZipFile, label: str) -> list[zipfile.ZipInfo]:
    """Refuse an unsafe zip (see the module docstring); return its file entries in name order."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise SourceError(f"{label}: {len(infos):,} entries, more than the {MAX_ENTRIES:,} allowed")
    total = 0
    files: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = _entry_name(info)
        parts = name.split("/")
        if name.startswith("/") or _DRIVE.match(name) or ".." in parts:
            raise SourceError(f"{label}: refusing entry {info.filename!r}: path leaves the archive")
        if info.is_dir():
            continue
        if name.casefold().endswith(".zip"):
            raise SourceError(f"{label}: refusing nested zip {info.filename!r}; unpack it first")
        if stat.S_ISLNK(info.external_attr >> 16):
            continue  # a symlink entry would only be a path string; never followed
        if info.file_size > RATIO_CHECK_MIN_SIZE and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_ENTRY_RATIO
        ):
            raise SourceError(
                f"{label}: refusing {info.filename!r}: {info.file_size:,} bytes from "
                f"{info.compress_size:,} compressed is more than {MAX_ENTRY_RATIO}:1 (zip bomb?)"
            )
        if name.casefold().endswith(DATA_SUFFIXES):
            total += info.file_size
            if total > MAX_TOTAL_UNCOMPRESSED:
                raise SourceError(
                    f"{label}: data files would unpack to more than {MAX_TOTAL_UNCOMPRESSED:,} bytes; refusing (zip bomb?)"
                )
        if name in files:
            raise SourceError(f"{label}: entry {info.filename!r} appears twice; refusing")
        files[name] = info
    return [files[name] for name in sorted(files)]


class ZipArchive(Archive):
    """A downloaded export read in place; entries are streamed with ``ZipFile.open``."""

    def __init__(self, path: Path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise SourceError(f"{path.name}: not a readable zip file ({exc})") from None
        try:
            infos = check_zip(self._zip, path.name)
        except SourceError:
            self._zip.close()
            raise
        self._infos = {_entry_name(i): i for i in infos if not _ignored(_entry_name(i))}

    def names(self) -> list[str]:
        return list(self._infos)

    def open(self, name: str) -> IO[bytes]:
        info = self._infos.get(name)
        if info is None:
            raise FileNotFoundError(name)
        if info.flag_bits & 0x1:
            raise OSError("the entry is encrypted; postcheck does not read password-protected zips")
        try:
            return self._zip.open(info)
        except NotImplementedError as exc:  # e.g. Deflate64 from Windows Explorer
            raise OSError(f"unsupported compression ({exc})") from None

    def close(self) -> None:
        self._zip.close()
        super().close()


def open_archive(path: Path) -> Archive:
    """The archive for ``path``; raises :class:`SourceError` when it is missing or refused."""
    if path.is_dir():
        return FolderArchive(path)
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if not path.is_file():
        raise SourceError(f"{path}: not a regular file or folder")
    if path.suffix.casefold() == ".zip":
        return ZipArchive(path)
    return FileArchive(path)
