"""Long fuzzing run of the reliability properties (the ones tests/reliability/test_fuzz.py runs briefly).

    python benchmarks/fuzz.py --examples 100000 [--jobs 2] [--only check_text,export] [--json FILE]

``--examples`` is the total number of generated inputs, shared among the properties in
proportion to their budgets in the test suite. Each property runs in its own process; when one
fails, the shrunk failing input is printed, and the property starts again with a new seed until
its share of inputs is reached, so one bug does not hide the next. At the end it prints, per
property and in total: inputs generated, distinct crashes (failures, by exception type and
place), and time, then how long RE2 takes on a catastrophic-backtracking pattern that Python's
``re`` cannot finish. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import re
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(1, str(ROOT / "src"))

_VARIABLE = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")
#: A failure whose signature was already seen this many times in a row ends the property early.
MAX_RESTARTS = 25


@dataclass
class Outcome:
    name: str
    target: int
    generated: int = 0
    seconds: float = 0.0
    crashes: list[str] = field(default_factory=list)


def _signature(exc: BaseException) -> str:
    """Exception type and the innermost frame inside postcheck (or the test), to tell bugs apart."""
    frames = traceback.extract_tb(exc.__traceback__)
    inside = [f for f in frames if "/postcheck/" in f.filename] or [f for f in frames if "reliability" in f.filename] or frames
    place = f"{Path(inside[-1].filename).name}:{inside[-1].lineno}" if inside else "?"
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    message = _VARIABLE.sub("…", message)[:120]  # the same bug on other input is the same crash
    return f"{type(exc).__name__} at {place}: {message}"


def _leaves(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]


def run_one(args: tuple[str, int, int]) -> Outcome:
    """Run one property in this (worker) process until ``target`` inputs were generated."""
    name, target, seed = args
    from reliability import properties

    prop = next(p for p in properties.PROPERTIES if p.name == name)
    outcome = Outcome(name, target)
    counter = [0]

    def count() -> None:
        counter[0] += 1

    started = time.perf_counter()
    restarts = 0
    attempt = 0
    while counter[0] < target and restarts < MAX_RESTARTS:
        attempt += 1
        try:
            properties.run_property(prop, target - counter[0], on_example=count, seed=seed * 1000 + attempt)
        except Exception as exc:  # a property failed: record each distinct bug, then go on with a new seed
            new = False
            for leaf in _leaves(exc):
                signature = _signature(leaf)
                if signature not in outcome.crashes:
                    outcome.crashes.append(signature)
                    new = True
                    print(f"[{name}] CRASH {signature}", flush=True)
                    for note in getattr(leaf, "__notes__", []):
                        print(f"[{name}]   {note}", flush=True)
            restarts = 0 if new else restarts + 1
            continue
        break
    outcome.generated = counter[0]
    outcome.seconds = time.perf_counter() - started
    print(f"[{name}] done: {outcome.generated:,} inputs, {len(outcome.crashes)} crashes, {outcome.seconds:.0f} s", flush=True)
    return outcome


def shares(total: int, chosen: list[Any]) -> list[int]:
    """``total`` split in proportion to the properties' suite budgets, summing to exactly ``total``."""
    weight = sum(p.examples for p in chosen)
    exact = [total * p.examples / weight for p in chosen]
    result = [int(x) for x in exact]
    by_remainder = sorted(range(len(chosen)), key=lambda i: exact[i] - result[i], reverse=True)
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return [max(1, n) for n in result]


def regex_timings() -> dict[str, float]:
    """RE2 vs Python's backtracking re on ``(a+)+$`` against ``aaa…ab``."""
    from postcheck.checks.patterns import compile_pattern

    timings: dict[str, float] = {}
    pattern = "(a+)+$"
    long_text = "a" * 100_000 + "b"
    compiled = compile_pattern(pattern)
    started = time.perf_counter()
    assert compiled.search(long_text) is None
    timings["re2_100001_chars"] = time.perf_counter() - started
    backtracking = re.compile(pattern)
    for n in (16, 20, 22):
        started = time.perf_counter()
        assert backtracking.search("a" * n + "b") is None
        timings[f"python_re_{n + 1}_chars"] = time.perf_counter() - started
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="total generated inputs (default 100000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="properties run in parallel")
    parser.add_argument("--only", default="", help="comma-separated property names")
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args(argv)

    os.environ.setdefault("NO_COLOR", "1")
    from reliability.properties import PROPERTIES

    chosen = [p for p in PROPERTIES if not options.only or p.name in options.only.split(",")]
    if not chosen:
        parser.error(f"no property named {options.only!r}; known: {', '.join(p.name for p in PROPERTIES)}")
    targets = [(p.name, share, options.seed) for p, share in zip(chosen, shares(options.examples, chosen), strict=True)]
    started = time.perf_counter()
    print(f"postcheck fuzz: {options.examples:,} inputs over {len(chosen)} properties, {options.jobs} jobs", flush=True)
    with mp.get_context("fork" if os.name != "nt" else "spawn").Pool(options.jobs, maxtasksperchild=1) as pool:
        outcomes = pool.map(run_one, targets, chunksize=1)
    wall = time.perf_counter() - started
    timings = regex_timings()

    print()
    print(f"{'property':<12} {'inputs':>10} {'crashes':>8} {'seconds':>9}")
    for o in outcomes:
        print(f"{o.name:<12} {o.generated:>10,} {len(o.crashes):>8} {o.seconds:>9.0f}")
    total = sum(o.generated for o in outcomes)
    crashes = sum(len(o.crashes) for o in outcomes)
    print(f"{'total':<12} {total:>10,} {crashes:>8} {wall:>9.0f}  (wall clock, {options.jobs} jobs)")
    for o in outcomes:
        for signature in o.crashes:
            print(f"  {o.name}: {signature}")
    print()
    print("regex (a+)+$ on a..ab:  " + ", ".join(f"{k} {v * 1000:.3f} ms" for k, v in timings.items()))
    if options.json:
        figures = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "examples_requested": options.examples,
            "inputs_generated": total,
            "crashes": crashes,
            "wall_seconds": round(wall, 1),
            "properties": [asdict(o) for o in outcomes],
            "regex_seconds": timings,
        }
        options.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
