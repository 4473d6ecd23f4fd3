"""Emoji sequences as a reader sees them, with exact spans."""

from __future__ import annotations

import pytest

from postcheck.text.emoji import find_emoji


def found(text: str) -> list[str]:
    return [text[s:e] for s, e in find_emoji(text)]


@pytest.mark.parametrize(
    "emoji",
    [
        "\U0001f1ee\U0001f1e9",  # 🇮🇩 flag: two regional indicators
        "\U0001f44d\U0001f3fd",  # 👍🏽 skin tone
        "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # 👨‍👩‍👧‍👦 ZWJ family
        "1\ufe0f\u20e3",  # 1️⃣ keycap
        "#\ufe0f\u20e3",  # #️⃣ keycap
        "\u2764\ufe0f",  # ❤️
        "\u00a9\ufe0f",  # ©️ emoji presentation
        "\U0001f600",  # 😀
        "\U0001f3f3\ufe0f\u200d\U0001f308",  # 🏳️‍🌈
    ],
)
def test_one_sequence_is_one_emoji_with_its_whole_span(emoji: str) -> None:
    text = f"a {emoji} b"
    assert find_emoji(text) == [(2, 2 + len(emoji))]


def test_spans_in_a_sentence() -> None:
    text = "Merdeka 🇮🇩! Hebat 👍🏽👍🏽 keluarga 👨‍👩‍👧‍👦 1️⃣ ❤️"
    assert find_emoji(text) == [(8, 10), (18, 20), (20, 22), (32, 39), (40, 43), (44, 46)]
    assert found(text) == ["🇮🇩", "👍🏽", "👍🏽", "👨‍👩‍👧‍👦", "1️⃣", "❤️"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Tanpa emoji sama sekali.",
        "123 456 #1 *",
        "\u00a9 2024 Kemendag",  # © alone is a symbol
        "Merek\u00ae dan Nama\u2122",  # ® and ™ alone
        "café e\u0301 \u05e9\u05dc\u05d5\u05dd",
    ],
)
def test_not_emoji(text: str) -> None:
    assert find_emoji(text) == []


def test_digits_before_a_keycap_are_not_counted_separately() -> None:
    text = "12\ufe0f\u20e3"
    assert find_emoji(text) == [(1, 4)]


def test_emoji_right_after_a_word() -> None:
    assert find_emoji("x😀y") == [(1, 2)]
    assert find_emoji("Halo\u2764\ufe0f") == [(4, 6)]


def test_the_quick_pre_test_admits_exactly_copyright_registered_and_u203c_onwards() -> None:
    from postcheck.text import emoji

    admitted = [c for c in map(chr, range(0x110000)) if emoji._MAYBE.match(c)]
    assert admitted[:2] == ["\u00a9", "\u00ae"]
    assert admitted[2:] == [chr(i) for i in range(0x203C, 0x110000)]
