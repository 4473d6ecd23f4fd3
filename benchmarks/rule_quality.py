"""Measure the built-in rule packs on the labelled development corpora.

    python benchmarks/rule_quality.py [--shared ../shared] [--show N] [--json FILE]

For each labelled set: recall on label = 1 and the false-positive rate on
label = 0 for the rules that target it (chosen by their ``tags``); for the
government tweets (real ministry posts, the false-alarm control): the share of
posts with a warning or error per category, and the most frequent findings
with examples. Read those yourself: every finding on a real ministry post is a
false alarm until shown otherwise.

The corpora are read from ``../shared/corpora/labeled`` and never copied.
Posts are checked with their corpus language declared, and government tweets
at their real publish time (``posted_at_utc``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from postcheck.checks import CompileContext
from postcheck.config import Config
from postcheck.drafts import build_post
from postcheck.engine import Engine
from postcheck.results import SEVERITY_RANK, PostResult
from postcheck.ruleset import BUILTIN_PACKS, CATEGORIES, Rule, builtin_rules_dir, compile_rules, load_rule_file
from postcheck.timeparse import parse_zone

ROOT = Path(__file__).resolve().parents[1]
TZ = parse_zone("Asia/Jakarta")
WARNING = SEVERITY_RANK["warning"]


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for pack in BUILTIN_PACKS:
        rules.extend(load_rule_file(builtin_rules_dir() / f"{pack}.yaml", builtin=True))
    return compile_rules(rules, CompileContext(timezone=TZ))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check(engine: Engine, text: str, language: str, publish_at: datetime | None = None) -> PostResult:
    text = text.replace("\\n", "\n")
    post = build_post(
        text, path=None, default_tz=TZ, markdown=False, language=language, publish_at=publish_at, publish_source="export"
    )
    return engine.check_one(post, None)


@dataclass
class Target:
    name: str
    file: str
    label: str
    language: str
    select: Callable[[Rule], bool]
    min_severity: int = SEVERITY_RANK["info"]
    goal: str = ""


def tagged(*tags: str) -> Callable[[Rule], bool]:
    return lambda r: any(t in r.tags for t in tags)


TARGETS = [
    Target("id_hate_abusive · Abusive", "id_hate_abusive.csv", "Abusive", "id", tagged("abusive"), goal="recall ≥ 70%, FP ≤ 5%"),
    Target("id_hate_abusive · HS", "id_hate_abusive.csv", "HS", "id", tagged("hate"), goal="recall ≥ 45%, FP ≤ 5%"),
    Target("id_clickbait", "id_clickbait.csv", "clickbait", "id", tagged("clickbait"), goal="recall ≥ 50%, FP ≤ 5%"),
    Target("en_clickbait", "en_clickbait.csv", "clickbait", "en", tagged("clickbait"), goal="recall ≥ 75%, FP ≤ 3%"),
    Target("en_offensive", "en_offensive.csv", "offensive", "en", lambda r: r.category == "safety", goal="recall ≥ 50%, FP ≤ 5%"),
    Target("en_hate", "en_hate.csv", "hate", "en", tagged("hate"), goal="(no target)"),
    Target(
        "id_hoax_news",
        "id_hoax_news.csv",
        "hoax",
        "id",
        lambda r: r.category in ("authenticity", "safety"),
        SEVERITY_RANK["warning"],
        goal="(no target)",
    ),
]


def measure_target(target: Target, rules: list[Rule], labeled: Path, limit: int | None) -> dict[str, object]:
    selected = [r for r in rules if target.select(r)]
    engine = Engine(Config(), selected)
    rows = read_csv(labeled / target.file)[:limit]
    tp = fn = fp = tn = 0
    for row in rows:
        result = check(engine, row["text"], target.language)
        fired = any(SEVERITY_RANK[f.severity] >= target.min_severity for f in result.findings)
        positive = row[target.label].strip() == "1"
        if positive:
            tp, fn = tp + fired, fn + (not fired)
        else:
            fp, tn = fp + fired, tn + (not fired)
    recall = tp / (tp + fn) if tp + fn else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return {
        "set": target.name,
        "rules": len(selected),
        "positives": tp + fn,
        "negatives": fp + tn,
        "recall": round(recall, 4),
        "false_positive_rate": round(fpr, 4),
        "goal": target.goal,
    }


def gov_tweets(rules: list[Rule], labeled: Path, show: int, limit: int | None) -> dict[str, object]:
    engine = Engine(Config(), rules)
    rows = read_csv(labeled / "id_gov_tweets.csv")[:limit]
    per_category: Counter[str] = Counter()
    any_flagged = 0
    findings: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    timeliness_errors = 0
    for row in rows:
        when = datetime.fromisoformat(row["posted_at_utc"]).astimezone(TZ)
        result = check(engine, row["text"], "id", when)
        flagged = {f.category for f in result.findings if SEVERITY_RANK[f.severity] >= WARNING}
        per_category.update(flagged)
        any_flagged += bool(flagged)
        timeliness_errors += any(f.category == "timeliness" and f.severity == "error" for f in result.findings)
        for f in result.findings:
            if SEVERITY_RANK[f.severity] >= WARNING:
                key = f"{f.rule} ({f.severity})"
                findings[key] += 1
                if len(examples[key]) < 2:
                    examples[key].append(f"«{f.match}» in: {row['text'][:140]}")
    n = len(rows)
    return {
        "posts": n,
        "any_warning_or_error": round(any_flagged / n, 4),
        "per_category": {c: round(per_category[c] / n, 4) for c in CATEGORIES},
        "timeliness_error_rate": round(timeliness_errors / n, 4),
        "top_findings": [{"finding": k, "count": v, "examples": examples[k]} for k, v in findings.most_common(show)],
    }


def hoax_vs_gov(rules: list[Rule], labeled: Path, limit: int | None) -> dict[str, object]:
    selected = [r for r in rules if r.category in ("authenticity", "safety")]
    engine = Engine(Config(), selected)

    def rate(rows: Iterable[dict[str, str]]) -> tuple[float, int]:
        flagged = total = 0
        for row in rows:
            result = check(engine, row["text"], "id")
            flagged += any(SEVERITY_RANK[f.severity] >= WARNING for f in result.findings)
            total += 1
        return flagged / total if total else 0.0, total

    hoax, n_hoax = rate(read_csv(labeled / "id_hoax_narratives.csv")[:limit])
    gov, n_gov = rate(read_csv(labeled / "id_gov_tweets.csv")[:limit])
    return {
        "hoaxes_flagged": round(hoax, 4),
        "hoaxes": n_hoax,
        "gov_flagged": round(gov, 4),
        "gov": n_gov,
        "goal": "≥ 40% of hoaxes, gov-tweet rates as above",
    }


def pct(x: object) -> str:
    return f"{float(x) * 100:5.1f}%"  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    parser.add_argument("--show", type=int, default=20, help="how many frequent gov-tweet findings to print")
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows of each set (quick runs)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    labeled = args.shared / "corpora" / "labeled"
    if not labeled.is_dir():
        print(f"rule_quality: {labeled} not found (the shared corpora are needed)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    rules = all_rules()
    print(f"postcheck rule quality — {len(rules)} built-in rules, corpora in {labeled}\n")
    print(f"{'set':<28} {'rules':>5} {'pos':>6} {'neg':>6} {'recall':>7} {'FP rate':>8}  goal")
    figures: dict[str, object] = {"targets": []}
    for target in TARGETS:
        row = measure_target(target, rules, labeled, args.limit)
        figures["targets"].append(row)  # type: ignore[attr-defined]
        print(
            f"{row['set']:<28} {row['rules']:>5} {row['positives']:>6} {row['negatives']:>6} "
            f"{pct(row['recall']):>7} {pct(row['false_positive_rate']):>8}  {row['goal']}"
        )
    hv = hoax_vs_gov(rules, labeled, args.limit)
    figures["hoax_vs_gov"] = hv
    print(
        f"\nid_hoax_narratives vs id_gov_tweets (authenticity + safety, ≥ warning): "
        f"hoaxes flagged {pct(hv['hoaxes_flagged'])} of {hv['hoaxes']}, gov tweets {pct(hv['gov_flagged'])} of {hv['gov']}"
    )
    gov = gov_tweets(rules, labeled, args.show, args.limit)
    figures["gov_tweets"] = gov
    print(
        f"\nid_gov_tweets ({gov['posts']} real ministry posts, at their publish time): "
        f"{pct(gov['any_warning_or_error'])} with any warning or error; timeliness errors {pct(gov['timeliness_error_rate'])}"
    )
    for cat, share in gov["per_category"].items():  # type: ignore[attr-defined]
        print(f"  {cat:<14} {pct(share)}")
    print(f"\nmost frequent warnings/errors on gov tweets (top {args.show}):")
    for item in gov["top_findings"]:  # type: ignore[attr-defined]
        print(f"  {item['count']:>5}  {item['finding']}")
        for ex in item["examples"]:
            print(f"         {ex}")
    print(f"\n({time.perf_counter() - started:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
