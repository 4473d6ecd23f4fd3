"""Throughput of ``postcheck audit --engine dask`` with 1 and 2 local workers.

    python benchmarks/dask_bench.py [--posts 50000] [--workers 1,2] [--chunk 2000] [--local] [--json FILE]

Builds a JSON Lines file of ``--posts`` posts — each the first half of one real ministry tweet
and the second half of another, from ``../shared/corpora/labeled/id_gov_tweets.csv`` when it is
there (synthetic Indonesian sentences otherwise) — spread over three years and five platforms.
For each worker count it starts a LocalCluster (one process per worker, one thread each), warms
it up (every worker compiles the rule set once), then times the audit and prints posts/second.
It also prints what bounds a larger cluster: the client's rate of reading and shipping records,
and the time spent in the checks, the merges and the final report task (from the task stream).
``--local`` also times the local engine (``--jobs 1`` and ``2``) for comparison. The reports of
every run are compared and must be identical.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "labeled" / "id_gov_tweets.csv"
WIB = timezone(timedelta(hours=7))
PLATFORMS = ("x", "facebook", "instagram", "threads", "mastodon")
SYNTHETIC = [
    "Pemerintah membuka pendaftaran program magang nasional bagi lulusan baru",
    "Vaksinasi campak gratis untuk anak usia sembilan bulan tersedia di puskesmas",
    "Layanan pengaduan dibuka setiap hari kerja pukul 08.00 WIB",
    "Informasi lengkap dapat dilihat di situs resmi kementerian",
    "Silakan antre dengan tertib di loket pelayanan kantor kecamatan",
    "Harga bahan pokok pekan ini stabil di seluruh provinsi",
    "Bagaimana pendapat Anda tentang layanan kami? Tulis di kolom komentar",
    "Jangan lupa cuci tangan pakai sabun sebelum makan",
]


def corpus_texts() -> tuple[list[str], str]:
    if CORPUS.is_file():
        with CORPUS.open(encoding="utf-8", newline="") as handle:
            texts = [row["text"] for row in csv.DictReader(handle) if row.get("text", "").strip()]
        if texts:
            return texts, f"{CORPUS.name} ({len(texts)} tweets, halves recombined)"
    return SYNTHETIC, "synthetic sentences"


def build(path: Path, posts: int, seed: int = 1) -> str:
    """Write ``posts`` JSON Lines posts; returns a description of the texts."""
    texts, origin = corpus_texts()
    rnd = random.Random(seed)
    start = datetime(2022, 1, 3, 7, tzinfo=WIB)
    span = 3 * 365 * 24 * 60
    with path.open("w", encoding="utf-8") as out:
        for _ in range(posts):
            a, b = rnd.choice(texts).split(), rnd.choice(texts).split()
            text = " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])
            row = {"text": text, "publish_at": (start + timedelta(minutes=rnd.randrange(span))).isoformat(),
                   "platform": rnd.choice(PLATFORMS)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return origin


def client_feed_rate(path: Path) -> float:
    """Records per second the client reads and pickles (the ceiling of a client-fed audit)."""
    from postcheck.config import Config
    from postcheck.sources import read_source

    started = time.perf_counter()
    chunk: list[Any] = []
    n = 0
    for item in read_source(path, default_tz=Config().tz, text_column=None, time_column="publish_at"):
        chunk.append(item)
        n += 1
        if len(chunk) == 2000:
            pickle.dumps(chunk)
            chunk = []
    pickle.dumps(chunk)
    return n / (time.perf_counter() - started)


def _cpu_seconds() -> float:
    """CPU time of the calling process (run on every worker through ``client.run``)."""
    times = os.times()
    return times.user + times.system


def run_dask(path: Path, warmup: Path, workers: int, chunk: int) -> tuple[float, dict[str, Any], dict[str, float]]:
    from distributed import Client, LocalCluster, get_task_stream

    from postcheck.config import Config
    from postcheck.dask_engine import audit_dask

    cfg = Config(ui_language="en")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        audit_dask(warmup, config=cfg, scheduler=client, time_column="publish_at", chunk_size=100)  # compile on every worker
        cpu_before, client_before = client.run(_cpu_seconds), _cpu_seconds()
        with get_task_stream(client) as stream:
            started = time.perf_counter()
            report = audit_dask(path, config=cfg, scheduler=client, time_column="publish_at", chunk_size=chunk)
            seconds = time.perf_counter() - started
        cpu_after = client.run(_cpu_seconds)
        busy: dict[str, float] = defaultdict(float)
        busy["worker_cpu"] = sum(cpu_after[w] - cpu_before[w] for w in cpu_after)
        busy["client_cpu"] = _cpu_seconds() - client_before
        for task in stream.data:
            kind = str(task["key"]).split("-")[1] if str(task["key"]).startswith("postcheck-") else "other"
            for part in task["startstops"]:
                if part["action"] == "compute":
                    busy[kind] += part["stop"] - part["start"]
    return seconds, report.data, dict(busy)


def run_local(path: Path, jobs: int) -> tuple[float, float, dict[str, Any]]:
    from postcheck.audit import audit
    from postcheck.config import Config
    from postcheck.engine import engine_for

    cfg = Config(ui_language="en")
    engine_for(cfg)  # compile outside the timing, as the warm Dask workers do
    before, started = os.times(), time.perf_counter()
    report = audit(path, config=cfg, jobs=jobs, time_column="publish_at")
    after, seconds = os.times(), time.perf_counter() - started
    cpu = sum(after[i] - before[i] for i in range(4))  # this process and its (joined) pool processes
    return seconds, cpu, report.data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--chunk", type=int, default=2000, help="records per partition")
    parser.add_argument("--local", action="store_true", help="also time the local engine with --jobs 1 and 2")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="postcheck-dask-bench-") as folder:
        path, warmup = Path(folder) / "posts.jsonl", Path(folder) / "warmup.jsonl"
        origin = build(path, args.posts)
        build(warmup, 300, seed=2)
        load = os.getloadavg()[0]
        print(f"{args.posts} posts from {origin}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; load {load:.1f}")
        if load > 0.5:
            print("note: the machine is busy; wall-clock figures will be low, posts per CPU-second less so")
        feed = client_feed_rate(path)
        print(f"client read + pickle: {feed:,.0f} records/s (ceiling for archives, CSV and JSON Lines)")
        reference: dict[str, Any] | None = None
        for workers in (int(w) for w in args.workers.split(",")):
            seconds, data, busy = run_dask(path, warmup, workers, args.chunk)
            reference = reference or data
            same = data == reference
            rate = args.posts / seconds
            cpu = busy["worker_cpu"]
            print(f"dask   {workers} worker(s): {seconds:7.1f} s  {rate:7.0f} posts/s  "
                  f"({args.posts / cpu:.0f} posts per worker CPU-second; client + scheduler CPU {busy['client_cpu']:.1f} s; "
                  f"tasks: check {busy.get('check', 0):.1f} s, merges {busy.get('merge', 0):.2f} s, "
                  f"report + near-duplicates {busy.get('finish', 0):.2f} s)"
                  f"{'' if same else '  REPORT DIFFERS'}")
            results.append({"engine": "dask", "workers": workers, "seconds": round(seconds, 2), "posts_per_second": round(rate),
                            "busy_seconds": {k: round(v, 2) for k, v in busy.items()}, "identical": same})
        if args.local:
            for jobs in (1, 2):
                seconds, cpu, data = run_local(path, jobs)
                same = reference is None or data == reference
                print(f"local  --jobs {jobs}:     {seconds:7.1f} s  {args.posts / seconds:7.0f} posts/s  "
                      f"({args.posts / cpu:.0f} posts per CPU-second, all processes){'' if same else '  REPORT DIFFERS'}")
                results.append({"engine": "local", "workers": jobs, "seconds": round(seconds, 2),
                                "posts_per_second": round(args.posts / seconds), "cpu_seconds": round(cpu, 2), "identical": same})
    if args.json:
        args.json.write_text(json.dumps({"posts": args.posts, "texts": origin, "client_feed_per_second": round(feed),
                                         "runs": results}, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["identical"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
