"""Audit dicts in the documented shape (docs/audit-report.md) for the HTML report tests.

They are built, not hand-typed: a seeded simulation of an account's posts is
aggregated the way ``postcheck audit`` does, so histograms, monthly, weekly and
weekday × hour figures agree with each other like in a real report. The
strings include hostile ones (markup, quotes, ``&``, RTL text, emoji, URLs):
post texts are untrusted.
"""

from __future__ import annotations

import copy
import functools
import itertools
import random
import statistics
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

CATEGORIES = ("interactivity", "authenticity", "timeliness", "relevance", "quality", "safety")
KEYS = ("overall", *CATEGORIES)
WIB = timezone(timedelta(hours=7))

HOSTILE = [
    'Waspada hoaks! <script>alert("x")</script> cek https://example.go.id/a?b=1&c=2 & "kutipan" \'tunggal\'',
    "Selamat Hari Raya 🎉🇮🇩 — مرحبا بكم في الموقع الرسمي — ‮gnp.exe‭ ☺",
    "Info banjir: </blockquote></article><img src=x onerror=alert(1)> warga diimbau mengungsi",
    "Jadwal vaksinasi &amp; &lt;b&gt; gratis di puskesmas — daftar via http://bit.ly/xyz",
]
TEXTS = [
    "Permohonan ijin ekspor kini bisa diajukan secara daring melalui layanan OSS.",
    "Rapat koordinasi penanganan stunting bersama dinas kesehatan kabupaten hari ini.",
    "Jangan lupa ikuti webinar literasi digital besok pukul 09.00 WIB, gratis untuk umum!",
    "Pemadaman listrik bergilir di wilayah timur, mohon maaf atas ketidaknyamanannya.",
    "Selamat kepada para penerima beasiswa daerah tahun ini.",
    "KLIK LINK DI BIO SEKARANG JUGA!!! Dapatkan bantuan sosial langsung cair",
    "Festival budaya nusantara resmi dibuka oleh bapak gubernur di alun-alun kota.",
    "Pendaftaran CPNS dibuka mulai tanggal 1 hingga 15, cek persyaratan lengkap di situs resmi.",
    *HOSTILE,
]
RULES = [
    ("quality/spelling-id", "quality", "warning", "Non-standard Indonesian spelling: use “izin”, not “ijin”.", "ijin"),
    ("interactivity/no-question", "interactivity", "warning", "The post asks nothing of its readers.", ""),
    ("safety/shouting", "safety", "warning", "More than half of the letters are capitals.", "KLIK LINK DI BIO"),
    ("authenticity/clickbait", "authenticity", "error", "Clickbait phrase <b>“klik link di bio”</b> & co.", "KLIK LINK DI BIO"),
    ("timeliness/past-event", "timeliness", "error", "Announces an event that is already over.", "besok"),
    ("relevance/off-topic", "relevance", "warning", "The post is not about the institution's remit.", "Festival"),
    ("quality/long-sentence", "quality", "warning", "Sentence of 41 words: split it.", "Pendaftaran CPNS"),
    ("safety/unverified-claim", "safety", "error", "Claim 'hoaks' needs a source.", "<script>"),
]


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 200 else flat[:199] + "…"


