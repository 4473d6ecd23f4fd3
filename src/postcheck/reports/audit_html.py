"""``postcheck audit --html``: the audit report as one self-contained HTML page.

The page is read by communication teams on phones and printed for meetings,
often far from a good connection, so it carries everything itself: inline CSS,
charts drawn here as inline SVG (no JavaScript, no fonts, images or styles by
URL). Every string from the audit (post texts above all) is untrusted and goes
through :func:`_e`; the same dict always gives the same bytes, so reports can
be compared and archived.

Input is the documented audit dict (docs/audit-report.md); missing or null
values render as "no data" rather than failing, because a partial report is
more useful than none.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from ..ruleset import CATEGORIES

__all__ = ["render_html"]

SCORE_KEYS = ("overall", *CATEGORIES)

# Severity colours follow the terminal theme (error red, warning amber/yellow, info cyan-blue),
# darkened where needed for 4.5:1 contrast on white or with their badge text.
SEVERITY_STYLE = {"error": ("#b3261e", "#fff"), "warning": ("#f0b429", "#2b1d00"), "info": ("#1f5fbf", "#fff")}
# Series colours: a colour-blind-friendly set (after Okabe & Ito), darkened to >= 3:1 on white.
SERIES_COLOUR = {
    "overall": "#1d2330",
    "interactivity": "#0072b2",
    "authenticity": "#c4451c",
    "timeliness": "#00795a",
    "relevance": "#a8488a",
    "quality": "#8f6400",
    "safety": "#5e4fa2",
}
BAR = "#1f6f78"
BAR_LIGHT = "#6b87a8"
GAP = "#c77700"
GRID = "#dde1e7"
AXIS = "#8a93a3"
INK = "#3c4454"
#: A white outline behind text drawn over bars, so it stays readable.
HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"'
LANGUAGE_COLOURS = ("#1f6f78", "#c4451c", "#5e4fa2", "#8f6400", "#0072b2", "#a8488a", "#8a93a3")

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "postcheck audit report",
        "contents": "Contents",
        "s_summary": "Summary",
        "s_scores": "Score distribution",
        "s_trend": "Trend by month",
        "s_consistency": "Posting consistency",
        "s_findings": "Most frequent findings",
        "s_worst": "Lowest-scoring posts",
        "s_duplicates": "Near-duplicate posts",
        "s_languages": "Language mix",
        "s_limits": "Platform limits",
        "s_media": "Media without alt text",
        "s_problems": "Records not checked",
        "source": "Source",
        "format": "Format",
        "zone": "Time zone",
        "period": "Period",
        "window": "Audit window",
        "posts": "Posts",
        "passed": "Passed",
        "failed": "Failed",
        "problems": "Not readable",
        "mean_score": "Mean score",
        "records_line": "{records} records read.",
        "outside_line": "{outside} of them outside the audit window.",
        "others": "others",
        "overall": "Overall",
        "interactivity": "Interactivity",
        "authenticity": "Authenticity",
        "timeliness": "Timeliness",
        "relevance": "Relevance",
        "quality": "Quality",
        "safety": "Safety",
        "category": "Category",
        "mean": "Mean",
        "median": "Median",
        "hist_title": "Posts by overall score",
        "hist_desc": "Number of posts in each score decile, from 0–10 to 90–100.",
        "score_axis": "Overall score",
        "posts_axis": "posts",
        "range": "Score range",
        "cat_caption": "Mean (bar) and median (mark) score per category, 0–100.",
        "trend_title": "Mean score per month",
        "trend_desc": "Mean overall and per-category score for each month from {first} to {last}.",
        "monthly_posts_title": "Posts per month",
        "monthly_posts_desc": "Number of posts in each month from {first} to {last}; at most {max} in a month.",
        "month": "Month",
        "findings": "Findings",
        "data_table": "Data table",
        "no_data": "No data.",
        "none": "None.",
        "weekly_title": "Posts per week",
        "weekly_desc": "Posts in each of {weeks} weeks from {first} to {last}: mean {mean}, median {median}, "
        "at most {max}; {inactive} weeks without posts.",
        "week": "Week",
        "week_start": "Starts",
        "weeks_total": "Weeks in period",
        "weeks_active": "Active weeks",
        "per_week_mean": "Mean per week",
        "per_week_median": "Median per week",
        "per_week_max": "Most in a week",
        "inactive": "weeks without posts",
        "mean_line": "mean",
        "gaps": "Longest gaps between posts",
        "from": "From",
        "to": "To",
        "days": "Days",
        "heat_title": "Posts by weekday and hour",
        "heat_desc": "Posts per weekday (Monday first) and hour of day in {zone}; busiest: {peak}.",
        "hour": "Hour",
        "weekday": "Day",
        "fewer": "fewer",
        "more": "more",
        "busiest": "Busiest hour",
        "findings_note": "Warnings and errors only; up to 3 example posts each.",
        "occurrences": "{count} times in {posts} posts",
        "examples": "Examples",
        "score": "Score",
        "platform": "Platform",
        "similarity": "Similarity",
        "duplicates_note": "Pairs of posts with the same or nearly the same text, most similar first.",
        "duplicates_total": "{shown} of {total} pairs shown.",
        "language": "Language",
        "share": "Share",
        "lang_title": "Language mix",
        "lang_desc": "Share of posts per detected language: {parts}.",
        "limits_line": "{exceeded} of {checked} posts checked against a platform exceed one of its limits.",
        "media_line": "{missing} of {with_media} posts with media have no alt text ({share}).",
        "media_bar": "Posts with media: with and without alt text",
        "with_alt": "with alt text",
        "without_alt": "without alt text",
        "location": "Location",
        "message": "Message",
        "problems_shown": "The first {shown} of {total} are listed.",
        "footer": "Generated by postcheck {version} · report schema {schema} · times in {zone}.",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "unknown_date": "no date",
    },
    "id": {
        "title": "Laporan audit postcheck",
        "contents": "Isi",
        "s_summary": "Ringkasan",
        "s_scores": "Sebaran skor",
        "s_trend": "Tren per bulan",
        "s_consistency": "Konsistensi unggahan",
        "s_findings": "Temuan tersering",
        "s_worst": "Unggahan dengan skor terendah",
        "s_duplicates": "Unggahan nyaris sama",
        "s_languages": "Komposisi bahasa",
        "s_limits": "Batas platform",
        "s_media": "Media tanpa teks alternatif",
        "s_problems": "Rekaman yang tidak diperiksa",
        "source": "Sumber",
        "format": "Format",
        "zone": "Zona waktu",
        "period": "Periode",
        "window": "Rentang audit",
        "posts": "Unggahan",
        "passed": "Lolos",
        "failed": "Gagal",
        "problems": "Tidak terbaca",
        "mean_score": "Skor rata-rata",
        "records_line": "{records} rekaman dibaca.",
        "outside_line": "{outside} di antaranya di luar rentang audit.",
        "others": "lainnya",
        "overall": "Keseluruhan",
        "interactivity": "Interaktivitas",
        "authenticity": "Keaslian",
        "timeliness": "Ketepatan waktu",
        "relevance": "Relevansi",
        "quality": "Kualitas",
        "safety": "Keamanan",
        "category": "Kategori",
        "mean": "Rata-rata",
        "median": "Median",
        "hist_title": "Unggahan per rentang skor keseluruhan",
        "hist_desc": "Jumlah unggahan di setiap rentang skor, dari 0–10 sampai 90–100.",
        "score_axis": "Skor keseluruhan",
        "posts_axis": "unggahan",
        "range": "Rentang skor",
        "cat_caption": "Skor rata-rata (batang) dan median (tanda) per kategori, 0–100.",
        "trend_title": "Skor rata-rata per bulan",
        "trend_desc": "Skor rata-rata keseluruhan dan per kategori setiap bulan dari {first} sampai {last}.",
        "monthly_posts_title": "Unggahan per bulan",
        "monthly_posts_desc": "Jumlah unggahan setiap bulan dari {first} sampai {last}; paling banyak {max} dalam sebulan.",
        "month": "Bulan",
        "findings": "Temuan",
        "data_table": "Tabel data",
        "no_data": "Tidak ada data.",
        "none": "Tidak ada.",
        "weekly_title": "Unggahan per minggu",
        "weekly_desc": "Unggahan di setiap minggu ({weeks} minggu) dari {first} sampai {last}: rata-rata {mean}, "
        "median {median}, paling banyak {max}; {inactive} minggu tanpa unggahan.",
        "week": "Minggu",
        "week_start": "Mulai",
        "weeks_total": "Minggu dalam periode",
        "weeks_active": "Minggu aktif",
        "per_week_mean": "Rata-rata per minggu",
        "per_week_median": "Median per minggu",
        "per_week_max": "Terbanyak seminggu",
        "inactive": "minggu tanpa unggahan",
        "mean_line": "rata-rata",
        "gaps": "Jeda terpanjang antarunggahan",
        "from": "Dari",
        "to": "Sampai",
        "days": "Hari",
        "heat_title": "Unggahan per hari dan jam",
        "heat_desc": "Unggahan per hari (mulai Senin) dan jam dalam zona {zone}; tersibuk: {peak}.",
        "hour": "Jam",
        "weekday": "Hari",
        "fewer": "sedikit",
        "more": "banyak",
        "busiest": "Jam tersibuk",
        "findings_note": "Hanya peringatan dan galat; paling banyak 3 contoh unggahan per temuan.",
        "occurrences": "{count} kali di {posts} unggahan",
        "examples": "Contoh",
        "score": "Skor",
        "platform": "Platform",
        "similarity": "Kemiripan",
        "duplicates_note": "Pasangan unggahan dengan teks yang sama atau hampir sama, paling mirip lebih dulu.",
        "duplicates_total": "{shown} dari {total} pasangan ditampilkan.",
        "language": "Bahasa",
        "share": "Porsi",
        "lang_title": "Komposisi bahasa",
        "lang_desc": "Porsi unggahan per bahasa yang terdeteksi: {parts}.",
        "limits_line": "{exceeded} dari {checked} unggahan yang diperiksa terhadap platform melampaui salah satu batasnya.",
        "media_line": "{missing} dari {with_media} unggahan bermedia tidak memiliki teks alternatif ({share}).",
        "media_bar": "Unggahan bermedia: dengan dan tanpa teks alternatif",
        "with_alt": "dengan teks alternatif",
        "without_alt": "tanpa teks alternatif",
        "location": "Lokasi",
        "message": "Pesan",
        "problems_shown": "Ditampilkan {shown} pertama dari {total}.",
        "footer": "Dibuat oleh postcheck {version} · skema laporan {schema} · waktu dalam zona {zone}.",
        "error": "galat",
        "warning": "peringatan",
        "info": "info",
        "unknown_date": "tanpa tanggal",
    },
}
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
}
_MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
}
_WEEKDAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
}
_LANGUAGE_NAMES = {
    "en": {"id": "Indonesian", "en": "English", "und": "undetermined", "ms": "Malay", "jv": "Javanese", "su": "Sundanese",
           "ar": "Arabic", "zh-cn": "Chinese", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "de": "German",
           "fr": "French", "es": "Spanish", "pt": "Portuguese", "tl": "Tagalog", "vi": "Vietnamese", "th": "Thai"},
    "id": {"id": "Indonesia", "en": "Inggris", "und": "tidak dikenali", "ms": "Melayu", "jv": "Jawa", "su": "Sunda",
           "ar": "Arab", "zh-cn": "Tionghoa", "ja": "Jepang", "ko": "Korea", "nl": "Belanda", "de": "Jerman",
           "fr": "Prancis", "es": "Spanyol", "pt": "Portugis", "tl": "Tagalog", "vi": "Vietnam", "th": "Thai"},
}
_PLATFORM_NAMES = {
    "x": "X", "x-premium": "X Premium", "facebook": "Facebook", "instagram": "Instagram", "threads": "Threads",
    "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn", "mastodon": "Mastodon", "bluesky": "Bluesky",
}

_CSS = """\
:root{--fg:#1d2330;--muted:#4f5869;--panel:#f3f5f8;--line:#d5dae1;--accent:#1f4e8c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",\
"Helvetica Neue",Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:12px 16px 32px}
h1{font-size:1.45rem;line-height:1.25;margin:.3em 0 .1em}
h2{font-size:1.2rem;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--line)}
h3{font-size:1rem;margin:1.2em 0 .4em}
p{margin:.4em 0}
a{color:var(--accent)}
.muted,figcaption,.note{color:var(--muted);font-size:.875rem}
.meta{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}
.meta dt{color:var(--muted)}
.meta dd{margin:0;overflow-wrap:anywhere}
nav ol{display:flex;flex-wrap:wrap;gap:4px 8px;padding:0;margin:8px 0;list-style:none;font-size:.875rem}
nav a{display:inline-block;padding:2px 8px;border:1px solid var(--line);border-radius:12px;text-decoration:none}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(110px,1fr));gap:8px;margin:12px 0}
.card{background:var(--panel);border-radius:8px;padding:8px 12px}
.card b{display:block;font-size:1.35rem;line-height:1.3}
.card .pass{color:#1b6e34}.card .fail{color:#b3261e}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:8px 24px}
figure{margin:12px 0;min-width:0}
figcaption{margin-top:2px}
svg.chart{display:block;width:100%;height:auto;max-width:600px}
.bar{position:relative;height:10px;min-width:48px;margin:6px 0 0;background:#e6e9ee;border-radius:2px}
td:has(> .bar){width:35%}
.bar span{position:absolute;left:0;top:0;bottom:0;background:#1f6f78;border-radius:2px}
.bar i{position:absolute;top:-3px;bottom:-3px;width:3px;margin-left:-1.5px;background:#1d2330}
.legend{display:flex;flex-wrap:wrap;gap:2px 14px;list-style:none;padding:0;margin:6px 0;font-size:.8rem}
.sw{display:inline-block;width:16px;height:4px;border-radius:2px;vertical-align:middle;margin-right:5px}
.sw.box{width:10px;height:10px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:8px 0;max-width:100%}
table{border-collapse:collapse;font-size:.875rem}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--line);white-space:nowrap}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wide{width:100%}
td.wrap{overflow-wrap:break-word;min-width:12em}
details{margin:6px 0}
summary{cursor:pointer;color:var(--accent);font-size:.875rem}
.item{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:10px 0}
.item h3{margin:0 0 4px;font-size:.95rem;display:flex;flex-wrap:wrap;gap:4px 8px;align-items:baseline}
.item ul{margin:4px 0;padding-left:1.2em}
.item li{margin:3px 0}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,280px),1fr));gap:8px}
.sev,.score{display:inline-block;border-radius:4px;padding:0 6px;font-size:.8rem;font-weight:600;white-space:nowrap}
.score{background:var(--fg);color:#fff}
code,.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.8rem;\
overflow-wrap:break-word}
.loc{color:var(--muted)}
blockquote{margin:4px 0;padding:6px 10px;background:var(--panel);border-left:3px solid var(--line);overflow-wrap:anywhere}
mark{background:#ffe08a;color:inherit;border-radius:2px;padding:0 1px;box-shadow:0 1px 0 #8f6400}
footer{margin-top:32px;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:480px){main{padding:8px 10px 24px}body{font-size:14px}th,td{padding:4px 5px}
.meta{grid-template-columns:1fr}.meta dt{margin-top:4px}}
@media print{
body{font-size:10.5pt}main{max-width:none;padding:0}nav,summary{display:none}
h2{break-after:avoid}figure,.item,.card,tr{break-inside:avoid}
.scroll{overflow:visible}a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

NUMERIC = ' class="n"'
_ID_SEPARATORS = str.maketrans(",.", ".,")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def _e(value: object) -> str:
    """Escape text for HTML content and attributes; control characters and lone surrogates become U+FFFD.

    Posts are untrusted: besides markup they may carry characters an HTML
    parser reports as errors or that cannot be written as UTF-8.
    """
    text = "" if value is None else str(value)
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True)


def _n(x: float) -> str:
    """An SVG coordinate: one decimal at most, so the output is short and stable."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _count(value: object) -> int:
    number = _number(value)
    return max(0, int(number)) if number is not None else 0


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _month_ordinal(value: object) -> int | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})", value) if isinstance(value, str) else None
    if match is None or not 1 <= int(match[2]) <= 12:
        return None
    return int(match[1]) * 12 + int(match[2]) - 1


def _week_start(value: object) -> date | None:
    match = re.fullmatch(r"(\d{4})-W(\d{2})", value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def _nice_ticks(top: float, *, count: int = 4, integer: bool = True) -> list[float]:
    """Round axis ticks from 0 up to at least ``top`` (1-2-5 steps), so gridlines fall on readable values."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = magnitude * 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            step = factor * magnitude
            break
    if integer:
        step = max(1.0, round(step))
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def _month_ticks(first: int, n: int, max_labels: int) -> list[tuple[int, str, bool]]:
    """Which months of a run of ``n`` (from ordinal ``first``) get a label: (index, kind, with year).

    Steps of 1, 2, 3, 6 months align on January (labels "Jan, Apr, Jul, Okt");
    longer runs label only years, every 1, 2, 5 or 10 years, so 1 month and
    10 years both stay legible at phone width.
    """
    for step in (1, 2, 3, 6):
        ticks = [i for i in range(n) if (first + i) % 12 % step == 0]
        if len(ticks) <= max_labels:
            return [(i, "month", j == 0 or (first + i) % 12 == 0) for j, i in enumerate(ticks)]
    for years in (1, 2, 5, 10, 20, 50, 100):
        ticks = [i for i in range(n) if (first + i) % 12 == 0 and ((first + i) // 12) % years == 0]
        if len(ticks) <= max_labels:
            return [(i, "year", True) for i in ticks]
    return []


class _Page:
    """The page being written: the data, the UI language's labels and its number and date formats.

    Methods that return markup escape what they insert (``label``, ``num``,
    ``pct``, ``posts``, ``moment``, ``date_of`` and the builders); ``day``,
    ``month``, ``category``, ``language`` and ``hour_span`` return plain text.
    """

    def __init__(self, data: Mapping[str, Any], lang: str) -> None:
        self.data = data
        self.lang = lang
        self.t = _LABELS[lang]

    # -- formatting ---------------------------------------------------------------
    def label(self, key: str, **values: object) -> str:
        """A UI string, escaped, with escaped values filled in."""
        text = self.t[key]
        return _e(text.format(**values)) if values else _e(text)

    def num(self, value: object, digits: int = 0) -> str:
        """A number with the UI language's separators (Indonesian: 1.234,5)."""
        number = _number(value)
        if number is None:
            return "–"
        text = f"{number:,.{digits}f}"
        if self.lang == "id":
            text = text.translate(_ID_SEPARATORS)
        return text

    def pct(self, part: float, whole: float) -> str:
        if whole <= 0:
            return "–"
        return self.num(100.0 * part / whole, 1) + "%"

    def posts(self, count: int) -> str:
        """ "12 posts", "1 post", "12 unggahan" (Indonesian nouns do not inflect)."""
        word = self.t["posts_axis"] if count != 1 or self.lang != "en" else "post"
        return f"{self.num(count)} {_e(word)}"

    def category(self, key: str) -> str:
        return self.t.get(key, key)

    def day(self, when: date) -> str:
        return f"{when.day} {_MONTHS[self.lang][when.month - 1]} {when.year}"

    def moment(self, value: object) -> str:
        """A publish time as the reader's calendar shows it (already in the account's zone)."""
        when = _datetime(value)
        if when is None:
            return _e(value) if isinstance(value, str) and value else _e(self.t["unknown_date"])
        sep = "." if self.lang == "id" else ":"
        return _e(f"{when.day} {_MONTHS_SHORT[self.lang][when.month - 1]} {when.year} {when.hour:02d}{sep}{when.minute:02d}")

    def date_of(self, value: object) -> str:
        when = _datetime(value)
        if when is None:
            return _e(value) if isinstance(value, str) and value else "–"
        return _e(self.day(when.date()))

    def month(self, ordinal: int) -> str:
        return f"{_MONTHS[self.lang][ordinal % 12]} {ordinal // 12}"

    def hour_span(self, hour: int) -> str:
        sep = "." if self.lang == "id" else ":"
        return f"{hour:02d}{sep}00–{(hour + 1) % 24:02d}{sep}00"

    def language(self, code: str) -> str:
        name = _LANGUAGE_NAMES[self.lang].get(code)
        return f"{name} ({code})" if name else code

    # -- building blocks ------------------------------------------------------------
    def svg(self, ident: str, width: int, height: int, title: str, desc: str, body: str) -> str:
        """An accessible chart: role=img named by its <title> and described by its <desc>."""
        return (
            f'<svg class="chart" id="{ident}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-labelledby="{ident}-t {ident}-d" font-size="11">'
            f'<title id="{ident}-t">{title}</title><desc id="{ident}-d">{desc}</desc>{body}</svg>'
        )

    def table(self, head: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]], *, wide: bool = False,
              wrap: int | None = None) -> str:
        """A table in a horizontally scrolling box: cells are pre-escaped HTML, ``head`` is (label, numeric).

        Numeric columns are right-aligned and never wrap; column ``wrap`` holds
        long text and keeps a readable minimum width.
        """
        numeric = [is_num for _, is_num in head]
        out = ['<div class="scroll"><table', ' class="wide"' if wide else "", "><thead><tr>"]
        out += [f'<th scope="col"{NUMERIC if is_num else ""}>{text}</th>' for text, is_num in head]
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>")
            for i, cell in enumerate(row):
                cls = NUMERIC if numeric[i] else (' class="wrap"' if i == wrap else "")
                out.append(f"<td{cls}>{cell}</td>")
            out.append("</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)

    def details(self, content: str) -> str:
        return f"<details><summary>{self.label('data_table')}</summary>{content}</details>"

    def severity(self, value: object) -> str:
        sev = value if value in SEVERITY_STYLE else "info"
        return f'<span class="sev sev-{sev}">{self.label(str(sev))}</span>'

    # -- sections ------------------------------------------------------------------
    def render(self) -> str:
        sections = [
            ("summary", self.section_summary),
            ("scores", self.section_scores),
            ("trend", self.section_trend),
            ("consistency", self.section_consistency),
            ("findings", self.section_findings),
            ("worst", self.section_worst),
            ("duplicates", self.section_duplicates),
            ("languages", self.section_languages),
            ("limits", self.section_limits),
            ("media", self.section_media),
            ("problems", self.section_problems),
        ]
        source = _mapping(self.data.get("source"))
        title = self.t["title"] + (f" — {source['path']}" if isinstance(source.get("path"), str) else "")
        nav = "".join(f'<li><a href="#{key}">{self.label("s_" + key)}</a></li>' for key, _ in sections[1:])
        body = [f'<section id="{key}" aria-labelledby="{key}-h">{build(key)}</section>\n' for key, build in sections]
        body.insert(1, f'<nav aria-label="{self.label("contents")}"><ol>{nav}</ol></nav>\n')
        consistency = _mapping(self.data.get("consistency"))
        zone = consistency.get("zone") or source.get("zone") or "–"
        severity_css = "".join(f".sev-{name}{{background:{bg};color:{fg}}}" for name, (bg, fg) in SEVERITY_STYLE.items())
        footer = self.label("footer", version=self.data.get("version") or "?", schema=self.data.get("schema") or "?",
                            zone=zone)
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="color-scheme" content="light">\n'
            f"<title>{_e(title)}</title>\n<style>\n{_CSS}{severity_css}\n</style>\n</head>\n<body>\n<main>\n"
            f'{"".join(body)}<footer class="muted"><p>{footer}</p></footer>\n</main>\n</body>\n</html>\n'
        )

    def heading(self, key: str) -> str:
        return f'<h2 id="{key}-h">{self.label("s_" + key)}</h2>'

    def section_summary(self, key: str) -> str:
        source = _mapping(self.data.get("source"))
        window = _mapping(self.data.get("window"))
        counts = _mapping(self.data.get("counts"))
        overall = _mapping(_mapping(self.data.get("scores")).get("overall"))
        first, last = window.get("first"), window.get("last")
        period = f"{self.date_of(first)} – {self.date_of(last)}" if first or last else self.label("no_data")
        fmt = source.get("format")
        rows = [
            (self.label("source"), f'<bdi class="loc">{_e(source.get("path") or "–")}</bdi>'),
            (self.label("format"), _e(_PLATFORM_NAMES.get(str(fmt), fmt) if fmt else "–")),
            (self.label("period"), period),
            (self.label("zone"), _e(source.get("zone") or _mapping(self.data.get("consistency")).get("zone") or "–")),
        ]
        if window.get("since") or window.get("until"):
            since = self.date_of(window.get("since")) if window.get("since") else "…"
            until = self.date_of(window.get("until")) if window.get("until") else "…"
            rows.append((self.label("window"), f"{since} – {until}"))
        meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        posts = _count(counts.get("posts"))
        passed, failed = _count(counts.get("passed")), _count(counts.get("failed"))
        cards = _cards([
            (self.label("posts"), self.num(posts), "", ""),
            (self.label("passed"), self.num(passed), self.pct(passed, posts) if posts else "", "pass"),
            (self.label("failed"), self.num(failed), self.pct(failed, posts) if posts else "", "fail"),
            (self.label("problems"), self.num(_count(counts.get("problems"))), "", ""),
            (self.label("mean_score"), self.num(overall.get("mean"), 1), "", ""),
        ])
        records = self.label("records_line", records=self.num(_count(counts.get("records"))))
        if _count(counts.get("outside_window")):
            records += " " + self.label("outside_line", outside=self.num(_count(counts.get("outside_window"))))
        return (
            f'<header><h1 id="{key}-h">{self.label("title")}</h1><dl class="meta">{meta}</dl></header>'
            f'{cards}<p class="note">{records}</p>'
        )

    def section_scores(self, key: str) -> str:
        scores = _mapping(self.data.get("scores"))
        overall = _mapping(scores.get("overall"))
        histogram = [_count(v) for v in _list(overall.get("histogram"))][:10]
        histogram += [0] * (10 - len(histogram))
        if not sum(histogram) and all(_number(_mapping(v).get("mean")) is None for v in scores.values()):
            return f'{self.heading(key)}<p class="note">{self.label("no_data")}</p>'
        chart = self.histogram_chart(histogram) if sum(histogram) else f'<p class="note">{self.label("no_data")}</p>'
        ranges = [f"{i * 10}–{i * 10 + 10}" for i in range(10)]
        alt = self.details(self.table([(self.label("range"), False), (self.label("posts"), True)],
                                      [[_e(r), self.num(c)] for r, c in zip(ranges, histogram, strict=True)]))
        rows = []
        keys = [k for k in SCORE_KEYS if k in scores] + sorted(k for k in scores if k not in SCORE_KEYS)
        for k in keys:
            dist = _mapping(scores.get(k))
            name = _e(self.category(k))
            rows.append([f"<b>{name}</b>" if k == "overall" else name, self.num(dist.get("mean"), 1),
                         self.num(dist.get("median"), 1), self.mini_bar(dist.get("mean"), dist.get("median"))])
        table = self.table([(self.label("category"), False), (self.label("mean"), True), (self.label("median"), True),
                            ("0–100", False)], rows, wide=True)
        return (
            f'{self.heading(key)}<div class="charts"><figure>{chart}<figcaption>{self.label("hist_desc")}</figcaption>{alt}'
            f'</figure><figure>{table}<figcaption>{self.label("cat_caption")}</figcaption></figure></div>'
        )

    def section_trend(self, key: str) -> str:
        months: dict[int, Mapping[str, Any]] = {}
        for entry in _list(self.data.get("monthly")):
            entry = _mapping(entry)
            ordinal = _month_ordinal(entry.get("month"))
            if ordinal is not None:
                months[ordinal] = entry
        if not months:
            return f'{self.heading(key)}<p class="note">{self.label("no_data")}</p>'
        first, last = min(months), max(months)
        n = last - first + 1
        series = {k: [_number(_mapping(months.get(first + i, {}).get("mean")).get(k)) for i in range(n)] for k in SCORE_KEYS}
        posts = [_count(months[first + i].get("posts")) if first + i in months else 0 for i in range(n)]
        first_label, last_label = self.month(first), self.month(last)
        lines = self.line_chart(first, n, series, first_label, last_label)
        bars = self.month_bars(first, n, posts, first_label, last_label)
        legend = "".join(
            f'<li><span class="sw" style="background:{SERIES_COLOUR[k]}{";height:6px" if k == "overall" else ""}">'
            f"</span>{_e(self.category(k))}</li>"
            for k in SCORE_KEYS
        )
        rows = []
        for ordinal in sorted(months):
            entry = months[ordinal]
            mean = _mapping(entry.get("mean"))
            rows.append([_e(self.month(ordinal)), self.num(_count(entry.get("posts"))), self.num(_count(entry.get("findings")))]
                        + [self.num(mean.get(k), 1) for k in SCORE_KEYS])
        head = [(self.label("month"), False), (self.label("posts"), True), (self.label("findings"), True)]
        head += [(_e(self.category(k)), True) for k in SCORE_KEYS]
        return (
            f'{self.heading(key)}<figure>{lines}<ul class="legend">{legend}</ul></figure>'
            f"<figure>{bars}</figure>{self.details(self.table(head, rows))}"
        )

    def section_consistency(self, key: str) -> str:
        c = _mapping(self.data.get("consistency"))
        per_week = _mapping(c.get("posts_per_week"))
        total, active = _count(c.get("weeks_total")), _count(c.get("weeks_active"))
        cards = _cards([
            (self.label("weeks_total"), self.num(total), "", ""),
            (self.label("weeks_active"), self.num(active), self.pct(active, total) if total else "", ""),
            (self.label("per_week_mean"), self.num(per_week.get("mean"), 1), "", ""),
            (self.label("per_week_median"), self.num(per_week.get("median"), 1), "", ""),
            (self.label("per_week_max"), self.num(per_week.get("max")), "", ""),
        ])
        weeks: dict[date, int] = {}
        for entry in _list(c.get("weekly")):
            entry = _mapping(entry)
            start = _week_start(entry.get("week"))
            if start is not None:
                weeks[start] = weeks.get(start, 0) + _count(entry.get("posts"))
        grid = [[_count(v) for v in _list(row)][:24] for row in _list(c.get("weekday_hour"))][:7]
        grid = [row + [0] * (24 - len(row)) for row in grid] + [[0] * 24 for _ in range(7 - len(grid))]
        if not weeks and not total and not any(any(row) for row in grid):
            return f'{self.heading(key)}<p class="note">{self.label("no_data")}</p>'
        out = [self.heading(key), cards]
        if weeks:
            out.append(self.weekly_chart(weeks, per_week))
        else:
            out.append(f'<p class="note">{self.label("no_data")}</p>')
        gaps = []
        for gap in _list(c.get("longest_gaps")):
            gap = _mapping(gap)
            gaps.append([self.moment(gap.get("from")), self.moment(gap.get("to")), self.num(gap.get("days"), 1)])
        gap_table = (self.table([(self.label("from"), False), (self.label("to"), False), (self.label("days"), True)], gaps)
                     if gaps else f'<p class="note">{self.label("none")}</p>')
        zone = str(c.get("zone") or _mapping(self.data.get("source")).get("zone") or "–")
        heat = self.heat_map(grid, zone) if any(any(row) for row in grid) else f'<p class="note">{self.label("no_data")}</p>'
        # Side by side on wide screens, one after the other on phones.
        out.append(f'<div class="charts"><div><h3>{self.label("gaps")}</h3>{gap_table}</div>'
                   f'<div><h3>{self.label("heat_title")}</h3>{heat}</div></div>')
        return "".join(out)

    def section_findings(self, key: str) -> str:
        items = []
        for finding in _list(self.data.get("top_findings")):
            f = _mapping(finding)
            examples = []
            for example in _list(f.get("examples")):
                ex = _mapping(example)
                examples.append(
                    f'<li><span class="muted">{self.moment(ex.get("publish_at"))}</span> '
                    f'<bdi class="loc">{_e(ex.get("locator"))}</bdi>'
                    f'<blockquote dir="auto">{_highlight(ex.get("excerpt"), [ex.get("match")])}</blockquote></li>'
                )
            count = self.label("occurrences", count=self.num(_count(f.get("count"))), posts=self.num(_count(f.get("posts"))))
            items.append(
                f'<article class="item"><h3>{self.severity(f.get("severity"))} <code>{_e(f.get("rule"))}</code>'
                f' <span class="muted">{count}</span></h3><p dir="auto">{_e(f.get("message"))}</p>'
                + (f'<ul aria-label="{self.label("examples")}">{"".join(examples)}</ul>' if examples else "")
                + "</article>"
            )
        body = "".join(items) if items else f'<p class="note">{self.label("none")}</p>'
        return f'{self.heading(key)}<p class="note">{self.label("findings_note")}</p>{body}'

    def section_worst(self, key: str) -> str:
        items = []
        for post in _list(self.data.get("worst_posts")):
            p = _mapping(post)
            findings = [_mapping(f) for f in _list(p.get("findings"))]
            lines = []
            for f in findings:
                match = f.get("match")
                shown = f' <q dir="auto">{_e(_clip(match, 80))}</q>' if isinstance(match, str) and match.strip() else ""
                lines.append(f'<li>{self.severity(f.get("severity"))} <span dir="auto">{_e(f.get("message"))}</span>{shown}'
                             f' <code>{_e(f.get("rule"))}</code></li>')
            platform = p.get("platform")
            platform_html = f' · {_e(_PLATFORM_NAMES.get(str(platform), platform))}' if platform else ""
            items.append(
                f'<article class="item"><h3><span class="score">{self.label("score")} {self.num(p.get("score"), 1)}</span>'
                f' <span class="muted">{self.moment(p.get("publish_at"))}{platform_html}</span>'
                f' <bdi class="loc">{_e(p.get("locator"))}</bdi></h3>'
                f'<blockquote dir="auto">{_highlight(p.get("excerpt"), [f.get("match") for f in findings])}</blockquote>'
                + (f"<ul>{''.join(lines)}</ul>" if lines else "")
                + "</article>"
            )
        body = "".join(items) if items else f'<p class="note">{self.label("none")}</p>'
        return f"{self.heading(key)}{body}"

    def section_duplicates(self, key: str) -> str:
        pairs = [_mapping(p) for p in _list(self.data.get("near_duplicates"))]
        items = []
        for pair in pairs:
            sides = []
            for side in ("a", "b"):
                post = _mapping(pair.get(side))
                sides.append(
                    f'<div><span class="muted">{self.moment(post.get("publish_at"))}</span> '
                    f'<bdi class="loc">{_e(post.get("locator"))}</bdi>'
                    f'<blockquote dir="auto">{_e(post.get("excerpt"))}</blockquote></div>'
                )
            similarity = _number(pair.get("similarity"))
            sim = self.pct(similarity, 1.0) if similarity is not None else "–"
            items.append(f'<article class="item"><h3><span class="score">{self.label("similarity")} {sim}</span></h3>'
                         f'<div class="pair">{"".join(sides)}</div></article>')
        total = _number(_mapping(self.data.get("counts")).get("near_duplicate_pairs"))
        note = self.label("duplicates_note")
        if total is not None and total > len(pairs):
            note += " " + self.label("duplicates_total", shown=self.num(len(pairs)), total=self.num(total))
        body = "".join(items) if items else f'<p class="note">{self.label("none")}</p>'
        return f'{self.heading(key)}<p class="note">{note}</p>{body}'

    def section_languages(self, key: str) -> str:
        counts = {str(k): _count(v) for k, v in _mapping(self.data.get("languages")).items()}
        ranked = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
        total = sum(v for _, v in ranked)
        if not total:
            return f'{self.heading(key)}<p class="note">{self.label("no_data")}</p>'
        shown = ranked[: len(LANGUAGE_COLOURS) - 1]
        rest = sum(v for _, v in ranked[len(shown):])
        parts = [(self.language(k), v) for k, v in shown] + ([(self.t["others"], rest)] if rest else [])
        x, bar = 0.0, []
        legend = []
        for i, (name, value) in enumerate(parts):
            width = 400 * value / total
            colour = LANGUAGE_COLOURS[min(i, len(LANGUAGE_COLOURS) - 1)]
            bar.append(f'<rect x="{_n(x)}" y="0" width="{_n(width)}" height="24" fill="{colour}">'
                       f"<title>{_e(name)}: {self.num(value)} ({self.pct(value, total)})</title></rect>")
            legend.append(f'<li><span class="sw box" style="background:{colour}"></span>{_e(name)} {self.pct(value, total)}</li>')
            x += width
        desc = self.label("lang_desc", parts=", ".join(f"{name} {self.pct(v, total)}" for name, v in parts))
        svg = self.svg("chart-languages", 400, 24, self.label("lang_title"), desc, "".join(bar))
        table = self.table([(self.label("language"), False), (self.label("posts"), True), (self.label("share"), True)],
                           [[_e(self.language(k)), self.num(v), self.pct(v, total)] for k, v in ranked])
        return f'{self.heading(key)}<figure>{svg}<ul class="legend">{"".join(legend)}</ul></figure>{table}'

    def section_limits(self, key: str) -> str:
        limits = _mapping(self.data.get("platform_limits"))
        by_platform = sorted((str(k), _count(v)) for k, v in _mapping(limits.get("by_platform")).items())
        line = self.label("limits_line", exceeded=self.num(_count(limits.get("exceeded"))),
                          checked=self.num(_count(limits.get("checked"))))
        table = self.table([(self.label("platform"), False), (self.label("posts"), True)],
                           [[_e(_PLATFORM_NAMES.get(k, k)), self.num(v)] for k, v in by_platform]) if by_platform else ""
        return f"{self.heading(key)}<p>{line}</p>{table}"

    def section_media(self, key: str) -> str:
        media = _mapping(self.data.get("media"))
        with_media, missing = _count(media.get("posts_with_media")), _count(media.get("missing_alt"))
        missing = min(missing, with_media) if with_media else missing
        line = self.label("media_line", missing=self.num(missing), with_media=self.num(with_media),
                          share=self.pct(missing, with_media))
        if not with_media:
            return f"{self.heading(key)}<p>{line}</p>"
        width = 400 * missing / with_media
        body = (f'<rect x="0" y="0" width="400" height="16" fill="#1b6e34"><title>{self.label("with_alt")}: '
                f'{self.num(with_media - missing)}</title></rect>'
                f'<rect x="0" y="0" width="{_n(width)}" height="16" fill="#b3261e"><title>{self.label("without_alt")}: '
                f"{self.num(missing)}</title></rect>")
        svg = self.svg("chart-media", 400, 16, self.label("media_bar"), line, body)
        legend = (f'<ul class="legend"><li><span class="sw box" style="background:#b3261e"></span>{self.label("without_alt")}'
                  f'</li><li><span class="sw box" style="background:#1b6e34"></span>{self.label("with_alt")}</li></ul>')
        return f"{self.heading(key)}<p>{line}</p><figure>{svg}{legend}</figure>"

    def section_problems(self, key: str) -> str:
        problems = [_mapping(p) for p in _list(self.data.get("problems"))][:100]
        total = max(_count(_mapping(self.data.get("counts")).get("problems")), len(problems))
        if not problems:
            return f'{self.heading(key)}<p class="note">{self.label("none")}</p>'
        note = f'<p class="note">{self.label("problems_shown", shown=self.num(len(problems)), total=self.num(total))}</p>'
        rows = [[f'<bdi class="loc">{_e(p.get("locator"))}</bdi>', f'<span dir="auto">{_e(p.get("message"))}</span>']
                for p in problems]
        table = self.table([(self.label("location"), False), (self.label("message"), False)], rows, wrap=1)
        return f"{self.heading(key)}{note}{table}"

    # -- charts --------------------------------------------------------------------
    def mini_bar(self, mean: object, median: object) -> str:
        """Mean as a bar and median as a tick on a 0–100 track (decorative: the numbers sit next to it).

        Plain CSS boxes with percentage widths rather than SVG, so the column
        shrinks with the table on a phone instead of pushing it sideways.
        """
        m, med = _number(mean), _number(median)
        bar = f'<span style="width:{_n(max(0.0, min(100.0, m)))}%"></span>' if m is not None else ""
        tick = f'<i style="left:{_n(max(0.0, min(100.0, med)))}%"></i>' if med is not None else ""
        return f'<div class="bar" aria-hidden="true">{bar}{tick}</div>'

    def y_axis(self, ticks: Sequence[float], y_of: Callable[[float], float], left: float, right: float, digits: int = 0) -> str:
        out = []
        for tick in ticks:
            y = y_of(tick)
            out.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{GRID}"/>'
                       f'<text x="{_n(left - 4)}" y="{_n(y + 3.5)}" text-anchor="end" fill="{INK}">'
                       f"{self.num(tick, digits)}</text>")
        return "".join(out)

    def month_labels(self, first: int, n: int, max_labels: int = 12) -> list[tuple[int, str, str]]:
        """Month labels for a run of months, thinned by :func:`_month_ticks`: (index, label, year line or "")."""
        out = []
        for i, kind, with_year in _month_ticks(first, n, max_labels):
            ordinal = first + i
            if kind == "year":
                out.append((i, str(ordinal // 12), ""))
            else:
                out.append((i, _MONTHS_SHORT[self.lang][ordinal % 12], str(ordinal // 12) if with_year else ""))
        return out


    def week_labels(self, start: date, n: int, x_of: Callable[[float], float]) -> list[tuple[float, str, str]]:
        """Up to 8 weeks: each bar gets its Monday ("5 Agu"); more: thinned months at the first week starting in them."""
        if n <= 8:
            labels = []
            for k in range(n):
                monday = start + timedelta(weeks=k)
                year = str(monday.year) if k == 0 or (monday.month == 1 and monday.day <= 7) else ""
                labels.append((x_of(k), f"{monday.day} {_MONTHS_SHORT[self.lang][monday.month - 1]}", year))
            return labels
        week_of_month: dict[int, int] = {}
        for k in range(n):
            monday = start + timedelta(weeks=k)
            week_of_month.setdefault(monday.year * 12 + monday.month - 1, k)
        first, last = min(week_of_month), max(week_of_month)
        return [(x_of(week_of_month[first + i]), a, b) for i, a, b in self.month_labels(first, last - first + 1, 8)
                if first + i in week_of_month]

    def histogram_chart(self, counts: list[int]) -> str:
        width, height, left, right, top, bottom = 400, 210, 40, 8, 18, 36
        plot_w, plot_h = width - left - right, height - top - bottom
        ticks = _nice_ticks(max(counts))
        scale = plot_h / ticks[-1]
        band = plot_w / 10
        out = [self.y_axis(ticks, lambda v: top + plot_h - v * scale, left, width - right)]
        for i, count in enumerate(counts):
            h = count * scale
            x = left + i * band + 2
            y = top + plot_h - h
            out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(band - 4)}" height="{_n(h)}" fill="{BAR}">'
                       f"<title>{i * 10}–{i * 10 + 10}: {self.posts(count)}</title></rect>")
            if count:
                out.append(f'<text x="{_n(x + (band - 4) / 2)}" y="{_n(y - 3)}" text-anchor="middle" font-size="10" '
                           f'fill="{INK}">{self.num(count)}</text>')
        base = top + plot_h
        out.append(f'<line x1="{left}" y1="{_n(base)}" x2="{width - right}" y2="{_n(base)}" stroke="{AXIS}"/>')
        out.append(_axis_labels([(left + i * band, str(i * 10), "") for i in range(11)], base, width))
        out.append(f'<text x="{_n(left + plot_w / 2)}" y="{height - 4}" text-anchor="middle" fill="{INK}" font-weight="600">'
                   f'{self.label("score_axis")}</text>')
        out.append(f'<text x="2" y="9" fill="{INK}">{self.label("posts_axis")}</text>')
        values = ", ".join(f"{i * 10}–{i * 10 + 10}: {self.num(c)}" for i, c in enumerate(counts))
        desc = self.label("hist_desc") + " " + _e(values)
        return self.svg("chart-histogram", width, height, self.label("hist_title"), desc, "".join(out))

    def line_chart(self, first: int, n: int, series: dict[str, list[float | None]], first_label: str, last_label: str) -> str:
        width, height, left, right, top, bottom = 400, 220, 34, 10, 12, 34
        plot_w, plot_h = width - left - right, height - top - bottom
        values = [v for vs in series.values() for v in vs if v is not None]
        low = min(values, default=0.0)
        # Scores of real accounts sit between 70 and 100: a 0–100 axis would flatten every trend.
        y0 = max(0.0, min(85.0, math.floor((low - 1) / 5) * 5))
        step = 5 if 100 - y0 <= 20 else 10 if 100 - y0 <= 50 else 20
        ticks = [y0 + i * step for i in range(int((100 - y0) / step) + 1)]
        if ticks[-1] < 100:
            ticks.append(100.0)
        band = plot_w / n

        def x_of(i: float) -> float:
            return left + (i + 0.5) * band

        def y_of(v: float) -> float:
            return top + plot_h - (max(y0, min(100.0, v)) - y0) / (100 - y0) * plot_h

        out = [self.y_axis(ticks, y_of, left, width - right)]
        for k in (*CATEGORIES, "overall"):
            points = series.get(k, [])
            colour = SERIES_COLOUR[k]
            stroke = 2.6 if k == "overall" else 1.2
            runs: list[list[tuple[float, float]]] = [[]]
            for i, v in enumerate(points):
                if v is None:
                    runs.append([])
                else:
                    runs[-1].append((x_of(i), y_of(v)))
            path = "".join("M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in run) for run in runs if len(run) > 1)
            if path:
                out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}" '
                           'stroke-linejoin="round" stroke-linecap="round"/>')
            # Single months (the first audit month, or one between gaps) have no line: show them as dots.
            for run in runs:
                if len(run) == 1 or (k == "overall" and n <= 24):
                    for x, y in run:
                        radius = (3.5 if k == "overall" else 2.6) if len(run) == 1 else 3
                        out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{radius}" fill="{colour}"/>')
        out.append(_axis_labels([(x_of(i), a, b) for i, a, b in self.month_labels(first, n)], top + plot_h, width))
        desc = self.label("trend_desc", first=first_label, last=last_label)
        return self.svg("chart-trend", width, height, self.label("trend_title"), desc, "".join(out))

    def month_bars(self, first: int, n: int, posts: list[int], first_label: str, last_label: str) -> str:
        width, height, left, right, top, bottom = 400, 130, 34, 10, 16, 34
        plot_w, plot_h = width - left - right, height - top - bottom
        ticks = _nice_ticks(max(posts), count=2)
        scale = plot_h / ticks[-1]
        band = plot_w / n
        bar_w = max(0.6, min(band * 0.75, 40.0))

        def x_of(i: float) -> float:
            return left + (i + 0.5) * band

        out = [self.y_axis(ticks, lambda v: top + plot_h - v * scale, left, width - right)]
        for i, count in enumerate(posts):
            if not count:
                continue
            h = count * scale
            out.append(f'<rect x="{_n(x_of(i) - bar_w / 2)}" y="{_n(top + plot_h - h)}" width="{_n(bar_w)}" height="{_n(h)}" '
                       f'fill="{BAR_LIGHT}"><title>{_e(self.month(first + i))}: {self.posts(count)}</title></rect>')
        out.append(f'<line x1="{left}" y1="{_n(top + plot_h)}" x2="{width - right}" y2="{_n(top + plot_h)}" stroke="{AXIS}"/>')
        out.append(f'<text x="2" y="9" fill="{INK}">{self.label("posts_axis")}</text>')
        out.append(_axis_labels([(x_of(i), a, b) for i, a, b in self.month_labels(first, n)], top + plot_h, width))
        desc = self.label("monthly_posts_desc", first=first_label, last=last_label, max=self.num(max(posts)))
        return self.svg("chart-monthly-posts", width, height, self.label("monthly_posts_title"), desc, "".join(out))

    def weekly_chart(self, weeks: dict[date, int], per_week: Mapping[str, Any]) -> str:
        """Posts per week, zero weeks marked under the axis in amber: gaps are what the workshop asks accounts to avoid."""
        start, end = min(weeks), max(weeks)
        n = (end - start).days // 7 + 1
        counts = [weeks.get(start + timedelta(weeks=i), 0) for i in range(n)]
        width, height, left, right, top, bottom = 400, 150, 34, 10, 16, 44
        plot_w, plot_h = width - left - right, height - top - bottom
        ticks = _nice_ticks(max(counts), count=3)
        scale = plot_h / ticks[-1]
        band = plot_w / n
        base = top + plot_h

        def x_of(i: float) -> float:
            return left + (i + 0.5) * band

        out = [self.y_axis(ticks, lambda v: base - v * scale, left, width - right)]
        if n <= 104:
            bar_w = max(0.8, min(band * 0.8, 24.0))
            for i, count in enumerate(counts):
                if count:
                    monday = start + timedelta(weeks=i)
                    iso = monday.isocalendar()
                    out.append(f'<rect x="{_n(x_of(i) - bar_w / 2)}" y="{_n(base - count * scale)}" width="{_n(bar_w)}" '
                               f'height="{_n(count * scale)}" fill="{BAR}"><title>{iso.year}-W{iso.week:02d} '
                               f"({_e(self.day(monday))}): {self.posts(count)}</title></rect>")
        else:
            # Hundreds of weeks: one stepped area is smaller and smoother than sub-pixel bars.
            d = [f"M{_n(left)} {_n(base)}"]
            for i, count in enumerate(counts):
                d.append(f"V{_n(base - count * scale)}H{_n(left + (i + 1) * band)}")
            d.append(f"V{_n(base)}Z")
            out.append(f'<path d="{"".join(d)}" fill="{BAR}"/>')
        mean = _number(per_week.get("mean"))
        if mean is not None and mean > 0:
            y = base - mean * scale
            out.append(f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="{SERIES_COLOUR["overall"]}" '
                       f'stroke-dasharray="4 3" stroke-width="1.2"/><text x="{width - right}" y="{_n(y - 3)}" text-anchor="end" '
                       f'fill="{SERIES_COLOUR["overall"]}" {HALO}>{self.label("mean_line")} {self.num(mean, 1)}</text>')
        out.append(f'<line x1="{left}" y1="{_n(base)}" x2="{width - right}" y2="{_n(base)}" stroke="{AXIS}"/>')
        i, inactive = 0, 0
        while i < n:
            if counts[i]:
                i += 1
                continue
            j = i
            while j < n and not counts[j]:
                j += 1
            inactive += j - i
            first_day, last_day = start + timedelta(weeks=i), start + timedelta(weeks=j - 1, days=6)
            out.append(f'<rect x="{_n(left + i * band)}" y="{_n(base + 1.5)}" width="{_n(max(1.2, (j - i) * band))}" height="4" '
                       f'fill="{GAP}"><title>{_e(self.day(first_day))} – {_e(self.day(last_day))}: {j - i} '
                       f"{self.label('inactive')}</title></rect>")
            i = j
        out.append(_axis_labels(self.week_labels(start, n, x_of), base + 6, width))
        out.append(f'<text x="2" y="9" fill="{INK}">{self.label("posts_axis")}</text>')
        if inactive:
            out.append(f'<rect x="{width - right - 150}" y="{height - 9}" width="10" height="4" fill="{GAP}"/>'
                       f'<text x="{width - right - 136}" y="{height - 4}" fill="{INK}">{self.label("inactive")}</text>')
        desc = self.label("weekly_desc", weeks=self.num(n), first=self.day(start), last=self.day(end + timedelta(days=6)),
                          mean=self.num(per_week.get("mean"), 1), median=self.num(per_week.get("median"), 1),
                          max=self.num(max(counts)), inactive=self.num(inactive))
        svg = self.svg("chart-weekly", width, height, self.label("weekly_title"), desc, "".join(out))
        rows = []
        for k, count in enumerate(counts):
            monday = start + timedelta(weeks=k)
            iso = monday.isocalendar()
            rows.append([f"{iso.year}-W{iso.week:02d}", _e(self.day(monday)), self.num(count)])
        table = self.table([(self.label("week"), False), (self.label("week_start"), False), (self.label("posts"), True)], rows)
        return f"<figure>{svg}<figcaption>{desc}</figcaption>{self.details(table)}</figure>"

    def heat_map(self, grid: list[list[int]], zone: str) -> str:
        """Weekday × hour counts as shaded cells (square-root scale, so a few busy slots do not wash out the rest)."""
        width, left, top, cell = 400, 34, 4, 15.0
        height = int(top + 7 * cell + 44)
        peak = max(max(row) for row in grid)
        out = []
        for d, row in enumerate(grid):
            y = top + d * cell
            out.append(f'<text x="{left - 5}" y="{_n(y + cell / 2 + 3.5)}" text-anchor="end" fill="{INK}">'
                       f"{_e(_WEEKDAYS_SHORT[self.lang][d])}</text>")
            for h, count in enumerate(row):
                x = left + h * cell
                out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell - 1)}" height="{_n(cell - 1)}" '
                           f'fill="{_heat_colour(count, peak)}"><title>{_e(_WEEKDAYS[self.lang][d])} {self.hour_span(h)}: '
                           f"{self.posts(count)}</title></rect>")
        base = top + 7 * cell
        for h in range(0, 24, 3):
            out.append(f'<text x="{_n(left + h * cell + (cell - 1) / 2)}" y="{_n(base + 11)}" text-anchor="middle" '
                       f'fill="{INK}">{h:02d}</text>')
        out.append(f'<text x="{left - 5}" y="{_n(base + 11)}" text-anchor="end" fill="{INK}">{self.label("hour")}</text>')
        # Legend: five steps of the scale with "fewer … more".
        y = base + 22
        out.append(f'<text x="{left}" y="{_n(y + 9)}" fill="{INK}">{self.label("fewer")}</text>')
        lx = left + 44
        for i in range(6):
            value = peak * (i / 5) ** 2
            out.append(f'<rect x="{_n(lx + i * 16)}" y="{_n(y)}" width="14" height="12" fill="{_heat_colour(value, peak)}"/>')
        out.append(f'<text x="{_n(lx + 6 * 16 + 4)}" y="{_n(y + 9)}" fill="{INK}">{self.label("more")} (max {self.num(peak)})'
                   "</text>")
        best_d, best_h = max(((d, h) for d in range(7) for h in range(24)), key=lambda dh: (grid[dh[0]][dh[1]], -dh[0], -dh[1]))
        peak_text = f"{_WEEKDAYS[self.lang][best_d]} {self.hour_span(best_h)} ({self.num(peak)})"
        desc = self.label("heat_desc", zone=zone, peak=peak_text)
        svg = self.svg("chart-heatmap", width, height, self.label("heat_title"), desc, "".join(out))
        head = [(self.label("weekday"), False)] + [(f"{h:02d}", True) for h in range(24)]
        rows = [[_e(_WEEKDAYS[self.lang][d])] + [self.num(v) for v in row] for d, row in enumerate(grid)]
        caption = f"{self.label('busiest')}: {_e(peak_text)} · {self.label('zone')}: {_e(zone)}"
        return f"<figure>{svg}<figcaption>{caption}</figcaption>{self.details(self.table(head, rows))}</figure>"


