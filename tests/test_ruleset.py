"""Every schema validator of rule files fires, with the file, line and rule named."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcheck.checks import CompileContext
from postcheck.errors import RuleError
from postcheck.ruleset import compile_rules, load_rule_file

GOOD = """\
- id: house/no-foo
  kind: existence
  category: quality
  severity: warning
  message: {id: "Jangan {match}", en: "Do not say {match}"}
  rationale: House style.
  source: Style guide 2026
  tokens: [foo]
  examples:
    bad: ["foo bar"]
    good: ["bar baz"]
"""


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> list:
    rules = load_rule_file(write(tmp_path, text))
    return compile_rules(rules, CompileContext())


def test_good_rule_loads(tmp_path: Path) -> None:
    [rule] = load(tmp_path, GOOD)
    assert rule.id == "house/no-foo"
    assert rule.line == 1
    assert [e.bad for e in rule.examples] == [True, False]


@pytest.mark.parametrize(
    ("change", "expected", "line"),
    [
        (("  tokens: [foo]\n", "  tokens: [foo]\n  tokenz: [bar]\n"), "unknown key 'tokenz'", 9),
        (("kind: existence", "kind: existance"), "unknown kind 'existance'", 2),
        (("category: quality", "category: style"), "'category' must be one of", 3),
        (("severity: warning", "severity: fatal"), "'severity' must be one of", 4),
        (("id: house/no-foo", "id: NoFoo"), "'id' must look like", 1),
        (('message: {id: "Jangan {match}", en: "Do not say {match}"}', "message: 3"), "'message' must be text", 5),
        (('en: "Do not say {match}"', 'en: "Do not say {word}"'), "placeholder '{word}'", 5),
        (('message: {id: "Jangan {match}", en: "Do not say {match}"}', 'message: {fr: "Non"}'), "unknown language 'fr'", 5),
        (("  tokens: [foo]\n", "  weight: -1\n  tokens: [foo]\n"), "'weight' must be a number", 8),
        (("  tokens: [foo]\n", "  tokens: {de: [foo]}\n"), "unknown language 'de'", 8),
        (("  tokens: [foo]\n", "  tokens: [foo]\n  scope: everywhere\n"), "option 'scope'", 9),
        (('    good: ["bar baz"]\n', '    ok: ["bar baz"]\n'), "'examples' must be a mapping", 9),
        (("  rationale: House style.\n", "  rationale: [House style]\n"), "'rationale' must be text", 6),
        (("  tokens: [foo]\n", '  tokens: ["foo!"]\n'), "not made of whole words", 8),
    ],
)
def test_each_validator_fires(tmp_path: Path, change: tuple[str, str], expected: str, line: int) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(RuleError) as info:
        load(tmp_path, text)
    message = str(info.value)
    assert expected in message
    assert message.startswith(f"{tmp_path / 'rules.yaml'}:{line}: ")
    assert "\n" not in message


def test_bad_regex_names_rule_and_reason(tmp_path: Path) -> None:
    text = GOOD.replace("  tokens: [foo]\n", '  patterns: ["(unclosed"]\n')
    with pytest.raises(RuleError) as info:
        load(tmp_path, text)
    assert "rule 'house/no-foo'" in str(info.value)
    assert "bad pattern" in str(info.value)


def test_backreferences_and_lookaround_are_refused(tmp_path: Path) -> None:
    for pattern in (r"(a)\\1", "(?=a)b", "(?<!a)b"):
        text = GOOD.replace("  tokens: [foo]\n", f'  patterns: ["{pattern}"]\n')
        with pytest.raises(RuleError, match="bad pattern"):
            load(tmp_path, text)


def test_duplicate_ids_name_both_places(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + GOOD)
    with pytest.raises(RuleError) as info:
        compile_rules(load_rule_file(path), CompileContext())
    assert "duplicate rule id 'house/no-foo'" in str(info.value)
    assert f"first defined at {path}:1" in str(info.value)
    assert str(info.value).startswith(f"{path}:12:")


def test_missing_required_option(tmp_path: Path) -> None:
    text = GOOD.replace("kind: existence", "kind: substitution").replace("  tokens: [foo]\n", "")
    with pytest.raises(RuleError, match="needs option 'swap'"):
        load(tmp_path, text)


def test_existence_without_tokens(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="needs 'tokens' or 'patterns'"):
        load(tmp_path, GOOD.replace("  tokens: [foo]\n", ""))


def test_metric_condition_is_validated(tmp_path: Path) -> None:
    text = GOOD.replace("kind: existence", "kind: metric").replace("  tokens: [foo]\n", '  condition: "__import__(1)"\n')
    with pytest.raises(RuleError, match=r"unsupported expression|unknown measure"):
        load(tmp_path, text)
    text = GOOD.replace("kind: existence", "kind: metric").replace("  tokens: [foo]\n", '  condition: "wordz > 3"\n')
    with pytest.raises(RuleError, match="unknown measure 'wordz'"):
        load(tmp_path, text)


def test_rule_file_must_be_a_list(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="a rule file is a list"):
        load(tmp_path, "id: x/y\n")


def test_rule_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="each rule is a mapping") as info:
        load(tmp_path, "- just text\n")
    assert ":1:" in str(info.value)


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as info:
        load(tmp_path, GOOD + "- id: [unclosed\n")
    assert str(info.value).startswith(f"{tmp_path / 'rules.yaml'}:")
    assert "invalid YAML" in str(info.value)


def test_python_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="YAML tags that construct objects"):
        load(tmp_path, '- !!python/object/apply:os.system ["echo pwned"]\n')


def test_empty_file_is_no_rules(tmp_path: Path) -> None:
    assert load(tmp_path, "# nothing yet\n") == []


def test_invalid_utf8_rule_file(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"- id: a/b\n  message: \xff\n")
    with pytest.raises(RuleError, match="not valid UTF-8"):
        load_rule_file(path)
