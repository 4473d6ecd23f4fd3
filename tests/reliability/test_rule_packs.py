"""Rule packs are untrusted data: safe YAML, linear-time patterns, parsed conditions, no file access.

A colleague's or a downloaded rule pack is run on every draft in CI, so a pack must not be able
to run code, hang or exhaust a run, or read or write files. The one way configuration reaches the
file system is ``extends`` (and ``--rules``): paths the user wrote in their own configuration.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import postcheck
from postcheck.checks import KINDS, CompileContext
from postcheck.checks.patterns import compile_pattern
from postcheck.errors import RuleError
from postcheck.ruleset import COMMON_KEYS, compile_rules, load_rule_file

from .helpers import error_lines, no_hang, the_error

NO_BUILTINS: dict[str, Any] = {"extends": [], "ui_language": "en"}


def pack(tmp_path: Path, body: str, name: str = "house.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def rule(kind: str, options: str, *, message: str = "Found {match}.", rid: str = "house/test") -> str:
    return (f"- id: {rid}\n  kind: {kind}\n  category: quality\n  severity: warning\n"
            f"  message: {message!r}\n{options}")


def load(path: Path) -> list[Any]:
    return compile_rules(load_rule_file(path), CompileContext())


def findings(text: str, pack_path: Path) -> list[Any]:
    result = postcheck.check_text(text, config=NO_BUILTINS, rule_files=[str(pack_path)], language="en",
                                  publish_at="2026-02-20T09:00:00+07:00")
    return result.findings


# -- regular expressions ------------------------------------------------------------------------

def test_patterns_are_compiled_with_re2() -> None:
    compiled = compile_pattern("(a+)+$")
    assert type(compiled).__module__.split(".")[0] == "re2"


@pytest.mark.parametrize(("kind", "options"), [
    ("existence", "  patterns: ['(a+)+$']\n  word_boundary: false\n"),
    ("existence", "  patterns: ['(x+x+)+y', '(a|aa)*c', '(.*a){12}']\n  word_boundary: false\n"),
    ("substitution", "  patterns: true\n  swap: {'(a+)+$': 'b'}\n"),
    ("require", "  if_patterns: ['(a+)+$']\n  tokens: [never-there]\n"),
])
def test_catastrophic_backtracking_patterns_finish(tmp_path: Path, kind: str, options: str) -> None:
    """Python's re needs about 2**n steps for these on n letters; RE2 is linear. The guard only catches a hang."""
    path = pack(tmp_path, rule(kind, options))
    text = "a" * 100_000 + "b"
    with no_hang():
        findings(text, path)
        findings("x" * 50_000 + "a" * 50_000, path)


def test_a_backtracking_pattern_still_matches_what_it_should(tmp_path: Path) -> None:
    path = pack(tmp_path, rule("existence", "  patterns: ['(a+)+$']\n  word_boundary: false\n"))
    assert findings("a" * 100_000 + "b", path) == []
    assert len(findings("b " + "a" * 100_000, path)) == 1