def _axis_labels(labels: Sequence[tuple[float, str, str]], y: float, width: int) -> str:
    """Tick marks and one- or two-line labels under an x axis, kept inside the chart's width."""
    out = []
    for x, line1, line2 in labels:
        out.append(f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x)}" y2="{_n(y + 3)}" stroke="{AXIS}"/>')
        for text, dy in ((line1, 13), (line2, 24)):
            if text:
                half = 3.3 * len(text)  # about half the width of the text at font size 11
                cx = min(max(x, half + 1), width - half - 1)
                out.append(f'<text x="{_n(cx)}" y="{_n(y + dy)}" text-anchor="middle" fill="{INK}">{_e(text)}</text>')
    return "".join(out)


def _heat_colour(value: float, peak: float) -> str:
    """Light grey for none, then pale to deep blue on a square-root scale."""
    if value <= 0 or peak <= 0:
        return "#eef0f3"
    t = math.sqrt(value / peak)
    low, high = (0xD4, 0xE4, 0xF4), (0x08, 0x30, 0x6B)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _cards(items: Sequence[tuple[str, str, str, str]]) -> str:
    """Headline figures as a grid of cards: (label, value, note, value class), all pre-escaped."""
    out = []
    for label, value, note, cls in items:
        css = f' class="{cls}"' if cls else ""
        extra = f' <span class="muted">{note}</span>' if note else ""
        out.append(f'<div class="card">{label}<b{css}>{value}</b>{extra}</div>')
    return f'<div class="cards">{"".join(out)}</div>'