def _distribution(values: list[float]) -> dict[str, Any]:
    histogram = [0] * 10
    for v in values:
        histogram[min(9, int(v // 10))] += 1
    if not values:
        return {"mean": None, "median": None, "histogram": histogram}
    return {"mean": round(statistics.fmean(values), 1), "median": round(float(statistics.median(values)), 1),
            "histogram": histogram}


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when is not None else None


def simulate(*, seed: int, start: datetime, days: int, per_day: float, gaps: list[tuple[int, int]],
             source: dict[str, Any], platform: str, problems: list[dict[str, str]], duplicates: int) -> dict[str, Any]:
    """Posts of a simulated account, aggregated into the audit shape."""
    rng = random.Random(seed)
    posts: list[dict[str, Any]] = []
    for day in range(days):
        if any(a <= day < b for a, b in gaps):
            continue
        when_day = start + timedelta(days=day)
        weekend = when_day.weekday() >= 5
        n = sum(1 for _ in range(6) if rng.random() < per_day / 6 * (0.35 if weekend else 1.0))
        for _ in range(n):
            hour = min(23, max(0, int(rng.gauss(11 if not weekend else 16, 3.5))))
            when = when_day.replace(hour=hour, minute=rng.randrange(60))
            text = rng.choice(TEXTS)
            findings = []
            for rule, category, severity, message, match in RULES:
                chance = 0.5 if (match and match in text) else 0.04
                if rng.random() < chance:
                    findings.append({"rule": rule, "category": category, "severity": severity, "message": message,
                                     "match": match})
            if rng.random() < 0.3:
                findings.append({"rule": "quality/emoji-count", "category": "quality", "severity": "info",
                                 "message": "Many emoji.", "match": "🎉"})
            drift = (when - start).days / max(days, 1) * 6
            cat = {c: max(0.0, min(100.0, rng.gauss(92 + drift - 6 * sum(f["category"] == c for f in findings), 6)))
                   for c in CATEGORIES}
            overall = max(0.0, min(100.0, statistics.fmean(cat.values()) - 14 * sum(f["severity"] == "error" for f in findings)))
            posts.append({"when": when, "text": text, "scores": {"overall": round(overall, 1), **{k: round(v, 1) for k, v in
                          cat.items()}}, "findings": findings, "lang": rng.choices(["id", "en", "und", "ms"], [90, 7, 2, 1])[0],
                          "media": rng.random() < 0.4, "alt": rng.random() < 0.2, "over": rng.random() < 0.01})
    posts.sort(key=lambda p: p["when"])
    for i, p in enumerate(posts):
        p["locator"] = f"data/tweets.js#{1000 + i}"
    return aggregate(posts, source=source, platform=platform, problems=problems, duplicates=duplicates)


def aggregate(posts: list[dict[str, Any]], *, source: dict[str, Any], platform: str, problems: list[dict[str, str]],
              duplicates: int) -> dict[str, Any]:
    monthly: dict[str, list[dict[str, Any]]] = {}
    weekly: Counter[str] = Counter()
    grid = [[0] * 24 for _ in range(7)]
    counts: Counter[str] = Counter()
    post_counts: Counter[str] = Counter()
    meta: dict[str, tuple[str, str, str]] = {}
    examples: dict[str, list[dict[str, Any]]] = {}
    for p in posts:
        when = p["when"]
        monthly.setdefault(when.strftime("%Y-%m"), []).append(p)
        iso = when.isocalendar()
        weekly[f"{iso.year}-W{iso.week:02d}"] += 1
        grid[when.weekday()][when.hour] += 1
        seen = set()
        for f in p["findings"]:
            if f["severity"] == "info":
                continue
            counts[f["rule"]] += 1
            meta.setdefault(f["rule"], (f["category"], f["severity"], f["message"]))
            if f["rule"] not in seen:
                seen.add(f["rule"])
                post_counts[f["rule"]] += 1
                ex = examples.setdefault(f["rule"], [])
                if len(ex) < 3:
                    ex.append({"locator": p["locator"], "publish_at": _iso(when), "match": f["match"],
                               "excerpt": _excerpt(p["text"])})
    week_list = []
    gaps = []
    if posts:
        first, last = posts[0]["when"], posts[-1]["when"]
        week = (first - timedelta(days=first.weekday())).date()
        while week <= last.date():
            iso = week.isocalendar()
            key = f"{iso.year}-W{iso.week:02d}"
            week_list.append({"week": key, "posts": weekly.get(key, 0)})
            week += timedelta(days=7)
        spans = sorted(((b["when"] - a["when"], a["when"], b["when"]) for a, b in itertools.pairwise(posts)),
                       key=lambda g: (-g[0], g[1]))
        gaps = [{"from": _iso(a), "to": _iso(b), "days": round(span.total_seconds() / 86400, 1)} for span, a, b in spans[:5]]
    week_counts = [w["posts"] for w in week_list]
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    worst = sorted(enumerate(posts), key=lambda ip: (ip[1]["scores"]["overall"], ip[0]))[:10]
    langs = Counter(p["lang"] for p in posts)
    over = sum(p["over"] for p in posts)
    pairs = []
    for i in range(min(duplicates, len(posts) // 2)):
        a, b = posts[i * 7 % len(posts)], posts[(i * 7 + 3) % len(posts)]
        pairs.append({"similarity": round(1 - (i * 4 // max(duplicates, 1)) / 64, 3),
                      "a": {"locator": a["locator"], "publish_at": _iso(a["when"]), "excerpt": _excerpt(a["text"])},
                      "b": {"locator": b["locator"], "publish_at": _iso(b["when"]), "excerpt": _excerpt(a["text"] + " (ulang)")}})
    passed = sum(1 for p in posts if p["scores"]["overall"] >= 70 and not any(f["severity"] == "error" for f in p["findings"]))
    return {
        "version": "0.1.0",
        "schema": 1,
        "ui_language": "id",
        "source": source,
        "window": {"since": None, "until": None, "first": _iso(posts[0]["when"]) if posts else None,
                   "last": _iso(posts[-1]["when"]) if posts else None},
        "counts": {"records": len(posts) + 3, "posts": len(posts), "passed": passed, "failed": len(posts) - passed,
                   "problems": len(problems), "outside_window": 3},
        "scores": {k: _distribution([p["scores"][k] for p in posts]) for k in KEYS},
        "monthly": [
            {"month": m, "posts": len(ps), "mean": {k: round(statistics.fmean(p["scores"][k] for p in ps), 1) for k in KEYS},
             "findings": sum(len(p["findings"]) for p in ps)}
            for m, ps in sorted(monthly.items())
        ],
        "top_findings": [
            {"rule": rule, "category": meta[rule][0], "severity": meta[rule][1], "count": n, "posts": post_counts[rule],
             "message": meta[rule][2], "examples": examples[rule]}
            for rule, n in ranked
        ],
        "worst_posts": [
            {"locator": p["locator"], "publish_at": _iso(p["when"]), "platform": platform, "score": p["scores"]["overall"],
             "excerpt": _excerpt(p["text"]),
             "findings": [{k: f[k] for k in ("rule", "severity", "message", "match")} for f in p["findings"]]}
            for _, p in worst
        ],
        "consistency": {
            "zone": source["zone"],
            "weeks_total": len(week_list),
            "weeks_active": sum(1 for c in week_counts if c),
            "posts_per_week": {"mean": round(statistics.fmean(week_counts), 1) if week_counts else 0.0,
                               "median": float(statistics.median(week_counts)) if week_counts else 0.0,
                               "max": max(week_counts, default=0)},
            "weekly": week_list,
            "longest_gaps": gaps,
            "weekday_hour": grid,
        },
        "near_duplicates": pairs,
        "languages": dict(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))),
        "platform_limits": {"checked": len(posts), "exceeded": over, "by_platform": {platform: over} if over else {}},
        "media": {"posts_with_media": sum(p["media"] for p in posts),
                  "missing_alt": sum(1 for p in posts if p["media"] and not p["alt"])},
        "problems": problems,
    }


def small_audit() -> dict[str, Any]:
    """A small account audited over one month (August 2024), on Instagram."""
    return simulate(seed=1, start=datetime(2024, 8, 1, tzinfo=WIB), days=31, per_day=1.2, gaps=[(12, 19)],
                    source={"path": "bpbd-kota/instagram-export.zip", "format": "instagram", "zone": "Asia/Jakarta"},
                    platform="instagram", problems=[], duplicates=1)


def large_audit() -> dict[str, Any]:
    """Four years (48 months) of a busy X account with gaps, duplicates and unreadable records (a fresh copy)."""
    return copy.deepcopy(_large_audit())


@functools.cache
def _large_audit() -> dict[str, Any]:
    problems = [{"locator": f"data/tweets.js:element {57 + 40 * i}", "message": "not a JSON object"} for i in range(6)]
    problems.append({"locator": 'data/<evil>.js"onload="x', "message": "<script>alert('problem')</script> & broken"})
    data = simulate(seed=7, start=datetime(2021, 1, 1, tzinfo=WIB), days=1461, per_day=2.2,
                    gaps=[(425, 444), (900, 945), (1200, 1209)],
                    source={"path": "export/x-kominfo-<prov>.zip", "format": "x", "zone": "Asia/Jakarta"},
                    platform="x", problems=problems, duplicates=20)
    # Every hostile text among the worst posts, whatever the simulation drew.
    for post, text in zip(data["worst_posts"], HOSTILE, strict=False):
        post["excerpt"] = _excerpt(text)
    return data


def empty_audit() -> dict[str, Any]:
    """An export in which nothing could be read: 0 posts, two problems."""
    data = aggregate([], source={"path": "kosong.zip", "format": "facebook", "zone": "Asia/Makassar"}, platform="facebook",
                     problems=[{"locator": "posts/your_posts_1.json", "message": "not valid JSON: Expecting value"},
                               {"locator": "posts/your_posts_2.json", "message": "file is empty"}], duplicates=0)
    data["counts"]["records"] = 0
    data["counts"]["outside_window"] = 0
    return data
