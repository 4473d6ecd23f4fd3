"""Apply the safe fixes of a lint run to draft files, byte-exactly and atomically.

A fix is only worth having if it can be trusted blindly, so the fixer is
conservative: it applies only fixes the rules offer (spelling, month and day
names, time format), never inside front matter, never where the text to fix
carries Markdown markup, entities or escapes, never across a line break, and
never two fixes that overlap. Each fix is first reduced to the characters it
really changes ("Silahkan" → "Silakan" deletes one "h"), so wide fixes such as
a whole date expression do not collide with the word fixes inside them.

Edits are computed on the newline-normalised text the linter sees, then
mapped back to offsets of the file's own characters and bytes: every byte
outside an edit is copied from the original, so the encoding, the BOM, each
line's own ending (CRLF, CR, LF, mixed) and a missing final newline survive.
Rounds repeat (re-lint, re-fix) until nothing more changes, so running the
fixer twice changes nothing the second time.

Writing is atomic: a temporary file in the same folder, flushed and synced,
given the original's permissions, then renamed over the original — unless the
file changed on disk since it was read, which is refused rather than lost.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from .api import ConfigLike, declared_language, excluded_by_config, parse_platforms, publish_time, resolve_config
from .config import Config
from .drafts import MAX_DRAFT_BYTES, Decoded, build_post, check_size, decode, iter_draft_paths, read_bytes
from .engine import Engine, check_option_references, engine_for
from .errors import InputError, PostcheckError
from .frontmatter import split as split_front_matter
from .post import Post
from .results import Finding, Problem
from .suppress import rule_matches

#: Most lint-and-fix rounds per file. One round usually suffices; a second one
#: picks up fixes that were held back because they overlapped another.
MAX_ROUNDS = 5


class FixError(PostcheckError):
    """A file could not be fixed (unreadable, unwritable); the original is untouched."""


class FixConflict(FixError):
    """The file changed on disk after it was read: writing would lose those changes."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement, in offsets of the newline-normalised text of its round.

    ``source_start``/``source_end`` delimit the characters actually changed
    (the finding's span reduced to what differs); ``match`` and ``fix`` are
    the finding's own text, for reports. ``round`` 1 edits are offsets into
    the original file's normalised text; later rounds into the text the
    earlier rounds produced.
    """

    source_start: int
    source_end: int
    replacement: str
    rule: str
    line: int
    column: int
    match: str
    fix: str
    round: int = 1


@dataclass(frozen=True, slots=True)
class Skipped:
    """A fix the rules offered but the fixer would not apply, and why."""

    rule: str
    line: int
    column: int
    match: str
    fix: str
    reason: str


@dataclass(frozen=True)
class FixPlan:
    """What fixing one file would do: the original bytes, the edits, the result.

    ``fixed`` is the file's bytes after every round (``None`` means unchanged).
    ``converged`` is false when fixes were still appearing after
    :data:`MAX_ROUNDS` rounds (or when they went round in a circle).
    """

    path: str
    original: bytes
    decoded: Decoded
    edits: tuple[Edit, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    fixed: bytes | None = None
    converged: bool = True

    def new_bytes(self) -> bytes:
        """The file's bytes with every fix applied."""
        return self.original if self.fixed is None else self.fixed

    def new_text(self) -> str:
        """The fixed file as newline-normalised text."""
        return decode(self.new_bytes(), self.path).text if self.changed else self.decoded.text

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original

    def diff(self) -> str:
        """A unified diff (``a/PATH`` → ``b/PATH``) of the decoded text; empty when nothing changes."""
        if not self.changed:
            return ""
        return unified_diff(self.decoded.text, self.new_text(), self.path)


@dataclass(frozen=True, slots=True)
class FileFix:
    """The outcome for one file of :func:`fix_paths`."""

    path: str
    edits: tuple[Edit, ...]
    skipped: tuple[Skipped, ...]
    changed: bool  # the fixes change the file
    written: bool  # ... and the file was rewritten (false with ``diff_only``)
    converged: bool
    diff: str


@dataclass
class FixReport:
    """Everything one ``fix`` run did: per-file outcomes and the inputs that failed."""

    files: list[FileFix] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def fixed(self) -> list[str]:
        """Paths whose fixes change them (written, or would be with ``diff_only``)."""
        return [f.path for f in self.files if f.changed]

    @property
    def edit_count(self) -> int:
        return sum(len(f.edits) for f in self.files)

    def diff(self) -> str:
        """All diffs, in the order the files were visited."""
        return "".join(f.diff for f in self.files)


# -- planning ------------------------------------------------------------------------------------------


def plan_fixes(
    path: str | Path,
    *,
    config: ConfigLike = None,
    language: str | None = None,
    publish_at: datetime | str | None = None,
    select: Sequence[str] = (),
    platform: str | Sequence[str] | None = None,
    rule_files: Sequence[str] = (),
    max_rounds: int = MAX_ROUNDS,
) -> FixPlan:
    """Lint one draft file and plan its safe fixes (nothing is written).

    ``config`` as in :func:`postcheck.api.lint_paths` (``None``: found from the
    file's folder upward); ``select`` keeps only fixes of these rule ids or
    categories. Raises :class:`~postcheck.errors.InputError` for an unreadable draft.
    """
    p = Path(path)
    cfg = resolve_config(config, p.parent)
    return _plan_file(p, cfg, engine_for(cfg, tuple(rule_files)), language=language, publish_at=publish_at,
                      select=select, platform=platform, max_rounds=max_rounds)


def plan_bytes(
    data: bytes,
    *,
    path: str = "<text>",
    markdown: bool = True,
    config: ConfigLike = None,
    language: str | None = None,
    publish_at: datetime | str | None = None,
    select: Sequence[str] = (),
    platform: str | Sequence[str] | None = None,
    rule_files: Sequence[str] = (),
    max_rounds: int = MAX_ROUNDS,
) -> FixPlan:
    """Plan the fixes of a draft held in memory (standard input, tests); ``path`` only names it."""
    check_size(data, path)
    cfg = resolve_config(config)
    return _plan_data(data, path, markdown, cfg, engine_for(cfg, tuple(rule_files)), language=language,
                      publish_at=publish_at, select=select, platform=platform, max_rounds=max_rounds)


def _plan_file(path: Path, cfg: Config, engine: Engine, **kwargs: Any) -> FixPlan:
    data = read_bytes(path)
    return _plan_data(data, str(path), path.suffix.lower() != ".txt", cfg, engine, **kwargs)


def _plan_data(
    data: bytes,
    path: str,
    markdown: bool,
    cfg: Config,
    engine: Engine,
    *,
    language: str | None,
    publish_at: datetime | str | None,
    select: Sequence[str],
    platform: str | Sequence[str] | None,
    max_rounds: int,
) -> FixPlan:
    """Run lint-and-fix rounds in memory until no fix remains (or ``max_rounds``)."""
    when = publish_time(publish_at, cfg)
    lang = declared_language(language, cfg)
    platforms = parse_platforms(platform)
    original = decode(data, path)
    current, decoded = data, original
    seen = {data}
    edits: list[Edit] = []
    skipped: tuple[Skipped, ...] = ()
    converged = False
    for number in range(1, max(1, max_rounds) + 1):
        post = build_post(decoded.text, path=path, default_tz=cfg.tz, markdown=markdown, publish_at=when, language=lang)
        findings = [f for r in engine.check(post, platforms) for f in r.findings]
        chosen, skipped = choose_edits(findings, post, select=select)
        if not chosen:
            converged = True
            break
        current = splice(current, decoded, chosen)
        decoded = decode(current, path)
        edits.extend(replace(e, round=number) for e in chosen)
        if current in seen:  # fixes undo each other: a rule pack bug, stop here
            break
        seen.add(current)
    fixed = current if current != data else None
    return FixPlan(path, data, original, tuple(edits), skipped, fixed, converged)


def choose_edits(
    findings: Iterable[Finding], post: Post, *, select: Sequence[str] = ()
) -> tuple[list[Edit], tuple[Skipped, ...]]:
    """The safe, non-overlapping edits among the findings' fixes, sorted by position.

    Overlaps are settled deterministically: edits are taken by position, then
    rule id, and one that overlaps an edit already taken is skipped (a later
    round may apply it). The same fix reported for several platforms, or by
    two rules, counts once.
    """
    _, body_start = split_front_matter(post.source)
    candidates: list[Edit] = []
    skipped: dict[tuple[str, int, int, str], Skipped] = {}
    for f in findings:
        if f.fix is None or (select and not any(rule_matches(f.rule, ref) for ref in select)):
            continue
        result = _edit_for(f, post, body_start)
        if isinstance(result, Skipped):
            skipped.setdefault((result.rule, result.line, result.column, result.reason), result)
        elif result is not None:
            candidates.append(result)
    candidates.sort(key=lambda e: (e.source_start, e.rule, e.source_end, e.replacement))
    chosen: list[Edit] = []
    seen: set[tuple[int, int, str]] = set()
    for edit in candidates:
        key = (edit.source_start, edit.source_end, edit.replacement)
        if key in seen:
            continue
        seen.add(key)
        if chosen and edit.source_start < chosen[-1].source_end:
            reason = f"overlaps the fix of {chosen[-1].rule}"
            skipped.setdefault((edit.rule, edit.line, edit.column, reason),
                               Skipped(edit.rule, edit.line, edit.column, edit.match, edit.fix, reason))
            continue
        chosen.append(edit)
    return chosen, tuple(sorted(skipped.values(), key=lambda s: (s.line, s.column, s.rule, s.reason)))


def _edit_for(f: Finding, post: Post, body_start: int) -> Edit | Skipped | None:
    """The minimal source edit for one finding's fix, or why it is not safe."""
    assert f.fix is not None
    text = post.text[f.start : f.end]
    if f.end <= f.start or f.fix == text:
        return None

    def skip(reason: str) -> Skipped:
        return Skipped(f.rule, f.line, f.column, f.match, f.fix or "", reason)

    if f.match != text:
        return skip("the fix does not belong to the text at its position")
    # Reduce to what differs: common prefix, then common suffix.
    fix = f.fix
    prefix = 0
    limit = min(len(text), len(fix))
    while prefix < limit and text[prefix] == fix[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and text[-1 - suffix] == fix[-1 - suffix]:
        suffix += 1
    a, b = prefix, len(text) - suffix
    rep = fix[prefix : len(fix) - suffix]
    if a == b:  # a pure insertion: anchor it to a neighbouring character so spans are never empty
        if a > 0:
            a, rep = a - 1, text[a - 1] + rep
        else:
            b, rep = b + 1, rep + text[b]
    start, end = f.start + a, f.start + b
    src_start, src_end = post.plain.source_span(start, end)
    if src_start < body_start:
        return skip("inside the front matter")
    # The changed characters and their neighbours within the match must be the
    # source's own characters, side by side: otherwise the edit would cut into
    # markup ("Sila**h**kan"), an entity or an escape.
    before, after = max(f.start, start - 1), min(f.end, end + 1)
    if not _verbatim(post, before, after):
        return skip("the text to fix contains Markdown markup, an entity or an escape")
    original = post.source[src_start:src_end]
    if "\n" in original or "\n" in rep:
        return skip("the fix spans a line break")
    if _in_code_span(post.source, src_start, body_start):
        return skip("inside inline code")
    return Edit(src_start, src_end, rep, f.rule, f.line, f.column, f.match, f.fix)


def _verbatim(post: Post, start: int, end: int) -> bool:
    """Is the plain span ``[start, end)`` a verbatim, contiguous copy of source characters?"""
    plain = post.plain
    src_start, src_end = plain.source_span(start, end)
    if post.source[src_start:src_end] != post.text[start:end]:
        return False
    if plain.starts is None:
        return True
    return all(plain.source_span(i, i + 1) == (src_start + i - start, src_start + i - start + 1) for i in range(start, end))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BACKTICKS = re.compile(r"`+")


def _in_code_span(source: str, pos: int, body_start: int) -> bool:
    """Is ``pos`` inside a Markdown code span (`` `code` ``), whose text is literal?

    Code spans do not cross paragraphs, so only the paragraph around ``pos`` is
    scanned: a run of backticks opens a span when a run of the same length
    follows it (CommonMark); a backslash before a backtick outside code escapes it.
    """
    para_start = body_start
    for m in _BLANK_LINE.finditer(source, body_start, pos):
        para_start = m.end()
    blank = _BLANK_LINE.search(source, pos)
    para_end = blank.start() if blank else len(source)
    runs: list[tuple[int, int]] = []
    for m in _BACKTICKS.finditer(source, para_start, para_end):
        runs.append((m.start(), m.end()))
    i = 0
    while i < len(runs):
        start, end = runs[i]
        slashes = 0
        while start - slashes - 1 >= para_start and source[start - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:
            start += 1  # the first backtick is escaped
        size = end - start
        closer = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == size), None) if size else None
        if closer is None:
            i += 1
            continue
        if end <= pos < runs[closer][0]:
            return True
        if pos < end:
            return False
        i = closer + 1
    return False


# -- bytes -------------------------------------------------------------------------------------------


def splice(data: bytes, decoded: Decoded, edits: Sequence[Edit]) -> bytes:
    """Apply edits (normalised-text offsets, sorted, disjoint) to the file's own bytes.

    Normalised offsets are mapped to offsets in the file's undecoded-newline
    text (each CRLF before an offset adds one), then to byte offsets by
    encoding the stretches between edits; those stretches are copied from
    ``data`` unchanged. The result is checked against the same edits applied
    to the normalised text.
    """
    bom, encoding = decoded.bom, decoded.encoding
    raw = data[len(bom) :].decode(encoding)
    # Normalised position of the LF of each CRLF: the k-th CRLF sits k characters earlier there.
    crlf = [m.start() - k for k, m in enumerate(re.finditer("\r\n", raw))]

    def to_raw(offset: int) -> int:
        return offset + bisect.bisect_left(crlf, offset)

    pieces = [data[: len(bom)]]
    expected: list[str] = []
    raw_pos, byte_pos, norm_pos = 0, len(bom), 0
    for edit in edits:
        if edit.source_start < norm_pos or edit.source_end < edit.source_start:
            raise ValueError("edits must be sorted and must not overlap")
        start, end = to_raw(edit.source_start), to_raw(edit.source_end)
        if raw[start:end] != decoded.text[edit.source_start : edit.source_end]:
            raise ValueError(f"edit {edit.source_start}-{edit.source_end} does not map onto the file's text")
        keep = len(raw[raw_pos:start].encode(encoding))
        pieces.append(data[byte_pos : byte_pos + keep])
        pieces.append(edit.replacement.encode(encoding))
        byte_pos += keep + len(raw[start:end].encode(encoding))
        raw_pos = end
        expected += [decoded.text[norm_pos : edit.source_start], edit.replacement]
        norm_pos = edit.source_end
    pieces.append(data[byte_pos:])
    expected.append(decoded.text[norm_pos:])
    result = b"".join(pieces)
    if decode(result, "<fixed>").text != "".join(expected):
        raise RuntimeError("fixed bytes do not decode to the fixed text")  # a bug: never write such a file
    return result


def unified_diff(old: str, new: str, path: str) -> str:
    """A deterministic unified diff with git's ``a/``/``b/`` names and no-final-newline markers."""
    name = os.path.normpath(path).replace(os.sep, "/").lstrip("/")
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# -- writing -------------------------------------------------------------------------------------------


def apply(plan: FixPlan) -> bool:
    """Write a plan's fixes atomically; False when there is nothing to change.

    The original is replaced only by a complete, synced file with its
    permission bits (and owner where allowed); a symbolic link stays a link
    and its target is fixed. Raises :class:`FixConflict` when the file no
    longer holds the bytes the plan was made from, :class:`FixError` when it
    cannot be written; either way the original is untouched and no temporary
    file is left behind.
    """
    if not plan.changed:
        return False
    new = plan.new_bytes()
    target = Path(os.path.realpath(plan.path))
    _check_unchanged(plan, target)
    try:
        st = os.stat(target)
    except OSError as exc:
        raise FixError(f"cannot read: {exc.strerror or exc}", path=plan.path) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".postcheck-tmp", dir=target.parent)
    except OSError as exc:
        raise FixError(f"cannot create a temporary file beside it: {exc.strerror or exc}", path=plan.path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_owner_and_mode(tmp, st)
        _check_unchanged(plan, target)  # again, as late as possible
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FixError(f"cannot write: {exc.strerror or exc}", path=plan.path) from None
        raise
    _fsync_dir(target.parent)
    return True


def _check_unchanged(plan: FixPlan, target: Path) -> None:
    try:
        with target.open("rb") as handle:
            current = handle.read(MAX_DRAFT_BYTES + 1)
    except OSError as exc:
        raise FixError(f"cannot read: {exc.strerror or exc}", path=plan.path) from None
    if current != plan.original:
        raise FixConflict("changed on disk since it was read; not overwritten (run fix again)", path=plan.path)


def _copy_owner_and_mode(tmp: str, st: os.stat_result) -> None:
    """Give the new file the original's owner (where allowed) and permission bits."""
    if hasattr(os, "chown"):
        for uid in (st.st_uid, -1):
            try:
                os.chown(tmp, uid, st.st_gid)
                break
            except OSError:
                continue
    os.chmod(tmp, st.st_mode & 0o7777)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; not every platform can open a folder, which is harmless."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- many files ---------------------------------------------------------------------------------------


def fix_paths(
    paths: Iterable[str | Path],
    *,
    diff_only: bool = False,
    config: ConfigLike = None,
    language: str | None = None,
    publish_at: datetime | str | None = None,
    select: Sequence[str] = (),
    platform: str | Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    rule_files: Sequence[str] = (),
) -> FixReport:
    """Fix draft files and folders (walked like ``lint_paths``); one broken file does not stop the rest.

    With ``diff_only`` nothing is written; each :class:`FileFix` carries the
    diff that writing would produce. Configuration errors are raised, as in
    :func:`postcheck.api.lint_paths`: they concern every file.
    """
    report = FixReport()
    explicit = None if config is None else resolve_config(config)
    excludes = tuple(exclude) + (explicit.exclude if explicit else ())
    for path, problem in iter_draft_paths(paths, excludes):
        if problem is not None:
            report.problems.append(Problem(str(path), problem))
            continue
        if str(path) == "-":
            report.problems.append(Problem("<stdin>", "standard input cannot be fixed in place"))
            continue
        p = Path(path)
        cfg = explicit or resolve_config(None, p.parent)
        if explicit is None and cfg.exclude and excluded_by_config(cfg, p):
            continue
        engine = engine_for(cfg, tuple(rule_files))
        check_option_references("--select", select, [r.id for r in engine.rules])  # a typo would fix nothing
        try:
            plan = _plan_file(p, cfg, engine, language=language, publish_at=publish_at,
                              select=select, platform=platform, max_rounds=MAX_ROUNDS)
            written = False if diff_only else apply(plan)
        except (InputError, FixError) as exc:
            report.problems.append(Problem(exc.path or str(path), exc.message, exc.line))
            continue
        report.files.append(FileFix(str(path), plan.edits, plan.skipped, plan.changed, written, plan.converged, plan.diff()))
    return report
