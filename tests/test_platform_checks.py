"""The platform kind and thread suggestions: a draft checked the way each network sees it."""

from __future__ import annotations

from typing import Any

import pytest

from postcheck.checks import KINDS, CompileContext
from postcheck.drafts import build_post
from postcheck.platforms import load_profile
from postcheck.text.counting import x_weighted_length
from postcheck.text.threads import split_thread
from postcheck.timeparse import parse_zone

TZ = parse_zone("Asia/Jakarta")


def run(options: dict[str, Any], text: str, platform: str | None, context: CompileContext | None = None) -> list:
    cls = KINDS["platform"]
    check = cls(cls.validate(options), context or CompileContext())
    post = build_post(text, path="d.md", default_tz=TZ, markdown=True, language="id")
    post.platform = platform
    return list(check.run(post))


def test_x_length_counts_weighted_and_marks_the_overflow() -> None:
    text = "a" * 270 + " 日本語日本語"  # 271 + 6 CJK × 2 = 283
    [hit] = run({"check": "length"}, text, "x")
    assert hit.values["count"] == 283
    assert hit.values["limit"] == 280
    assert hit.start == 275  # the CJK character that passes 280 (271 + 2 + 2 + 2 + 2 > 280)
    assert run({"check": "length"}, text, "instagram") == []


def test_x_links_count_23() -> None:
    text = "Info: kemkes.go.id/" + "x" * 300
    [hit] = run({"check": "length"}, "b" * 260 + " " + text, "x")
    assert hit.values["count"] == 260 + 1 + len("Info: ") + 23


def test_bluesky_graphemes_and_bytes() -> None:
    family = "👨‍👩‍👧‍👦"  # one grapheme, 25 UTF-8 bytes
    assert run({"check": "length"}, family * 120, "bluesky") == []  # 120 graphemes, 3,000 bytes
    [hit] = run({"check": "length"}, family * 121, "bluesky")
    assert (hit.values["unit"], hit.values["count"], hit.values["limit"]) == ("bytes", 3025, 3000)
    [hit] = run({"check": "length"}, "é" * 301, "bluesky")
    assert (hit.values["unit"], hit.values["count"], hit.start) == ("graphemes", 301, 300)


def test_override_from_configuration() -> None:
    context = CompileContext(platform_overrides={"mastodon": {"text_limit": 1000}})
    text = "kata " * 150  # 750 characters
    assert run({"check": "length"}, text, "mastodon") != []
    assert run({"check": "length"}, text, "mastodon", context) == []


def test_instagram_hashtag_cap_points_at_the_excess() -> None:
    limit = load_profile("instagram").max_hashtags
    assert limit is not None
    tags = " ".join(f"#tag{i}" for i in range(limit + 2))
    [hit] = run({"check": "hashtags"}, "Halo " + tags, "instagram")
    assert hit.values["count"] == limit + 2
    assert ("Halo " + tags)[hit.start :].startswith(f"#tag{limit}")


def test_threads_link_count() -> None:
    links = " ".join(f"contoh{i}.go.id" for i in range(6))
    [hit] = run({"check": "links"}, "Tautan: " + links, "threads")
    assert (hit.values["count"], hit.values["limit"]) == (6, 5)


def test_alt_text_missing_points_at_the_media_line() -> None:
    text = "---\nmedia:\n  - src: a.jpg\n    alt: Peta lokasi posyandu.\n  - src: b.jpg\n---\nHalo\n"
    [hit] = run({"check": "alt-missing"}, text, None)
    assert (hit.line, hit.values["match"]) == (5, "b.jpg")


def test_alt_text_too_long() -> None:
    limit = load_profile("x").alt_text_limit
    text = f"---\nmedia:\n  - src: a.jpg\n    alt: {'a' * (limit + 1)}\n---\nHalo\n"
    [hit] = run({"check": "alt-length"}, text, "x")
    assert hit.values["count"] == limit + 1


