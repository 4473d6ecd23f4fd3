import pytest

from .helpers import FIXTURES, read_all, shared_sample, utc

POSTS = "your_instagram_activity/content/posts_1.json"


def test_carousel_takes_the_top_level_caption_and_time():
    records, _ = read_all(FIXTURES / "instagram")
    carousel = records[0]
    assert carousel.text.startswith("Dokumentasi Musrenbang Kecamatan Cibening 2026 🙏")
    assert carousel.publish_at == utc(2026, 1, 21, 1, 0)
    assert [m.uri for m in carousel.media] == [
        "media/posts/202601/1111_n_aaa.jpg",
        "media/posts/202601/2222_n_bbb.jpg",
    ]
    assert carousel.hashtags == ("MusrenbangSukamaju", "SukamajuMaju")
    assert carousel.mentions == ("camat_cibening",)
    assert carousel.platform == "instagram"


def test_single_post_caption_is_in_the_media_title():
    records, problems = read_all(FIXTURES / "instagram")
    single = records[1]
    assert single.text.endswith("pukul 08.00 WIB 💉❤️ #SukamajuSehat")
    assert single.hashtags == ("SukamajuSehat",)
    assert records[2].media[0].kind == "video"
    assert [p.locator for p in problems] == [f"{POSTS}:element 3"]


def test_gps_metadata_is_not_carried():
    records, _ = read_all(FIXTURES / "instagram")
    assert "107.6" not in repr(records)


def test_older_layout():
    records, _ = read_all(FIXTURES / "instagram_old")
    assert records[0].locator == "content/posts_1.json:element 1"
    assert records[0].text == "Selamat Tahun Baru 2019! 🎆 #Sukamaju"


@pytest.mark.corpus
def test_shared_instagram_sample():
    records, problems = read_all(shared_sample("instagram_posts_1.sample.json"))
    assert problems == []
    assert [r.text[:20] for r in records] == [
        "Death Valley",
        "Waking up to this pu",
        "We didn't see the St",
    ]
    assert records[1].text.endswith("menace every day. 🐈❤")
    assert records[2].text.endswith("Valley. 🐈")
    assert [r.publish_at for r in records] == [
        utc(2017, 11, 30, 22, 21, 57),
        utc(2015, 8, 24, 14, 26, 11),
        utc(2015, 8, 23, 1, 22, 40),
    ]
    assert [len(r.media) for r in records] == [2, 1, 1]
    assert all(r.links == () and r.hashtags == () for r in records)
