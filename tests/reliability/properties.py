"""The reliability properties, as plain functions of one generated input.

``tests/reliability/test_fuzz.py`` runs each with a small budget on every test run;
``benchmarks/fuzz.py`` runs the very same functions with a large one. A property fails by
raising: an ``AssertionError`` for a broken promise, or any other exception that escaped
postcheck (only :class:`~postcheck.errors.PostcheckError` and its subclasses, with a one-line
message, are allowed out).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

import postcheck
from postcheck.checks import CompileContext
from postcheck.config import Config
from postcheck.drafts import decode
from postcheck.engine import MAX_MATCH_CHARS, Engine
from postcheck.errors import PostcheckError
from postcheck.fixer import fix_paths, plan_bytes
from postcheck.reports.json import render as render_json
from postcheck.results import PostResult
from postcheck.ruleset import compile_rules, load_rule_file
from postcheck.sources import SourceError, SourceProblem, SourceRecord, read_source

from . import strategies as gen

JAKARTA = ZoneInfo("Asia/Jakarta")
PUBLISH_AT = "2026-02-20T09:00:00+07:00"
CONFIG: dict[str, Any] = {"ui_language": "en"}
#: Characters Markdown may turn into something else (markup, entities, escapes, HTML).
MARKUP = re.compile(r"[*_`&\\<>\[\]()!~|#=+\-:]")
#: Not text: postcheck reads each lone surrogate and NUL as U+FFFD, one character for one.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
TEMP_LEFTOVER = re.compile(r"\.postcheck-tmp$")


# -- helpers ------------------------------------------------------------------------------------

def assert_one_line(err: BaseException) -> None:
    """A documented error: a PostcheckError whose message is one non-empty line."""
    assert isinstance(err, PostcheckError), f"{type(err).__name__} escaped: {err!r}"
    text = str(err)
    assert text.strip(), "empty error message"
    assert "\n" not in text and "\r" not in text, f"multi-line error: {text!r}"


@contextlib.contextmanager
def pinned_now(epoch: str = "1771552800") -> Iterator[None]:
    """Pin "now" (SOURCE_DATE_EPOCH) so that drafts without a publish time are reproducible."""
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": epoch}):
        yield


#: Characters that reorder what a terminal shows (bidirectional marks, embeddings, overrides, isolates).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def on_one_line(text: str) -> bool:
    """No control characters, line or paragraph separators, surrogates or bidi controls in ``text``."""
    return not any(unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") or c in BIDI_CONTROLS for c in text)


def truncated(match: str) -> bool:
    return len(match) >= MAX_MATCH_CHARS and match.endswith("…")


def assert_located(results: Sequence[PostResult], source: str, *, verbatim: bool) -> None:
    """Every finding's span lies inside the text, and its line/column point at its characters.

    ``source`` is the newline-normalised file. With ``verbatim`` (plain text: the post is the
    file) the characters at ``line:column``-``end_column`` must be the match; for Markdown the
    same holds wherever the source characters there carry no markup, entity or escape.
    """
    lines = source.split("\n")
    for result in results:
        text = result.post.text if result.post is not None else None
        for f in result.findings:
            where = f"{f.rule} at {f.line}:{f.column}-{f.end_line}:{f.end_column} match={f.match!r}"
            assert 1 <= f.line <= f.end_line <= len(lines), where
            assert 1 <= f.column <= len(lines[f.line - 1]) + 1, where
            assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, where
            assert f.line < f.end_line or f.column <= f.end_column, where
            if text is not None:
                assert 0 <= f.start <= f.end <= len(text), where
            if f.line != f.end_line or f.column == f.end_column or truncated(f.match):
                continue
            found = lines[f.line - 1][f.column - 1 : f.end_column - 1]
            if verbatim or not MARKUP.search(found):
                assert found == f.match, f"{where}: the file holds {found!r} there"


@dataclass
class CliOutcome:
    code: int
    stdout: str
    stderr: str


def run_cli(args: Sequence[str], env: dict[str, str] | None = None) -> CliOutcome:
    """Run ``postcheck ARGS`` in this process, with strict UTF-8 standard streams like a real terminal."""
    from postcheck.cli import main

    out_raw, err_raw = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_raw, encoding="utf-8", errors="strict", newline="")
    err = io.TextIOWrapper(err_raw, encoding="utf-8", errors="strict", newline="")
    environment = {"NO_COLOR": "1", "POSTCHECK_UI_LANGUAGE": "en", "COLUMNS": "120", **(env or {})}
    code: int = 0
    with (
        mock.patch.object(sys, "argv", ["postcheck", *args]),
        mock.patch.object(sys, "stdout", out),
        mock.patch.object(sys, "stderr", err),
        mock.patch.dict(os.environ, environment),
    ):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out.flush()
        err.flush()
    return CliOutcome(code, out_raw.getvalue().decode("utf-8"), err_raw.getvalue().decode("utf-8"))


def assert_cli_sane(outcome: CliOutcome, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    """Exit 0/1/2 (never 3, an internal error), and every line on stderr is one postcheck message."""
    assert outcome.code in allowed, f"exit {outcome.code}; stderr: {outcome.stderr!r}"
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, outcome.stderr
    for line in outcome.stderr.splitlines():
        assert line.startswith("postcheck: "), f"stray stderr line {line!r}"
    if outcome.code == 2:
        assert outcome.stderr.strip() or "not checked" in outcome.stdout, "exit 2 without saying why"


def temp_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="postcheck-fuzz-")


# -- properties ---------------------------------------------------------------------------------

def check_text_case() -> st.SearchStrategy[tuple[str, bool, str | None, str | None]]:
    return st.tuples(
        gen.drafts(surrogates=True),
        st.booleans(),
        st.sampled_from([None, "id", "en", "auto"]),
        st.sampled_from([None, "x", "instagram,x", "bluesky", "mastodon", "linkedin"]),
    )


def prop_check_text(case: tuple[str, bool, str | None, str | None]) -> None:
    """check_text: no crash; findings located in the text; the same input gives the same result."""
    text, markdown, language, platform = case
    kwargs: dict[str, Any] = {"markdown": markdown, "language": language, "platform": platform, "config": CONFIG}
    with pinned_now():
        try:
            first = postcheck.check_text(text, **kwargs)
        except PostcheckError as err:
            assert_one_line(err)
            return
        second = postcheck.check_text(text, **kwargs)
    source = NOT_TEXT.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert_located(first.results, source, verbatim=not markdown)
    assert [r.to_dict() for r in first.results] == [r.to_dict() for r in second.results]


def prop_lint_file(case: tuple[bytes, str]) -> None:
    """lint_paths on a file: refused with a one-line problem, or checked with findings that map back to it."""
    data, suffix = case
    with temp_dir() as tmp, pinned_now():
        path = Path(tmp, "draft" + suffix)
        path.write_bytes(data)
        try:
            report = postcheck.lint_paths([path], config=CONFIG)
        except PostcheckError as err:
            assert_one_line(err)
            return
        again = postcheck.lint_paths([path], config=CONFIG)
    for problem in report.problems:
        assert "\n" not in str(problem) and "\r" not in str(problem), f"multi-line problem {str(problem)!r}"
    try:
        decoded = decode(data, str(path))
    except PostcheckError:
        assert report.problems and not report.results, "an undecodable file was checked"
        return
    assert_located(report.results, decoded.text, verbatim=suffix == ".txt")
    assert render_json(report) == render_json(again), "lint is not deterministic"


def _line_endings(data: bytes, encoding: str, bom: bytes) -> list[str]:
    return re.findall(r"\r\n|\r|\n", data[len(bom) :].decode(encoding))


def prop_fix_bytes(data: bytes) -> None:
    """fix: one round changes only the edited spans; the full fix converges and a second fix changes nothing."""
    kwargs: dict[str, Any] = {"path": "draft.md", "config": CONFIG, "publish_at": PUBLISH_AT}
    try:
        one = plan_bytes(data, max_rounds=1, **kwargs)
    except PostcheckError as err:
        assert_one_line(err)
        return
    # Apply the round's edits to the text independently of the fixer's own splicing.
    expected, previous = [], 0
    for edit in sorted(one.edits, key=lambda e: e.source_start):
        assert previous <= edit.source_start <= edit.source_end, "overlapping or reversed edits"
        assert "\n" not in one.decoded.text[edit.source_start : edit.source_end] and "\n" not in edit.replacement
        expected += [one.decoded.text[previous : edit.source_start], edit.replacement]
        previous = edit.source_end
    expected.append(one.decoded.text[previous:])
    assert one.new_text() == "".join(expected), "the fix changed text outside its edits"
    new = one.new_bytes()
    redecoded = decode(new, "fixed")
    assert (redecoded.encoding, redecoded.bom) == (one.decoded.encoding, one.decoded.bom), "encoding or BOM changed"
    enc, bom = one.decoded.encoding, one.decoded.bom
    assert _line_endings(new, enc, bom) == _line_endings(data, enc, bom), "line endings changed"
    full = plan_bytes(data, **kwargs)
    assert full.converged, "fixes did not converge"
    again = plan_bytes(full.new_bytes(), **kwargs)
    assert not again.edits and not again.changed, f"fix is not idempotent: {again.edits}"


def prop_fix_paths(files: list[tuple[bytes, str]]) -> None:
    """fix on a folder never loses a draft: refused files stay byte-identical, fixed ones are whole, a rerun is a no-op."""
    with temp_dir() as tmp:
        folder = Path(tmp)
        originals: dict[Path, bytes] = {}
        for number, (data, suffix) in enumerate(files):
            path = folder / f"d{number}{suffix.lower()}"
            path.write_bytes(data)
            originals[path] = data
        try:
            report = fix_paths([folder], config=CONFIG, publish_at=PUBLISH_AT)
        except PostcheckError as err:
            assert_one_line(err)
            return
        refused = {Path(p.path).name for p in report.problems}
        for path, data in originals.items():
            now = path.read_bytes()
            if path.name in refused:
                assert now == data, f"{path.name} was refused but changed"
            elif now != data:
                decode(now, path.name)  # a written file is always a readable draft
        assert not [p for p in folder.iterdir() if TEMP_LEFTOVER.search(p.name)], "temporary files left behind"
        rerun = fix_paths([folder], config=CONFIG, publish_at=PUBLISH_AT)
        assert rerun.fixed == [], f"second fix still changes {rerun.fixed}"


SAMPLE_POSTS = [
    "SEBARKAN sebelum dihapus!! Silahkan antri disini Jum'at 27 Pebruari pukul 08:00 WIB #vaksin @kemenkes_ri",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
    "",
    "---\nmedia:\n  - src: a.png\nplatform: x\n---\nHEBOH!!! Ternyata besok 😱👨\u200d👩\u200d👧 https://bit.ly/x",
]


def prop_rule_file(case: tuple[str, str]) -> None:
    """A rule pack is data: it loads or is refused in one line, and a loaded pack never crashes a check."""
    text, body = case
    with temp_dir() as tmp:
        path = Path(tmp, "house.yaml")
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_rule_file(path)
            compiled = compile_rules(loaded, CompileContext(timezone=JAKARTA))
        except PostcheckError as err:
            assert_one_line(err)
            return
    engine = Engine(Config(ui_language="en"), compiled)
    for sample in [*SAMPLE_POSTS, body]:
        with pinned_now():
            try:
                result = postcheck.check_text(sample, config=Config(ui_language="en", extends=()), markdown=True)
            except PostcheckError as err:
                assert_one_line(err)
                continue
        post = result.results[0].post
        assert post is not None
        post.platform = None
        for platform in (None, "x"):
            checked = engine.check_one(post, platform)
            assert_located([checked], post.source, verbatim=False)
            for finding in checked.findings:
                assert "\n" not in finding.rule


def prop_export(case: tuple[str, dict[str, bytes], str | None]) -> None:
    """Export readers stream records and one-line problems; audit finishes and its JSON/CSV/text print as UTF-8."""
    _kind, files, source_format = case
    with temp_dir() as tmp:
        root = Path(tmp, "export")
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        try:
            items = list(read_source(root, source_format=source_format, default_tz=JAKARTA))
        except SourceError as err:
            assert "\n" not in str(err), f"multi-line source error {str(err)!r}"
            items = []
        for item in items:
            assert isinstance(item, SourceRecord | SourceProblem), type(item)
            if isinstance(item, SourceProblem):
                assert on_one_line(item.message) and on_one_line(item.locator), f"problem not printable on one line: {item!r}"
            else:
                assert isinstance(item.text, str) and (item.publish_at is None or item.publish_at.tzinfo is not None)
                assert on_one_line(item.locator), f"locator {item.locator!r} is not printable on one line"
                assert not NOT_TEXT.search(item.text), "a lone surrogate or NUL reached the record"
        fmt = ["--source-format", source_format] if source_format else []
        with pinned_now():
            for output in ("json", "csv", "text"):
                outcome = run_cli(["audit", str(root), "--jobs", "1", "--format", output, *fmt])
                assert_cli_sane(outcome, allowed=(0, 2))
                if output == "json" and outcome.code == 0:
                    json.loads(outcome.stdout)


FORMATS = ["text", "json", "sarif", "github", "junit", "markdown", "rdjson"]


def prop_cli_lint(case: tuple[bytes, str, str, list[str]]) -> None:
    """The command line on any draft: exit 0, 1 or 2 (never an internal error), every report printable as UTF-8."""
    data, suffix, output, extra = case
    with temp_dir() as tmp, pinned_now():
        path = Path(tmp, "draft" + suffix)
        path.write_bytes(data)
        outcome = run_cli(["lint", str(path), "--format", output, *extra])
        assert_cli_sane(outcome)
        if output == "json" and outcome.code != 2:
            json.loads(outcome.stdout)


# -- registry -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Property:
    """A property, the generator of its inputs, and its budget in the test suite."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    examples: int


