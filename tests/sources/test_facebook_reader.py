from dataclasses import astuple

import pytest

from .helpers import FIXTURES, read_all, shared_sample, utc

POSTS_2024 = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"


def test_2024_layout_repairs_mojibake_and_maps_links_and_media():
    records, _ = read_all(FIXTURES / "facebook")
    first = records[0]
    assert first.text == (
        "Selamat Hari Ibu untuk seluruh ibu hebat di Kabupaten Sukamaju ❤️ Terima kasih atas pengabdian tanpa batas."
    )
    assert first.locator == f"{POSTS_2024}:element 1"
    assert first.publish_at == utc(2026, 1, 20, 1, 0)
    assert first.platform == "facebook"
    assert first.title == "Diskominfo Sukamaju updated their status."
    assert first.links == ("https://sukamajukab.go.id/berita/hari-ibu-2025",)
    assert len(first.media) == 1
    assert first.media[0].kind == "photo"
    assert first.media[0].alt == "Ibu-ibu kader PKK Sukamaju berfoto bersama ❤️"


def test_personal_metadata_is_never_carried():
    records, _ = read_all(FIXTURES / "facebook")
    flat = repr([astuple(r) for r in records])
    for personal in ("203.0.113.7", "-6.9175", "107.6191", "Budi Santoso", "Alun-alun", "Merdeka"):
        assert personal not in flat


def test_broken_entries_are_problems_and_the_rest_is_read():
    records, problems = read_all(FIXTURES / "facebook")
    assert len(records) == 3
    assert [p.locator for p in problems] == [f"{POSTS_2024}:element 2", f"{POSTS_2024}:element 3"]
    assert "expected a JSON object" in problems[0].message
    assert "timestamp 'kemarin'" in problems[1].message
    video, shared_link = records[1], records[2]
    assert video.media[0].kind == "video" and "👏" in video.text
    assert shared_link.text == "" and shared_link.links == ("https://data.sukamajukab.go.id/",)


def test_older_and_page_layouts():
    old, problems = read_all(FIXTURES / "facebook_old")
    assert problems == []
    assert [r.text for r in old] == [
        "Selamat Tahun Baru 2015 dari Pemkab Sukamaju 🎉",
        "Agenda kegiatan akhir tahun sudah terbit.",
    ]
    assert old[1].links == ("http://sukamajukab.go.id/agenda",)
    page, _ = read_all(FIXTURES / "facebook_page")
    assert page[0].locator.startswith("this_profile's_activity_across_facebook/posts/")
    assert page[0].text.endswith("ketidaknyamanannya 🙏")


@pytest.mark.corpus
def test_shared_facebook_sample():
    records, problems = read_all(shared_sample("facebook_your_posts_1.sample.json"))
    assert problems == []
    assert [r.publish_at for r in records] == [
        utc(2014, 10, 11, 23, 44, 5),
        utc(2014, 11, 21, 7, 17, 27),
        utc(2016, 8, 13, 11, 3, 44),
    ]
    assert records[0].text == "Delicious and awesome peeps"
    assert records[1].text.startswith("I love what this group") and len(records[1].text) == 117
    assert records[2].text.endswith("back in action! ❤️")
    assert all(r.links == () and r.media == () for r in records)


@pytest.mark.corpus
def test_shared_facebook_2024_sample():
    records, problems = read_all(shared_sample("facebook_your_posts__check_ins__photos_and_videos_1.sample.json"))
    assert problems == []
    assert [r.publish_at for r in records] == [utc(2022, 6, 1, 15, 2, 26), utc(2021, 11, 28, 4, 13, 11)]
    assert records[0].text == "15 năm trước...4 năm trước..."
    assert records[1].text.startswith("Gia đình nhỏ, hạnh phúc to ")
    assert records[1].text.endswith("\U0001f467")  # the family emoji survived the repair
    assert [len(r.media) for r in records] == [2, 1]
    assert records[1].media[0].alt == records[1].text
    assert all(r.links == () for r in records)
