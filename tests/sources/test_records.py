from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcheck.sources.records import (
    BadValue,
    from_epoch,
    hashtags_in,
    mentions_in,
    parse_iso,
    repair_mojibake,
)

from .helpers import JAKARTA


def test_repairs_the_heart_emoji_as_meta_writes_it():
    assert repair_mojibake("Ayo! \u00e2\u009d\u00a4\u00ef\u00b8\u008f") == "Ayo! ❤️"


def test_repairs_recursively_but_not_keys():
    value = {"d\u00c3\u00a9j\u00c3\u00a0": ["caf\u00c3\u00a9", 3, {"x": "ok"}]}
    assert repair_mojibake(value) == {"d\u00c3\u00a9j\u00c3\u00a0": ["café", 3, {"x": "ok"}]}


@pytest.mark.parametrize("text", ["Café au lait", "Selamat pagi ❤️", "plain ascii", "Ã"])
def test_leaves_text_that_does_not_round_trip(text):
    assert repair_mojibake(text) == text


@given(st.text())
def test_mojibake_of_any_text_is_undone(text):
    assert repair_mojibake(text.encode("utf-8").decode("latin-1")) == text


def test_epoch_keeps_fractions_and_rejects_nonsense():
    assert from_epoch(1768870800) == datetime(2026, 1, 20, 1, 0, tzinfo=UTC)
    assert from_epoch("1768870800.25").microsecond == 250000
    for bad in (True, "kemarin", None, float("nan"), 10**20):
        with pytest.raises(BadValue):
            from_epoch(bad)


def test_iso_naive_times_get_the_default_zone():
    parsed = parse_iso("2026-01-20 09:00", JAKARTA)
    assert parsed.utcoffset() == timedelta(hours=7)
    assert parse_iso("2026-01-20T09:00:00.123456Z", JAKARTA).microsecond == 123456
    with pytest.raises(BadValue):
        parse_iso("besok pagi", JAKARTA)


def test_hashtags_and_mentions_in_free_text():
    text = "Info #PelayananPublik #2026 @dinkes.skm humas@sukamajukab.go.id &#39; #Sehat!"
    assert hashtags_in(text) == ("PelayananPublik", "Sehat")
    assert mentions_in(text) == ("dinkes.skm",)
