"""Each check kind: what it matches, where the finding points, what it fills in."""

from __future__ import annotations

from typing import Any

import pytest

from postcheck.checks import KINDS, CompileContext, OptionError, Profile
from postcheck.drafts import build_post
from postcheck.timeparse import parse_zone

TZ = parse_zone("Asia/Jakarta")


def post(text: str, language: str | None = "id"):  # type: ignore[no-untyped-def]
    return build_post(text, path=None, default_tz=TZ, markdown=False, language=language)


def run(
    kind: str, options: dict[str, Any], text: str, language: str | None = "id", context: CompileContext | None = None
) -> list:
    cls = KINDS[kind]
    check = cls(cls.validate(options), context or CompileContext())
    return list(check.run(post(text, language)))


def spans(hits: list, text: str) -> list[str]:
    return [text[h.start : h.end] for h in hits]


class TestExistence:
    def test_whole_words_case_insensitive(self) -> None:
        text = "SEBARKAN! jangan disebarkan, sebarkanlah"
        assert spans(run("existence", {"tokens": ["sebarkan"]}, text), text) == ["SEBARKAN"]

    def test_phrase_across_spaces_not_punctuation(self) -> None:
        text = "info dari grup sebelah. grup, sebelah"
        hits = run("existence", {"tokens": ["grup sebelah"]}, text)
        assert spans(hits, text) == ["grup sebelah"]

    def test_prefix_entry(self) -> None:
        text = "fucking hell"
        assert spans(run("existence", {"tokens": ["fuck*"]}, text, "en"), text) == ["fucking"]

    def test_per_language_lists(self) -> None:
        opts = {"tokens": {"id": ["besok"], "en": ["tomorrow"]}}
        assert spans(run("existence", opts, "besok dan tomorrow", "id"), "besok dan tomorrow") == ["besok"]
        assert spans(run("existence", opts, "besok dan tomorrow", "en"), "besok dan tomorrow") == ["tomorrow"]
        # an undetermined language is checked against every list
        assert len(run("existence", opts, "besok dan tomorrow", "und")) == 2

    def test_patterns_unicode_boundaries(self) -> None:
        text = "déjà vu: a héros"
        assert spans(run("existence", {"patterns": ["h\\pL+"]}, text, "en"), text) == ["héros"]

    def test_hashtag_words_skipped_unless_asked(self) -> None:
        text = "#viral bukan viral"
        assert spans(run("existence", {"tokens": ["viral"]}, text), text) == ["viral"]
        assert len(run("existence", {"tokens": ["viral"], "include_hashtags": True}, text)) == 2

    def test_mathematical_bold_is_matched(self) -> None:
        text = "𝐇𝐄𝐁𝐎𝐇 warga"
        assert spans(run("existence", {"tokens": ["heboh"]}, text), text) == ["𝐇𝐄𝐁𝐎𝐇"]

    def test_opening_scope(self) -> None:
        text = "Wow hasil panen naik; wow sekali"
        hits = run("existence", {"tokens": ["wow"], "scope": "opening", "within": 10}, text)
        assert [h.start for h in hits] == [0]

    def test_max_findings(self) -> None:
        assert len(run("existence", {"tokens": ["a"], "max_findings": 2}, "a a a a")) == 2

    def test_needs_tokens_or_patterns(self) -> None:
        with pytest.raises(OptionError):
            run("existence", {}, "x")

    def test_near_needs_a_close_word_in_the_same_sentence(self) -> None:
        opts = {"tokens": ["yahudi"], "near_tokens": ["laknat"], "near_words": 1}
        text = "Yahudi itu laknat. Yahudi di Yerusalem. Laknat!"
        assert spans(run("existence", opts, text), text) == ["Yahudi itu laknat"]
        # two words apart is too far for near_words: 1; the default (3) allows it
        text = "yahudi memang sungguh laknat"
        assert run("existence", opts, text) == []
        assert spans(run("existence", {"tokens": ["yahudi"], "near_tokens": ["laknat"]}, text), text) == [text]

    def test_near_before_or_after_and_patterns(self) -> None:
        opts = {"tokens": ["islam"], "near_patterns": ["teroris+"], "near_words": 0}
        text = "teroriss islam. islam teroris. islam damai"
        assert spans(run("existence", opts, text), text) == ["teroriss islam", "islam teroris"]

    def test_near_word_is_not_the_match_itself(self) -> None:
        assert run("existence", {"tokens": ["babi"], "near_tokens": ["babi"]}, "babi") == []

    def test_unless_drops_matches_in_the_same_sentence(self) -> None:
        opts = {"tokens": ["bubarkan"], "unless_tokens": ["kerumunan", "polisi"]}
        text = "Polisi bubarkan kerumunan. Bubarkan DPR!"
        assert spans(run("existence", opts, text), text) == ["Bubarkan"]

    def test_unless_scope_post(self) -> None:
        opts = {"tokens": ["kafir"], "unless_patterns": ["kajian\\s+tafsir"], "unless_scope": "post"}
        assert run("existence", opts, "Kajian tafsir hari ini. Istilah kafir dibahas.") == []
        assert len(run("existence", opts, "Dasar kafir!")) == 1

    def test_unless_and_near_follow_the_post_language(self) -> None:
        opts = {"tokens": ["usir"], "unless_tokens": {"id": ["nyamuk"], "en": ["mosquito"]}}
        assert run("existence", opts, "usir nyamuk", "id") == []
        assert len(run("existence", opts, "usir mosquito", "id")) == 1

    @pytest.mark.parametrize(
        ("options", "key"),
        [
            ({"tokens": ["a"], "near_words": 2}, "near_words"),
            ({"tokens": ["a"], "unless_scope": "post"}, "unless_scope"),
            ({"tokens": ["a"], "unless_scope": "paragraph", "unless_tokens": ["b"]}, "unless_scope"),
            ({"tokens": ["a"], "near_words": -1, "near_tokens": ["b"]}, "near_words"),
            ({"tokens": ["a"], "near_tokens": ["a."]}, "near_tokens"),
        ],
    )
    def test_context_options_are_validated(self, options: dict[str, Any], key: str) -> None:
        with pytest.raises(OptionError) as info:
            run("existence", options, "a b")
        assert info.value.key == key

    def test_context_patterns_are_compiled_with_the_rule(self) -> None:
        cls = KINDS["existence"]
        check = cls(cls.validate({"tokens": ["a"], "unless_patterns": ["(a"]}), CompileContext())
        with pytest.raises(ValueError, match="bad pattern"):
            for part in check.parts():
                if hasattr(part, "validate"):
                    part.validate()