PROPERTIES: tuple[Property, ...] = (
    Property("check_text", check_text_case(), prop_check_text, 150),
    Property("lint_file", gen.draft_files(), prop_lint_file, 120),
    Property("fix_bytes", gen.draft_files().map(lambda case: case[0]), prop_fix_bytes, 100),
    Property("fix_paths", st.lists(gen.draft_files(), min_size=1, max_size=3), prop_fix_paths, 25),
    Property("rule_file", st.tuples(gen.rule_files(), gen.bodies(max_pieces=10)), prop_rule_file, 150),
    Property("export", gen.export_files(), prop_export, 30),
    Property("cli_lint", st.tuples(gen.draft_files().map(lambda c: c[0]), st.sampled_from([".md", ".txt"]),
                                   st.sampled_from(FORMATS),
                                   st.sampled_from([[], ["--platform", "x,instagram"], ["--language", "id"],
                                                    ["--suggest-thread"], ["--fail-on", "info"]])),
             prop_cli_lint, 40),
)


def run_property(prop: Property, examples: int, *, on_example: Callable[[], None] | None = None,
                 seed: int | None = None) -> None:
    """Run one property for ``examples`` generated inputs (raises on the first failure, shrunk).

    ``on_example`` is called for every input tried (the long fuzz counts them); ``seed`` makes
    the run reproducible and lets a long run start again elsewhere after a failure.
    """

    def body(case: Any) -> None:
        if on_example is not None:
            on_example()
        prop.check(case)

    test = given(prop.strategy)(body)
    if seed is not None:
        test = hypothesis_seed(seed)(test)
    settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )(test)()
