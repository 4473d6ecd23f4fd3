import pytest

from postcheck.sources.mastodon import html_to_text

from .helpers import FIXTURES, read_all, shared_sample, utc

MASTODON = FIXTURES / "mastodon"


def test_posts_from_both_ordered_items_without_repeats():
    records, problems = read_all(MASTODON)
    assert [r.locator for r in records] == [
        "outbox.json#113000000000000001",
        "outbox.json#113000000000000002",
        "outbox.json#113000000000000005",
    ]  # the repeated activity is read once, the direct message is skipped
    assert [p.locator for p in problems] == ["outbox.json:element 5"]


def test_html_hashtags_alt_text_and_language():
    first = read_all(MASTODON)[0][0]
    assert first.text == (
        "Pendaftaran beasiswa daerah dibuka hingga 31 Januari 2026.\n"
        "Info & syarat: https://beasiswa.sukamajukab.go.id/2026/syarat-lengkap\n\n"
        "#BeasiswaSukamaju"
    )
    assert first.links == ("https://beasiswa.sukamajukab.go.id/2026/syarat-lengkap",)
    assert first.hashtags == ("BeasiswaSukamaju",)
    assert first.language == "id"
    assert first.account == "diskominfo@social.sukamajukab.go.id"
    assert first.publish_at == utc(2026, 1, 20, 2, 0)
    assert first.media[0].kind == "image"
    assert first.media[0].alt == "Poster pendaftaran beasiswa: batas 31 Januari 2026"
    assert first.content_warning is None


def test_content_warning_mentions_and_replies():
    records = read_all(MASTODON)[0]
    warned = records[1]
    assert warned.content_warning == "Foto kecelakaan lalu lintas"
    assert warned.text.startswith("Photos from this morning's traffic accident")
    assert warned.mentions == ("warga@mastodon.example",)
    assert warned.links == ()  # the mention link is not a link
    assert warned.media[0].kind == "video" and warned.media[0].alt is None
    reply = records[2]
    assert reply.is_reply and reply.publish_at == utc(2026, 1, 17, 23, 59, 59, 123000)


def test_boosts_come_back_when_asked():
    records = read_all(MASTODON, include_reposts=True)[0]
    boost = next(r for r in records if r.is_repost)
    assert boost.text == ""
    assert boost.links == ("https://mastodon.example/users/bpbd/statuses/112999999999999999",)
    assert boost.locator == "outbox.json#113000000000000099"


def test_html_to_text_paragraphs_breaks_and_entities():
    text, links = html_to_text('<p>A &amp; B<br/>C</p><p>D <a href="https://x.example/p">x.example/p</a></p>')
    assert text == "A & B\nC\n\nD x.example/p"
    assert links == ["https://x.example/p"]


@pytest.mark.corpus
def test_shared_mastodon_sample():
    sample = shared_sample("mastodon_outbox.sample.json")
    records, problems = read_all(sample)
    assert problems == []
    assert len(records) == 1  # totalItems says 1557; the boost is skipped
    post = records[0]
    assert post.text == '"#caterday is serious business on Mastodon. Send me a photo of Harley."'
    assert post.publish_at == utc(2022, 11, 13, 1, 13, 27)
    assert post.links == ()
    assert post.hashtags == ("caterday",)
    assert post.media[0].alt == "Picture of a white cat laying on a white couch"
    assert post.language == "en"
    with_boost, _ = read_all(sample, include_reposts=True)
    assert [r.is_repost for r in with_boost] == [False, True]
    assert with_boost[1].publish_at == utc(2022, 12, 3, 13, 34, 16)


def test_a_truncated_outbox_keeps_the_posts_before_the_cut(tmp_path):
    text = (MASTODON / "outbox.json").read_text(encoding="utf-8")
    cut = text.index('"type": "Announce"')
    (tmp_path / "outbox.json").write_text(text[:cut], encoding="utf-8")
    records, problems = read_all(tmp_path)
    assert len(records) == 2
    assert len(problems) == 1 and "truncated" in problems[0].message
