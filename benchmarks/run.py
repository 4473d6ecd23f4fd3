"""postcheck's speed and memory, next to the prose linters' — one command.

    python benchmarks/run.py [--drafts 10000] [--audit-posts 100000] [--runs 3] [--million] [--no-peers]

1. Builds a deterministic corpus of Markdown drafts from real post texts in
   ``../shared/corpora/labeled/`` (Indonesian and English mixed; front matter
   on every third draft), or from synthetic texts when the corpora are absent,
   and the same posts as one JSON Lines file.
2. Times ``postcheck lint`` over the corpus (all built-in rules) on 1 core and
   on all cores, ``postcheck lint`` of one draft (cold start) against a bare
   ``python -c pass``, and ``postcheck audit`` of the JSON Lines file on 1 core
   and on all cores: wall time, CPU time, posts per second and peak RSS, the
   median of ``--runs`` runs.
3. Times the peers that are installed — proselint (PyPI), write-good, alex and
   textlint (npm) — on exactly the same drafts as postcheck (all of them, or the
   first ``--peer-sample`` for both), start-up included for every tool, and
   prints the ratios; absent ones are skipped.

Nothing here is a test: figures depend on the machine. The README quotes the
latest run with its date and machine. Run it with the Python of an environment
where postcheck is installed as users install it (``pip install .``): an
editable install reads the YAML packs and analyses their patterns at start-up,
which a wheel does not (see src/postcheck/rulesnapshot.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SOURCES = (
    ("id_gov_tweets.csv", "id"),
    ("id_clickbait.csv", "id"),
    ("id_hate_abusive.csv", "id"),
    ("en_clickbait.csv", "en"),
    ("en_offensive.csv", "en"),
)
WIB = timezone(timedelta(hours=7))


@dataclass
class Timing:
    wall: float
    cpu: float
    rss_mb: float


def texts(shared: Path, n: int) -> list[tuple[str, str]]:
    """``n`` (text, language) pairs, deterministic."""
    pool: list[tuple[str, str]] = []
    labeled = shared / "corpora" / "labeled"
    if labeled.is_dir():
        for name, lang in SOURCES:
            with (labeled / name).open(encoding="utf-8", newline="") as handle:
                pool.extend((row["text"].replace("\\n", "\n"), lang) for row in csv.DictReader(handle) if row["text"].strip())
    else:
        words = "layanan publik warga kantor pendaftaran vaksinasi gratis informasi lengkap silakan datang besok".split()
        rng0 = random.Random(1)
        pool = [(" ".join(rng0.choice(words) for _ in range(25)), "id") for _ in range(5000)]
    rng = random.Random(0)
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(n)]


def build_corpus(shared: Path, n: int) -> Path:
    folder = OUT / f"drafts-{n}"
    if folder.is_dir() and len(list(folder.glob("*.md"))) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = datetime(2024, 1, 1, 8, tzinfo=WIB)
    for i, (text, lang) in enumerate(texts(shared, n)):
        body = text
        if i % 3 == 0:
            when = (start + timedelta(hours=7 * i)).isoformat()
            body = f"---\nlang: {lang}\nplatform: {'x' if i % 2 else 'instagram'}\npublish_at: {when}\n---\n{text}\n"
        (folder / f"{i:06d}.md").write_text(body, encoding="utf-8")
    return folder


def build_jsonl(shared: Path, n: int) -> Path:
    path = OUT / f"posts-{n}.jsonl"
    if path.is_file():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    start = datetime(2016, 1, 1, 8, tzinfo=WIB)
    with path.open("w", encoding="utf-8") as handle:
        for i, (text, lang) in enumerate(texts(shared, n)):
            row = {"text": text, "time": (start + timedelta(minutes=37 * i)).isoformat(), "language": lang, "platform": "x"}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def measure(command: list[str], runs: int) -> Timing:
    """Median wall and CPU time and peak RSS of ``command`` over ``runs`` runs."""
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        # The command goes to the probe on standard input: ten thousand paths exceed one argument's limit.
        probe = [sys.executable, "-c", _PROBE]
        out = subprocess.run(probe, input=json.dumps(command), capture_output=True, text=True, check=True).stdout
        data = json.loads(out.strip().splitlines()[-1])
        walls.append(data["wall"])
        cpus.append(data["cpu"])
        rss.append(data["rss"])
    return Timing(statistics.median(walls), statistics.median(cpus), max(rss) / 1024)


# Runs the command in a child and reports its resources (the child's, not ours).
_PROBE = """
import json, resource, subprocess, sys, time
cmd = json.loads(sys.stdin.read())
t = time.perf_counter()
subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": u.ru_utime + u.ru_stime, "rss": u.ru_maxrss}))
"""


def postcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "postcheck", *args]


def _install_kind() -> str:
    """How the measured postcheck is installed: a wheel ships the parsed rule snapshot, a checkout does not."""
    probe = (
        "import importlib.resources as r, postcheck; "
        "print(postcheck.__file__, r.files('postcheck').joinpath('builtin_rules/snapshot.json').is_file())"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return f"{out[0]} ({'installed wheel, rule snapshot' if out[1] == 'True' else 'checkout or editable install, YAML packs'})"


def peers(files: list[str], runs: int) -> list[tuple[str, Timing]]:
    """(name, timing) of each installed peer over exactly ``files``."""
    candidates = {
        "proselint": (["proselint", "check", *files] if shutil.which("proselint") else None),
        "write-good": (["write-good", *files] if shutil.which("write-good") else None),
        "alex": (["alex", *files] if shutil.which("alex") else None),
        "textlint": (["textlint", *files] if shutil.which("textlint") else None),
    }
    results = []
    for name, command in candidates.items():
        if command is None:
            print(f"  {name:<12} not installed — skipped")
            continue
        results.append((name, measure(command, max(1, runs - 1))))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--audit-posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="also audit 1,000,000 posts for peak memory (slow)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--peer-sample", type=int, default=0, help="give the peers only the first N drafts (default: all of them, as postcheck)"
    )
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    print(
        f"postcheck benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"{cores} cores, Python {platform.python_version()}\n"
    )
    print(f"postcheck: {_install_kind()}\n")
    folder = build_corpus(args.shared, args.drafts)
    jsonl = build_jsonl(args.shared, args.audit_posts)
    one = next(folder.glob("*.md"))
    rows: list[tuple[str, Timing, int, str]] = []

    bare = measure([sys.executable, "-c", "pass"], max(5, args.runs))
    cold = measure(postcheck("lint", "--exit-zero", str(one)), max(5, args.runs))
    rows.append(("python -c pass", bare, 1, ""))
    rows.append(("lint, one draft (cold start)", cold, 1, f"≤ 150 ms and ≤ 6× python ({cold.wall / bare.wall:.1f}×)"))
    lint1 = measure(postcheck("lint", "--exit-zero", "--jobs", "1", "--format", "json", str(folder)), args.runs)
    rows.append((f"lint {args.drafts:,} drafts, 1 core", lint1, args.drafts, ""))
    lintn = measure(postcheck("lint", "--exit-zero", "--jobs", str(cores), "--format", "json", str(folder)), args.runs)
    rows.append(
        (
            f"lint {args.drafts:,} drafts, {cores} cores",
            lintn,
            args.drafts,
            f"≥ 3,000 drafts/s; scaling {lint1.wall / lintn.wall:.2f}× (≥ 1.7×)",
        )
    )
    audit1 = measure(postcheck("audit", str(jsonl), "--time-column", "time", "--format", "json", "--jobs", "1"), args.runs)
    rows.append((f"audit {args.audit_posts:,} posts, 1 core", audit1, args.audit_posts, ""))
    auditn = measure(postcheck("audit", str(jsonl), "--time-column", "time", "--format", "json", "--jobs", str(cores)), args.runs)
    rows.append(
        (
            f"audit {args.audit_posts:,} posts, {cores} cores",
            auditn,
            args.audit_posts,
            f"≥ 5,000 posts/s; scaling {audit1.wall / auditn.wall:.2f}× (≥ 1.7×)",
        )
    )
    if args.million:
        big = build_jsonl(args.shared, 1_000_000)
        million = measure(postcheck("audit", str(big), "--time-column", "time", "--format", "json"), 1)
        rows.append(("audit 1,000,000 posts, all cores", million, 1_000_000, "peak RSS ≤ 300 MB"))

    print(f"{'measure':<36} {'wall s':>8} {'cpu s':>8} {'per s':>10} {'peak RSS MB':>12}  target")
    for name, t, n, target in rows:
        rate = f"{n / t.wall:,.0f}" if n > 1 else ""
        print(f"{name:<36} {t.wall:>8.3f} {t.cpu:>8.2f} {rate:>10} {t.rss_mb:>12.0f}  {target}")

    if not args.no_peers:
        # Peers and postcheck get the very same file list, start-up included for both, so the
        # ratio is what a user sees running each tool on those drafts.
        files = sorted(str(p) for p in folder.glob("*.md"))
        if args.peer_sample and args.peer_sample < len(files):
            files = files[: args.peer_sample]
            ours1 = measure(postcheck("lint", "--exit-zero", "--jobs", "1", "--format", "json", *files), args.runs)
            oursn = measure(postcheck("lint", "--exit-zero", "--jobs", str(cores), "--format", "json", *files), args.runs)
        else:
            ours1, oursn = lint1, lintn
        n = len(files)
        print(f"\npeers on the same {n:,} drafts (wall time, start-up included):")
        print(f"  {'postcheck, 1 core':<22} {ours1.wall:8.2f} s  {ours1.wall / n * 1000:7.3f} ms/draft")
        print(f"  {f'postcheck, {cores} cores':<22} {oursn.wall:8.2f} s  {oursn.wall / n * 1000:7.3f} ms/draft")
        for name, t in peers(files, args.runs):
            print(
                f"  {name:<22} {t.wall:8.2f} s  {t.wall / n * 1000:7.3f} ms/draft  "
                f"postcheck is {t.wall / ours1.wall:,.1f}× faster on 1 core, "
                f"{t.wall / oursn.wall:,.1f}× on {cores} (target ≥ 10×)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
