"""Platform length counting, checked against values worked out by hand from the rules.

X (twitter-text config v3, docs.x.com "Counting characters"): NFC first; code
points in 0x0000-0x10FF, 0x2000-0x200D, 0x2010-0x201F, 0x2032-0x2037 weigh 1,
all others 2; a URL counts 23; an emoji sequence counts 2. Bluesky counts
grapheme clusters of the text as written; its byte limit counts UTF-8 bytes
of the text as written (no normalisation).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcheck.text.counting import (
    COUNTING_OPTIONS,
    COUNTINGS,
    char_length,
    grapheme_length,
    length_for,
    mastodon_length,
    overflow_offset_for,
    utf8_length,
    x_overflow_offset,
    x_weighted_length,
)
from postcheck.text.counting import _nfc_with_offsets as nfc_with_offsets

# (text, X weighted, Bluesky graphemes, UTF-8 bytes)
TABLE: list[tuple[str, int, int, int]] = [
    ("", 0, 0, 0),
    ("Halo", 4, 4, 4),
    # 7 + 1 + 5 + 1 + 5 + 1 + 6 ASCII characters
    ("Selamat pagi, Sobat Sehat!", 26, 26, 26),
    # Indonesian with digits and a hashtag: 3 + 1 + 6 + 1 + 4 + 1 + 4 + 1 + 15 = 36
    ("Ayo vaksin demi 2025 #IndonesiaSehat", 36, 36, 36),
    # A 20-character URL still counts 23 on X (every URL is 23, shorter or longer).
    ("https://kemkes.go.id", 23, 20, 20),
    # 20-character short link (7 + 6 + 7): 23 on X.
    ("http://bit.ly/KUcuTf", 23, 20, 20),
    # Scheme-less link: X links it too, so 23 instead of its 19 characters.
    ("kemkes.go.id/vaksin", 23, 19, 19),
    # "Cek " 4 + URL 23 + " dan " 5 + URL 23 = 55; as written 4 + 19 + 5 + 13 = 41.
    ("Cek kemkes.go.id/vaksin dan covid19.go.id", 55, 41, 41),
    # Trailing full stop is not part of the URL: 23 + 1; 19 + 1 as written.
    ("kemkes.go.id/vaksin.", 24, 20, 20),
    # A long URL: "Info: " 6 + 23; as written 6 + 50 (https:// 8 + www.setneg.go.id 16
    # + /index.php 10 + /berita 7 + /workshop 9).
    ("Info: https://www.setneg.go.id/index.php/berita/workshop", 29, 56, 56),
    # An e-mail address is not a URL: its 18 characters count (5 + 1 + 12).
    ("humas@kemkes.go.id", 18, 18, 18),
    # CJK: each ideograph is outside the weight-1 ranges (weight 2), 3 bytes in UTF-8.
    ("日本語", 6, 3, 9),
    # Latin + CJK: "Tokyo " 6 + 2 × 2; 6 + 2 × 3 bytes.
    ("Tokyo 東京", 10, 8, 12),
    # Hangul syllables (U+AC00..) weigh 2 each: 5 × 2; 5 × 3 bytes.
    ("안녕하세요", 10, 5, 15),
    # Arabic letters are below U+10FF: weight 1 each; 2 bytes each.
    ("مرحبا", 5, 5, 10),
    # Thai ส ว ั ส ด ี: 6 code points below U+10FF (weight 1), 3 bytes each;
    # graphemes: ส, วั, ส, ดี (the vowel marks join their consonant) = 4.
    ("สวัสดี", 6, 4, 18),
    # Combining acute: NFC makes é one code point (U+00E9, weight 1). Bluesky sees
    # one grapheme; the bytes are those written: e (1) + U+0301 (2).
    ("e\u0301", 1, 1, 3),
    # Precomposed é: 1, one grapheme, 2 bytes.
    ("\u00e9", 1, 1, 2),
    # Decomposed Hangul ᄀ + ᅡ: NFC composes 가 (U+AC00, weight 2); as written two
    # 3-byte jamo forming one grapheme.
    ("\u1100\u1161", 2, 1, 6),
    # Flag 🇮🇩: two regional indicators (4 bytes each) = one emoji = 2 on X.
    ("🇮🇩", 2, 1, 8),
    # Thumbs up + medium skin tone: one emoji sequence = 2; 4 + 4 bytes.
    ("👍🏽", 2, 1, 8),
    # Two different skin tones are two emoji: 2 + 2; 16 bytes.
    ("👋🏻👋🏿", 4, 2, 16),
    # Family: 4 emoji joined by 3 ZWJ (U+200D, 3 bytes) = one sequence = 2;
    # without sequence parsing it would be 4 × 2 + 3 × 1 = 11. Bytes 4 × 4 + 3 × 3.
    ("👨\u200d👩\u200d👧\u200d👦", 2, 1, 25),
    # Family: adult, adult, child (Emoji 15.1): 3 × 4 + 2 × 3 bytes.
    ("🧑\u200d🧑\u200d🧒", 2, 1, 18),
    # Phoenix = bird + ZWJ + fire (Emoji 15.1): 4 + 3 + 4 bytes.
    ("🐦\u200d🔥", 2, 1, 11),
    # Technologist, medium skin tone: 🧑 🏽 ZWJ 💻 = 4 + 4 + 3 + 4 bytes.
    ("🧑🏽\u200d💻", 2, 1, 15),
    # Rainbow flag: 🏳 U+FE0F ZWJ 🌈 = 4 + 3 + 3 + 4 bytes.
    ("🏳\ufe0f\u200d🌈", 2, 1, 14),
    # Keycap 1: '1' U+FE0F U+20E3 = one emoji (2); 1 + 3 + 3 bytes. Without emoji
    # parsing: 1 + 2 + 2 = 5.
    ("1\ufe0f\u20e3", 2, 1, 7),
    # Red heart with emoji presentation: U+2764 U+FE0F = one emoji (2), 3 + 3 bytes.
    ("\u2764\ufe0f", 2, 1, 6),
    # Bare U+2764 is outside the weight-1 ranges: 2 as well; 3 bytes.
    ("\u2764", 2, 1, 3),
    # © alone is text (U+00A9, weight 1); © + U+FE0F is the emoji (2); 2 / 2 + 3 bytes.
    ("\u00a9", 1, 1, 2),
    ("\u00a9\ufe0f", 2, 1, 5),
    # Curly quotes U+201C/U+201D are in 0x2010-0x201F: weight 1; 3 bytes each.
    ("“Hoaks”", 7, 7, 11),
    # Em dash U+2014 is in 0x2010-0x201F: weight 1; 14 ASCII + 3 bytes.
    ("Jakarta—Bandung", 15, 15, 17),
    # Ellipsis U+2026 is outside every range: weight 2; 6 ASCII + 3 bytes.
    ("Tunggu…", 8, 7, 9),
    # No-break space U+00A0 is below U+10FF: weight 1; 2 bytes.
    ("10.00\u00a0WIB", 9, 9, 10),
    # CR LF: two code points of weight 1, one grapheme, two bytes.
    ("a\r\nb", 4, 3, 4),
    # Emoji and URLs mixed: "Yuk vaksin " 11 + 💉 2 + " " 1 + URL 23 + " " 1 + 🇮🇩 2 = 40;
    # graphemes 11 + 1 + 1 + 19 + 1 + 1 = 34; bytes 11 + 4 + 1 + 19 + 1 + 8 = 44.
    ("Yuk vaksin 💉 kemkes.go.id/vaksin 🇮🇩", 40, 34, 44),
    # A single emoji code point (🙏 U+1F64F) weighs 2 on its own: 35 + 2; 35 + 4 bytes.
    ("Selamat Hari Raya Idulfitri 1446 H 🙏", 37, 36, 39),
    # Exactly the limit: 280 ASCII, and 140 ideographs × 2.
    ("a" * 280, 280, 280, 280),
    ("日" * 140, 280, 140, 420),
    # One over: 281.
    ("a" * 281, 281, 281, 281),
    ("日" * 140 + "a", 281, 141, 421),
    # 257 characters + one URL (23) = 280 exactly, whatever the URL's length.
    ("a" * 256 + " https://www.kemkes.go.id/article/read/24010100001/vaksin", 280, 313, 313),
]


@pytest.mark.parametrize(("text", "x", "graphemes", "utf8"), TABLE)
def test_table(text: str, x: int, graphemes: int, utf8: int) -> None:
    assert x_weighted_length(text) == x
    assert grapheme_length(text) == graphemes
    assert utf8_length(text) == utf8


def test_table_size() -> None:
    assert len(TABLE) >= 30


def test_char_length_counts_code_points() -> None:
    assert char_length("👨\u200d👩\u200d👧\u200d👦") == 7
    assert char_length("e\u0301") == 2


def test_url_length_option() -> None:
    assert x_weighted_length("kemkes.go.id/vaksin", url_length=30) == 30
    assert x_weighted_length("\u00e9 kemkes.go.id", url_length=0) == 2


def test_emoji_inside_url_is_not_counted_twice() -> None:
    # The keycap's '1' ends the URL path; U+FE0F (2) and U+20E3 (2) remain: 6 + 23 + 4.
    assert x_weighted_length("Lihat kemkes.go.id/1\ufe0f\u20e3") == 33


# --- overflow offsets -------------------------------------------------------------


def test_overflow_none_when_it_fits() -> None:
    assert x_overflow_offset("a" * 280, 280) is None
    assert x_overflow_offset("日" * 140, 280) is None
    assert x_overflow_offset("", 0) is None


def test_overflow_ascii() -> None:
    assert x_overflow_offset("a" * 281, 280) == 280
    assert x_overflow_offset("a", 0) == 0


def test_overflow_heavy_characters() -> None:
    # 140 ideographs fill 280; the 141st (offset 140) overflows.
    assert x_overflow_offset("日" * 141, 280) == 140
    # 279 + a weight-2 character = 281: that character overflows.
    assert x_overflow_offset("a" * 279 + "日", 280) == 279


def test_overflow_at_url_start() -> None:
    text = "a" * 270 + " https://example.com/x"
    assert x_weighted_length(text) == 294
    assert x_overflow_offset(text, 280) == 271  # the whole URL is one unit


def test_overflow_at_emoji_sequence_start() -> None:
    text = "a" * 279 + "👨\u200d👩\u200d👧\u200d👦"
    assert x_weighted_length(text) == 281
    assert x_overflow_offset(text, 280) == 279
    assert x_overflow_offset(text, 281) is None


def test_overflow_maps_back_through_nfc() -> None:
    text = "e\u0301" * 281  # NFC: 281 × é of weight 1
    assert x_weighted_length(text) == 281
    assert x_overflow_offset(text, 280) == 560  # the 281st "e" of the source


def test_overflow_after_decomposed_text() -> None:
    text = "e\u0301" * 3 + "a" * 280  # 283 after NFC
    assert x_overflow_offset(text, 280) == 6 + 277


@given(st.text(alphabet=st.sampled_from(list("ab .é\u0301\u1100\u1161日👍🏽\u200d🇮🇩\ufe0f\u20e31:/kemkes.goid")), max_size=40))
def test_overflow_agrees_with_length(text: str) -> None:
    weighted = x_weighted_length(text)
    assert x_overflow_offset(text, weighted) is None
    if weighted:
        offset = x_overflow_offset(text, weighted - 1)
        assert offset is not None and 0 <= offset < len(text)


@given(st.text(max_size=40))
def test_chunked_nfc_equals_nfc(text: str) -> None:
    normalized, offsets = nfc_with_offsets(text)
    assert normalized == unicodedata.normalize("NFC", text)
    if offsets is not None:
        assert len(offsets) == len(normalized)
        assert offsets == sorted(offsets)


# --- Mastodon ---------------------------------------------------------------------


def test_mastodon_counts_scheme_urls_as_23() -> None:
    url = "https://www.kemkes.go.id/article/read/24010100001/vaksin"
    assert mastodon_length("Cek " + url) == 4 + 23
    assert mastodon_length("Cek " + url, url_length=30) == 4 + 30


def test_mastodon_counts_scheme_less_links_in_full() -> None:
    assert mastodon_length("Cek kemkes.go.id/vaksin") == 23  # 4 + 19 characters


def test_mastodon_counts_graphemes_and_short_mentions() -> None:
    assert mastodon_length("👨\u200d👩\u200d👧\u200d👦") == 1
    assert mastodon_length("@humas@mastodon.social halo") == len("@humas halo")
    assert mastodon_length("surat ke humas@kemkes.go.id") == 27  # an e-mail is not a mention


# --- dispatch ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counting", "expected"),
    [("x-weighted", 2), ("graphemes", 1), ("utf8-bytes", 25), ("characters", 7), ("mastodon", 1)],
)
def test_length_for(counting: str, expected: int) -> None:
    assert length_for("👨\u200d👩\u200d👧\u200d👦", counting) == expected


def test_length_for_passes_options() -> None:
    assert length_for("kemkes.go.id", "x-weighted", url_length=10) == 10


def test_length_for_rejects_unknown_counting_and_options() -> None:
    with pytest.raises(ValueError, match="unknown counting 'words'"):
        length_for("a", "words")
    with pytest.raises(ValueError, match="takes no option 'url_length'"):
        length_for("a", "graphemes", url_length=23)


def test_countings_and_options_agree() -> None:
    assert set(COUNTING_OPTIONS) == COUNTINGS


@pytest.mark.parametrize(
    ("text", "counting", "limit", "expected"),
    [
        ("abcd", "characters", 3, 3),
        ("abc", "characters", 3, None),
        ("ab👨\u200d👩\u200d👧\u200d👦c", "graphemes", 3, 9),  # 'c' is the 4th grapheme
        ("ab👨\u200d👩\u200d👧\u200d👦c", "graphemes", 2, 2),
        ("aé", "utf8-bytes", 2, 1),  # é needs bytes 2-3
        ("aé", "utf8-bytes", 3, None),
        ("a" * 480 + " https://kemkes.go.id/vaksin/lengkap", "mastodon", 500, 481),
        ("a" * 476 + " https://kemkes.go.id/vaksin/lengkap", "mastodon", 500, None),
        ("a" * 281, "x-weighted", 280, 280),
    ],
)
def test_overflow_offset_for(text: str, counting: str, limit: int, expected: int | None) -> None:
    assert overflow_offset_for(text, counting, limit) == expected
