"""The Dask engine: partial aggregates merge to the single-process report, on a real cluster too.

The merge tests need no Dask; the cluster tests start one LocalCluster of two worker processes
for the module and are skipped when ``dask[distributed]`` is not installed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import pickle
import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from postcheck.audit import audit
from postcheck.audit.aggregate import Aggregator
from postcheck.audit.check import SCORE_KEYS, FindingBrief, PostSummary
from postcheck.audit.neardup import near_duplicates
from postcheck.config import Config
from postcheck.dask_engine import Columns, RuleSet, _Tree, post_row, record_of, ruleset_for, worker_engine
from postcheck.errors import InputError, PostcheckError
from postcheck.reports.audit_csv import COLUMNS, CsvWriter
from postcheck.sources import SourceProblem, SourceRecord

WIB = timezone(timedelta(hours=7))
CFG = Config(ui_language="en")
FIXTURES = ROOT / "tests" / "sources" / "fixtures"

try:
    import distributed
except ImportError:  # the extra is optional
    distributed = None

needs_dask = pytest.mark.skipif(distributed is None, reason='needs the optional extra: pip install "postcheck[dask]"')


# -- Aggregator.merge, without Dask ------------------------------------------------------------

START = datetime(2025, 1, 1, tzinfo=WIB)
RULES = [("quality/spelling-id", "quality", "warning"), ("authenticity/spread-demand", "authenticity", "error"),
         ("interactivity/call-to-action", "interactivity", "info"), ("timeliness/past-event", "timeliness", "warning")]


def summaries(n: int, seed: int = 7) -> list[PostSummary]:
    """Posts with one-decimal scores, many ties, shared sketches, findings, errors, months and platforms."""
    rnd = random.Random(seed)
    shared = [tuple(rnd.getrandbits(31) for _ in range(16)) for _ in range(5)]
    out = []
    for i in range(n):
        if rnd.random() < 0.05:
            out.append(PostSummary(i, f"p#{i}", None, None, "und", (), False, (), None, "", False, False, False, error="bad"))
            continue
        when = None if rnd.random() < 0.05 else START + timedelta(minutes=rnd.randint(0, 60 * 24 * 120))
        scores = tuple(rnd.choice((0.0, 12.5, 40.0, rnd.randint(0, 1000) / 10)) for _ in SCORE_KEYS)
        findings = tuple(FindingBrief(rule, category, severity, f"message {i}", f"match {i}")
                         for rule, category, severity in RULES if rnd.random() < 0.3)
        sketch = rnd.choice([None, *shared, tuple(rnd.getrandbits(31) for _ in range(16))])
        out.append(PostSummary(i, f"p#{i}", when, rnd.choice(["x", "instagram", None]), rnd.choice(["id", "en", "und"]), scores,
                               rnd.random() < 0.8, findings, sketch, f"post {i}", rnd.random() < 0.1, rnd.random() < 0.3,
                               rnd.random() < 0.2))
    return out


def report(agg: Aggregator) -> dict[str, Any]:
    return agg.report(near=[], source={}, window={}, version="test", ui_language="en", zone_name="Asia/Jakarta")


def aggregate(items: list[PostSummary], *, partial: bool = False) -> Aggregator:
    agg = Aggregator.partial(WIB) if partial else Aggregator(WIB)
    for s in items:
        agg.add(s)
    return agg


def merged(parts: list[Aggregator]) -> Aggregator:
    out = Aggregator.partial(WIB)
    for part in parts:
        out.merge(part)
    return out


def test_merge_of_split_streams_equals_the_unsplit_aggregate() -> None:
    posts = summaries(2500)
    whole = aggregate(posts)
    expected = report(whole)
    assert len(expected["problems"]) == 100 and expected["counts"]["problems"] > 100  # the cap is exercised
    rnd = random.Random(3)
    for _ in range(4):
        cuts = sorted(rnd.sample(range(1, len(posts)), k=rnd.randint(1, 12)))
        slices = [posts[a:b] for a, b in zip([0, *cuts], [*cuts, len(posts)], strict=True)]
        parts = [aggregate(s, partial=True) for s in slices]
        left_fold = merged(parts)
        assert report(left_fold) == expected
        assert near_duplicates(left_fold.sketches) == near_duplicates(whole.sketches)
        # a tree of merges (pairs of pairs), as Dask reduces, with a pickle round trip on the way
        level = [pickle.loads(pickle.dumps(p)) for p in parts]
        while len(level) > 1:
            level = [merged(level[i : i + 2]) for i in range(0, len(level), 2)]
        assert report(level[0]) == expected


def test_merge_with_empty_partials_and_ties_keeps_stream_order() -> None:
    posts = summaries(400, seed=11)
    expected = report(aggregate(posts))
    parts = [Aggregator.partial(WIB), aggregate(posts[:1], partial=True), Aggregator.partial(WIB),
             aggregate(posts[1:200], partial=True), aggregate(posts[200:], partial=True), Aggregator.partial(WIB)]
    result = report(merged(parts))
    assert result == expected
    zero = [p for p in result["worst_posts"] if p["score"] == 0.0]
    assert len(zero) > 1 and [p["locator"] for p in zero] == sorted((p["locator"] for p in zero), key=lambda s: int(s[2:]))


def test_merge_replays_monthly_sums_bit_for_bit() -> None:
    """Adding the sums of two halves gives 40.5 here; adding post by post (the local audit) gives 40.6."""
    values = [85.0, 58.9, 12.2, 40.0, 9.3, 37.9]
    posts = [PostSummary(i, f"p#{i}", datetime(2025, 3, 1 + i, 9, tzinfo=WIB), "x", "id", (v,) * len(SCORE_KEYS), True, (), None,
                         "", False, False, False) for i, v in enumerate(values)]
    first, rest = aggregate(posts[:1], partial=True), aggregate(posts[1:], partial=True)
    assert round((values[0] + _sequential(values[1:])) / 6, 1) == 40.5  # what adding the two sums would print
    month = report(merged([first, rest]))["monthly"][0]
    assert month["mean"]["overall"] == report(aggregate(posts))["monthly"][0]["mean"]["overall"] == 40.6


def test_merge_replays_scores_that_are_not_tenths() -> None:
    """Scores from other code may have more decimals: the log then keeps doubles, and stays exact."""
    rnd = random.Random(5)
    posts = [PostSummary(i, f"p#{i}", datetime(2025, 3, 1, 9, tzinfo=WIB) + timedelta(days=i % 40), "x", "id",
                         tuple(rnd.choice((100 / 3, 12.5, rnd.random() * 100)) for _ in SCORE_KEYS), True, (), None, "", False,
                         False, False) for i in range(300)]
    expected = report(aggregate(posts))
    parts = [aggregate(posts[a : a + 37], partial=True) for a in range(0, 300, 37)]
    assert report(merged([merged(parts[:3]), merged(parts[3:])])) == expected


def _sequential(values: list[float]) -> float:
    total = 0.0
    for v in values:
        total += v
    return total


def test_partial_aggregates_pickle() -> None:
    agg = aggregate(summaries(200), partial=True)
    again = pickle.loads(pickle.dumps(agg))
    assert report(again) == report(agg)
    again.add(summaries(1, seed=2)[0])  # still a working aggregator (default dicts restored)
    assert again.posts == agg.posts + 1


def test_tree_reduction_keeps_partition_order() -> None:
    for n in (0, 1, 2, 7, 8, 9, 63, 64, 65, 200):
        tree = _Tree(lambda group: "".join(group), k=3)
        items = [chr(0x4E00 + i) for i in range(n)]
        for item in items:
            tree.push(item)
        assert tree.result() == "".join(items)


def test_rows_have_the_csv_columns() -> None:
    row = post_row(summaries(1, seed=5)[0], WIB)
    assert tuple(row) == COLUMNS


def test_bag_items_become_source_records() -> None:
    columns = Columns(text="message", time="created", name="feed")
    full = record_of({"message": "Halo", "created": "2025-02-03T10:00:00", "id": 42.0, "platform": "x", "language": float("nan")},
                     3, 9, columns, WIB)
    assert isinstance(full, SourceRecord)
    assert full.locator == "feed#42" and full.publish_at == datetime(2025, 2, 3, 10, tzinfo=WIB) and full.language is None
    assert record_of({"message": "Halo", "created": 1_700_000_000}, 3, 9, columns, WIB).publish_at.year == 2023  # type: ignore[union-attr]
    assert record_of({"message": "Halo"}, 3, 9, columns, WIB).locator == "feed:partition 3 row 10"
    missing = record_of({"text": "wrong column"}, 0, 0, columns, WIB)
    assert isinstance(missing, SourceProblem) and "'message'" in missing.message
    bad_time = record_of({"message": "Halo", "created": "kemarin", "locator": "a.csv:row 2"}, 0, 0, columns, WIB)
    assert isinstance(bad_time, SourceProblem) and bad_time.locator == "a.csv:row 2"


def test_a_worker_with_another_postcheck_version_refuses() -> None:
    shipped = ruleset_for(CFG)
    with pytest.raises(PostcheckError, match="install the same version on every node"):
        worker_engine(RuleSet(shipped.config, shipped.rules, "0.0.0-other", "another-digest"))


# -- on a cluster ------------------------------------------------------------------------------

TEXTS = [
    "Layanan pengaduan dibuka setiap hari kerja pukul 08.00 WIB. Informasi lengkap di kemkes.go.id/layanan",
    "Silahkan antri dengan tertib di loket pelayanan kantor kecamatan terdekat ya warga semua",
    "SEBARKAN sebelum dihapus!! Air rebusan daun ini menyembuhkan semua penyakit dalam tiga hari",
    "Vaksinasi campak gratis untuk anak usia sembilan bulan di semua puskesmas pekan ini",
    "Bagaimana pendapat Anda tentang layanan kami? Tulis di kolom komentar ya",
    "Pengurusan ijin usaha skrg lbh cepat lewat #LayananDaring. Panduannya ada di situs kami",
    "Pendaftaran akan ditutup pada 10 Maret 2025, segera daftar di kemkes.go.id/daftar",
    "Pemerintah membuka pendaftaran beasiswa untuk mahasiswa berprestasi mulai hari Senin depan",
]


def dataset(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """Posts over five months and four platforms: exact and near duplicates, shuffled words, some without a platform."""
    rnd = random.Random(seed)
    start = datetime(2024, 11, 3, 7, tzinfo=WIB)
    rows = []
    for i in range(n):
        base = rnd.choice(TEXTS)
        kind = rnd.random()
        text = base if kind < 0.3 else base + f" #{rnd.randint(1, 40)}" if kind < 0.6 else \
            f"Informasi nomor {i}: " + " ".join(rnd.sample(base.split(), k=len(base.split())))
        row: dict[str, Any] = {"text": text, "publish_at": (start + timedelta(minutes=rnd.randint(0, 60 * 24 * 150))).isoformat()}
        platform = rnd.choice(["x", "facebook", "instagram", "mastodon", None])
        if platform:
            row["platform"] = platform
        if rnd.random() < 0.1:
            row["language"] = "id"
        rows.append(row)
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]], *, broken: bool = False) -> Path:
    lines = []
    for i, row in enumerate(rows):
        lines.append(json.dumps(row, ensure_ascii=False))
        if broken and i % 500 == 250:
            lines.append("{broken json")
        if broken and i % 700 == 3:
            lines.append(json.dumps({"no_text": 1}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    if distributed is None:
        pytest.skip('needs the optional extra: pip install "postcheck[dask]"')
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client


def read_parts(folder: Path, suffix: str) -> list[Path]:
    return sorted(folder.glob(f"part-*.{suffix}"))


@needs_dask
def test_two_workers_give_exactly_the_single_process_report(client: Any, tmp_path: Path) -> None:
    from postcheck.dask_engine import audit_dask

    source = write_jsonl(tmp_path / "posts.jsonl", dataset(2000), broken=True)
    rows: list[dict[str, Any]] = []
    local = audit(source, config=CFG, jobs=1, time_column="publish_at",
                  on_post=lambda s: rows.append(post_row(s, CFG.tz)) if s.error is None else None)
    out = tmp_path / "rows"
    report = audit_dask(source, config=CFG, scheduler=client, time_column="publish_at", output=out, chunk_size=100)

    assert report.data == local.data
    data = report.data
    assert data["counts"]["posts"] == 2000 and data["counts"]["problems"] == 7
    assert len(data["monthly"]) >= 5 and len(data["platform_limits"]["by_platform"]) + 1 >= 1
    assert data["near_duplicates"] and data["worst_posts"]
    parts = read_parts(out, "jsonl")
    assert len(parts) == math.ceil(2007 / 100)  # one file per partition of 100 records
    assert [json.loads(line) for p in parts for line in p.read_text(encoding="utf-8").splitlines()] == rows
    assert report.summaries_written == 2000


@needs_dask
def test_window_and_csv_rows_match_the_local_audit(client: Any, tmp_path: Path) -> None:
    from postcheck.dask_engine import audit_dask

    source = write_jsonl(tmp_path / "posts.jsonl", dataset(600, seed=2))
    window = {"since": datetime(2024, 12, 1, tzinfo=WIB), "until": datetime(2025, 2, 1, tzinfo=WIB)}
    stream = io.StringIO()
    local = audit(source, config=CFG, jobs=1, time_column="publish_at", on_post=CsvWriter(stream, CFG.tz), **window)
    out = tmp_path / "rows"
    report = audit_dask(source, config=CFG, scheduler=client, time_column="publish_at", output=out, row_format="csv",
                        chunk_size=64, **window)
    assert report.data == local.data
    assert 0 < report.data["counts"]["outside_window"] < 600
    lines = []
    for part in read_parts(out, "csv"):
        header, *body = list(csv.reader(io.StringIO(part.read_text(encoding="utf-8"))))
        assert tuple(header) == COLUMNS
        lines.extend(body)
    assert lines == list(csv.reader(io.StringIO(stream.getvalue())))[1:]
    with pytest.raises(InputError, match="already holds part files"):
        audit_dask(source, config=CFG, scheduler=client, output=out, row_format="csv")


@needs_dask
@pytest.mark.parametrize("fixture", ["x", "facebook", "instagram", "mastodon"])
def test_platform_archives_are_read_by_the_client(client: Any, fixture: str) -> None:
    from postcheck.dask_engine import audit_dask

    source = FIXTURES / fixture
    assert audit_dask(source, config=CFG, scheduler=client, chunk_size=3).data == audit(source, config=CFG, jobs=1).data


@needs_dask
def test_an_empty_source(client: Any, tmp_path: Path) -> None:
    from postcheck.dask_engine import audit_dask

    source = tmp_path / "posts.jsonl"
    source.write_text("", encoding="utf-8")
    assert audit_dask(source, config=CFG, scheduler=client).data == audit(source, config=CFG, jobs=1).data


@needs_dask
def test_a_bag_of_posts(client: Any, tmp_path: Path) -> None:
    import dask.bag as db

    from postcheck.dask_engine import audit_collection, check_collection

    rows = dataset(500, seed=3)
    source = write_jsonl(tmp_path / "posts.jsonl", rows)
    local = audit(source, config=CFG, jobs=1, time_column="publish_at").data
    items = [{**row, "locator": f"posts.jsonl:line {i + 1}"} for i, row in enumerate(rows)]
    bag = db.from_sequence(items, npartitions=7)
    data = audit_collection(bag, config=CFG, scheduler=client).data
    assert data.pop("source") == {"path": "posts", "format": "dask", "zone": "Asia/Jakarta"}
    local.pop("source")
    assert data == local
    checked = check_collection(bag, config=CFG).compute(scheduler=client.get)  # type: ignore[attr-defined]
    assert [r["locator"] for r in checked] == [item["locator"] for item in items]


@needs_dask
def test_parquet_is_read_by_the_workers(client: Any, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    pytest.importorskip("dask.dataframe")
    from postcheck.dask_engine import audit_dask

    rows = dataset(400, seed=4)
    local = audit(write_jsonl(tmp_path / "posts.jsonl", rows), config=CFG, jobs=1, time_column="publish_at").data
    frame = pd.DataFrame([{"locator": f"posts.jsonl:line {i + 1}", "platform": None, "language": None, **row}
                          for i, row in enumerate(rows)])
    frame["publish_at"] = pd.to_datetime(frame["publish_at"])  # timestamps, not strings
    folder = tmp_path / "posts"
    folder.mkdir()
    for n, start in enumerate(range(0, 400, 150)):
        frame.iloc[start : start + 150].to_parquet(folder / f"{n:03d}.parquet")
    report = audit_dask(folder, config=CFG, scheduler=client, output=tmp_path / "rows")
    data = report.data
    assert data.pop("source")["format"] == "parquet"
    local.pop("source")
    assert data == local
    assert len(read_parts(tmp_path / "rows", "jsonl")) == 3


@needs_dask
def test_parquet_without_pyarrow_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from postcheck.dask_engine import PARQUET_HINT, audit_dask

    (tmp_path / "posts.parquet").write_bytes(b"PAR1")
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(PostcheckError) as caught:
        audit_dask(tmp_path / "posts.parquet", config=CFG, scheduler="tcp://127.0.0.1:1")
    assert str(caught.value) == PARQUET_HINT


@needs_dask
def test_user_rules_reach_workers_that_cannot_read_the_file(client: Any, tmp_path: Path) -> None:
    from postcheck.dask_engine import Window, check_items

    rule_file = tmp_path / "house.yaml"
    rule_file.write_text(
        "- id: quality/house-word\n  kind: existence\n  category: quality\n  severity: warning\n"
        "  message: {id: 'Jangan pakai \"{match}\"', en: 'Do not write \"{match}\"'}\n"
        "  rationale: House style.\n  source: Our style guide.\n  tokens: [warga]\n",
        encoding="utf-8",
    )
    shipped = ruleset_for(CFG, [str(rule_file)])
    rule_file.unlink()  # workers must not need it
    record = SourceRecord(text="Silahkan antri dengan tertib ya warga semua di kantor kecamatan", locator="a#1")
    partial, rows = client.submit(check_items, [record], 0, shipped, Window(), "jsonl", pure=False).result()
    [row] = [json.loads(line) for line in rows.splitlines()]
    assert "quality/house-word" in row["rules"]
    assert partial.agg.finding_meta["quality/house-word"][2] == 'Do not write "warga"'


@needs_dask
def test_cli_engine_dask_with_a_scheduler_address(cli, client: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_jsonl(tmp_path / "posts.jsonl", dataset(150, seed=5))
    result = cli(["audit", str(source), "--engine", "dask", "--scheduler", client.scheduler.address, "--format", "json",
                  "--time-column", "publish_at"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == audit(source, jobs=1, time_column="publish_at").data


@needs_dask
def test_a_bad_scheduler_address_is_a_usage_error(tmp_path: Path) -> None:
    from postcheck.dask_engine import audit_dask

    source = write_jsonl(tmp_path / "posts.jsonl", dataset(3))
    with pytest.raises(PostcheckError, match="cannot reach the Dask scheduler at nonsense"):
        audit_dask(source, config=CFG, scheduler="nonsense")
