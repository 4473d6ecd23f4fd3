"""Words with spans and lookup forms; hashtags and mentions with spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcheck.text.entities import Entity, find_hashtags, find_mentions
from postcheck.text.tokens import Word, normalize, words


def triples(text: str, **kwargs: object) -> list[tuple[int, int, str]]:
    return [(w.start, w.end, w.text) for w in words(text, **kwargs)]  # type: ignore[arg-type]


# -- words ----------------------------------------------------------------------------------


def test_words_with_spans_reduplication_and_apostrophes() -> None:
    text = "isu-isu hangat, don't worry, Jum’at 2024!"
    assert words(text) == [
        Word(0, 7, "isu-isu", "isu-isu"),
        Word(8, 14, "hangat", "hangat"),
        Word(16, 21, "don't", "don't"),
        Word(22, 27, "worry", "worry"),
        Word(29, 35, "Jum’at", "jum'at"),
        Word(36, 40, "2024", "2024"),
    ]


def test_punctuation_and_underscores_split_words() -> None:
    text = "snake_case a--b -x- 3,5 10.00 'kutip'"
    assert triples(text) == [
        (0, 5, "snake"), (6, 10, "case"), (11, 12, "a"), (14, 15, "b"), (17, 18, "x"),
        (20, 21, "3"), (22, 23, "5"), (24, 26, "10"), (27, 29, "00"), (31, 36, "kutip"),
    ]  # fmt: skip


def test_mathematical_bold_normalises_to_plain_lower_case() -> None:
    text = "𝐇𝐄𝐁𝐎𝐇 sekali"
    result = words(text)
    assert [(w.start, w.end, w.norm) for w in result] == [(0, 5, "heboh"), (6, 12, "sekali")]
    assert result[0].text == "𝐇𝐄𝐁𝐎𝐇"


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("HEBOH", "heboh"),
        ("𝐇𝐄𝐁𝐎𝐇", "heboh"),
        ("𝒉𝒆𝒃𝒐𝒉", "heboh"),
        ("ＡＢＣ", "abc"),
        ("Jum’at", "jum'at"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold for non-ASCII
        ("cafe\u0301", "café"),
    ],
)
def test_normalize(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_combining_marks_belong_to_their_word() -> None:
    text = "cafe\u0301 hi\u0928\u094d\u0926\u0940 x"
    assert triples(text) == [(0, 5, "cafe\u0301"), (6, 12, "hi\u0928\u094d\u0926\u0940"), (13, 14, "x")]
    assert words(text)[0].norm == "café"


def test_keycap_and_variation_selector_are_not_part_of_a_word() -> None:
    assert triples("1\ufe0f\u20e3 ok\ufe0f") == [(0, 1, "1"), (4, 6, "ok")]


def test_skip_spans_drop_words_and_hashtag_words_are_flagged() -> None:
    text = "Cek https://a.id/x #Tag kata @akun"
    skip = [(4, 18), (29, 34)]
    result = words(text, skip=skip, hashtags=[(19, 23)])
    assert [(w.start, w.end, w.text, w.in_hashtag) for w in result] == [
        (0, 3, "Cek", False),
        (20, 23, "Tag", True),
        (24, 28, "kata", False),
    ]


def test_word_overlapping_a_skip_span_is_dropped() -> None:
    # A word that only partly overlaps a skipped span is dropped whole.
    assert triples("abcdef ghi", skip=[(3, 4)]) == [(7, 10, "ghi")]


# -- hashtags -----------------------------------------------------------------------------------


def test_hashtags_with_spans() -> None:
    text = "#INATRADE #1 C# a#b ＃Tagar #tag_2024 #2024pemilu (#Tag) #Kemendag."
    assert find_hashtags(text) == [
        Entity(0, 9, "#INATRADE", "INATRADE"),
        Entity(20, 26, "＃Tagar", "Tagar"),
        Entity(27, 36, "#tag_2024", "tag_2024"),
        Entity(37, 48, "#2024pemilu", "2024pemilu"),
        Entity(50, 54, "#Tag", "Tag"),
        Entity(56, 65, "#Kemendag", "Kemendag"),
    ]


@pytest.mark.parametrize("text", ["#1", "#2024", "C#", "a#b", "&#35;x", "https://a.id/#x", "##", "#_1", "# spasi", ""])
def test_not_hashtags(text: str) -> None:
    assert find_hashtags(text) == []


def test_hashtag_stops_at_punctuation_and_emoji_but_keeps_marks() -> None:
    assert find_hashtags("#Indonesia🇮🇩 #a-b #cafe\u0301!") == [
        Entity(0, 10, "#Indonesia", "Indonesia"),
        Entity(13, 15, "#a", "a"),
        Entity(18, 24, "#cafe\u0301", "cafe\u0301"),
    ]
    assert find_hashtags("#merdeka\ufe0f") == [Entity(0, 8, "#merdeka", "merdeka")]


def test_hashtag_in_other_scripts() -> None:
    assert [h.name for h in find_hashtags("#ราชการ #хештег #\u0928\u092e\u0938\u094d\u0924\u0947")] == [
        "ราชการ",
        "хештег",
        "\u0928\u092e\u0938\u094d\u0924\u0947",
    ]


# -- mentions ------------------------------------------------------------------------------------


def test_mentions_with_spans() -> None:
    text = "Halo @kemendag dan @user@mastodon.social, (@Setneg_RI)."
    assert find_mentions(text) == [
        Entity(5, 14, "@kemendag", "kemendag"),
        Entity(19, 40, "@user@mastodon.social", "user@mastodon.social"),
        Entity(43, 53, "@Setneg_RI", "Setneg_RI"),
    ]


@pytest.mark.parametrize("text", ["humas@setneg.go.id", "a@b.id", "@@a", "x.@y", "/@z", "@", "tanpa"])
def test_not_mentions(text: str) -> None:
    assert find_mentions(text) == []


def test_mention_without_instance_host_and_trailing_period() -> None:
    assert find_mentions("@user@instance @x.") == [Entity(0, 5, "@user", "user"), Entity(15, 17, "@x", "x")]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ019'-’ .,#@_\t\n\x00\x7f")), max_size=40))
def test_ascii_fast_path_splits_like_the_unicode_pattern(text: str) -> None:
    from postcheck.text import tokens

    if text.isascii():
        assert [m.span() for m in tokens._ASCII_WORD.finditer(text)] == [m.span() for m in tokens._WORD.finditer(text)]
