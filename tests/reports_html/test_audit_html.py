"""The HTML audit report: structure, escaping, languages, determinism, charts (without a browser)."""

from __future__ import annotations

import copy
import hashlib
import html
import itertools
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from postcheck.reports.audit_html import _highlight, _month_ticks, render_html

from . import htmlcheck
from .audit_fixtures import CATEGORIES, HOSTILE, empty_audit, large_audit, small_audit

FIXTURES: dict[str, Callable[[], dict[str, Any]]] = {"small": small_audit, "large": large_audit, "empty": empty_audit}
CHARTS = ("chart-histogram", "chart-trend", "chart-monthly-posts", "chart-weekly", "chart-heatmap", "chart-languages",
          "chart-media")


def _svg(document: str, ident: str) -> str:
    match = re.search(rf'<svg class="chart" id="{ident}".*?</svg>', document, re.S)
    assert match, f"no chart {ident}"
    return match.group(0)


def _texts(svg: str) -> list[tuple[float, float, str]]:
    """(x, y, text) of the <text> labels of a chart."""
    return [(float(x), float(y), t) for x, y, t in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)]


def test_fixtures_have_the_documented_shape() -> None:
    top = {"version", "schema", "ui_language", "source", "window", "counts", "scores", "monthly", "top_findings",
           "worst_posts", "consistency", "near_duplicates", "languages", "platform_limits", "media", "problems"}
    for make in FIXTURES.values():
        data = make()
        assert set(data) == top
        assert set(data["scores"]) == {"overall", *CATEGORIES}
        assert set(data["consistency"]) == {"zone", "weeks_total", "weeks_active", "posts_per_week", "weekly",
                                            "longest_gaps", "weekday_hour"}
        assert len(data["consistency"]["weekday_hour"]) == 7
        assert all(len(row) == 24 for row in data["consistency"]["weekday_hour"])
        posts = data["counts"]["posts"]
        assert sum(data["scores"]["overall"]["histogram"]) == posts
        assert sum(m["posts"] for m in data["monthly"]) == posts
        assert sum(w["posts"] for w in data["consistency"]["weekly"]) == posts
    large = large_audit()
    months = [m["month"] for m in large["monthly"]]
    assert months[0] == "2021-01" and months[-1] == "2024-12"  # 48 months, one of them without posts
    assert large["consistency"]["weeks_total"] > 200 and large["near_duplicates"] and large["problems"]
    assert len(small_audit()["monthly"]) == 1
    assert empty_audit()["counts"]["posts"] == 0


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_valid_self_contained_html(name: str, lang: str) -> None:
    document = render_html(FIXTURES[name](), ui_language=lang)
    report = htmlcheck.check(document)
    assert report.errors == []
    assert document.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{lang}">' in document
    assert '<meta charset="utf-8">' in document
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in document
    for tag in ("script", "img", "link", "iframe", "object", "embed", "image", "use", "foreignobject"):
        assert tag not in report.tags
    # No network: "http" appears only inside post text (excerpts and matches), escaped.
    in_data = sum(len(re.findall(r"https?:", text, re.I)) for stack, text in report.texts
                  if any(t in htmlcheck.DATA_TEXT for t in stack))
    assert len(re.findall(r"https?:", document, re.I)) == in_data
    assert "xmlns" not in document and "@import" not in document and "url(" not in document
    # Every section is there, with the navigation pointing at it.
    for section in ("summary", "scores", "trend", "consistency", "findings", "worst", "duplicates", "languages", "limits",
                    "media", "problems"):
        assert f'<section id="{section}" aria-labelledby="{section}-h">' in document
    document.encode("utf-8")  # no lone surrogates


