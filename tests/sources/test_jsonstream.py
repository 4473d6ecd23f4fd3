import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from postcheck.sources.jsonstream import Element, Fault, JsonStream

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.characters(), max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


def elements(text: str, chunk: int = 7, **kw) -> list[Element | Fault]:
    return list(JsonStream(io.StringIO(text), chunk_chars=chunk, **kw).elements())


@settings(max_examples=150, deadline=None)
@given(st.lists(json_values, max_size=8), st.integers(min_value=1, max_value=40), st.booleans())
def test_streamed_elements_equal_json_loads(values, chunk, pretty):
    text = json.dumps(values, indent=2 if pretty else None, ensure_ascii=False)
    got = elements(text, chunk)
    assert all(isinstance(item, Element) for item in got)
    assert [item.value for item in got] == values


def test_a_broken_element_is_reported_and_the_next_one_read():
    text = '[{"a": 1},\n {"b": ,},\n {"c": "x]}"}]'
    got = elements(text, chunk=3)
    assert [type(i).__name__ for i in got] == ["Element", "Fault", "Element"]
    assert got[1].index == 1 and got[1].line == 2 and not got[1].fatal
    assert got[2].value == {"c": "x]}"}


def test_truncated_array_yields_what_came_before_then_a_fatal_fault():
    got = elements('[{"a": 1}, {"b": "cut off', chunk=4)
    assert got[0] == Element(0, 1, {"a": 1})
    assert isinstance(got[1], Fault) and got[1].fatal and "truncated" in got[1].message
    got = elements("[1, 2", chunk=1)
    assert [i.value for i in got if isinstance(i, Element)] == [1, 2]
    assert isinstance(got[-1], Fault) and got[-1].fatal


def test_garbage_between_elements_does_not_loop():
    got = elements('[{"a": 1}}, }, 3]', chunk=2)
    assert [i.value for i in got if isinstance(i, Element)] == [{"a": 1}, 3]


def test_numbers_split_across_chunks_are_whole():
    assert [i.value for i in elements("[123456789, 987654321]", chunk=2)] == [123456789, 987654321]


def test_a_value_over_the_size_cap_ends_the_file():
    got = elements('[{"a": "' + "x" * 500 + '"}, 2]', chunk=16, max_value_chars=100)
    assert len(got) == 1 and isinstance(got[0], Fault) and got[0].fatal


def test_members_walks_a_repeated_key_every_time():
    text = '{"n": 2, "items": [1], "meta": {"x": [1]}, "items": [2, 3]}'
    got = list(JsonStream(io.StringIO(text), chunk_chars=3).members({"items"}))
    assert got[0] == ("n", 2)
    assert [(k, v.index, v.value) for k, v in got if k == "items"] == [
        ("items", 0, 1),
        ("items", 1, 2),
        ("items", 2, 3),
    ]
    assert ("meta", {"x": [1]}) in got


def test_skip_to_passes_the_x_prefix():
    stream = JsonStream(io.StringIO("window.YTD.tweets.part0 = [1]"), chunk_chars=4)
    assert stream.skip_to("[")
    assert [i.value for i in stream.elements()] == [1]
