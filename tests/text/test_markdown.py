"""Markdown reduced to reader-visible text, with an exact map back to the source."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcheck import frontmatter
from postcheck.drafts import decode
from postcheck.text.markdown import needs_parsing, reduce_markdown
from postcheck.text.plaintext import PlainText, identity

SEPARATORS = " \n"


def char_spans(plain: PlainText) -> list[tuple[int, int]]:
    return [plain.source_span(i, i + 1) for i in range(len(plain.text))]


def mapped(source: str, plain: PlainText) -> list[tuple[str, str]]:
    """Each plain character with the source text it came from."""
    return [(ch, source[s:e]) for ch, (s, e) in zip(plain.text, char_spans(plain), strict=True)]


def span_of(source: str, plain: PlainText, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Source span of the ``occurrence``-th ``needle`` in the plain text."""
    at = -1
    for _ in range(occurrence + 1):
        at = plain.text.index(needle, at + 1)
    return plain.source_span(at, at + len(needle))


def decodes_to(segment: str, ch: str) -> bool:
    """``segment`` is ``ch``, an entity whose decoding holds ``ch``, or an escape of ``ch``."""
    if segment == ch:
        return True
    if segment.startswith("&") and segment.endswith(";"):
        decoded = html.unescape(segment)
        # CommonMark decodes invalid numeric references (&#0;, &#x80;) to U+FFFD.
        return ch in decoded or ch == "\ufffd"
    if segment == "\\" + ch:
        return True
    if ch == "|" and segment == "\\\\|":
        return True  # in a table cell, markdown-it reads "\\|" as an escaped pipe
    # A code span's line ending reads as a space; indentation expanded from a tab.
    return ch == " " and segment in ("\n", "\r\n", "\r", "\t")


def assert_exact(source: str, plain: PlainText) -> None:
    last_end = 0
    last = None
    for i, ch in enumerate(plain.text):
        s, e = plain.source_span(i, i + 1)
        assert 0 <= s <= e <= len(source), (i, ch, s, e)
        if s == e and ch in SEPARATORS:
            continue  # a separator we inserted
        assert decodes_to(source[s:e], ch), (i, ch, source[s:e])
        if (s, e) != last:  # the characters of one entity share one span
            assert s >= last_end, (i, ch, s, last_end)
        last, last_end = (s, e), e


# -- needs_parsing and the plain fast path -----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Selamat pagi Sobat, ayo ikut kegiatan hari ini!",
        "#Tagar di awal baris\n#LainLagi",
        "Harga 10.000 rupiah (diskon 5%), hubungi 0812-3456",
        "",
    ],
)
def test_needs_parsing_false_for_plain_text(body: str) -> None:
    assert needs_parsing(body) is False


@pytest.mark.parametrize(
    "body",
    [
        "**tebal**",
        "_miring_",
        "[tautan](https://a.id)",
        "`kode`",
        "a &amp; b",
        "a \\* b",
        "<!-- komentar -->",
        "# Judul",
        "#",
        "> kutipan",
        "- butir",
        "1. butir",
        "2) butir",
        "Judul\n===",
        "Judul\n=",  # a one-character setext underline is still a heading
        "teks\n-",
        "    kode terindentasi",
        "\tkode",
        "~~coret~~",
        "a | b",
    ],
)
def test_needs_parsing_true_for_markup(body: str) -> None:
    assert needs_parsing(body) is True


def test_plain_body_is_identity_shifted_by_body_start() -> None:
    source = "xxxxHalo Sobat!"
    result = reduce_markdown(source, 4)
    assert result.plain.text == "Halo Sobat!"
    assert result.plain.starts is None
    assert result.plain.source_span(0, 4) == (4, 8)
    assert result.links == []
    assert result.images == []


def test_setext_underline_of_one_character_is_not_text() -> None:
    result = reduce_markdown("Judul\n=")
    assert result.plain.text == "Judul"
    assert char_spans(result.plain) == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]


# -- front matter ---------------------------------------------------------------


def test_front_matter_offsets_stay_file_offsets() -> None:
    source = "---\ntitle: x\n---\n# Judul\n\nHalo **Sobat** &amp; [situs](https://a.id) ok"
    yaml_text, body_start = frontmatter.split(source)
    assert yaml_text == "title: x\n"
    assert body_start == 17
    result = reduce_markdown(source, body_start)
    plain = result.plain
    assert plain.text == "Judul\n\nHalo Sobat & situs ok"
    assert span_of(source, plain, "Judul") == (19, 24)
    assert span_of(source, plain, "Sobat") == (33, 38)
    assert span_of(source, plain, "&") == (41, 46)
    assert source[41:46] == "&amp;"
    assert span_of(source, plain, "situs") == (48, 53)
    assert span_of(source, plain, "ok") == (69, 71)
    assert result.links == ["https://a.id"]
    assert_exact(source, plain)


