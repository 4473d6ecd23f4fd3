"""The HTML audit report in a real browser: headless Chromium draws the charts at phone and desktop width.

Skipped when no Chromium is installed (Debian: ``apt-get install chromium``).
Artifacts go to ``test-artifacts/`` at the repository root (git-ignored):
the report itself, a phone screenshot (412 × 2400), the full phone-width page
and a desktop screenshot (1280 × 2400).

Headless Chromium will not make a window narrower than 500 CSS pixels: with
``--window-size=412,…`` it lays the page out 500 wide and crops the shot. So
the phone view is an ``<iframe>`` 412 pixels wide in a small harness page,
which gives the report a true 412-pixel viewport (media queries included).
Chart positions come from the same harness with ``--dump-dom``: a script in
a test-only copy of the report measures every ``svg.chart`` and posts the
numbers to the harness page. The report itself has no script.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from postcheck.reports.audit_html import render_html

from . import png
from .audit_fixtures import large_audit, small_audit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PHONE = 412
DESKTOP = 1280
CHARTS = ("chart-histogram", "chart-trend", "chart-monthly-posts", "chart-weekly", "chart-heatmap", "chart-languages",
          "chart-media")

MEASURE = """<script>(function(){var out=[];
document.querySelectorAll('svg.chart').forEach(function(s){var r=s.getBoundingClientRect();
out.push({id:s.id,x:r.left+scrollX,y:r.top+scrollY,width:r.width,height:r.height,
marks:s.querySelectorAll('rect,path,circle').length});});
var wide=[];document.querySelectorAll('.scroll').forEach(function(s){
if(!s.closest('details')&&s.scrollWidth>s.clientWidth+1)wide.push(s.closest('section').id);});
parent.postMessage(JSON.stringify({width:document.documentElement.scrollWidth,viewport:innerWidth,
height:document.documentElement.scrollHeight,charts:out,wide_tables:wide}),'*');})();</script>"""


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
    if found is None:
        pytest.skip("no chromium binary (apt-get install chromium)")
    return found


class Browser:
    def __init__(self, binary: str, profile: Path) -> None:
        self.binary = binary
        self.profile = profile

    def run(self, *args: str) -> str:
        command = [
            self.binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={self.profile}", *args,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def screenshot(self, page: Path, out: Path, width: int, height: int) -> png.Image:
        self.run(f"--window-size={width},{height}", f"--screenshot={out}", page.as_uri())
        image = png.decode(out.read_bytes())
        assert image.width == width and image.height == height
        return image


def _harness(folder: Path, name: str, report: str, width: int, height: int, *, listen: bool) -> Path:
    """A page holding the report in an iframe of exactly ``width`` CSS pixels (see the module docstring)."""
    script = ('<pre id="geometry"></pre><script>addEventListener("message",function(e){'
              'document.getElementById("geometry").textContent=e.data;});</script>') if listen else ""
    page = folder / name
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}'
        "iframe{border:0;display:block}</style></head><body>"
        f'<iframe src="{report}" width="{width}" height="{height}" scrolling="no"></iframe>{script}</body></html>',
        encoding="utf-8",
    )
    return page


def _geometry(browser: Browser, folder: Path, document: str, width: int) -> dict[str, Any]:
    (folder / "measured.html").write_text(document.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    page = _harness(folder, f"measure-{width}.html", "measured.html", width, 900, listen=True)
    dom = browser.run(f"--window-size={max(width, 500)},900", "--virtual-time-budget=10000", "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="geometry">(.+?)</pre>', dom, re.S)
    assert found, "the measuring script did not report"
    return dict(json.loads(html.unescape(found.group(1))))


def _coloured_share(image: png.Image, box: dict[str, Any]) -> float:
    crop = image.crop(round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"]))
    return png.coloured(crop) / max(1, crop.width * crop.height)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    return Browser(_chromium(), tmp_path_factory.mktemp("chromium-profile"))


def test_charts_are_drawn_at_phone_width(browser: Browser, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    document = render_html(large_audit(), ui_language="id")
    (ARTIFACTS / "audit-large-id.html").write_text(document, encoding="utf-8")
    (tmp_path / "report.html").write_text(document, encoding="utf-8")

    # Layout: a true 412-pixel viewport, nothing wider than the screen, every chart present and sized.
    geometry = _geometry(browser, tmp_path, document, PHONE)
    assert geometry["viewport"] == PHONE
    assert geometry["width"] <= PHONE, "the page scrolls sideways on a phone"
    # Tables always on show fit too (the wide data tables behind the charts scroll inside their box).
    assert geometry["wide_tables"] == []
    charts = {c["id"]: c for c in geometry["charts"]}
    assert set(charts) == set(CHARTS)
    for ident, box in charts.items():
        assert box["marks"] > 0, ident
        assert box["height"] > 10, ident
        assert box["width"] >= PHONE * 0.85 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE, (ident, box)

    # What a phone shows first (the size asked for), then the whole page for the pixel checks.
    phone = _harness(tmp_path, "phone.html", "report.html", PHONE, 2400, listen=False)
    browser.screenshot(phone, ARTIFACTS / "audit-large-id-phone-412x2400.png", PHONE, 2400)
    height = int(geometry["height"])
    whole = _harness(tmp_path, "whole.html", "report.html", PHONE, height, listen=False)
    image = browser.screenshot(whole, ARTIFACTS / "audit-large-id-phone-full.png", PHONE, height)

    # The charts are drawn: coloured marks (bars, lines, cells) inside each chart's box, and not outside the page.
    for ident, box in charts.items():
        share = _coloured_share(image, box)
        assert share >= 0.02, f"{ident}: only {share:.1%} coloured pixels"
        (ARTIFACTS / f"audit-large-id-phone-{ident}.png").write_bytes(
            png.encode(image.crop(round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"]))))
    # The bar chart of scores: the high deciles are tall, so the right part holds most of the colour.
    hist = charts["chart-histogram"]
    left_half = dict(hist, width=hist["width"] / 2)
    right_half = dict(hist, x=hist["x"] + hist["width"] / 2, width=hist["width"] / 2)
    assert _coloured_share(image, right_half) > 4 * _coloured_share(image, left_half)
    # The top of the page (header, summary cards) is not blank either.
    top = image.crop(0, 0, PHONE, 300)
    assert sum(1 for row in top.rows for v in row[::3] if v < 128) > 500


def test_desktop_width(browser: Browser, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    document = render_html(large_audit(), ui_language="en")
    report = tmp_path / "report.html"
    report.write_text(document, encoding="utf-8")
    (ARTIFACTS / "audit-large-en.html").write_text(document, encoding="utf-8")
    geometry = _geometry(browser, tmp_path, document, DESKTOP)
    assert geometry["width"] <= DESKTOP
    charts = {c["id"]: c for c in geometry["charts"]}
    assert set(charts) == set(CHARTS)
    for ident, box in charts.items():
        assert box["marks"] > 0 and box["height"] > 10 and 300 <= box["width"] <= 600, (ident, box)
    image = browser.screenshot(report, ARTIFACTS / "audit-large-en-desktop-1280x2400.png", DESKTOP, 2400)
    for ident in ("chart-histogram", "chart-trend", "chart-monthly-posts"):
        box = charts[ident]
        if box["y"] + box["height"] <= 2400:
            assert _coloured_share(image, box) >= 0.02, ident


def test_small_audit_at_phone_width(browser: Browser, tmp_path: Path) -> None:
    """One month, five weeks: charts still drawn, nothing overflows."""
    document = render_html(small_audit(), ui_language="id")
    (ARTIFACTS / "audit-small-id.html").write_text(document, encoding="utf-8")
    geometry = _geometry(browser, tmp_path, document, PHONE)
    assert geometry["width"] <= PHONE and geometry["wide_tables"] == []
    assert {c["id"] for c in geometry["charts"]} == set(CHARTS)
    assert all(c["marks"] > 0 and c["height"] > 10 for c in geometry["charts"])


def test_audit_html_from_the_command_line(browser: Browser, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """`postcheck audit --html` on a real (generated) export: the file renders and its charts are drawn."""
    from datetime import datetime, timedelta, timezone

    start = datetime(2025, 1, 6, 8, tzinfo=timezone(timedelta(hours=7)))
    texts = ["Layanan pengaduan dibuka setiap hari kerja pukul 08.00 WIB. Info: kemkes.go.id/layanan",
             "Silahkan antri dengan tertib di loket pelayanan kecamatan terdekat ya warga semua",
             "SEBARKAN sebelum dihapus!! Air rebusan daun ini menyembuhkan semua penyakit"]
    rows = [{"text": texts[i % 3] + f" ({i})", "time": (start + timedelta(hours=17 * i)).isoformat()} for i in range(400)]
    source = tmp_path / "posts.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = tmp_path / "report.html"
    result = cli(["audit", str(source), "--time-column", "time", "--jobs", "1", "--html", str(report), "--ui-language", "en"])
    assert result.exit_code == 0, result.stderr
    document = report.read_text(encoding="utf-8")
    geometry = _geometry(browser, tmp_path, document, DESKTOP)
    charts = {c["id"]: c for c in geometry["charts"]}
    assert {"chart-histogram", "chart-trend", "chart-weekly", "chart-heatmap"} <= set(charts)
    ARTIFACTS.mkdir(exist_ok=True)
    page = _harness(tmp_path, "cli.html", "report.html", DESKTOP, int(geometry["height"]), listen=False)
    image = browser.screenshot(page, ARTIFACTS / "audit-cli-desktop.png", DESKTOP, int(geometry["height"]))
    for ident in ("chart-histogram", "chart-trend", "chart-weekly", "chart-heatmap"):
        assert _coloured_share(image, charts[ident]) >= 0.02, ident
