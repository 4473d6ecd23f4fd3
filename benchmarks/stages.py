"""Where postcheck's time goes, per post and at start-up — one command.

    python benchmarks/stages.py [--posts 20000] [--top 15]

``benchmarks/run.py`` says how fast postcheck is; this says why. On the same
posts as the audit benchmark (the JSON Lines corpus, Indonesian and English),
checked in this process with all built-in rules for X, it prints:

1. **Per post, by stage**: the text features every post pays for once
   (entities, words, sentences, dates, readability, the measures of ``metric``
   rules), the prefilter, the rules themselves, and the rest of the engine
   (locating findings, messages, scores) — microseconds per post and share.
   Features are timed one after another on fresh posts, each with those before
   it already computed, so that each figure is that feature's own cost.
2. **Per rule**: the rules that cost the most, per post on average over all
   posts (a rule the prefilter skips costs nothing there), with the share of
   posts each one ran on. A rule also pays for what it is the first to need
   and the stages above do not compute (a sentence's words, a scope's bounds).
3. **Pattern automata warm-up**: RE2 builds its DFA states as texts arrive, in
   every process; the first pass over the posts minus a second one.
4. **Cold start**: a bare interpreter, importing the command line, building the
   engine, checking one draft — each in a fresh process, the median of runs.
   Run it with the Python of an installed wheel: an editable checkout parses the
   YAML packs at start-up.

The corpus declares every post's language, so language detection (langdetect
for posts the word vote leaves undecided, 0.8 ms each) is not in these figures.
The engine's part is a difference of two timings, floored at zero.
5. **The budget**: the per-post CPU time the targets of the speed issue leave
   on this machine (two cores).

Rules are timed inside a wrapper (two clock reads, about 0.1 µs each); the
engine's part is the whole check of the same posts without the wrapper, minus
the rules' time. Nothing here
is a test; figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as benchmark

from postcheck.config import Config
from postcheck.drafts import build_post
from postcheck.engine import Engine
from postcheck.post import MEASURES, Post

WIB = timezone(timedelta(hours=7))
PLATFORM = "x"
#: Text features in the order the engine first needs them; each is timed with those before it done.
FEATURES = (
    ("links, e-mails, mentions, hashtags", ("urls", "emails", "mentions", "hashtags")),
    ("words (tokenizer)", ("words",)),
    ("language", ("language",)),
    ("sentences", ("sentences", "sentence_words")),
    ("case folding, capitals", ("folded", "_case")),
    ("emoji", ("emoji",)),
    ("dates and times", ("dates",)),
    ("readability", ("readability",)),
)
#: Word indexes the word-list rules share (``Post.word_index`` variants: hashtags left out or kept).
WORD_INDEXES = ((False, True), (True, True))


def load_posts(shared: Path, n: int) -> list[dict[str, Any]]:
    path = benchmark.build_jsonl(shared, max(n, 100_000))
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            rows.append(json.loads(line))
            if len(rows) == n:
                break
    return rows


def fresh(rows: list[dict[str, Any]]) -> list[Post]:
    return [
        build_post(
            r["text"],
            path=None,
            default_tz=WIB,
            markdown=False,
            language=r.get("language"),
            publish_at=datetime.fromisoformat(r["time"]),
            publish_source="export",
        )
        for r in rows
    ]


def per_post(posts: list[Post], fn: Callable[[Post], object]) -> float:
    """Microseconds per post of ``fn`` over ``posts``.

    The garbage collector is paused while timing: this script keeps every post alive to time the
    stages one by one, and collections over tens of thousands of live posts would be charged to
    whichever stage allocates; ``lint`` and ``audit`` stream their posts instead.
    """
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for post in posts:
            fn(post)
        return (time.perf_counter() - start) / len(posts) * 1e6
    finally:
        gc.enable()


def stages(engine: Engine, rows: list[dict[str, Any]]) -> tuple[list[tuple[str, float]], float]:
    """Each stage's microseconds per post, and a whole ``check_one`` on fresh posts."""
    posts = fresh(rows)
    out: list[tuple[str, float]] = []
    for label, names in FEATURES:
        out.append((label, per_post(posts, lambda p, names=names: [getattr(p, n) for n in names])))
    out.append(("measures of metric rules", per_post(posts, lambda p: [p.measure(m) for m in MEASURES])))
    out.append(("word indexes of word-list rules", per_post(posts, lambda p: [p.word_index(*v) for v in WORD_INDEXES])))

    def prefilter(post: Post) -> None:
        key = post.language if post.language in ("id", "en") else "*"
        chosen = engine._prefilter_for(key)
        post.candidates, post.candidates_from = chosen.candidates(post), chosen

    out.append(("prefilter (which word lists and patterns may match)", per_post(posts, prefilter)))
    rules_us = rule_costs(engine, posts)
    # The same posts again, every feature now computed, without the timing wrapper: the whole check
    # minus the rules' own time is the engine's part.
    total_after = per_post(posts, lambda p: engine.check_one(p, PLATFORM))
    out.append(("rules (their own work, features above excluded)", rules_us))
    out.append(("engine: rules chosen, findings located, messages, scores", max(0.0, total_after - rules_us)))
    whole = per_post(fresh(rows), lambda p: engine.check_one(p, PLATFORM))
    return out, whole