def test_cta_after_the_fold() -> None:
    fold = load_profile("instagram").truncation
    assert fold is not None
    late = "Kegiatan kami minggu ini sangat ramai dan penuh semangat. " * 4 + "Daftar sekarang di kemkes.go.id."
    [hit] = run({"check": "truncation-cta", "tokens": ["daftar"]}, late, "instagram")
    assert hit.start >= fold
    early = "Daftar sekarang! " + late
    assert run({"check": "truncation-cta", "tokens": ["daftar"]}, early, "instagram") == []


def test_youtube_forbidden_characters() -> None:
    hits = run({"check": "forbidden"}, "Nilai 3 < 5 dan 7 > 2", "youtube")
    assert [h.values["match"] for h in hits] == ["<", ">"]


def test_no_platform_no_platform_findings() -> None:
    assert run({"check": "length"}, "x" * 100_000, None) == []


@pytest.mark.parametrize("size", [281, 600, 2000])
def test_thread_parts_fit_and_keep_every_word(size: int) -> None:
    sentences = [f"Kalimat nomor {i} menjelaskan layanan kami 🇮🇩 dengan jelas." for i in range(size // 50 + 1)]
    text = " ".join(sentences)
    parts = split_thread(text, 280, x_weighted_length)
    assert len(parts) > 1 or x_weighted_length(text) <= 280
    n = len(parts)
    for i, part in enumerate(parts, 1):
        assert x_weighted_length(part) <= 280
        assert part.endswith(f" {i}/{n}")
    rebuilt = " ".join(p.rsplit(" ", 1)[0] for p in parts)
    assert rebuilt.split() == text.split()


def test_thread_splits_at_sentence_boundaries() -> None:
    first = "A" * 200 + "."
    second = "B" * 200 + "."
    parts = split_thread(f"{first} {second}", 280, x_weighted_length)
    assert parts == [f"{first} 1/2", f"{second} 2/2"]


def test_unknown_platform_is_an_input_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import postcheck

    draft = tmp_path / "d.md"
    draft.write_text("---\nplatform: myspace\n---\nHalo\n")
    report = postcheck.lint_paths([draft])
    [problem] = report.problems
    assert problem.line == 2 and "unknown platform 'myspace'" in problem.message
    with pytest.raises(postcheck.PostcheckError, match="unknown platform 'orkut'"):
        postcheck.check_text("Halo", platform="orkut")


def test_limit_overridden_in_postcheck_yaml(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import postcheck

    draft = tmp_path / "d.md"
    draft.write_text("---\nplatform: mastodon\nlang: id\n---\n" + "Informasi layanan warga. " * 30 + "\n")  # 750 characters

    def length_errors() -> list:  # type: ignore[type-arg]
        report = postcheck.lint_paths([draft])
        return [f for r in report.results for f in r.findings if f.rule == "relevance/platform-length"]

    [finding] = length_errors()
    assert "of 500" in finding.message or "dari batas 500" in finding.message
    (tmp_path / "postcheck.yaml").write_text("platform_settings:\n  mastodon:\n    text_limit: 1000\n")
    postcheck.config.load_config.cache_clear()
    postcheck.config._find_in.cache_clear()
    assert length_errors() == []
    (tmp_path / "postcheck.yaml").write_text("platform_settings:\n  mastodon:\n    text_limt: 1000\n")
    postcheck.config.load_config.cache_clear()
    with pytest.raises(postcheck.PostcheckError, match="text_limt"):
        postcheck.lint_paths([draft])


def test_cli_reports_each_platform_in_terminal_and_json(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    draft = tmp_path / "d.md"
    draft.write_text("---\nlang: id\n---\n" + "Pengumuman layanan publik untuk seluruh warga kecamatan. " * 6 + "\n")
    text = cli(["lint", "--platform", "x,bluesky,instagram", str(draft)])
    for name in ("(x)", "(bluesky)", "(instagram)"):
        assert name in text.stdout
    data = json.loads(cli(["lint", "--format", "json", "--platform", "x,bluesky,instagram", str(draft)]).stdout)
    assert [r["platform"] for r in data["results"]] == ["x", "bluesky", "instagram"]
    over = {r["platform"] for r in data["results"] for f in r["findings"] if f["rule"] == "relevance/platform-length"}
    assert over == {"x", "bluesky"}
    assert all(f["platform"] == r["platform"] for r in data["results"] for f in r["findings"])