def test_front_matter_only_gives_empty_text() -> None:
    source = "---\nplatform: x\n---\n"
    _, body_start = frontmatter.split(source)
    result = reduce_markdown(source, body_start)
    assert result.plain.text == ""
    assert result.plain.source_span(0, 0) == (body_start, body_start)


def test_empty_body() -> None:
    result = reduce_markdown("")
    assert result.plain.text == ""
    assert result.links == []
    assert result.images == []
    assert result.plain.source_span(0, 5) == (0, 0)


# -- blocks ------------------------------------------------------------------------


def test_headings_atx_setext_and_closing_sequence() -> None:
    source = "Foo\n===\n\nBar\n---\n\n## Tiga ##"
    plain = reduce_markdown(source).plain
    assert plain.text == "Foo\n\nBar\n\nTiga"
    assert char_spans(plain) == [
        (0, 1), (1, 2), (2, 3),
        (3, 3), (3, 3),
        (9, 10), (10, 11), (11, 12),
        (12, 12), (12, 12),
        (21, 22), (22, 23), (23, 24), (24, 25),
    ]  # fmt: skip


def test_hashtag_at_line_start_is_not_a_heading() -> None:
    source = "#Tagar\n\n# Judul\n#tagar2 kata"
    plain = reduce_markdown(source).plain
    assert plain.text == "#Tagar\n\nJudul\n\n#tagar2 kata"
    assert span_of(source, plain, "#Tagar") == (0, 6)
    assert span_of(source, plain, "Judul") == (10, 15)
    assert span_of(source, plain, "#tagar2 kata") == (16, 28)
    assert_exact(source, plain)


def test_lists_and_nested_lists() -> None:
    source = "- satu\n- dua\n  - tiga\n\n1. a\n2) b"
    plain = reduce_markdown(source).plain
    assert plain.text == "satu\n\ndua\n\ntiga\n\na\n\nb"
    assert span_of(source, plain, "satu") == (2, 6)
    assert span_of(source, plain, "dua") == (9, 12)
    assert span_of(source, plain, "tiga") == (17, 21)
    a = plain.text.rindex("a")
    assert plain.source_span(a, a + 1) == (26, 27)
    assert span_of(source, plain, "b") == (31, 32)
    assert_exact(source, plain)


def test_blockquote_with_lazy_line_and_nested_quote() -> None:
    source = "> kutip\nlanjut\n> > dalam"
    plain = reduce_markdown(source).plain
    assert plain.text == "kutip\nlanjut\n\ndalam"
    assert span_of(source, plain, "kutip") == (2, 7)
    assert plain.source_span(5, 6) == (7, 7)  # the soft break sits on the newline
    assert span_of(source, plain, "lanjut") == (8, 14)
    assert span_of(source, plain, "dalam") == (19, 24)


def test_table_cells_and_rows() -> None:
    source = "| Kolom | Nilai |\n|:--|--:|\n| a | 1 |"
    plain = reduce_markdown(source).plain
    assert plain.text == "Kolom Nilai\n\na 1"
    assert span_of(source, plain, "Kolom") == (2, 7)
    assert plain.source_span(5, 6) == (7, 7)  # cell separator we inserted
    assert span_of(source, plain, "Nilai") == (10, 15)
    assert span_of(source, plain, "a 1")[0] == 30
    assert plain.source_span(plain.text.index("1"), plain.text.index("1") + 1) == (34, 35)


def test_table_escaped_pipe_maps_to_its_cell() -> None:
    source = "| a \\| b | c |\n|---|---|\n| d | e |"
    plain = reduce_markdown(source).plain
    assert plain.text == "a | b c\n\nd e"
    assert mapped(source, plain)[:5] == [("a", "a"), (" ", " "), ("|", "|"), (" ", " "), ("b", "b")]
    assert char_spans(plain)[:5] == [(2, 3), (3, 4), (5, 6), (6, 7), (7, 8)]
    assert span_of(source, plain, "c") == (11, 12)
    assert span_of(source, plain, "d") == (27, 28)
    assert_exact(source, plain)


def test_fenced_and_indented_code_blocks_and_html_blocks_are_skipped() -> None:
    source = "    kode\n\nteks\n\n~~~\nx\n~~~\n\n```python\nprint(1)\n```\n\n<div>\nhtml\n</div>\n\nakhir"
    result = reduce_markdown(source)
    assert result.plain.text == "teks\n\nakhir"
    assert span_of(source, result.plain, "teks") == (10, 14)
    assert span_of(source, result.plain, "akhir") == (len(source) - 5, len(source))