_RULE_TIMES: Counter[str] = Counter()
_RULE_RUNS: Counter[str] = Counter()


class _Timed:
    """A check that records the time its ``run`` takes (results unchanged)."""

    def __init__(self, check: Any, rule_id: str) -> None:
        self.check, self.rule_id = check, rule_id

    def run(self, post: Post) -> Iterator[Any]:
        start = time.perf_counter()
        hits = list(self.check.run(post))
        _RULE_TIMES[self.rule_id] += time.perf_counter() - start
        _RULE_RUNS[self.rule_id] += 1
        return iter(hits)


def rule_costs(engine: Engine, posts: list[Post]) -> float:
    """Time every rule on posts whose features are computed; µs per post spent inside rules."""
    timed = Engine(engine.config, engine.rules)
    for key in ("id", "en", "*"):
        selection = timed._rules_for(key, PLATFORM)
        selection._entries = [(rule, _Timed(check, rule.id)) for rule, check in selection._entries]  # type: ignore[misc]
        timed._prefilters[key] = engine._prefilter_for(key)
    _RULE_TIMES.clear()
    _RULE_RUNS.clear()
    per_post(posts, lambda p: timed.check_one(p, PLATFORM))
    return sum(_RULE_TIMES.values()) / len(posts) * 1e6


def warm_up(engine: Engine, rows: list[dict[str, Any]]) -> tuple[float, float]:
    """``check_one`` µs per post on a first and a second pass (the first use of the automata in this process)."""
    first = per_post(fresh(rows), lambda p: engine.check_one(p, PLATFORM))
    second = per_post(fresh(rows), lambda p: engine.check_one(p, PLATFORM))
    return first, second


_COLD = """
import sys, time
t0 = time.perf_counter()
import postcheck.cli  # noqa: F401
t1 = time.perf_counter()
from postcheck.config import Config
from postcheck.engine import Engine
engine = Engine.from_config(Config())
t2 = time.perf_counter()
from postcheck.drafts import read_draft
from datetime import timedelta, timezone
engine.check(read_draft(sys.argv[1], default_tz=timezone(timedelta(hours=7))))
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def cold_start(draft: Path, runs: int) -> list[tuple[str, float]]:
    """Median milliseconds of each start-up phase, each run a new process."""
    bare, phases = [], []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _COLD, str(draft)], check=True, capture_output=True, text=True).stdout
        total = time.perf_counter() - start
        phases.append([float(x) for x in out.split()] + [total])
    med = [statistics.median(p[i] for p in phases) * 1e3 for i in range(4)]
    bare_ms = statistics.median(bare) * 1e3
    return [
        ("python -c pass", bare_ms),
        ("import the command line (typer, postcheck)", med[0]),
        ("build the engine (its imports, the built-in packs)", med[1]),
        ("read and check one draft", med[2]),
        ("whole process, these three phases", med[3]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=benchmark.ROOT.parent / "shared")
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5, help="runs of each cold-start measurement")
    args = parser.parse_args(argv)

    rows = load_posts(args.shared, args.posts)
    print(f"postcheck profile · {len(rows):,} posts · {os.cpu_count()} cores · Python {sys.version.split()[0]}")
    config = Config()
    engine = Engine.from_config(config)
    engine.prepare()

    # The same engine throughout: its prefilter automaton warms up with the pattern groups, so the
    # stages below are timed warm.
    first, second = warm_up(engine, rows)
    stage_rows, whole = stages(engine, rows)  # the engine is warm now: steady-state figures
    print(f"\n1. Per post, by stage (µs per post, warm automata; a whole check of a new post: {whole:.0f} µs)")
    total = sum(v for _, v in stage_rows)
    for label, value in stage_rows:
        print(f"   {label:56s} {value:7.1f}  {value / total:6.1%}")
    print(f"   {'sum':56s} {total:7.1f}")

    print(f"\n2. Costliest rules (µs per post over all {len(rows):,} posts; runs: share of posts it ran on)")
    for rule_id, seconds in _RULE_TIMES.most_common(args.top):
        share = _RULE_RUNS[rule_id] / len(rows)
        print(f"   {rule_id:44s} {seconds / len(rows) * 1e6:6.1f}   runs {share:6.1%}")

    print("\n3. Pattern automata warm-up (the same posts twice, from a new process)")
    extra = max(0.0, first - second) * len(rows) / 1e6
    print(f"   first pass {first:.0f} µs per post, second {second:.0f}: {extra:.2f} s more per process")

    draft = benchmark.build_corpus(args.shared, 10_000) / "000000.md"
    print(f"\n4. Cold start, ms (median of {args.runs} new processes; {draft.name})")
    for label, ms in cold_start(draft, args.runs):
        print(f"   {label:56s} {ms:7.1f}")

    print("\n5. Budget on this machine, CPU per post for the speed targets on two cores")
    for label, rate in (("lint ≥ 3,000 drafts/s", 3000), ("audit ≥ 5,000 posts/s", 5000)):
        print(f"   {label:24s} ≤ {2 / rate * 1e6:5.0f} µs per post (all stages, reading and writing included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