def test_charts_drawn_for_the_large_audit_with_text_alternatives() -> None:
    document = render_html(large_audit(), ui_language="en")
    for ident in CHARTS:
        svg = _svg(document, ident)
        assert f'role="img" aria-labelledby="{ident}-t {ident}-d"' in svg
        title = re.search(rf'<title id="{ident}-t">([^<]+)</title>', svg)
        desc = re.search(rf'<desc id="{ident}-d">([^<]+)</desc>', svg)
        assert title and desc and len(desc.group(1)) > 20
        assert re.search(r"<(rect|path|circle)\b", svg)
        assert 'viewBox="0 0 400 ' in svg
    # Data tables behind the charts (in <details>, so they do not lengthen the page).
    assert document.count("<details><summary>Data table</summary>") == 4  # histogram, months, weeks, weekday × hour
    trend = _svg(document, "chart-trend")
    assert trend.count("<path ") == 7  # overall and six categories
    weekly = _svg(document, "chart-weekly")
    assert "weeks without posts" in weekly and "mean 12" in weekly


def test_empty_audit_says_no_data_instead_of_empty_charts() -> None:
    document = render_html(empty_audit(), ui_language="en")
    assert '<svg class="chart"' not in document
    assert document.count("No data.") >= 4
    assert "posts/your_posts_1.json" in document and "The first 2 of 2 are listed." in document


def test_small_audit_one_month() -> None:
    document = render_html(small_audit(), ui_language="id")
    trend = _svg(document, "chart-trend")
    assert "<path " not in trend  # one month: no lines, dots
    assert trend.count("<circle ") == 7
    assert [t for x, _, t in _texts(trend) if x > 33] == ["Agu", "2024"]  # y-axis labels sit left of x = 34
    bars = _svg(document, "chart-monthly-posts")
    assert "<title>Agustus 2024: 18 unggahan</title>" in bars


def _monthly(n: int) -> dict[str, Any]:
    data = large_audit()
    template = data["monthly"][0]
    data["monthly"] = [
        {**template, "month": f"{2015 + i // 12}-{i % 12 + 1:02d}", "posts": 10 + i % 7,
         "mean": {k: 80 + (i * 7 + j) % 15 for j, k in enumerate(template["mean"])}}
        for i in range(n)
    ]
    return data


@pytest.mark.parametrize("months", [1, 2, 7, 13, 24, 48, 120, 600])
def test_month_labels_are_thinned_and_do_not_overlap(months: int) -> None:
    document = render_html(_monthly(months), ui_language="id")
    for ident in ("chart-trend", "chart-monthly-posts"):
        rows: dict[float, list[tuple[float, str]]] = {}
        for x, y, text in _texts(_svg(document, ident)):
            if x > 33:  # not the y axis (its labels end at x = 30) nor the axis title (x = 2)
                rows.setdefault(y, []).append((x, text))
        assert rows and sum(len(row) for row in rows.values()) >= 1
        for row in rows.values():
            assert len(row) <= 12
            # Neighbours are at least their half-widths apart (about 6.6 units per character at font size 11).
            for (x1, t1), (x2, t2) in itertools.pairwise(sorted(row)):
                assert x2 - x1 >= 3.3 * (len(t1) + len(t2)), (months, t1, t2)
    if months == 120:
        assert "<title>Desember 2024: " in document


def test_month_ticks() -> None:
    assert _month_ticks(2024 * 12 + 7, 1, 12) == [(0, "month", True)]
    assert [i for i, _, _ in _month_ticks(2021 * 12, 48, 12)] == [0, 6, 12, 18, 24, 30, 36, 42]
    assert [(i, k) for i, k, _ in _month_ticks(2015 * 12, 120, 12)] == [(i * 12, "year") for i in range(10)]
    # Starting in November: the first label carries its year, then each January does.
    ticks = _month_ticks(2020 * 12 + 10, 5, 12)
    assert [w for _, _, w in ticks] == [True, False, True, False, False]


def test_heat_map_monday_first_in_zone() -> None:
    data = small_audit()
    data["consistency"]["weekday_hour"] = [[0] * 24 for _ in range(7)]
    data["consistency"]["weekday_hour"][0][8] = 5  # Monday 08:00
    data["consistency"]["weekday_hour"][6][23] = 1  # Sunday 23:00
    document = render_html(data, ui_language="en")
    heat = _svg(document, "chart-heatmap")
    days = [t for _, _, t in _texts(heat)][:7]
    assert days == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert "<title>Monday 08:00–09:00: 5 posts</title>" in heat
    assert "<title>Sunday 23:00–00:00: 1 post</title>" in heat
    assert heat.count("<rect ") == 7 * 24 + 6  # cells and the legend
    assert "Busiest hour: Monday 08:00–09:00 (5) · Time zone: Asia/Jakarta" in document