def test_html_comments_inline_and_block_are_skipped() -> None:
    source = "Teks <!-- catatan teks --> lagi\n\n<!-- blok\nkomentar -->\n\nakhir"
    plain = reduce_markdown(source).plain
    assert plain.text == "Teks  lagi\n\nakhir"
    assert span_of(source, plain, "lagi") == (27, 31)
    assert span_of(source, plain, "akhir") == (57, 62)
    assert source[57:62] == "akhir"
    assert "catatan" not in plain.text and "komentar" not in plain.text


def test_inline_html_tags_are_skipped_text_kept() -> None:
    source = '<b>tebal</b> <span class="x">s</span>'
    plain = reduce_markdown(source).plain
    assert plain.text == "tebal s"
    assert char_spans(plain) == [(3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (12, 13), (29, 30)]


# -- inlines ------------------------------------------------------------------------


def test_emphasis_markers_are_skipped() -> None:
    source = "Halo **Sobat** dan _kamu_ ~~lama~~ ***x***"
    plain = reduce_markdown(source).plain
    assert plain.text == "Halo Sobat dan kamu lama x"
    assert span_of(source, plain, "Sobat") == (7, 12)
    assert span_of(source, plain, "kamu") == (20, 24)
    assert span_of(source, plain, "lama") == (28, 32)
    assert span_of(source, plain, "x") == (38, 39)
    assert_exact(source, plain)


def test_links_keep_text_and_collect_targets() -> None:
    source = 'Kunjungi [situs **resmi**](https://kemkes.go.id/a) dan [lagi](<https://b.id/x y> "judul") ya'
    result = reduce_markdown(source)
    assert result.plain.text == "Kunjungi situs resmi dan lagi ya"
    assert result.links == ["https://kemkes.go.id/a", "https://b.id/x%20y"]
    assert span_of(source, result.plain, "situs") == (10, 15)
    assert span_of(source, result.plain, "resmi") == (18, 23)
    assert span_of(source, result.plain, " dan ") == (50, 55)
    assert span_of(source, result.plain, "lagi") == (56, 60)
    assert span_of(source, result.plain, " ya") == (89, 92)


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ('[a](u "x \\" y") z', "u"),  # escaped quote inside the title
        ("[a](u\\(x) z", "u(x"),  # escaped parenthesis in the destination
        ("[a](u(b(c))) z", "u(b(c))"),  # nested balanced parentheses
        ("[a]( u\n'judul' ) z", "u"),  # white space and a line break inside
    ],
)
def test_text_after_a_link_maps_to_the_text_after_its_tail(source: str, href: str) -> None:
    result = reduce_markdown(source)
    assert result.links == [href]
    assert result.plain.text == "a z"
    tail_end = source.rindex(")") + 1
    assert char_spans(result.plain) == [(1, 2), (tail_end, tail_end + 1), (tail_end + 1, tail_end + 2)]


def test_reference_links() -> None:
    source = "[a][ref] dan [b] ok\n\n[ref]: https://r.id\n[b]: https://b.id"
    result = reduce_markdown(source)
    assert result.plain.text == "a dan b ok"
    assert result.links == ["https://r.id", "https://b.id"]
    assert char_spans(result.plain) == [
        (1, 2),
        (8, 9),
        (9, 10),
        (10, 11),
        (11, 12),
        (12, 13),
        (14, 15),
        (16, 17),
        (17, 18),
        (18, 19),
    ]


def test_autolinks_are_text_as_written() -> None:
    source = "Cek <https://kemkes.go.id/a%20b> atau <humas@setneg.go.id> ya"
    result = reduce_markdown(source)
    assert result.plain.text == "Cek https://kemkes.go.id/a%20b atau humas@setneg.go.id ya"
    assert result.links == ["https://kemkes.go.id/a%20b", "mailto:humas@setneg.go.id"]
    assert span_of(source, result.plain, "https://kemkes.go.id/a%20b") == (5, 31)
    assert span_of(source, result.plain, "humas@setneg.go.id") == (39, 57)
    assert span_of(source, result.plain, " ya") == (58, 61)
    assert_exact(source, result.plain)


def test_punycode_autolink_stays_as_written() -> None:
    source = "<https://xn--mnchen-3ya.de> kata"
    result = reduce_markdown(source)
    assert result.plain.text == "https://xn--mnchen-3ya.de kata"
    assert span_of(source, result.plain, "kata") == (28, 32)
    assert_exact(source, result.plain)


