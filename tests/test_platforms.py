"""Platform profiles: the shipped data, the loader, aliases, validation and overrides."""

from __future__ import annotations

import datetime
from importlib import resources
from typing import Any

import pytest
import yaml

from postcheck import platforms
from postcheck.platforms import (
    ALIASES,
    BASES,
    PlatformProfile,
    available,
    load_profile,
    profile_from_mapping,
)

EXPECTED = {
    # name: (text_limit, counting, byte_limit)
    "x": (280, "x-weighted", None),
    "x-premium": (25_000, "x-weighted", None),
    "threads": (500, "characters", None),
    "instagram": (2_200, "characters", None),
    "facebook": (63_206, "characters", None),
    "linkedin": (3_000, "characters", None),
    "tiktok": (2_200, "characters", None),
    "mastodon": (500, "mastodon", None),
    "bluesky": (300, "graphemes", 3_000),
    "youtube": (5_000, "utf8-bytes", None),
}

FIGURE_KEYS = (
    "text_limit",
    "byte_limit",
    "truncation",
    "max_hashtags",
    "max_mentions",
    "max_links",
    "max_media",
    "alt_text_limit",
    "hashtag_length_limit",
    "sweet_spot",
    "forbidden_characters",
)


def minimal(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "demo",
        "title": "Demo",
        "text_limit": 100,
        "counting": "characters",
        "sources": [{"what": "text_limit", "source": "test", "date": "2025-12-01"}],
    }
    data.update(extra)
    return data


# --- shipped data -------------------------------------------------------------------


def test_available_lists_every_platform() -> None:
    assert available() == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_profile_figures(name: str) -> None:
    profile = load_profile(name)
    assert isinstance(profile, PlatformProfile)
    assert profile.name == name
    assert (profile.text_limit, profile.counting, profile.byte_limit) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_figure_names_its_source(name: str) -> None:
    profile = load_profile(name)
    assert profile.sources
    described = " ".join(s.what for s in profile.sources)
    for key in FIGURE_KEYS:
        if getattr(profile, key):
            assert key in described, f"{name}: no source mentions {key}"
    for field_name in profile.fields:
        assert field_name in described, f"{name}: no source mentions field {field_name}"
    for source in profile.sources:
        assert source.basis in BASES
        assert source.date.strip() and source.source.strip()


def test_specific_limits() -> None:
    assert load_profile("x").alt_text_limit == 1000
    assert load_profile("x").counting_options["url_length"] == 23
    assert load_profile("threads").max_links == 5
    assert load_profile("threads").max_hashtags == 1
    assert load_profile("instagram").max_hashtags == 5
    assert load_profile("instagram").max_mentions == 20
    assert load_profile("mastodon").alt_text_limit == 1500
    assert load_profile("bluesky").max_media == 4
    assert load_profile("bluesky").hashtag_length_limit == 64
    assert load_profile("facebook").sweet_spot == (100, 250)
    youtube = load_profile("youtube")
    assert youtube.forbidden_characters == "<>"
    assert youtube.fields["title"].text_limit == 100
    assert youtube.fields["title"].forbidden_characters == "<>"
    tiktok = load_profile("tiktok")
    assert tiktok.fields["photo_title"].text_limit == 90
    assert tiktok.fields["photo_description"].text_limit == 4000


def test_second_hand_figures_say_so() -> None:
    def basis_of(name: str, key: str) -> set[str]:
        return {s.basis for s in load_profile(name).sources if key in s.what}

    assert "press" in basis_of("instagram", "max_hashtags")
    assert "third-party" in basis_of("instagram", "alt_text_limit")
    assert "official" in basis_of("threads", "max_links")


def test_profiles_count_the_way_their_platform_does() -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"
    assert load_profile("x").length("kemkes.go.id/vaksin") == 23
    assert load_profile("bluesky").length(family) == 1
    assert load_profile("threads").length(family) == 7
    assert load_profile("youtube").length("é") == 2
    assert load_profile("youtube").fields["title"].length("é") == 1
    assert load_profile("x").overflow_offset("a" * 281) == 280
    assert load_profile("x").overflow_offset("a" * 280) is None
    assert load_profile("youtube").fields["title"].overflow_offset("a" * 101) == 100


def test_profiles_are_immutable() -> None:
    profile = load_profile("x")
    with pytest.raises(AttributeError):
        profile.text_limit = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        profile.counting_options["url_length"] = 1  # type: ignore[index]


# --- names and aliases --------------------------------------------------------------


@pytest.mark.parametrize(("alias", "name"), sorted(ALIASES.items()))
def test_aliases(alias: str, name: str) -> None:
    assert load_profile(alias) is load_profile(name)


def test_names_are_case_insensitive() -> None:
    assert load_profile(" X ").name == "x"
    assert load_profile("Twitter").name == "x"


def test_unknown_platform() -> None:
    with pytest.raises(ValueError, match=r"unknown platform 'myspace'; available: bluesky, facebook"):
        load_profile("myspace")


# --- overrides ----------------------------------------------------------------------


def test_override_text_limit_for_a_mastodon_instance() -> None:
    custom = load_profile("mastodon", {"text_limit": 1000})
    assert custom.text_limit == 1000
    assert custom.alt_text_limit == 1500  # the rest is kept
    assert load_profile("mastodon").text_limit == 500  # the cached base is untouched