class TestSubstitution:
    def test_fix_keeps_case(self) -> None:
        text = "Silahkan masuk. SILAHKAN duduk. silahkan"
        hits = run("substitution", {"swap": {"silahkan": "silakan"}}, text)
        assert [h.fix for h in hits] == ["Silakan", "SILAKAN", "silakan"]
        assert hits[0].values == {"match": "Silahkan", "fix": "Silakan"}

    def test_multiword_fix(self) -> None:
        hits = run("substitution", {"swap": {"disini": "di sini"}}, "Ada disini.")
        assert [h.fix for h in hits] == ["di sini"]

    def test_pattern_swap_with_groups(self) -> None:
        opts = {"swap": {"([01]?\\d|2[0-3]):([0-5]\\d)(\\s*WIB)": "{1}.{2}{3}"}, "patterns": True}
        text = "mulai 08:30 WIB"
        [hit] = run("substitution", opts, text)
        assert (text[hit.start : hit.end], hit.fix) == ("08:30 WIB", "08.30 WIB")

    def test_self_swap_refused(self) -> None:
        with pytest.raises(OptionError, match="swapped for itself"):
            run("substitution", {"swap": {"Anda": "anda"}}, "x")

    def test_per_language_tables(self) -> None:
        opts = {"swap": {"id": {"hoax": "hoaks"}, "en": {"hoaks": "hoax"}}}
        assert [h.fix for h in run("substitution", opts, "ini hoax", "id")] == ["hoaks"]
        assert [h.fix for h in run("substitution", opts, "a hoaks", "en")] == ["hoax"]


class TestOccurrence:
    def test_max_points_at_first_excess(self) -> None:
        text = "a #satu #dua #tiga #empat"
        [hit] = run("occurrence", {"feature": "hashtags", "max": 2}, text)
        assert text[hit.start : hit.end] == "#tiga #empat"
        assert hit.values["count"] == 4

    def test_min(self) -> None:
        [hit] = run("occurrence", {"tokens": ["kami"], "min": 1}, "Halo semua. Apa kabar?")
        assert hit.values["count"] == 0

    def test_feature_and_tokens_exclusive(self) -> None:
        with pytest.raises(OptionError):
            run("occurrence", {"feature": "links", "tokens": ["x"], "max": 1}, "x")