def test_hostile_strings_are_escaped() -> None:
    document = render_html(large_audit(), ui_language="id")
    assert htmlcheck.check(document).errors == []
    assert "<script" not in document and "onerror=alert" not in document.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in document
    assert "&lt;/blockquote&gt;&lt;/article&gt;&lt;img src=x onerror=alert(1)&gt;" in document
    for text in HOSTILE:  # each shown whole, escaped (they are the four worst posts)
        assert html.escape(text) in document
    assert "&amp;amp; &amp;lt;b&amp;gt;" in document  # already-escaped text is escaped again, shown as typed
    assert "https://example.go.id/a?b=1&amp;c=2" in document
    assert "مرحبا بكم" in document and "🎉🇮🇩" in document
    assert "export/x-kominfo-&lt;prov&gt;.zip" in document
    assert "data/&lt;evil&gt;.js&quot;onload=&quot;x" in document
    # Matches are marked inside the escaped excerpt.
    assert "<mark>&lt;script&gt;</mark>alert" in document
    assert '<blockquote dir="auto">' in document and "<bdi " in document


def _replace_strings(value: Any, payload: str) -> Any:
    if isinstance(value, str):
        return payload
    if isinstance(value, dict):
        return {k: _replace_strings(v, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_strings(v, payload) for v in value]
    return value


@pytest.mark.parametrize("payload", [
    '"><script>alert(1)</script><svg onload=alert(2)>',
    "'; } </style><style>body{background:url(https://evil.example/x)}",
    "]]><!-- --> <![CDATA[ x ]]> &#x3c;script&#x3e; \x00\x1b\x7f\x85 \ud800 \u202e",
    "‏שלום‎ عربى 𝕏 🧕🏽‍💻",
])
def test_every_string_field_hostile(payload: str) -> None:
    data = _replace_strings(large_audit(), payload)
    # Keys stay (they are the schema), and so do the fields a chart needs to place things.
    document = render_html(data, ui_language="en")
    report = htmlcheck.check(document)
    assert report.errors == []
    assert set(report.tags) <= htmlcheck.HTML_TAGS | htmlcheck.SVG_TAGS
    assert "<script" not in document and "<style><" not in document and "<!--" not in document
    assert document.count("<style>") == 1
    document.encode("utf-8")


def test_hostile_chart_keys() -> None:
    data = small_audit()
    data["languages"] = {'<b onmouseover="x">': 3, "id": 10}
    data["platform_limits"]["by_platform"] = {"<i>x</i>": 2}
    data["scores"]["<script>"] = {"mean": 1, "median": 2, "histogram": [1] * 10}
    document = render_html(data, ui_language="en")
    assert htmlcheck.check(document).errors == []
    assert "&lt;b onmouseover=&quot;x&quot;&gt;" in document and "&lt;i&gt;x&lt;/i&gt;" in document


def test_malformed_values_do_not_break_the_page() -> None:
    broken: dict[str, Any] = {
        "source": None, "window": {"first": "not a date", "last": 5}, "counts": {"posts": "many", "passed": -3},
        "scores": {"overall": {"mean": float("nan"), "histogram": [1, "x", None]}}, "monthly": ["2021-01", {"month": "2021-13"}],
        "top_findings": [None, {"examples": [None, {"excerpt": 5, "match": ["x"]}]}],
        "worst_posts": [{"findings": "none"}], "consistency": {"weekly": [{"week": "2021-W60"}, {"week": "2021-W05", "posts": 3}],
                                                               "weekday_hour": [[1, 2], "x"]},
        "near_duplicates": [{"a": None}], "languages": [], "media": {"posts_with_media": 2, "missing_alt": 9}, "problems": "x",
    }
    for data in ({}, broken):
        for lang in ("id", "en", "fr"):
            document = render_html(data, ui_language=lang)
            assert htmlcheck.check(document).errors == []
    assert '<html lang="en">' in render_html({}, ui_language="fr")


def test_languages() -> None:
    data = large_audit()
    indonesian = render_html(data, ui_language="id")
    english = render_html(data, ui_language="en")
    for heading in ("Sebaran skor", "Tren per bulan", "Konsistensi unggahan", "Temuan tersering", "Unggahan nyaris sama",
                    "Komposisi bahasa", "Batas platform", "Media tanpa teks alternatif"):
        assert f">{heading}</h2>" in indonesian and heading not in english
    for heading in ("Score distribution", "Trend by month", "Posting consistency", "Most frequent findings",
                    "Near-duplicate posts", "Language mix", "Platform limits", "Media without alt text"):
        assert f">{heading}</h2>" in english and heading not in indonesian
    assert "1 Januari 2021 – 31 Desember 2024" in indonesian and "1 January 2021 – 31 December 2024" in english
    assert ">Agu</text>" not in english and ">Jul</text>" in english
    assert ">Sen</text>" in indonesian and ">Mon</text>" in english
    assert "2.518" in indonesian and "2,518" in english  # thousands
    assert ">91,5<" not in english and re.search(r">9\d,\d<", indonesian)
    assert ">galat</span>" in indonesian and ">error</span>" in english
    assert "Skor keseluruhan" in indonesian and "Overall score" in english  # axis titles
    assert "Indonesia (id)" in indonesian and "Indonesian (id)" in english


def test_deterministic_within_and_across_processes() -> None:
    data = large_audit()
    first = render_html(data, ui_language="id")
    assert render_html(copy.deepcopy(data), ui_language="id") == first
    # Mappings in another insertion order give the same bytes.
    shuffled = copy.deepcopy(data)
    shuffled["languages"] = dict(reversed(list(data["languages"].items())))
    shuffled["scores"] = dict(reversed(list(data["scores"].items())))
    assert render_html(shuffled, ui_language="id") == first
    # Another process with another hash seed (set iteration order differs between them).
    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from reports_html.audit_fixtures import large_audit;"
        "from postcheck.reports.audit_html import render_html;"
        "print(hashlib.sha256(render_html(large_audit(), ui_language='id').encode()).hexdigest())"
    )
    tests_dir = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, tests_dir], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == hashlib.sha256(first.encode()).hexdigest()