@pytest.mark.parametrize("pattern", ["(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "(a)\\1", "(?P<x>a)(?P=x)", "a++", "(?>a)"])
@pytest.mark.parametrize("where", ["patterns", "if_patterns", "swap"])
def test_lookaround_and_backreferences_are_refused_when_the_pack_loads(cli, tmp_path: Path, pattern: str, where: str) -> None:
    if where == "swap":
        options = f"  patterns: true\n  swap:\n    '{pattern}': x\n"
        kind = "substitution"
    elif where == "if_patterns":
        options = f"  tokens: [x]\n  if_patterns: ['{pattern}']\n"
        kind = "require"
    else:
        options = f"  patterns: ['{pattern}']\n"
        kind = "existence"
    path = pack(tmp_path, rule(kind, options))
    with pytest.raises(RuleError) as info:
        load(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value) and "house/test" in str(info.value)
    draft = tmp_path / "d.md"
    draft.write_text("Halo.\n", encoding="utf-8")
    the_error(cli(["lint", str(draft), "--rules", str(path)]), f"{path}:", "house/test")


# -- conditions and messages --------------------------------------------------------------------

@pytest.mark.parametrize("condition", [
    "__import__('os').system('touch {marker}')",
    "open('{marker}', 'w')",
    "().__class__.__bases__[0].__subclasses__()",
    "letters.real > 1",
    "(lambda: 1)() > 0",
    "[x for x in (1,)]",
    "letters if words else caps_ratio",
    "(w := 1) > 0",
    "letters ** 999999 > 1",
    "exec('1')",
    "'x' * 10 ** 9",
    "letters @ words",
])
@pytest.mark.parametrize("kind", ["metric", "require"])
def test_conditions_are_parsed_never_evaluated(tmp_path: Path, condition: str, kind: str) -> None:
    marker = tmp_path / "EXECUTED"
    text = condition.format(marker=marker)
    options = f"  condition: {text!r}\n" if kind == "metric" else f"  tokens: [x]\n  when: {text!r}\n"
    path = pack(tmp_path, rule(kind, options))
    with pytest.raises(RuleError) as info:
        load(path)
    assert "\n" not in str(info.value)
    assert not marker.exists()


def test_a_valid_condition_works(tmp_path: Path) -> None:
    path = pack(tmp_path, rule("metric", "  condition: 'letters >= 20 and caps_ratio > 0.6'\n"))
    assert [f.rule for f in findings("SEBARKAN SEKARANG JUGA SEBELUM DIHAPUS", path)] == ["house/test"]


@pytest.mark.parametrize("message", [
    "Found {match:>999999999}.",  # would pad every finding's message to a gigabyte
    "{match.__class__.__mro__}",  # would walk Python object attributes
    "{match!r}",
    "{match[0]}",
])
def test_message_placeholders_are_plain_names_only(tmp_path: Path, message: str) -> None:
    """Found by this suite (format specs, attribute access); fixed in ruleset (refused at load)."""
    path = pack(tmp_path, rule("existence", "  tokens: [datang]\n", message=message))
    with pytest.raises(RuleError) as info:
        load(path)  # loading only: were it accepted, checking would allocate the padding
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("kind", ["[]", "{a: 1}", "[existence]", "1", "null"])
def test_a_kind_that_is_not_a_name_is_a_rule_error(cli, tmp_path: Path, kind: str) -> None:
    """Found by this suite (a list raised TypeError, exit 3); fixed in ruleset."""
    path = pack(tmp_path, f"- id: house/x\n  kind: {kind}\n  category: quality\n  severity: info\n  message: x\n")
    draft = tmp_path / "d.md"
    draft.write_text("Halo.\n", encoding="utf-8")
    the_error(cli(["lint", str(draft), "--rules", str(path)]), f"{path}:2:", "unknown kind")


# -- files --------------------------------------------------------------------------------------

PATH_LIKE = ["{secret}", "../secret.txt", "file://{secret}", "~/.ssh/id_rsa", "/etc/passwd", "secret.txt"]


def every_kind_pack(secret: Path) -> str:
    """A pack with a rule of every kind, its strings set to what looks like a path wherever a kind takes them.

    Tokens must be whole words, so they name files the only way they can (``secret``, ``passwd``);
    patterns, substitutions, messages, sources, links and examples carry whole paths.
    """
    paths = [p.format(secret=secret) for p in PATH_LIKE]
    words = "[secret, passwd, shadow, txt]"
    patterns = "[" + ", ".join(repr(re.escape(p)) for p in paths) + "]"
    common = (f"  source: {str(secret)!r}\n  link: {('file://' + str(secret))!r}\n  rationale: {str(secret)!r}\n"
              f"  examples: {{bad: [{str(secret)!r}], good: [{'../secret.txt'!r}]}}\n")
    message = "See " + paths[0] + " and {match}"
    bodies = {
        "existence": f"  tokens: {words}\n  patterns: {patterns}\n  word_boundary: false\n",
        "substitution": f"  patterns: true\n  swap: {{{re.escape(paths[4])!r}: {paths[0]!r}, 'secret\\.txt': '../x'}}\n",
        "occurrence": f"  tokens: {words}\n  max: 0\n",
        "require": f"  tokens: {words}\n  if_patterns: {patterns}\n",
        "metric": "  condition: 'letters > 0'\n",
        "repetition": f"  allow: {words}\n",
        "profile": "  require: topic\n",
        "platform": f"  check: truncation-cta\n  tokens: {words}\n",
        "dates": f"  check: past-event\n  tokens: {words}\n",
    }
    assert set(bodies) == set(KINDS), "a new kind: add it here"
    return "".join(rule(kind, body + common, rid=f"house/{kind}", message=message) for kind, body in bodies.items())


def test_no_rule_option_or_common_key_names_a_file() -> None:
    """The schema itself: no key a rule may carry is a path, an include or code."""
    suspicious = {"path", "file", "files", "include", "import", "extends", "load", "read", "script", "command", "exec",
                  "eval", "module", "plugin", "url", "dir", "folder", "output"}
    keys = set(COMMON_KEYS) | {name for cls in KINDS.values() for name in cls.OPTIONS}
    assert not keys & suspicious


@pytest.mark.parametrize("key", ["include", "path", "extends", "file"])
def test_a_rule_cannot_carry_an_include_or_path_key(tmp_path: Path, key: str) -> None:
    path = pack(tmp_path, rule("existence", f"  tokens: [x]\n  {key}: /etc/passwd\n"))
    with pytest.raises(RuleError) as info:
        load(path)
    assert f"unknown key '{key}'" in str(info.value)


class FileWatch:
    """Records every file opened and every file-system change, through Python's audit hooks."""

    active: FileWatch | None = None
    installed = False

    def __init__(self) -> None:
        self.opened: list[tuple[str, str]] = []
        self.changes: list[tuple[str, tuple[Any, ...]]] = []

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        watch = cls.active
        if watch is None:
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            mode = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            writing = any(c in mode for c in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC)
            watch.opened.append((os.fsdecode(args[0]), "w" if writing else "r"))
        elif event in ("os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.chmod", "os.chown", "os.truncate",
                       "os.link", "os.symlink", "os.utime", "shutil.copyfile", "shutil.rmtree", "shutil.move"):
            watch.changes.append((event, args))

    def __enter__(self) -> FileWatch:
        if not FileWatch.installed:
            sys.addaudithook(FileWatch.hook)  # audit hooks cannot be removed: it stays, idle, for the session
            FileWatch.installed = True
        FileWatch.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        FileWatch.active = None


def allowed_roots(tmp_path: Path) -> Iterator[Path]:
    """Where a run may read: the user's inputs, postcheck itself, Python and its installed packages, zone data."""
    yield tmp_path / "project"
    yield Path(postcheck.__file__).resolve().parents[1]  # src/ (and the built-in rules next to it)
    yield Path(postcheck.__file__).resolve().parents[2] / "rules"
    for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}:
        yield Path(prefix).resolve()
    yield from (Path(p).resolve() for p in sys.path if p)
    yield Path("/usr/share/zoneinfo")


def test_a_rule_pack_cannot_make_postcheck_read_or_write_other_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("kata sandi rahasia\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "secret.txt").write_text("juga rahasia\n", encoding="utf-8")
    house = pack(project, every_kind_pack(secret))
    draft = project / "draft.md"
    draft.write_text("---\nmedia: [foto.jpg]\n---\nBaca /etc/passwd dan ../secret.txt besok, secret.txt secret.txt.\n",
                     encoding="utf-8")
    before = {p: p.read_bytes() for p in (secret, house, draft)}
    with FileWatch() as watch:
        report = postcheck.lint_paths([draft], rule_files=[str(house)], config={"ui_language": "en"},
                                      publish_at="2026-02-20T09:00:00+07:00", platform="x")
    assert report.problems == [] and report.results
    assert {f.rule for r in report.results for f in r.findings} & {"house/existence", "house/substitution"}
    roots = [r.resolve() for r in allowed_roots(tmp_path)]
    opened = {(str(Path(p).resolve()), how) for p, how in watch.opened}
    assert not [p for p, how in opened if how == "w"], "a file was opened for writing"
    assert watch.changes == []
    assert str(secret.resolve()) not in {p for p, _ in opened}
    assert str((project / "secret.txt").resolve()) not in {p for p, _ in opened}
    outside = sorted(p for p, _ in opened if not any(Path(p).is_relative_to(root) for root in roots))
    assert outside == [], f"read outside the inputs and postcheck's own files: {outside}"
    assert (str(draft.resolve()), "r") in opened, "the watch saw nothing: the audit hook is not working"
    assert {p: p.read_bytes() for p in before} == before


def test_extends_in_the_users_own_configuration_may_name_any_rule_file(cli, tmp_path: Path) -> None:
    """The boundary: the user's configuration (and --rules) choose rule files anywhere; a pack cannot."""
    shared = tmp_path / "shared" / "house.yaml"
    shared.parent.mkdir()
    shared.write_text(rule("existence", "  tokens: [datang]\n"), encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "postcheck.yaml").write_text("extends: [builtin, ../shared/house.yaml]\n", encoding="utf-8")
    draft = project / "d.md"
    draft.write_text("Silahkan datang.\n", encoding="utf-8")
    result = cli(["lint", str(draft), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    assert '"house/test"' in result.stdout
    error_lines(result.stderr)
