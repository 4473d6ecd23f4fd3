from datetime import timedelta

from .helpers import FIXTURES, read_all, utc


def test_facets_use_utf8_byte_offsets():
    records, _ = read_all(FIXTURES / "bluesky")
    post = records[0]
    assert post.text.startswith("🇮🇩 Selamat HUT RI ke-81!")
    assert post.links == ("https://sukamajukab.go.id/hut81",)
    assert post.hashtags == ("HUTRI81",)
    assert post.mentions == ("bupati.sukamajukab.go.id",)  # sliced after an 8-byte flag
    assert post.language == "id"
    assert post.publish_at == utc(2026, 8, 17, 1, 0, 0, 123000)
    assert post.media[0].alt == "Logo resmi HUT RI ke-81"
    assert post.locator == "posts.jsonl#3lhut81aaaa"
    assert post.record_id == "at://did:plc:diskominfofixture00000000/app.bsky.feed.post/3lhut81aaaa"
    assert post.account == "did:plc:diskominfofixture00000000"


def test_replies_external_links_likes_and_problems():
    records, problems = read_all(FIXTURES / "bluesky")
    assert [r.locator.split("#")[1] for r in records] == ["3lhut81aaaa", "3lreplybbbb", "3lextfffff"]
    assert records[1].is_reply
    assert records[2].links == ("https://bit.ly/fixture", "https://sukamajukab.go.id/laporan-2026")
    assert records[2].publish_at.utcoffset() == timedelta(hours=7)
    assert [p.locator for p in problems] == ["posts.jsonl:line 5", "posts.jsonl#3lbadtimeee"]


def test_reposts_when_asked():
    records, _ = read_all(FIXTURES / "bluesky", include_reposts=True)
    repost = next(r for r in records if r.is_repost)
    assert repost.links == ("https://bsky.app/profile/did:plc:kominfo/post/3kabc",)


def test_json_array_of_bare_records():
    records, problems = read_all(FIXTURES / "bluesky_array")
    assert problems == []
    assert [r.locator for r in records] == [f"app.bsky.feed.post.json:element {n}" for n in (1, 2, 3)]
    assert records[0].mentions == ("bupati.sukamajukab.go.id",)