def test_size_stays_small() -> None:
    data = large_audit()
    document = render_html(data, ui_language="id")
    assert len(document.encode()) < 200_000
    # Per-post content only where the dict has it: one card per finding, worst post and pair.
    expected = len(data["top_findings"]) + len(data["worst_posts"]) + len(data["near_duplicates"])
    assert document.count('<article class="item">') == expected


def test_highlight() -> None:
    assert _highlight('a <b> & "c" <b>', ["<b>"]) == 'a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot; <mark>&lt;b&gt;</mark>'
    assert _highlight("Permohonan IJIN ekspor", ["ijin"]) == "Permohonan <mark>IJIN</mark> ekspor"
    assert _highlight("klik link di bio", ["klik link", "link di"]) == "<mark>klik link</mark> di bio"
    assert _highlight("satu\ndua", ["satu  dua"]) == "satu\ndua"  # excerpts are flattened before: no match here
    assert _highlight("a b", [None, "", "  ", 5]) == "a b"
    assert _highlight(None, ["x"]) == ""


def test_severity_colours_match_the_terminal() -> None:
    document = render_html(large_audit(), ui_language="en")
    css = re.search(r"<style>(.*?)</style>", document, re.S)
    assert css
    assert ".sev-error{background:#b3261e;color:#fff}" in css.group(1)  # red
    assert ".sev-warning{background:#f0b429;color:#2b1d00}" in css.group(1)  # amber
    assert ".sev-info{background:#1f5fbf;color:#fff}" in css.group(1)  # blue
    assert 'class="sev sev-error">error<' in document and 'class="sev sev-warning">warning<' in document
    assert "@media print" in css.group(1) and "@media (max-width:480px)" in css.group(1)
    assert ".scroll{overflow-x:auto" in css.group(1)