def test_override_merges_counting_options() -> None:
    custom = load_profile("mastodon", {"counting_options": {"url_length": 30}})
    assert dict(custom.counting_options) == {"url_length": 30}
    assert custom.length("https://kemkes.go.id") == 30


def test_override_of_counting_drops_old_options() -> None:
    custom = load_profile("x", {"counting": "characters"})
    assert dict(custom.counting_options) == {}
    assert custom.length("kemkes.go.id") == 12


def test_override_merges_fields_key_by_key() -> None:
    custom = load_profile("youtube", {"fields": {"title": {"text_limit": 70}}})
    assert custom.fields["title"].text_limit == 70
    assert custom.fields["title"].forbidden_characters == "<>"


def test_override_can_add_a_complete_field() -> None:
    custom = load_profile("x", {"fields": {"poll_option": {"text_limit": 25, "counting": "characters"}}})
    assert custom.fields["poll_option"].text_limit == 25


def test_override_sweet_spot_and_none() -> None:
    custom = load_profile("facebook", {"sweet_spot": [40, 80], "truncation": None})
    assert custom.sweet_spot == (40, 80)
    assert custom.truncation is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"txt_limit": 1000}, r"overrides for platform 'mastodon': key 'txt_limit': unknown key"),
        ({"text_limit": "1000"}, r"key 'text_limit': expected an integer >= 1, got '1000' \(str\)"),
        ({"text_limit": True}, r"key 'text_limit': expected an integer >= 1"),
        ({"text_limit": 0}, r"key 'text_limit': expected an integer >= 1, got 0"),
        ({"name": "x"}, r"key 'name': cannot be overridden"),
        ({"counting": "words"}, r"key 'counting': expected one of"),
        ({"counting_options": {"scale": 100}}, r"key 'counting_options.scale': not an option of counting 'mastodon'"),
        ({"fields": {"title": {"text_limit": 10}}}, r"key 'fields.title.counting': missing"),
        (
            {"fields": {"title": {"text_limit": 10, "counting": "characters", "color": 1}}},
            r"key 'fields.title.color': unknown key",
        ),
        ({"fields": ["title"]}, r"key 'fields': expected a mapping"),
        ({"sweet_spot": [250, 100]}, r"key 'sweet_spot': expected \[min, max\]"),
    ],
)
def test_bad_overrides_name_the_key(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_profile("mastodon", overrides)


def test_overrides_must_be_a_mapping() -> None:
    with pytest.raises(ValueError, match="expected a mapping"):
        load_profile("x", ["text_limit", 1])  # type: ignore[arg-type]


# --- validation of profile data -----------------------------------------------------


def test_minimal_profile() -> None:
    profile = profile_from_mapping(minimal(), origin="demo.yaml")
    assert profile.text_limit == 100
    assert profile.truncation is None
    assert profile.sources[0].basis == "official"


def test_yaml_dates_are_accepted() -> None:
    data = minimal(sources=[{"what": "text_limit", "source": "test", "date": datetime.date(2025, 12, 22)}])
    assert profile_from_mapping(data, origin="demo.yaml").sources[0].date == "2025-12-22"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (minimal(colour="red"), r"demo\.yaml: key 'colour': unknown key"),
        ({k: v for k, v in minimal().items() if k != "text_limit"}, r"demo\.yaml: key 'text_limit': missing"),
        (minimal(text_limit=2.5), r"key 'text_limit': expected an integer >= 1, got 2\.5 \(float\)"),
        (minimal(max_hashtags=-1), r"key 'max_hashtags': expected an integer >= 0"),
        (minimal(title=""), r"key 'title': expected a non-empty string"),
        (minimal(counting="bytes"), r"key 'counting': expected one of"),
        (minimal(counting_options={"url_length": 23}), r"key 'counting_options\.url_length': not an option"),
        (
            minimal(counting="x-weighted", counting_options={"url_length": "23"}),
            r"key 'counting_options\.url_length': expected an integer",
        ),
        (minimal(sweet_spot=[100]), r"key 'sweet_spot'"),
        (minimal(sources=[]), r"key 'sources': expected a non-empty list"),
        (minimal(sources=[{"what": "x", "source": "y"}]), r"key 'sources\[0\]\.date': missing"),
        (
            minimal(sources=[{"what": "x", "source": "y", "date": "2025", "basis": "rumour"}]),
            r"key 'sources\[0\]\.basis': expected one of",
        ),
        (minimal(sources=[{"what": "x", "source": "y", "date": "2025", "url": "z"}]), r"key 'sources\[0\]\.url': unknown key"),
        (minimal(sources=["docs.x.com"]), r"key 'sources\[0\]': expected a mapping"),
        (minimal(fields={"title": {"text_limit": 100}}), r"key 'fields\.title\.counting': missing"),
        ("just text", r"demo\.yaml: key '\(top level\)': expected a mapping"),
    ],
)
def test_invalid_profiles_name_file_and_key(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        profile_from_mapping(data, origin="demo.yaml")


@pytest.mark.parametrize("name", available())
def test_profiles_read_with_libyaml_equal_the_pure_python_parser(name: str) -> None:
    """Shipped profiles are parsed by libyaml when PyYAML has it; the data must be the same."""
    text = resources.files("postcheck.platforms").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=platforms._yaml_loader())
    assert platforms._yaml_loader() is yaml.CSafeLoader
    assert data == yaml.safe_load(text)
    assert [type(v) for v in data.values()] == [type(v) for v in yaml.safe_load(text).values()]