def test_images_are_skipped_and_collected() -> None:
    source = '![Logo Kemendag](logo.png "judul") Teks ![](b.jpg) akhir'
    result = reduce_markdown(source)
    assert result.plain.text == " Teks  akhir"
    assert result.images == [("logo.png", "Logo Kemendag"), ("b.jpg", "")]
    assert result.links == []
    assert span_of(source, result.plain, "Teks") == (35, 39)
    assert span_of(source, result.plain, "akhir") == (51, 56)


def test_image_inside_link() -> None:
    source = "[![img](i.png) teks](https://u.id) z"
    result = reduce_markdown(source)
    assert result.plain.text == " teks z"
    assert result.images == [("i.png", "img")]
    assert result.links == ["https://u.id"]
    assert char_spans(result.plain) == [(14, 15), (15, 16), (16, 17), (17, 18), (18, 19), (34, 35), (35, 36)]


def test_inline_code_keeps_text_literally() -> None:
    source = "Ketik `a\\b` dan `&amp;` atau `` x `y` ``"
    plain = reduce_markdown(source).plain
    assert plain.text == "Ketik a\\b dan &amp; atau x `y`"
    assert span_of(source, plain, "a\\b") == (7, 10)
    assert span_of(source, plain, "&amp;") == (17, 22)
    assert span_of(source, plain, "x `y`") == (32, 37)
    assert_exact(source, plain)


def test_code_span_line_ending_reads_as_space() -> None:
    source = "`a\nb` c d"
    plain = reduce_markdown(source).plain
    assert plain.text == "a b c d"
    assert char_spans(plain) == [(1, 2), (2, 3), (3, 4), (5, 6), (6, 7), (7, 8), (8, 9)]


# -- entities and escapes ------------------------------------------------------------


def test_named_and_numeric_entities() -> None:
    source = "Tanda &copy; &#169; &#xA9; &amp;amp; &#0;"
    plain = reduce_markdown(source).plain
    assert plain.text == "Tanda © © © &amp; \ufffd"
    assert mapped(source, plain)[6:] == [
        ("©", "&copy;"), (" ", " "), ("©", "&#169;"), (" ", " "), ("©", "&#xA9;"), (" ", " "),
        ("&", "&amp;"), ("a", "a"), ("m", "m"), ("p", "p"), (";", ";"), (" ", " "), ("\ufffd", "&#0;"),
    ]  # fmt: skip


def test_entity_decoding_to_two_characters_maps_both_to_it() -> None:
    source = "x &NotEqualTilde; y"
    plain = reduce_markdown(source).plain
    assert plain.text == "x \u2242\u0338 y"
    assert char_spans(plain) == [(0, 1), (1, 2), (2, 17), (2, 17), (17, 18), (18, 19)]


def test_unknown_entity_is_literal_text() -> None:
    source = "a &amplifier; &bukan; b"
    plain = reduce_markdown(source).plain
    assert plain.text == source
    assert char_spans(plain) == [(i, i + 1) for i in range(len(source))]


def test_backslash_escapes() -> None:
    source = "a \\*b\\* \\\\ \\a \\#1"
    plain = reduce_markdown(source).plain
    assert plain.text == "a *b* \\ \\a #1"
    assert mapped(source, plain) == [
        ("a", "a"), (" ", " "), ("*", "\\*"), ("b", "b"), ("*", "\\*"), (" ", " "), ("\\", "\\\\"), (" ", " "),
        ("\\", "\\"), ("a", "a"), (" ", " "), ("#", "\\#"), ("1", "1"),
    ]  # fmt: skip


def test_code_span_across_crlf_spans_the_line_ending() -> None:
    source = "`a\r\nb` c"
    plain = reduce_markdown(source).plain
    assert plain.text == "a b c"
    assert mapped(source, plain) == [("a", "a"), (" ", "\r\n"), ("b", "b"), (" ", " "), ("c", "c")]


def test_tab_indented_continuation_inside_code_span() -> None:
    source = "- x\n\n\t`a\n\tb`"
    plain = reduce_markdown(source).plain
    assert plain.text == "x\n\na   b"
    assert mapped(source, plain)[3:] == [("a", "a"), (" ", "\n"), (" ", "\t"), (" ", "\t"), ("b", "b")]
    assert_exact(source, plain)


def test_escaped_backslash_before_pipe_in_table() -> None:
    source = "| \\\\| a | b |\n|---|---|\n| c | d |"
    plain = reduce_markdown(source).plain
    assert plain.text == "| a b\n\nc d"
    assert mapped(source, plain)[0] == ("|", "\\|")
    assert_exact(source, plain)


