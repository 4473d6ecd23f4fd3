"""Hypothesis generators of hostile input for the reliability properties.

Everything here produces what a user, a colleague or a platform export might hand
postcheck: Markdown drafts with front matter that is valid, odd or broken YAML; text full of
Unicode traps (bidi controls, ZWJ sequences, combining marks, lone surrogates, NUL, BOMs,
every line ending); rule files built around the rule schema and then damaged; and export
records for ``tweets.js``, ``outbox.json``, JSON Lines and CSV.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from typing import Any

import yaml
from hypothesis import strategies as st

# -- text -------------------------------------------------------------------------------------

#: Unicode that trips up naive text code: bidi controls, joiners, combining marks, variation
#: selectors, non-characters, private use, wide and styled letters, odd spaces and line breaks.
UNICODE_TRAPS = [
    "\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u061c",  # bidi
    "\u200d", "\u200c", "\u2060", "\u00ad", "\ufeff",  # joiners, soft hyphen, BOM
    "👨\u200d👩\u200d👧\u200d👦", "🏳\ufe0f\u200d🌈", "👍🏽", "🇮🇩", "1\ufe0f\u20e3", "❤\ufe0f", "\U0001faf6🏿",
    "e\u0301", "a\u0300\u0301\u0302\u0303\u0304\u0305\u0306", "\u0301", "\u0301\u0301abc", "Z\u0351\u0352\u0357\u0358",
    "\x00", "\x01", "\x7f", "\x1b[31m", "\u0085", "\u2028", "\u2029", "\x0b", "\x0c", "\t", "\u00a0", "\u3000", "\u2009",
    "𝐇𝐄𝐁𝐎𝐇", "𝓈𝑒𝒷𝒶𝓇𝓀𝒶𝓃", "ＳＥＢＡＲＫＡＮ", "ﬁ", "ß", "İstanbul", "ǅ", "Ⅻ", "①", "٣٤", "१२",
    "العربية", "עברית", "日本語の文章", "한국어", "ไทย", "ꦗꦮ", "ᬩᬮᬶ",  # Arabic, Hebrew, CJK, Javanese, Balinese script
    "\ufffd", "\ufffe", "\uffff", "\U0010ffff", "\ue000", "\U000e0001", "\U000e0041",
    "…", "—", "–", "“", "”", "‘", "’", "«", "»", "‹", "›",
]
LONE_SURROGATES = ["\ud800", "\udfff", "\udc00x", "a\ud83d"]

#: Words and phrases the built-in rules react to (spelling fixes, hoax markers, dates, times,
#: hate speech, entities), so that generated drafts produce findings and fixes.
RULE_BAIT = [
    "Silahkan", "SILAHKAN", "antri", "disini", "Jum'at", "Pebruari", "Himbauan", "anda", "aktifitas", "analisa",
    "SEBARKAN sebelum dihapus!", "viralkan", "heboh", "ternyata", "HEBOH!!!", "bukan hoaks", "katanya", "wow",
    "27 Februari 2026", "Kamis (17/01)", "Senin, 2 Maret 2026", "besok", "kemarin", "hari ini", "minggu depan",
    "pukul 08:00 WIB", "pukul 25.99", "jam 7 malam", "2019", "1/13/2026", "31/02/2026", "00.00 WITA", "08:00",
    "Selamat pagi", "Selamat malam", "tanggal 32", "pada 2026-02-30",
    "#vaksin", "#", "##", "#123", "@kemenkes_ri", "@", "user@example.com", "https://kemkes.go.id/a?b=c#d",
    "bit.ly/abc", "http://", "www.", "https://[::1]/", "kafir", "anjing", "cebong", "kadrun",
    "the the", "sama sama", "klik link di bio", "Yuk daftar!", "?", "!", "!!!", "...", "....", "?!",
    "Share before it's deleted", "BREAKING NEWS", "you won't believe", "click here",
]
MARKDOWN = [
    "**", "*", "_", "__", "~~", "`", "``", "```\nkode disini\n```", "~~~", "    indented code", "> ", "# ", "###### ",
    "- ", "* ", "1. ", "10) ", "[tautan](https://contoh.go.id/disini)", "[x][ref]", "[ref]: https://a.id", "![alt](img.png)",
    "![](x.jpg)", "<https://a.id>", "<!-- komentar -->", "<!--", "-->", "<!-- postcheck-disable -->",
    "<!-- postcheck-enable -->", "<!-- postcheck-disable-next-line quality -->", "<!-- postcheck-disable-file -->",
    "&amp;", "&nbsp;", "&#x1F600;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "&", "\\*", "\\", "\\\n", "  \n",
    "<b>", "</b>", "<br>", "<script>x</script>", "|a|b|\n|-|-|\n|c|d|", "***", "---", "===", "Sila**h**kan",
    "[", "]", "(", ")", "[]()", "<", ">",
]
NEWLINES = ["\n", "\r\n", "\r"]
SEPARATORS = [" ", "", ", ", ". ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\t", "  "]

_no_surrogates = st.characters(exclude_categories=("Cs",))


def pieces(*, surrogates: bool = False) -> st.SearchStrategy[str]:
    """One piece of a draft: bait words, Markdown, Unicode traps, or arbitrary text."""
    choices = [
        st.sampled_from(RULE_BAIT),
        st.sampled_from(MARKDOWN),
        st.sampled_from(UNICODE_TRAPS),
        st.text(_no_surrogates, max_size=12),
    ]
    if surrogates:
        choices.append(st.sampled_from(LONE_SURROGATES))
    return st.one_of(*choices)


@st.composite
def bodies(draw: st.DrawFn, *, surrogates: bool = False, max_pieces: int = 30) -> str:
    """A draft body: pieces joined by spaces, punctuation and every kind of line break."""
    parts = draw(st.lists(st.tuples(pieces(surrogates=surrogates), st.sampled_from(SEPARATORS)), max_size=max_pieces))
    body = "".join(p + s for p, s in parts)
    if draw(st.integers(0, 9)) == 0:  # now and then a long, repetitive post
        body = body * draw(st.integers(2, 40))
    return body


# -- front matter -------------------------------------------------------------------------------

KNOWN_KEYS = ["platform", "platforms", "lang", "language", "publish_at", "account", "title", "media", "tags"]
GOOD_VALUES: dict[str, list[Any]] = {
    "platform": ["x", "instagram", ["x", "facebook"], "x, threads", "twitter", "X", "tiktok", "bluesky"],
    "platforms": [["mastodon", "linkedin"], "youtube"],
    "lang": ["id", "en", "auto", "id-ID", "en_US", "jv"],
    "language": ["id", "en"],
    "publish_at": ["2026-03-02T08:00:00+07:00", "2026-03-02 08:00", "2026-03-02", "2026-03-02 08:00 WIB",
                   "2020-01-17T10:00Z", "2026-03-02T08:00:00.123456+05:45"],
    "account": ["kemenkes_ri", 12345],
    "title": ["Imunisasi anak", "Silahkan antri disini", ""],
    "media": ["foto.jpg", {"src": "a.png", "alt": "Perawat"}, [{"src": "b.jpg"}, "c.mp4", {"file": "d.png", "alt_text": "x"}]],
    "tags": [["imunisasi", "vaksin"], "satu", [1, 2]],
}
BAD_VALUES: dict[str, list[Any]] = {
    "platform": ["myspace", "../../../etc/passwd", 7, {"a": 1}, [1], None],
    "lang": ["indonesia", "", 1, ["id"], "x" * 300],
    "publish_at": ["kemarin", "2026-13-45", "2026-02-30T25:61", "9999-12-31T23:59:59-23:59", "0001-01-01", "",
                   "2026-03-02T08:00+07:00 WIB", 1e308, True, "2026-03-02 08:00 XYZ", "2026-03-02T08:00+99:00"],
    "account": [[1, 2], {"a": "b"}, None, 1.5],
    "media": [42, [42], [{"src": 1}], [{"alt": ["x"]}], [None], {"src": {"deep": True}}],
    "tags": [{"a": 1}, [None], [[1]]],
}


def yaml_values(max_leaves: int = 8) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(_no_surrogates, max_size=20),
        st.sampled_from(["yes", "no", "on", "off", "~", "null", ".nan", "-.inf", "0x1F", "0o17", "1_000", "12:30:00",
                         "2026-01-01", "2026-01-01 10:00:00", "<<", "=", "!", "&anchor", "*alias", "'", '"', "#", ":", "- "]),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(st.text(_no_surrogates, max_size=8), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


@st.composite
def valid_front_matter(draw: st.DrawFn) -> str:
    """YAML that parses: known keys with good or bad values, random extra keys, any style."""
    data: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(KNOWN_KEYS), unique=True, max_size=5)):
        options = GOOD_VALUES.get(key, []) + BAD_VALUES.get(key, [])
        data[key] = draw(st.sampled_from(options)) if options else draw(yaml_values())
    data.update(draw(st.dictionaries(st.text(_no_surrogates, min_size=1, max_size=10), yaml_values(), max_size=4)))
    return yaml.safe_dump(
        data,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=draw(st.booleans()),
        width=draw(st.sampled_from([20, 80, 10_000])),
    )


BROKEN_YAML_LINES = [
    "key: value", "key: [unclosed", "key: {a: 1", "\tkey: tab", "key: 'unclosed", 'key: "bad \\q escape"',
    "a: &x [1, 2]", "b: *x", "c: *missing", "bomb: &b [*b]", "<<: *x", "d: !!python/object/apply:os.system ['true']",
    "e: !!python/name:os.system", "f: !!binary aGVsbG8=", "g: !custom tag", "? [complex, key]\n: v", "- item", ": novalue",
    "%YAML 1.1", "--- # another document", "k: {a: 1, a: 2}", "dup: 1\ndup: 2", "k: |\n  block\n   more", "k: >-\n folded",
    "    deeply: indented", "k: [[[[[[[[[[]]]]]]]]]]", "k: @reserved", "k: `reserved", "lang: id\nlang: en",
    "publish_at: 2026-03-02 08:00:00", "media:\n  - src: a.png\n    alt:", "tags: [a, [b, {c: d}]]", "\x00", "\x1b", "\ufeff",
    "k: \u0085", "k: 'multi\n  line'", "...", "---", "", "   ", "#comment",
]


@st.composite
def broken_front_matter(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(BROKEN_YAML_LINES), st.text(_no_surrogates, max_size=15)), max_size=8))
    return "\n".join(lines) + "\n"


@st.composite
def drafts(draw: st.DrawFn, *, surrogates: bool = False) -> str:
    """A whole draft as text: optional front matter (valid or broken, closed or not) and a body."""
    body = draw(bodies(surrogates=surrogates))
    kind = draw(st.sampled_from(["none", "valid", "broken", "empty", "unclosed"]))
    if kind == "none":
        text = body
    else:
        front = {"valid": valid_front_matter, "broken": broken_front_matter}.get(kind, lambda: st.just(""))
        fm = draw(front()) if kind in ("valid", "broken") else ""
        closing = "" if kind == "unclosed" else draw(st.sampled_from(["---\n", "...\n", "---", "---   \n"]))
        text = draw(st.sampled_from(["---\n", "---  \n"])) + fm + closing + body
    newline = draw(st.sampled_from([*NEWLINES, "mixed"]))
    if newline == "mixed":
        lines = text.split("\n")
        text = "".join(line + draw(st.sampled_from(NEWLINES)) for line in lines[:-1]) + lines[-1]
    elif newline != "\n":
        text = text.replace("\n", newline)
    if draw(st.integers(0, 14)) == 0:
        text = "\ufeff" + text
    return text


ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", b""),  # UTF-16 without a BOM: refused (NUL bytes), never guessed
    ("latin-1", b""),  # not UTF-8: refused with the line
    ("cp1252", b""),
]


@st.composite
def draft_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """``(bytes, suffix)`` of a draft file in any encoding, now and then corrupted byte by byte."""
    text = draw(drafts())
    encoding, bom = draw(st.sampled_from(ENCODINGS))
    data = bom + text.encode(encoding, errors="replace")
    mutation = draw(st.integers(0, 9))
    if mutation == 0 and data:  # flip a byte
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    elif mutation == 1:  # random bytes spliced in
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=16)) + data[at:]
    elif mutation == 2 and data:  # truncated mid-character
        data = data[: draw(st.integers(0, len(data)))]
    suffix = draw(st.sampled_from([".md", ".markdown", ".txt", ".MD"]))
    return data, suffix


# -- rule files -------------------------------------------------------------------------------

PATTERN_PIECES = [
    "a", "b", "abc", ".", ".*", ".+", "a+", "(a+)+$", "(a|aa)*c", "(x+x+)+y", "\\pL+", "\\p{Lu}", "\\d{1,3}", "[a-z]",
    "[^\\n]*", "^", "$", "\\b", "\\w+", "(?i)", "(?:x|y)", "(?P<name>z)", "x{2,}", "x{1000}", "x{1001}", "\\x{1F600}",
    "[", "(", ")", "*", "+?", "\\", "\\1", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?P=name)", "\\Z", "\\z", "\\Q.*\\E",
    "sebarkan", "hoaks", "(silah|sila)kan", "\\s+", "|", "||", "()", "(?s).", "\\C", "[[:alpha:]]", "\\pN", "\\p{Greek}",
]
MEASURE_NAMES = ["letters", "caps_ratio", "words", "sentences", "exclamations", "readability", "emoji", "links", "hashtags"]
CONDITION_PIECES = [*MEASURE_NAMES, "and", "or", "not", ">", "<", ">=", "==", "!=", "+", "-", "*", "/", "0", "1", "0.6", "20",
                    "(", ")", "__import__('os')", "open('x')", "x.y", "f()", "lambda: 1", "[1]", "'s'", "**", "//", "%",
                    "1e400", "unknown_measure", "True", "None", "if", "else", ":="]


def _pattern() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=4).map("".join)


def _condition() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(CONDITION_PIECES), min_size=1, max_size=7).map(" ".join)


def _words() -> st.SearchStrategy[Any]:
    word = st.one_of(st.sampled_from(RULE_BAIT), st.text(_no_surrogates, min_size=0, max_size=10))
    as_list = st.lists(word, max_size=5)
    return st.one_of(as_list, st.fixed_dictionaries({}, optional={"id": as_list, "en": as_list}), word)


#: Options of each kind with generators of plausible (and implausible) values.
KIND_OPTIONS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "existence": {"tokens": _words(), "patterns": st.lists(_pattern(), max_size=3),
                  "scope": st.sampled_from(["text", "opening", "first_sentence", "first_line", "last_line", "nowhere"]),
                  "within": st.integers(-5, 500), "ignorecase": st.booleans(), "word_boundary": st.booleans(),
                  "include_hashtags": st.booleans(), "max_findings": st.integers(-1, 5)},
    "substitution": {"swap": st.dictionaries(st.one_of(st.sampled_from(RULE_BAIT), _pattern()),
                                             st.one_of(st.text(_no_surrogates, max_size=10), st.just("{1}"), st.just("{9}")),
                                             max_size=4),
                     "patterns": st.booleans(), "keep_case": st.booleans(), "ignorecase": st.booleans()},
    "occurrence": {"feature": st.sampled_from(["hashtags", "mentions", "links", "emoji", "exclamations", "questions",
                                               "media", "unicorns"]),
                   "tokens": _words(), "min": st.integers(-1, 5), "max": st.integers(-1, 5)},
    "require": {"tokens": _words(), "patterns": st.lists(_pattern(), max_size=2), "when": _condition(),
                "if_tokens": _words(), "if_patterns": st.lists(_pattern(), max_size=2), "or_links": st.booleans(),
                "feature": st.sampled_from(["links", "mentions", "hashtags", "media"]),
                "scope": st.sampled_from(["text", "opening", "first_line", "last_line"])},
    "metric": {"condition": _condition(), "span": st.sampled_from(["text", "first_sentence", "longest_sentence", "all"])},
    "repetition": {"allow": _words(), "min_length": st.integers(-1, 10)},
    "profile": {"require": st.sampled_from(["topic", "language", "planet"]), "min_words": st.integers(-1, 30)},
    "platform": {"check": st.sampled_from(["length", "hashtags", "mentions", "links", "media", "alt-missing", "alt-length",
                                           "truncation-cta", "hashtag-length", "forbidden", "telepathy"]),
                 "tokens": _words()},
    "dates": {"check": st.sampled_from(["weekday-mismatch", "past-event", "relative-only", "time-no-zone", "time-colon",
                                        "greeting-hour", "old-year", "time-travel"]),
              "tokens": _words(), "min_age": st.integers(-1, 50)},
}
MESSAGES = ["Found {match}.", {"id": "Ada {match}", "en": "Found {match}"}, "Count {count} of {max}", "{caps_ratio} caps",
            "{nope}", "{", "}", "{0}", "{match!r}", "{match.__class__}", "{match:>99999}", "{match[0]}", "{{match}}", "",
            {"fr": "x"}, {"en": ""}, 42]


@st.composite
def rules(draw: st.DrawFn) -> dict[str, Any]:
    """One rule: a valid skeleton of a random kind, then options and keys added, changed or dropped."""
    kind = draw(st.sampled_from([*KIND_OPTIONS, "telepathy"]))
    rule: dict[str, Any] = {
        "id": draw(st.sampled_from(["house/x", "house/y", "quality/spelling-id", "Bad Id", "a/b/c", "house/x"])),
        "kind": kind,
        "category": draw(st.sampled_from(["quality", "safety", "timeliness", "authenticity", "misc"])),
        "severity": draw(st.sampled_from(["error", "warning", "info", "fatal"])),
        "message": draw(st.sampled_from(MESSAGES)),
    }
    options = KIND_OPTIONS.get(kind, {})
    for name in draw(st.lists(st.sampled_from(sorted(options) or ["tokens"]), unique=True, max_size=4)):
        if name in options:
            rule[name] = draw(options[name])
    if draw(st.booleans()):
        rule["languages"] = draw(st.sampled_from([["id"], ["en"], ["id", "en"], "id", [1], ["xx"]]))
    if draw(st.integers(0, 3)) == 0:
        rule["platforms"] = draw(st.sampled_from([["x"], ["instagram", "x"], ["myspace"]]))
    if draw(st.integers(0, 3)) == 0:
        rule["weight"] = draw(st.one_of(st.floats(-1, 5), st.sampled_from([True, "heavy", 0])))
    if draw(st.integers(0, 3)) == 0:
        rule["examples"] = draw(st.sampled_from([{"bad": ["SEBARKAN!"], "good": ["Halo"]}, {"bad": [{"text": "x", "lang": "id"}]},
                                                 {"ugly": []}, ["x"], {"bad": [{"text": 1}]}]))
    for _ in range(draw(st.integers(0, 2))):  # damage: drop a key, or add an unknown one, or scramble a value
        action = draw(st.sampled_from(["drop", "add", "scramble"]))
        keys = sorted(rule)
        if action == "drop" and keys:
            rule.pop(draw(st.sampled_from(keys)))
        elif action == "add":
            rule[draw(st.sampled_from(["path", "file", "include", "eval", "tokenz", "exec"]))] = "/etc/passwd"
        elif keys:
            rule[draw(st.sampled_from(keys))] = draw(yaml_values(max_leaves=3))
    return rule


@st.composite
def rule_files(draw: st.DrawFn) -> str:
    """The text of a rule file: usually a YAML list of generated rules, sometimes hostile YAML."""
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return draw(broken_front_matter())
    if shape == 1:
        return yaml.safe_dump(draw(yaml_values()), allow_unicode=True)
    return yaml.safe_dump(draw(st.lists(rules(), min_size=1, max_size=3)), allow_unicode=draw(st.booleans()), sort_keys=False)


# -- export records -----------------------------------------------------------------------------

def json_values(max_leaves: int = 10) -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
    return st.recursive(
        scalars,
        lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
        max_leaves=max_leaves,
    )


def post_texts() -> st.SearchStrategy[str]:
    """Texts of exported posts; lone surrogates included (JSON escapes them as \\ud800)."""
    return st.one_of(bodies(surrogates=True, max_pieces=12), st.text(max_size=40))


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(value, json_values(max_leaves=3))


@st.composite
def tweets(draw: st.DrawFn) -> Any:
    tweet = draw(st.fixed_dictionaries(
        {},
        optional={
            "id_str": _maybe(st.integers(0, 10**19).map(str)),
            "full_text": _maybe(post_texts()),
            "created_at": _maybe(st.sampled_from(["Thu Feb 26 19:50:10 +0000 2026", "Mon Jan 05 00:00:00 +0700 2026",
                                                  "Fri Feb 30 10:00:00 +0000 2026", "Thu Xyz 26 19:50:10 +0000 2026", ""])),
            "lang": _maybe(st.sampled_from(["in", "id", "en", "und", "qme", "zxx"])),
            "retweeted": _maybe(st.booleans()),
            "entities": _maybe(st.fixed_dictionaries({}, optional={
                "urls": st.lists(st.fixed_dictionaries({}, optional={"expanded_url": _maybe(st.text(max_size=20))}), max_size=2),
                "hashtags": st.lists(st.fixed_dictionaries({}, optional={"text": _maybe(st.text(max_size=10))}), max_size=2),
                "user_mentions": st.lists(st.fixed_dictionaries({}, optional={"screen_name": _maybe(st.text(max_size=10))}),
                                          max_size=2),
            })),
            "extended_entities": _maybe(st.fixed_dictionaries({"media": st.lists(st.fixed_dictionaries({}, optional={
                "type": _maybe(st.sampled_from(["photo", "video"])), "media_url_https": _maybe(st.text(max_size=10)),
                "ext_alt_text": _maybe(st.text(max_size=10))}), max_size=2)})),
            "in_reply_to_status_id_str": _maybe(st.text(max_size=5)),
        },
    ))
    return draw(st.sampled_from([{"tweet": tweet}, tweet, {"tweet": draw(json_values(3))}]))


@st.composite
def activities(draw: st.DrawFn) -> Any:
    note = draw(st.fixed_dictionaries({}, optional={
        "id": _maybe(st.sampled_from(["https://m.id/users/a/statuses/1", "https://m.id/users/a/statuses/2", ""])),
        "content": _maybe(post_texts().map(lambda t: f"<p>{t}</p>")),
        "contentMap": _maybe(st.dictionaries(st.sampled_from(["id", "en"]), post_texts(), max_size=2)),
        "published": _maybe(st.sampled_from(["2026-02-01T10:00:00Z", "2026-02-01T10:00:00", "kemarin", ""])),
        "tag": _maybe(st.lists(st.fixed_dictionaries({"type": st.sampled_from(["Hashtag", "Mention", "Emoji"]),
                                                      "name": _maybe(st.text(max_size=8))}), max_size=3)),
        "attachment": _maybe(st.lists(st.fixed_dictionaries({}, optional={"mediaType": _maybe(st.text(max_size=10)),
                                                                          "name": _maybe(st.text(max_size=10))}), max_size=2)),
        "to": _maybe(st.sampled_from([["https://www.w3.org/ns/activitystreams#Public"], ["https://m.id/users/a/followers"],
                                      ["https://m.id/users/b"], []])),
        "summary": _maybe(st.text(max_size=10)),
    }))
    activity = draw(st.fixed_dictionaries({"type": _maybe(st.sampled_from(["Create", "Announce", "Delete"]))}, optional={
        "id": _maybe(st.sampled_from(["https://m.id/users/a/statuses/1/activity", "https://m.id/a/2"])),
        "actor": _maybe(st.sampled_from(["https://m.id/users/a", "not a url"])),
        "object": st.one_of(st.just(note), json_values(3)),
    }))
    return activity


@st.composite
def jsonl_records(draw: st.DrawFn) -> Any:
    return draw(st.one_of(
        st.fixed_dictionaries({"text": _maybe(post_texts())}, optional={
            "id": json_values(1), "platform": _maybe(st.sampled_from(["x", "instagram", "myspace"])),
            "language": _maybe(st.sampled_from(["id", "en", "zz"])), "time": _maybe(st.one_of(
                st.sampled_from(["2026-02-01T10:00:00+07:00", "2026-02-01", "nope"]), st.integers(), st.floats()))}),
        json_values(),
    ))


def damage_json(draw: st.DrawFn, text: str) -> str:
    """Sometimes truncate or corrupt a JSON text, the way interrupted downloads and hand edits do."""
    how = draw(st.integers(0, 7))
    if how == 0 and text:
        return text[: draw(st.integers(0, len(text)))]
    if how == 1:
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from([",", "]", "}", "{", "[", '"', "\\", "\x00", ",,", "NaN", "\ufeff"])) + text[at:]
    if how == 2:  # a duplicated key
        return text.replace('"text":', '"text": "dup", "text":', 1).replace('"tweet":', '"tweet": {}, "tweet":', 1)
    return text


@st.composite
def export_files(draw: st.DrawFn) -> tuple[str, dict[str, bytes], str | None]:
    """``(kind, {relative name: bytes}, source_format)``: a small export of one kind, maybe damaged."""
    kind = draw(st.sampled_from(["x", "mastodon", "jsonl", "csv"]))
    ascii_only = draw(st.booleans())
    if kind == "x":
        items = draw(st.lists(tweets(), max_size=5))
        body = json.dumps(items, ensure_ascii=ascii_only, indent=draw(st.sampled_from([None, 2])))
        prefix = draw(st.sampled_from(["window.YTD.tweets.part0 = ", "", "window.YTD.tweets.part0 = window.x = "]))
        text = damage_json(draw, prefix + body)
        files = {"data/tweets.js": text.encode("utf-8", "surrogatepass")}
        if draw(st.booleans()):
            account = [{"account": {"username": draw(_maybe(st.text(max_size=8))), "email": "someone@example.com"}}]
            files["data/account.js"] = ("window.YTD.account.part0 = " + json.dumps(account)).encode()
        return kind, files, None
    if kind == "mastodon":
        items = draw(st.lists(activities(), max_size=5))
        outbox: dict[str, Any] = {"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection",
                                  "totalItems": draw(json_values(1)), "orderedItems": items}
        text = json.dumps(outbox, ensure_ascii=ascii_only)
        if draw(st.booleans()):  # the orderedItems key twice, as real outboxes sometimes have
            text = text[:-1] + ', "orderedItems": ' + json.dumps(draw(st.lists(activities(), max_size=2))) + "}"
        return kind, {"outbox.json": damage_json(draw, text).encode("utf-8", "surrogatepass")}, None
    if kind == "jsonl":
        items = draw(st.lists(jsonl_records(), max_size=6))
        if draw(st.booleans()):
            text = "\n".join(json.dumps(item, ensure_ascii=ascii_only) for item in items)
            text = draw(st.sampled_from(["", "\ufeff"])) + text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\n\n"])))
        else:
            text = json.dumps(items, ensure_ascii=ascii_only, indent=draw(st.sampled_from([None, 1])))
        return kind, {"posts.jsonl": damage_json(draw, text).encode("utf-8", "surrogatepass")}, "jsonl"
    header = draw(st.lists(st.sampled_from(["text", "id", "platform", "language", "time", "Text", "", "text "]),
                           min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(st.one_of(post_texts(), st.sampled_from(["2026-02-01T10:00", "x", "id", ""])),
                                  min_size=0, max_size=len(header) + 1), max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])),
                        lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = draw(st.sampled_from(["", "\ufeff"])) + buffer.getvalue()
    if draw(st.integers(0, 4)) == 0:
        text = text[: draw(st.integers(0, len(text)))] + draw(st.sampled_from(['"', '"unclosed\n', "\x00", "\r"]))
    return kind, {"posts.csv": text.encode("utf-8", "surrogatepass")}, "csv"
