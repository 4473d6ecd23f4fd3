"""Untrusted YAML: plain data only, with lines, and one-line errors."""

from __future__ import annotations

import pytest

from postcheck.errors import ConfigError, PostcheckError
from postcheck.yamlsafe import MAX_YAML_CHARS, LineDict, LineList, line_of, load_yaml

DOC = """\
a: 1
b:
  c: 2
  d:
    - x
    - y: 1
      z: 2
e: [p, q]
"""


def error_of(text: str, **kwargs: object) -> PostcheckError:
    with pytest.raises(PostcheckError) as info:
        load_yaml(text, path="f.yaml", **kwargs)  # type: ignore[arg-type]
    err = info.value
    assert "\n" not in str(err)
    return err


def test_lines_of_mappings_keys_and_items() -> None:
    data = load_yaml(DOC, path="f.yaml")
    assert data == {"a": 1, "b": {"c": 2, "d": ["x", {"y": 1, "z": 2}]}, "e": ["p", "q"]}
    assert isinstance(data, LineDict)
    assert data.line == 1
    assert data.key_lines == {"a": 1, "b": 2, "e": 8}
    inner = data["b"]
    assert isinstance(inner, LineDict)
    assert inner.line == 3
    assert inner.key_lines == {"c": 3, "d": 4}
    items = inner["d"]
    assert isinstance(items, LineList)
    assert items.line == 5
    assert items.item_lines == [5, 6]
    assert items[1].line == 6
    assert items[1].key_lines == {"y": 6, "z": 7}
    assert data["e"].item_lines == [8, 8]
    assert data.line_of("b") == 2
    assert data.line_of("missing") == 1
    assert line_of(data, "e") == 8
    assert line_of(items) == 5
    assert line_of("scalar", default=42) == 42
    assert line_of(None) is None


def test_first_line_shifts_every_line() -> None:
    data = load_yaml(DOC, path="f.yaml", first_line=5)
    assert data.line == 5
    assert data.key_lines == {"a": 5, "b": 6, "e": 12}
    assert data["b"].line == 7
    assert data["b"].key_lines == {"c": 7, "d": 8}
    assert data["b"]["d"].line == 9
    assert data["b"]["d"].item_lines == [9, 10]
    assert data["b"]["d"][1].key_lines == {"y": 10, "z": 11}


def test_scalars_and_empty_documents() -> None:
    assert load_yaml("", path="f.yaml") is None
    assert load_yaml("# only a comment\n", path="f.yaml") is None
    assert load_yaml("- 1\n- dua\n- true\n- null\n", path="f.yaml") == [1, "dua", True, None]
    assert load_yaml("teks", path="f.yaml") == "teks"


def test_non_string_keys_become_strings() -> None:
    data = load_yaml("1: a\n1.5: b\ntrue: c\n", path="f.yaml")
    assert data == {"1": "a", "1.5": "b", "True": "c"}
    assert data.key_lines == {"1": 1, "1.5": 2, "True": 3}


def test_timestamps_stay_strings() -> None:
    data = load_yaml("t: 2020-01-17 10:00:00\nd: 2020-01-17\nz: 2020-01-17T10:00:00+07:00\n", path="f.yaml")
    assert data == {"t": "2020-01-17 10:00:00", "d": "2020-01-17", "z": "2020-01-17T10:00:00+07:00"}


def test_alias_is_refused_with_its_line() -> None:
    err = error_of("a: &x 1\nb: *x\n")
    assert err.line == 2
    assert err.path == "f.yaml"
    assert str(err) == "f.yaml:2: invalid YAML: YAML aliases (*name) are not accepted; write the value out"


def test_anchor_without_alias_is_fine() -> None:
    assert load_yaml("a: &anc 1\n", path="f.yaml") == {"a": 1}


def test_billion_laughs_is_refused_at_the_first_alias() -> None:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, 10):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    text = "\n".join(lines) + "\n"
    err = error_of(text, first_line=2)
    assert err.line == 3  # the first alias is on line 2 of the text, line 3 of the file
    assert "aliases" in err.message


@pytest.mark.parametrize(
    "text",
    [
        'x: !!python/object/apply:os.system ["echo hi"]\n',
        "x: !!python/name:os.system\n",
        "x: !!python/object:collections.OrderedDict {}\n",
        "x: !custom value\n",
    ],
)
def test_object_tags_are_refused(text: str) -> None:
    err = error_of("ok: 1\n" + text)
    assert err.line == 2
    assert err.message.startswith("invalid YAML: YAML tags that construct objects are not accepted")


def test_duplicate_key_is_an_error_on_its_line() -> None:
    err = error_of("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert err.line == 4
    assert err.message == "invalid YAML: duplicate key 'c'"


def test_complex_key_is_refused() -> None:
    err = error_of("? [a, b]\n: 1\n")
    assert err.message == "invalid YAML: keys must be plain values"
    assert err.line == 1


def test_syntax_error_names_the_line_with_first_line_offset() -> None:
    err = error_of("a: 1\nb: c: d\n", first_line=10)
    assert err.line == 11
    assert err.message == "invalid YAML: mapping values are not allowed in this context"


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    err = error_of("[" * 10_000)
    assert err.message == "invalid YAML: nested too deeply"
    assert err.line == 1
    err = error_of("a: " + "{b: " * 10_000, first_line=3)
    assert err.line == 3


def test_control_characters_are_an_error_with_their_line() -> None:
    err = error_of("a: 1\nb: x\x07y\n", first_line=2)
    assert err.line == 3
    assert err.message == "invalid YAML: control character #x0007 is not allowed"
    err = error_of("a: \x00")
    assert err.line == 1


def test_too_large_document() -> None:
    err = error_of("a" * (MAX_YAML_CHARS + 1))
    assert err.message.startswith("YAML document too large")


def test_error_class_is_chosen_by_the_caller() -> None:
    with pytest.raises(ConfigError) as info:
        load_yaml("a: *x\n", path="c.yaml", error=ConfigError)
    assert info.value.path == "c.yaml"
    assert info.value.line == 1


def test_second_document_is_an_error() -> None:
    err = error_of("a: 1\n---\nb: 2\n")
    assert err.line == 2
