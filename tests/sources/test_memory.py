"""Reading a large export must stay memory-bounded: records stream, nothing accumulates."""

import json
import tracemalloc
from pathlib import Path

from postcheck.sources import SourceRecord, read_source

from .helpers import JAKARTA

RECORDS = 200_000
PEAK_LIMIT = 50 * 1024 * 1024


def count_with_peak(path: Path, **options: object) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(
            isinstance(item, SourceRecord)
            for item in read_source(path, default_tz=JAKARTA, **options)  # type: ignore[arg-type]
        )
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_lines_stream_with_bounded_memory(tmp_path):
    path = tmp_path / "posts.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(RECORDS):
            record = {"id": n, "text": f"Pengumuman nomor {n}", "time": "2026-01-20T08:00:00"}
            out.write(json.dumps(record) + "\n")
    count, peak = count_with_peak(path, source_format="jsonl", time_column="time")
    assert count == RECORDS
    assert peak < PEAK_LIMIT, f"peak {peak:,} bytes"


def test_tweets_js_streams_with_bounded_memory(tmp_path):
    tweet = {
        "tweet": {
            "id_str": "{n}",
            "created_at": "Mon Jan 20 01:15:00 +0000 2026",
            "full_text": "Info layanan {n} https://t.co/x{n}",
            "lang": "in",
            "entities": {
                "hashtags": [],
                "user_mentions": [],
                "urls": [{"url": "https://t.co/x{n}", "expanded_url": "https://sukamajukab.go.id/{n}"}],
            },
        }
    }
    template = json.dumps(tweet, indent=2)  # pretty-printed, as X writes it
    data = tmp_path / "data"
    data.mkdir()
    with (data / "tweets.js").open("w", encoding="utf-8") as out:
        out.write("window.YTD.tweets.part0 = [\n")
        for n in range(RECORDS):
            out.write(("," if n else "") + template.replace("{n}", str(n)) + "\n")
        out.write("]\n")
    assert (data / "tweets.js").stat().st_size > PEAK_LIMIT  # the file alone would not fit
    count, peak = count_with_peak(tmp_path)
    assert count == RECORDS
    assert peak < PEAK_LIMIT, f"peak {peak:,} bytes"