def test_lone_carriage_returns_are_line_ends() -> None:
    source = "a\rb *c*\r\rd"
    plain = reduce_markdown(source).plain
    assert plain.text == "a\nb c\n\nd"
    assert char_spans(plain) == [(0, 1), (1, 1), (2, 3), (3, 4), (5, 6), (6, 6), (6, 6), (9, 10)]


def test_soft_and_hard_breaks() -> None:
    source = "a  \nb\\\nc\nd"
    plain = reduce_markdown(source).plain
    assert plain.text == "a\nb\nc\nd"
    assert char_spans(plain) == [(0, 1), (3, 3), (4, 5), (6, 6), (7, 8), (8, 8), (9, 10)]


# -- newlines and Unicode -------------------------------------------------------------


def test_crlf_input_normalised_by_decode() -> None:
    decoded = decode(b"# Judul\r\n\r\nHalo **Sobat**\r\nbaris &amp; dua\r\n", "d.md")
    assert decoded.newline == "\r\n"
    source = decoded.text
    assert source == "# Judul\n\nHalo **Sobat**\nbaris &amp; dua\n"
    plain = reduce_markdown(source).plain
    assert plain.text == "Judul\n\nHalo Sobat\nbaris & dua"
    assert span_of(source, plain, "Sobat") == (16, 21)
    assert span_of(source, plain, "&") == (30, 35)
    assert_exact(source, plain)


def test_raw_crlf_input_still_maps_exactly() -> None:
    source = "# a\r\n\r\nb *c*\r\nd\r\n"
    plain = reduce_markdown(source).plain
    assert plain.text == "a\n\nb c\nd"
    assert span_of(source, plain, "c") == (10, 11)
    assert span_of(source, plain, "d") == (14, 15)
    assert_exact(source, plain)


def test_unicode_emoji_combining_marks_and_rtl() -> None:
    source = "**Halo** 👨‍👩‍👧‍👦 cafe\u0301 \u05e9\u05dc\u05d5\u05dd 🇮🇩 &amp;"
    plain = reduce_markdown(source).plain
    assert plain.text == "Halo 👨‍👩‍👧‍👦 cafe\u0301 \u05e9\u05dc\u05d5\u05dd 🇮🇩 &"
    assert span_of(source, plain, "👨‍👩‍👧‍👦") == (9, 16)
    assert span_of(source, plain, "cafe\u0301") == (17, 22)
    assert span_of(source, plain, "\u05e9\u05dc\u05d5\u05dd") == (23, 27)
    assert span_of(source, plain, "🇮🇩") == (28, 30)
    assert_exact(source, plain)


# -- PlainText ----------------------------------------------------------------------------


def test_plaintext_span_over_several_characters_and_clamping() -> None:
    source = "a &amp; **b**"
    plain = reduce_markdown(source).plain
    assert plain.text == "a & b"
    assert plain.source_span(0, 5) == (0, 11)
    assert plain.source_span(2, 3) == (2, 7)
    assert plain.source_span(3, 3) == (7, 7)  # empty span at a character
    assert plain.source_span(5, 5) == (11, 11)  # end of text: after the last character
    assert plain.source_span(-3, 99) == (0, 11)
    assert plain.source_span(4, 2) == (10, 10)  # end before start collapses onto the start


def test_plaintext_identity() -> None:
    plain = identity("halo", 10)
    assert plain.source_span(1, 3) == (11, 13)
    assert PlainText("halo").source_span(0, 4) == (0, 4)


# -- property ---------------------------------------------------------------------------

FRAGMENTS = [
    "kata", "Sobat", "a", "b", " ", " ", "*", "**", "_", "[", "](", ")", "(", "`", "&amp;", "&#64;",
    "&copy;", "\\", "<!--", "-->", "<", ">", "\n", "\n\n", "  \n", "#", "> ", "- ", "1. ", "|", "---",
    "~~", "!", "[x](https://a.id)", "<https://b.id>", "😀", "👍🏽", "é", "e\u0301", "\t", "    ", '"', "'",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.integers(min_value=0, max_value=3))
def test_property_every_character_maps_back(parts: list[str], prefix_len: int) -> None:
    body = "".join(parts)
    source = "x" * prefix_len + body
    result = reduce_markdown(source, prefix_len)
    plain = result.plain
    assert "\x00" not in plain.text
    for i in range(len(plain.text)):
        s, e = plain.source_span(i, i + 1)
        assert prefix_len <= s <= e <= len(source)
    assert_exact(source, plain)