class TestRequire:
    def test_fires_when_missing(self) -> None:
        [hit] = run("require", {"tokens": ["ayo"]}, "Kegiatan berlangsung. Terima kasih.")
        assert (hit.start, hit.end) == (0, len("Kegiatan berlangsung."))

    def test_silent_when_present(self) -> None:
        assert run("require", {"tokens": ["ayo"]}, "Ayo ikut!") == []

    def test_guard_and_when(self) -> None:
        opts = {"feature": "links", "if_tokens": ["pendaftaran"], "when": "words >= 3"}
        assert run("require", opts, "Kegiatan hari ini ramai sekali.") == []
        [hit] = run("require", opts, "Pendaftaran dibuka hingga Jumat.")
        assert hit.values["trigger"] == "Pendaftaran"
        assert run("require", opts, "Pendaftaran dibuka: kemkes.go.id/daftar") == []


class TestMetric:
    def test_condition_and_values(self) -> None:
        text = "INI SEMUA HURUF BESAR TANPA KECUALI YA"
        [hit] = run("metric", {"condition": "letters >= 20 and caps_ratio > 0.6"}, text)
        assert hit.values["caps_ratio"] == 1.0
        assert (hit.start, hit.end) == (0, len(text))

    def test_longest_sentence_span(self) -> None:
        text = "Pendek. Ini kalimat yang jauh lebih panjang dari yang pertama."
        [hit] = run("metric", {"condition": "max_sentence_length > 5", "span": "longest_sentence"}, text)
        assert text[hit.start : hit.end].startswith("Ini kalimat")

    @pytest.mark.parametrize("condition", ["__import__('os')", "words.__class__", "open('x')", "words if 1 else 2", "[1]"])
    def test_unsafe_conditions_refused(self, condition: str) -> None:
        with pytest.raises(OptionError):
            run("metric", {"condition": condition}, "x")


class TestRepetition:
    def test_doubled_word(self) -> None:
        text = "akan akan dibuka, ya, ya"
        [hit] = run("repetition", {}, text)
        assert text[hit.start : hit.end] == "akan akan"


class TestProfile:
    def context(self, **kwargs: Any) -> CompileContext:
        return CompileContext(profile=Profile(**kwargs))

    def test_topic(self) -> None:
        ctx = self.context(keywords=("vaksin",), handles=("kemenkes_ri",), domains=("kemkes.go.id",))
        off = "Lomba foto pemandangan alam untuk umum dibuka bulan ini dengan hadiah menarik."
        assert len(run("profile", {"require": "topic"}, off, context=ctx)) == 1
        for on in (off + " #vaksin", off + " @kemenkes_ri", off + " https://www.kemkes.go.id/x", off + " sehat.kemkes.go.id"):
            assert run("profile", {"require": "topic"}, on, context=ctx) == [], on

    def test_silent_without_profile(self) -> None:
        assert run("profile", {"require": "topic"}, "apa saja boleh di sini tanpa profil apa pun ya") == []

    def test_language(self) -> None:
        ctx = self.context(language="id")
        text = "The ministry opened twenty new clinics in eastern Indonesia this month."
        [hit] = run("profile", {"require": "language"}, text, "en", context=ctx)
        assert hit.values["expected"] == "id"


@pytest.mark.parametrize(
    "patterns",
    [
        ("sebar(?:kan|luaskan)", "hoa+ks"),
        ("\\p{Lu}{3,}", "x*"),  # an empty match must not stall the scan
        ("b\\pL*", "ab"),  # matches inside words are dropped by the boundary test
    ],
)
def test_pattern_spans_direct_and_through_the_wrapper_agree(patterns: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """``PatternSet`` calls RE2 directly on UTF-8 bytes; google-re2's wrapper must give the same spans."""
    from postcheck.checks import patterns as module

    texts = [
        "",
        "Sebarkan! HOAKS itu, sebarluaskan ab babi",
        "Kabar HOAKS 🇮🇩 é sebarkan — ab bab",  # not ASCII: offsets differ between bytes and characters
        "xxx BESAR kecil xbaby b",
    ]
    direct = module.PatternSet(patterns)
    assert direct._native is not None  # the direct path is taken where google-re2 has it
    monkeypatch.setattr(module, "_UNANCHORED", None)
    wrapped = module.PatternSet(patterns)
    assert wrapped._native is None
    for text in texts:
        expected = [(s, e) for s, e, _ in wrapped.finditer(text)]
        assert list(direct.spans(text)) == list(wrapped.spans(text)) == expected, text
        assert direct.search(text) == wrapped.search(text) == (wrapped._regex.search(text) is not None)
