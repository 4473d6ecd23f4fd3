"""postcheck audit: readers → engine → aggregated report, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import ROOT, shared_file
from postcheck.audit import audit
from postcheck.audit.neardup import near_duplicates, sketch
from postcheck.config import Config

FIXTURES = ROOT / "tests" / "sources" / "fixtures"
WIB = timezone(timedelta(hours=7))
CFG = Config(ui_language="en")


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def posts(n: int, start: datetime) -> list[dict]:
    texts = [
        "Layanan pengaduan dibuka setiap hari kerja pukul 08.00 WIB. Informasi lengkap di kemkes.go.id/layanan",
        "Silahkan antri dengan tertib di loket pelayanan kantor kecamatan terdekat ya warga semua",
        "SEBARKAN sebelum dihapus!! Air rebusan daun ini menyembuhkan semua penyakit dalam tiga hari",
        "Vaksinasi campak gratis untuk anak usia sembilan bulan di semua puskesmas pekan ini",
    ]
    return [
        {"text": texts[i % len(texts)] + f" ({i})", "time": (start + timedelta(hours=13 * i)).isoformat(), "platform": "x"}
        for i in range(n)
    ]


def test_report_shape_matches_the_documentation(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "posts.jsonl", posts(40, datetime(2025, 1, 6, 8, tzinfo=WIB)))
    data = audit(source, config=CFG, jobs=1, time_column="time").data
    assert set(data) == {
        "version",
        "schema",
        "ui_language",
        "source",
        "window",
        "counts",
        "scores",
        "monthly",
        "top_findings",
        "worst_posts",
        "consistency",
        "near_duplicates",
        "languages",
        "platform_limits",
        "media",
        "problems",
    }
    assert data["counts"]["posts"] == 40
    assert sum(data["scores"]["overall"]["histogram"]) == 40
    assert [m["month"] for m in data["monthly"]] == ["2025-01"]
    rules = [f["rule"] for f in data["top_findings"]]
    assert "authenticity/spread-demand" in rules and "quality/spelling-id" in rules
    spread = next(f for f in data["top_findings"] if f["rule"] == "authenticity/spread-demand")
    assert spread["posts"] == 10 and len(spread["examples"]) == 3
    assert data["worst_posts"][0]["excerpt"].startswith("SEBARKAN")
    k = data["consistency"]
    assert sum(sum(row) for row in k["weekday_hour"]) == 40
    assert sum(w["posts"] for w in k["weekly"]) == 40
    assert k["longest_gaps"][0]["days"] == pytest.approx(13 / 24, abs=0.1)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "posts.jsonl", posts(700, datetime(2024, 3, 1, 7, tzinfo=WIB)))
    one = audit(source, config=CFG, jobs=1, time_column="time").data
    two = audit(source, config=CFG, jobs=2, time_column="time").data
    assert one == two


def test_malformed_record_in_the_middle_is_reported_and_the_audit_goes_on(tmp_path: Path) -> None:
    rows = posts(10, datetime(2025, 5, 1, 9, tzinfo=WIB))
    lines = [json.dumps(r) for r in rows]
    lines.insert(5, '{"text": "broken", "time": ')  # a truncated record
    lines.insert(7, '["not", "an", "object"]')
    (tmp_path / "p.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = audit(tmp_path / "p.jsonl", config=CFG, jobs=1, time_column="time").data
    assert data["counts"]["posts"] == 10
    assert data["counts"]["problems"] == 2
    assert [p["locator"] for p in data["problems"]] == ["p.jsonl:line 6", "p.jsonl:line 8"]


def test_since_and_until(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "posts.jsonl", posts(20, datetime(2025, 1, 1, 8, tzinfo=WIB)))
    report = audit(
        source,
        config=CFG,
        jobs=1,
        time_column="time",
        since=datetime(2025, 1, 3, tzinfo=WIB),
        until=datetime(2025, 1, 6, tzinfo=WIB),
    )
    counts = report.data["counts"]
    assert counts["posts"] + counts["outside_window"] == 20
    assert 0 < counts["posts"] < 20
    assert all("2025-01-03" <= p["publish_at"][:10] <= "2025-01-06" for p in report.data["worst_posts"])


def test_posts_are_checked_at_their_own_publish_time(tmp_path: Path) -> None:
    rows = [
        {"text": "Pendaftaran akan ditutup pada 10 Maret 2025, segera daftar di kemkes.go.id/daftar", "time": t}
        for t in ("2025-03-01T09:00:00+07:00", "2025-03-20T09:00:00+07:00")
    ]
    data = audit(write_jsonl(tmp_path / "p.jsonl", rows), config=CFG, jobs=1, time_column="time").data
    past = next(f for f in data["top_findings"] if f["rule"] == "timeliness/past-event")
    assert past["count"] == 1 and past["examples"][0]["locator"] == "p.jsonl:line 2"


def test_near_duplicates(tmp_path: Path) -> None:
    base = "Pemerintah membuka pendaftaran program magang nasional bagi lulusan baru di seluruh provinsi mulai bulan depan"
    rows = [
        {"text": base, "time": "2025-01-01T09:00:00+07:00"},
        {
            "text": "Cuaca cerah berawan diperkirakan terjadi di sebagian besar wilayah Jawa Barat hari ini",
            "time": "2025-01-02T09:00:00+07:00",
        },
        {"text": base + " ya", "time": "2025-02-01T09:00:00+07:00"},
    ]
    data = audit(write_jsonl(tmp_path / "p.jsonl", rows), config=CFG, jobs=1, time_column="time").data
    [pair] = data["near_duplicates"]
    assert (pair["a"]["locator"], pair["b"]["locator"]) == ("p.jsonl:line 1", "p.jsonl:line 3")
    assert pair["similarity"] > 0.9


def test_sketch_similarity() -> None:
    from array import array

    a = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh".split()
    assert sketch(a) == sketch(list(a))
    assert sketch(a[:3]) is None  # too short to compare
    other = "lain sama sekali kata kata berbeda di sini ya tentu".split()
    flat = array("I", [*sketch(a), *sketch([*a, "sebelas"]), *sketch(other)])
    pairs, total = near_duplicates(flat)
    assert total == 1 and pairs[0][1:] == (0, 1) and pairs[0][0] >= 0.7


def test_csv_rows_stream_in_source_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_jsonl(tmp_path / "posts.jsonl", posts(12, datetime(2025, 1, 6, 8, tzinfo=WIB)))
    out = tmp_path / "rows.csv"
    result = cli(["audit", str(source), "--time-column", "time", "--format", "csv", "--output", str(out), "--jobs", "2"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["locator"] for r in rows] == [f"posts.jsonl:line {i}" for i in range(1, 13)]
    assert rows[2]["passed"] in ("yes", "no") and "authenticity/spread-demand" in rows[2]["rules"]


def test_zip_of_an_x_archive_and_a_facebook_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "twitter-2026.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted((FIXTURES / "x").rglob("*")):
            if file.is_file():
                zf.write(file, file.relative_to(FIXTURES / "x").as_posix())
    zipped = cli(["audit", str(archive), "--jobs", "1"])
    assert zipped.exit_code == 0, zipped.stderr
    assert "postcheck audit" in zipped.stdout and "(x)" in zipped.stdout
    folder = cli(["audit", str(FIXTURES / "x"), "--jobs", "1", "--format", "json"])
    from_zip = cli(["audit", str(archive), "--jobs", "1", "--format", "json"])
    a, b = json.loads(folder.stdout), json.loads(from_zip.stdout)
    a.pop("source"), b.pop("source")
    assert a == b
    facebook = cli(["audit", str(FIXTURES / "facebook"), "--jobs", "1"])
    assert facebook.exit_code == 0 and "(facebook)" in facebook.stdout


def test_missing_and_unknown_sources_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli(["audit", str(tmp_path / "nope")]).exit_code == 2
    (tmp_path / "empty").mkdir()
    result = cli(["audit", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_dask_engine_without_the_extra(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import builtins

    real_import = builtins.__import__

    def no_dask(name: str, globals=None, locals=None, fromlist=(), level=0):  # type: ignore[no-untyped-def]
        if level == 0 and (name in ("dask", "distributed") or name.startswith(("dask.", "distributed."))):
            raise ImportError(name)
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    source = write_jsonl(tmp_path / "p.jsonl", posts(3, datetime(2025, 1, 6, 8, tzinfo=WIB)))
    result = cli(["audit", str(source), "--engine", "dask"])
    assert result.exit_code == 2
    assert 'pip install "postcheck[dask]"' in result.stderr


def test_shared_x_sample(tmp_path: Path) -> None:
    sample = shared_file("corpora", "exports", "x_tweets.sample.js")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tweets.js").write_bytes(sample.read_bytes())
    data = audit(tmp_path, config=CFG, jobs=1).data
    assert data["counts"]["posts"] == 2


def test_memory_stays_bounded(tmp_path: Path) -> None:
    start = datetime(2020, 1, 1, tzinfo=WIB)
    with (tmp_path / "big.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(3000):
            handle.write(
                json.dumps(
                    {
                        "text": f"Pengumuman layanan nomor {i} untuk warga kecamatan, info di kemkes.go.id",
                        "time": (start + timedelta(hours=i)).isoformat(),
                    }
                )
                + "\n"
            )
    tracemalloc.start()
    audit(tmp_path / "big.jsonl", config=CFG, jobs=1, time_column="time")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40 * 1024 * 1024  # per-post state is a few numbers, not posts


def _near_duplicates_with_a_set(sketches, limit=20):  # type: ignore[no-untyped-def]
    """The plain formulation: every band's groups, pairs remembered in a set."""
    from postcheck.audit import neardup as nd

    n = len(sketches) // nd.BINS
    found: set[tuple[int, int]] = set()
    best = []
    for band in range(nd.BINS // nd.BAND):
        keys = sorted(k << 32 | i for i in range(n) if (k := nd._band_key(sketches, i, band * nd.BAND)) is not None)
        groups: dict[int, list[int]] = {}
        for k in keys:
            groups.setdefault(k >> 32, []).append(k & 0xFFFFFFFF)
        for members in groups.values():
            run = members[: nd.MAX_RUN]
            for a in range(len(run)):
                for b in range(a + 1, len(run)):
                    pair = (min(run[a], run[b]), max(run[a], run[b]))
                    if pair not in found and nd.similarity(sketches, *pair) >= nd.THRESHOLD:
                        found.add(pair)
                        best.append((-nd.similarity(sketches, *pair), *pair))
    best.sort()
    return [(round(-s, 3), i, j) for s, i, j in best[:limit]], len(found)


@pytest.mark.parametrize(("max_run", "chunk", "bucket"), [(200, 1 << 16, 1 << 16), (3, 1 << 16, 1 << 16), (200, 7, 4), (3, 5, 2)])
def test_near_duplicates_count_each_pair_once_without_a_set(
    monkeypatch: pytest.MonkeyPatch, max_run: int, chunk: int, bucket: int
) -> None:
    """Equal to the plain formulation, also when keys are read in small chunks and sorted in many buckets."""
    import random
    from array import array

    from postcheck.audit import neardup as nd

    monkeypatch.setattr(nd, "MAX_RUN", max_run)
    monkeypatch.setattr(nd, "_CHUNK", chunk)
    monkeypatch.setattr(nd, "_BUCKET", bucket)
    rng = random.Random(7)
    for _ in range(20):
        bases = [[rng.randrange(40) for _ in range(nd.BINS)] for _ in range(rng.randint(1, 30))]
        sketches = array("I")
        for _ in range(rng.randint(2, 300)):
            values = list(rng.choice(bases))
            for k in range(nd.BINS):
                if rng.random() < 0.15:
                    values[k] = rng.randrange(40)
                if rng.random() < 0.05:
                    values[k] = nd.EMPTY
            sketches.extend(values)
        assert nd.near_duplicates(sketches) == _near_duplicates_with_a_set(sketches)


@pytest.mark.parametrize("n", [0, 1, 2, 7, 64, 65, 200, 257])
def test_median_and_gaps_in_runs_equal_the_plain_formulas(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sorted runs merged (bounded memory) give what one sort of everything gives."""
    import itertools
    import random
    import statistics
    from array import array

    from postcheck.audit import aggregate

    monkeypatch.setattr(aggregate, "RUN", 16)
    rnd = random.Random(n)
    # ties on purpose: few distinct scores, repeated timestamps, NaN for undated posts
    scores = array("f", (rnd.choice([0.0, 12.5, 50.0, 87.5, 100.0]) for _ in range(n)))
    stamps = array("d", (rnd.choice([float("nan"), 1.7e9 + rnd.randrange(40) * 3600.0]) for _ in range(n)))
    agg = aggregate.Aggregator(timezone(timedelta(hours=7)))
    agg.timestamps = stamps
    if n:
        expected_median = float(statistics.median(scores))
        assert aggregate._median(scores) == expected_median
        assert aggregate._distribution(scores)["median"] == round(expected_median, 1)
        many = array("f", (rnd.random() * 100 for _ in range(n)))  # more distinct values than RUN
        assert aggregate._distribution(many)["median"] == round(float(statistics.median(many)), 1)
        histogram = [0] * 10
        for v in many:
            histogram[min(9, int(v // 10))] += 1
        assert aggregate._distribution(many)["histogram"] == histogram
        assert aggregate._median_of_counts(aggregate.Counter(scores), n) == expected_median
    times = sorted(t for t in stamps if t == t)
    expected = sorted(((b - a, a, b) for a, b in itertools.pairwise(times)), key=lambda g: (-g[0], g[1]))[: aggregate.GAPS]
    got = agg._consistency("WIB")["longest_gaps"]
    assert [(g["from"], g["to"], g["days"]) for g in got] == [
        (
            aggregate._iso(datetime.fromtimestamp(a, agg.zone)),
            aggregate._iso(datetime.fromtimestamp(b, agg.zone)),
            round(span / 86400, 1),
        )
        for span, a, b in expected
    ]


def test_a_generic_file_without_a_time_field_says_how_to_name_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every post undated because no --time-column was given: the user is told, not left to wonder."""
    export = tmp_path / "posts.jsonl"
    export.write_text(
        '{"text": "Rapat koordinasi hari ini.", "created_at": "2026-11-02T09:00:00+07:00"}\n'
        '{"text": "Layanan dibuka kembali.", "created_at": "2026-11-03T09:00:00+07:00"}\n',
        encoding="utf-8",
    )
    undated = cli(["audit", str(export), "--jobs", "1", "--format", "json"])
    assert undated.exit_code == 0 and "--time-column" in undated.stderr
    dated = cli(["audit", str(export), "--jobs", "1", "--format", "json", "--time-column", "created_at"])
    assert dated.exit_code == 0 and "--time-column" not in dated.stderr
