"""The audit report in the terminal: the account's health at a glance."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape as _markup_escape

from ..ruleset import CATEGORIES
from ..text.plaintext import one_line


def escape(value: str) -> str:
    """Text from drafts and exports, safe for one terminal line: control characters and
    bidirectional overrides written as escapes, then rich markup escaped."""
    return _markup_escape(one_line(value))


_L = {
    "en": {
        "title": "postcheck audit",
        "posts": "posts",
        "passed": "passed",
        "failed": "failed",
        "problems": "not readable",
        "period": "period",
        "scores": "scores (mean / median)",
        "trend": "trend by month (mean overall score)",
        "findings": "most frequent findings",
        "worst": "worst posts",
        "consistency": "consistency",
        "per_week": "posts per week",
        "active": "active weeks",
        "gaps": "longest gaps",
        "days": "days",
        "dupes": "near-duplicate posts",
        "langs": "languages",
        "limits": "over a platform's limit",
        "alt": "posts with media lacking alt text",
        "outside": "outside --since/--until",
    },
    "id": {
        "title": "audit postcheck",
        "posts": "unggahan",
        "passed": "lolos",
        "failed": "gagal",
        "problems": "tidak terbaca",
        "period": "periode",
        "scores": "skor (rata-rata / median)",
        "trend": "tren per bulan (rata-rata skor total)",
        "findings": "temuan paling sering",
        "worst": "unggahan terburuk",
        "consistency": "konsistensi",
        "per_week": "unggahan per pekan",
        "active": "pekan aktif",
        "gaps": "jeda terpanjang",
        "days": "hari",
        "dupes": "unggahan nyaris sama",
        "langs": "bahasa",
        "limits": "melebihi batas platform",
        "alt": "unggahan bermedia tanpa teks alternatif",
        "outside": "di luar --since/--until",
    },
}
_BARS = " ▁▂▃▄▅▆▇█"


def render(data: dict[str, Any], console: Console, ui_language: str = "en") -> None:
    t = _L.get(ui_language, _L["en"])
    c = data["counts"]
    console.print(f"[bold]{t['title']}[/] · {escape(str(data['source']['path']))} ({data['source']['format']})")
    console.print(
        f"{c['posts']} {t['posts']} · [postcheck.pass]{c['passed']} {t['passed']}[/] · "
        f"[postcheck.fail]{c['failed']} {t['failed']}[/] · {c['problems']} {t['problems']}"
        + (f" · {c['outside_window']} {t['outside']}" if c.get("outside_window") else "")
    )
    w = data["window"]
    if w.get("first"):
        console.print(f"{t['period']}: {w['first'][:10]} – {w['last'][:10]}")
    console.print(f"\n[bold]{t['scores']}[/]")
    for key in ("overall", *CATEGORIES):
        d = data["scores"][key]
        if d["mean"] is None:
            continue
        console.print(f"  {key:<14} {d['mean']:5.1f} / {d['median']:5.1f}  {_spark(d['histogram'])}")
    if data["monthly"]:
        console.print(f"\n[bold]{t['trend']}[/]")
        months = data["monthly"][-24:]
        console.print("  " + " ".join(f"{m['month']}:{m['mean']['overall']:.0f}" for m in months))
    if data["top_findings"]:
        console.print(f"\n[bold]{t['findings']}[/]")
        for f in data["top_findings"][:10]:
            sev = f"[postcheck.{f['severity']}]{f['severity']}[/]"
            console.print(f"  {f['count']:>6}  {sev} [postcheck.rule]{f['rule']}[/]")
            for ex in f["examples"][:1]:
                console.print(f"          «{escape(ex['match'])}» {escape(ex['locator'])}: {escape(ex['excerpt'][:100])}")
    if data["worst_posts"]:
        console.print(f"\n[bold]{t['worst']}[/]")
        for p in data["worst_posts"][:5]:
            rules = ", ".join(sorted({f["rule"] for f in p["findings"] if f["severity"] != "info"}))
            console.print(f"  {p['score']:5.1f}  {escape(p['locator'])}  [postcheck.rule]{escape(rules)}[/]")
            console.print(f"         {escape(p['excerpt'][:110])}")
    k = data["consistency"]
    console.print(f"\n[bold]{t['consistency']}[/] ({k['zone']})")
    ppw = k["posts_per_week"]
    console.print(
        f"  {t['per_week']}: {ppw['mean']} (median {ppw['median']}, max {ppw['max']}) · "
        f"{t['active']}: {k['weeks_active']}/{k['weeks_total']}"
    )
    if k["weekly"]:
        console.print("  " + _spark([w["posts"] for w in k["weekly"]][-104:]))
    for g in k["longest_gaps"][:3]:
        console.print(f"  {t['gaps']}: {g['days']} {t['days']} ({g['from'][:10]} → {g['to'][:10]})")
    if data["near_duplicates"]:
        console.print(f"\n[bold]{t['dupes']}[/] ({c.get('near_duplicate_pairs', len(data['near_duplicates']))})")
        for pair in data["near_duplicates"][:3]:
            console.print(f"  {pair['similarity']:.2f}  {escape(pair['a']['locator'])} ≈ {escape(pair['b']['locator'])}")
    langs = ", ".join(f"{k}: {v}" for k, v in data["languages"].items())
    console.print(f"\n{t['langs']}: {langs}")
    pl = data["platform_limits"]
    console.print(
        f"{t['limits']}: {pl['exceeded']} · {t['alt']}: {data['media']['missing_alt']}/{data['media']['posts_with_media']}"
    )
    for problem in data["problems"][:10]:
        console.print(f"[postcheck.error]{t['problems']}:[/] {escape(problem['locator'])}: {escape(problem['message'])}")


def _spark(values: list[int]) -> str:
    top = max(values, default=0)
    if top == 0:
        return ""
    return "".join(_BARS[min(8, round(v / top * 8))] for v in values)