def _weekly(weeks: int) -> dict[str, Any]:
    data = large_audit()
    start = date(2015, 1, 5)  # a Monday
    data["consistency"]["weekly"] = [
        {"week": "{}-W{:02d}".format(*(start + timedelta(weeks=i)).isocalendar()[:2]), "posts": (i * 5 + 1) % 9}
        for i in range(weeks)
    ]
    return data


@pytest.mark.parametrize("weeks", [1, 5, 60, 210, 520])
def test_week_labels_are_thinned_and_do_not_overlap(weeks: int) -> None:
    svg = _svg(render_html(_weekly(weeks), ui_language="en"), "chart-weekly")
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _texts(svg):
        if x > 33 and y > 110 and text not in ("weeks without posts",) and not text.startswith("mean"):
            rows.setdefault(y, []).append((x, text))
    assert rows
    for row in rows.values():
        assert len(row) <= 12
        for (x1, t1), (x2, t2) in itertools.pairwise(sorted(row)):
            assert x2 - x1 >= 3.3 * (len(t1) + len(t2)), (weeks, t1, t2)
    # Few weeks: a bar per week with its own tooltip; many: one stepped area.
    assert ("<path " in svg) == (weeks > 104)
    if weeks == 1:
        assert "<title>2015-W02 (5 January 2015): 1 post</title>" in svg
        assert [t for x, y, t in _texts(svg) if y > 110] == ["5 Jan", "2015"]


def test_the_checker_finds_problems() -> None:
    bad = [
        "<p><div>x</div></p>",
        '<a href="https://example.com/">x</a>',
        "<script>alert(1)</script>",
        "<div><span></div></span>",
        "<div>",
        '<div id="a"></div><div id="a"></div>',
        '<svg role="img" aria-labelledby="t"><rect/></svg>',
        '<div onclick="x()"></div>',
        "<style>@import 'x.css';</style>",
        "<div/>",
    ]
    for snippet in bad:
        assert htmlcheck.check(snippet).errors, snippet
    assert htmlcheck.check('<div id="t"><p>ok <b>x</b></p></div><a href="#t">t</a>').errors == []


def test_header_window_and_counts() -> None:
    data = large_audit()
    data["window"]["since"] = "2022-01-01T00:00:00+07:00"
    data["counts"]["outside_window"] = 1234
    document = render_html(data, ui_language="id")
    assert "<dt>Rentang audit</dt><dd>1 Januari 2022 – …</dd>" in document
    assert "2.521 rekaman dibaca. 1.234 di antaranya di luar rentang audit." in document
    assert "<title>Laporan audit postcheck — export/x-kominfo-&lt;prov&gt;.zip</title>" in document
    plain = render_html(small_audit(), ui_language="en")
    assert "Audit window" not in plain and "21 records read. 3 of them outside the audit window." in plain
    assert "0 records read.</p>" in render_html(empty_audit(), ui_language="en")  # nothing outside: not mentioned


def test_many_languages_share_one_other_segment() -> None:
    data = small_audit()
    data["languages"] = {code: 10 - i for i, code in enumerate(["id", "en", "ms", "jv", "su", "ar", "ja", "ko", "und"])}
    document = render_html(data, ui_language="id")
    bar = _svg(document, "chart-languages")
    assert bar.count("<rect ") == 7 and "<title>lainnya: " in bar
    assert document.count("<td>Korea (ko)</td>") == 1  # the table lists every language


def test_months_without_posts_break_the_lines() -> None:
    data = large_audit()
    assert "2023-07" not in [m["month"] for m in data["monthly"]]  # the 45-day gap
    document = render_html(data, ui_language="en")
    trend = _svg(document, "chart-trend")
    assert all(d.count("M") == 2 for d in re.findall(r'<path d="([^"]+)"', trend))  # two runs per series
    bars = _svg(document, "chart-monthly-posts")
    assert "<title>July 2023" not in bars and "<title>June 2023" in bars and "<title>August 2023" in bars
