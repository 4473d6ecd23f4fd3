import zipfile

import pytest

from postcheck.sources import SOURCE_FORMATS, SourceError, detect_format, read_source

from .helpers import FIXTURES, JAKARTA, SHARED_EXPORTS

FOLDERS = {
    "x": "x",
    "x_truncated": "x",
    "facebook": "facebook",
    "facebook_old": "facebook",
    "facebook_page": "facebook",
    "instagram": "instagram",
    "instagram_old": "instagram",
    "mastodon": "mastodon",
    "linkedin": "linkedin",
    "meta": "meta-csv",
    "bluesky": "bluesky",
    "bluesky_array": "bluesky",
    "generic_semicolon": "csv",
    "drafts": "drafts",
}


@pytest.mark.parametrize(("folder", "expected"), sorted(FOLDERS.items()))
def test_folder_layouts(folder, expected):
    assert detect_format(FIXTURES / folder) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("x/data/tweets.js", "x"),
        ("x/data/tweets-part1.js", "x"),
        ("mastodon/outbox.json", "mastodon"),
        ("linkedin/Shares.csv", "linkedin"),
        ("instagram/your_instagram_activity/content/posts_1.json", "instagram"),
        ("facebook_old/posts/your_posts_1.json", "facebook"),
        ("bluesky/posts.jsonl", "bluesky"),
        ("generic/posts.jsonl", "jsonl"),
        ("generic/posts.csv", "csv"),
        ("drafts/2026-01-20-pengumuman.md", "drafts"),
    ],
)
def test_single_files(path, expected):
    assert detect_format(FIXTURES / path) == expected


def test_single_files_sniffed_by_content(tmp_path):
    renamed = {
        "a.json": FIXTURES / "instagram/your_instagram_activity/content/posts_1.json",
        "b.json": FIXTURES / "facebook_old/posts/your_posts_1.json",
        "c.json": FIXTURES / "mastodon/outbox.json",
        "d.js": FIXTURES / "x/data/tweets.js",
        "e.csv": FIXTURES / "linkedin/Shares.csv",
    }
    for name, source in renamed.items():
        (tmp_path / name).write_bytes(source.read_bytes())
    assert [detect_format(tmp_path / name) for name in renamed] == [
        "instagram",
        "facebook",
        "mastodon",
        "x",
        "linkedin",
    ]


def test_zip_layout(tmp_path):
    target = tmp_path / "instagram-diskominfo.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(FIXTURES / "instagram_old/content/posts_1.json", "content/posts_1.json")
    assert detect_format(target) == "instagram"


def test_nothing_recognised(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(SourceError, match="no known export"):
        detect_format(tmp_path)
    with pytest.raises(SourceError, match="cannot tell the format"):
        detect_format(tmp_path / "photo.jpg")


def test_drafts_beside_data_files_need_a_format(tmp_path):
    (tmp_path / "draft.md").write_text("Halo")
    (tmp_path / "posts.csv").write_text("text\nHalo\n")
    with pytest.raises(SourceError, match="--source-format"):
        detect_format(tmp_path)
    assert [i.text for i in read_source(tmp_path, source_format="drafts", default_tz=JAKARTA)] == ["Halo"]


def test_unknown_format_name_and_bad_zone():
    with pytest.raises(SourceError, match="choose one of"):
        read_source(FIXTURES / "x", source_format="tiktok", default_tz=JAKARTA)
    with pytest.raises(TypeError):
        read_source(FIXTURES / "x", default_tz="Asia/Jakarta")  # type: ignore[arg-type]
    assert set(SOURCE_FORMATS) == {
        "x",
        "facebook",
        "instagram",
        "mastodon",
        "linkedin",
        "meta-csv",
        "bluesky",
        "csv",
        "jsonl",
        "drafts",
    }


@pytest.mark.corpus
def test_shared_samples_are_recognised():
    if not SHARED_EXPORTS.is_dir():
        pytest.skip("shared samples not available")
    found = {path.name: detect_format(path) for path in sorted(SHARED_EXPORTS.iterdir())}
    assert found == {
        "facebook_your_posts__check_ins__photos_and_videos_1.sample.json": "facebook",
        "facebook_your_posts_1.sample.json": "facebook",
        "instagram_posts_1.sample.json": "instagram",
        "linkedin_Shares.sample.csv": "linkedin",
        "mastodon_outbox.sample.json": "mastodon",
        "x_tweets.sample.js": "x",
    }