def _clip(value: object, limit: int) -> str:
    text = " ".join(str(value).split()) if value is not None else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _highlight(excerpt: object, matches: Sequence[object]) -> str:
    """The excerpt escaped, with each finding's matched text marked (exact first, then ignoring case).

    Excerpts are whitespace-flattened and cut at 200 characters, so matches are
    flattened too, and a match past the cut is simply not marked.
    """
    text = excerpt if isinstance(excerpt, str) else ""
    wanted = sorted({" ".join(m.split()) for m in matches if isinstance(m, str) and m.strip()}, key=lambda m: (-len(m), m))
    spans: list[tuple[int, int]] = []
    lowered = text.lower() if len(text.lower()) == len(text) else None
    for match in wanted[:50]:
        candidates = [(text, match)]
        if lowered is not None and len(match.lower()) == len(match):
            candidates.append((lowered, match.lower()))
        for haystack, needle in candidates:
            found = False
            start = haystack.find(needle)
            while start >= 0:
                end = start + len(needle)
                if all(end <= a or start >= b for a, b in spans):
                    spans.append((start, end))
                    found = True
                start = haystack.find(needle, end)
            if found:
                break
    out, position = [], 0
    for start, end in sorted(spans):
        out.append(_e(text[position:start]) + "<mark>" + _e(text[start:end]) + "</mark>")
        position = end
    out.append(_e(text[position:]))
    return "".join(out)


def render_html(data: Mapping[str, Any], *, ui_language: str = "id") -> str:
    """The audit report (docs/audit-report.md) as one self-contained HTML page.

    ``ui_language`` is ``"id"`` or ``"en"`` (anything else falls back to
    English, like the terminal report). The result is the same string for the
    same dict and language.
    """
    lang = ui_language if ui_language in _LABELS else "en"
    return _Page(data, lang).render()
