"""Post features and measures."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from postcheck import post as post_module
from postcheck.drafts import build_post
from postcheck.post import Location, Post
from postcheck.text.entities import Entity
from postcheck.text.plaintext import PlainText
from postcheck.text.sentences import Sentence

WIB = ZoneInfo("Asia/Jakarta")


def make(text: str, *, markdown: bool = False, language: str | None = None) -> Post:
    return build_post(text, path=None, default_tz=WIB, markdown=markdown, language=language)


# -- measures --------------------------------------------------------------------------------------


def test_caps_ratio_ignores_hashtags() -> None:
    post = make("HALO semua #INDONESIA")
    assert post.measure("letters") == 9
    assert post.measure("caps_letters") == 4
    assert post.measure("caps_ratio") == 0.444
    assert post.measure("words") == 2
    assert post.measure("hashtags") == 1


def test_caps_ratio_all_caps_and_no_letters() -> None:
    assert make("AWAS HOAKS!").measure("caps_ratio") == 1.0
    assert make("123 !!! 😀").measure("caps_ratio") == 0.0
    assert make("").measure("caps_ratio") == 0.0


def test_styled_letters_are_counted() -> None:
    bold = make("𝐇𝐄𝐁𝐎𝐇 sekali")
    assert bold.measure("styled_letters") == 5
    assert bold.measure("letters") == 11
    assert bold.measure("caps_letters") == 5
    assert bold.measure("caps_ratio") == 0.455
    assert [w.norm for w in bold.words] == ["heboh", "sekali"]
    italic_lower = make("𝒉𝒆𝒃𝒐𝒉 ok")
    assert italic_lower.measure("styled_letters") == 5
    assert italic_lower.measure("caps_letters") == 0


def test_exclamation_runs_and_counts() -> None:
    post = make("Wah!! Serius?! Ya! Apa??? !")
    assert post.measure("exclamation_runs") == 3
    assert post.measure("exclamations") == 5
    assert post.measure("questions") == 4
    assert make("Ya! Tidak? Oke.").measure("exclamation_runs") == 0


def test_sentence_measures() -> None:
    post = make("Satu dua tiga. Empat lima! #tag #tag2\n\nEnam.")
    assert post.sentences == [Sentence(0, 14), Sentence(15, 26), Sentence(27, 37), Sentence(39, 44)]
    assert post.sentence_words == [3, 2, 0, 1]
    assert post.measure("avg_sentence_length") == 2.0
    assert post.measure("max_sentence_length") == 3
    assert post.measure("sentences") == 4
    assert post.measure("words") == 6
    assert post.measure("lines") == 3
    assert post.measure("long_sentences") == 0


def test_avg_sentence_length_rounds() -> None:
    assert make("Satu dua. Tiga empat lima. Enam.").measure("avg_sentence_length") == 2.0
    assert make("Satu dua. Tiga.").measure("avg_sentence_length") == 1.5
    assert make("Satu dua tiga. Empat. Lima.").measure("avg_sentence_length") == 1.67


def test_long_sentences() -> None:
    long = " ".join(["kata"] * 26) + ". Pendek."
    post = make(long)
    assert post.sentence_words == [26, 1]
    assert post.measure("long_sentences") == 1
    assert post.measure("max_sentence_length") == 26


def test_empty_post_measures() -> None:
    post = make("")
    assert {
        name: post.measure(name) for name in ("characters", "words", "sentences", "avg_sentence_length", "lines", "emoji")
    } == {
        "characters": 0,
        "words": 0,
        "sentences": 0,
        "avg_sentence_length": 0.0,
        "lines": 0,
        "emoji": 0,
    }
    assert post.language == "und"


def test_emoji_and_media_measures() -> None:
    post = make("Merdeka 🇮🇩👍🏽! ![Bendera](b.png)", markdown=True)
    assert post.emoji == [(8, 10), (10, 12)]
    assert post.measure("emoji") == 2
    assert post.measure("media") == 1


# -- links, mentions, hashtags -------------------------------------------------------------------------


def test_links_include_markdown_targets_without_repeats() -> None:
    post = make("Kunjungi [situs](https://kemkes.go.id/a) dan https://b.id serta [lagi](https://b.id)", markdown=True)
    assert post.text == "Kunjungi situs dan https://b.id serta lagi"
    assert [u.text for u in post.urls] == ["https://b.id"]
    assert post.links == ["https://b.id", "https://kemkes.go.id/a"]
    assert post.measure("links") == 2


def test_mentions_inside_urls_and_emails_are_not_mentions() -> None:
    post = make("Lihat https://example.com/@user dan kirim ke humas@setneg.go.id, cc @kemendag")
    assert post.mentions == [Entity(68, 77, "@kemendag", "kemendag")]
    assert [e.text for e in post.emails] == ["humas@setneg.go.id"]
    assert post.measure("mentions") == 1
    # Words inside URLs, e-mails and mentions are not words of the post.
    assert [w.text for w in post.words] == ["Lihat", "dan", "kirim", "ke", "cc"]


def test_hashtags_inside_urls_are_not_hashtags() -> None:
    post = make("https://x.com/#tag #tag")
    assert post.hashtags == [Entity(19, 23, "#tag", "tag")]
    assert [(w.text, w.in_hashtag) for w in post.words] == [("tag", True)]


def test_locate_plain_post_and_locate_line() -> None:
    post = make("baris satu\nbaris dua")
    assert post.locate(11, 16) == Location(2, 1, 2, 6)
    assert post.locate(0, 999) == Location(1, 1, 2, 10)
    assert post.locate_line(3) == Location(3, 1, 3, 1)


# -- language ------------------------------------------------------------------------------------------


def test_declared_language_is_used_without_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(words: list[str]) -> str:
        raise AssertionError("detect_language must not run when the language is declared")

    monkeypatch.setattr(post_module, "detect_language", boom)
    post = make("Join us today for the launch", language="id")
    assert post.language == "id"
    assert post.language_detected is False
    front = build_post("---\nlang: en\n---\nAyo ikut kegiatan ini bersama kami", path="d.md", default_tz=WIB)
    assert front.language == "en"
    assert front.measure("readability") == front.readability


def test_detected_language_ignores_hashtag_words(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def record(words: list[str]) -> str:
        seen.append(words)
        return "id"

    monkeypatch.setattr(post_module, "detect_language", record)
    post = make("Ayo ikut #TheBestEvent di sini")
    assert post.language == "id"
    assert post.language_detected is True
    assert seen == [["ayo", "ikut", "di", "sini"]]
    assert post.language == "id"
    assert len(seen) == 1  # cached


def test_detected_language_real() -> None:
    assert make("Ayo ikuti kegiatan ini bersama kami di Jakarta").language == "id"
    assert make("Join us today for the launch of our new service").language == "en"


def test_readability_uses_the_language() -> None:
    id_post = make("Ayo ke pantai. Kita main bola.", language="id")
    en_post = make("The cat sat on the mat. It was happy.", language="en")
    assert isinstance(id_post.readability, float)
    assert isinstance(en_post.readability, float)
    assert make("", language="id").readability == 100.0


def test_post_from_parts() -> None:
    post = Post(source="xxHalo", plain=PlainText("Halo", 2))
    assert post.text == "Halo"
    assert post.locate(0, 4) == Location(1, 3, 1, 7)
    assert post.media == ()
    assert post.links == []
