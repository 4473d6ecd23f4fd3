"""End to end: the page in headless Chromium, driven as a writer would — type, read, point, fix, switch language.

Skipped when no Chromium is installed (Debian: ``apt-get install chromium``;
elsewhere set ``POSTCHECK_CHROMIUM``). Screenshots are kept under
``test-artifacts/`` at the repository root; with ``POSTCHECK_UPDATE_DOCS=1``
the documentation's screenshot ``docs/serve.png`` is written too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from postcheck.server import PostcheckServer, make_server

from .browser import Browser, Page, find_browser
from .conftest import running

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CATEGORIES = ["interactivity", "authenticity", "timeliness", "relevance", "quality", "safety"]
MARKS = "[...document.querySelectorAll('#backdrop mark')].map(m => m.textContent)"
DRAFT_VALUE = "document.getElementById('draft').value"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_browser()
    if executable is None:
        pytest.skip("no Chromium found (Debian: apt-get install chromium; or set POSTCHECK_CHROMIUM)")
    folder = tmp_path_factory.mktemp("chromium")
    with Browser(executable, folder / "profile", folder / "chromium.log") as running:
        yield running


def open_page(browser: Browser, server: PostcheckServer, accept_language: str | None = None) -> Page:
    page = browser.new_page()
    if accept_language:
        agent = browser.send("Browser.getVersion")["userAgent"]
        page.send("Emulation.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": accept_language})
    page.navigate(server.url)
    page.evaluate("localStorage.clear()")  # one profile serves every test: start each from the defaults
    page.navigate(server.url)
    page.wait_for("document.body.dataset.ready === 'true'")
    return page


@pytest.fixture
def page(browser: Browser, server: PostcheckServer) -> Iterator[Page]:
    opened = open_page(browser, server)
    yield opened
    assert opened.problems() == [], "script errors, console errors or CSP violations"
    opened.close()


def type_draft(page: Page, text: str, platforms: tuple[str, ...] = ("x",)) -> list[str]:
    """Choose platforms, click into the editor, type, and wait for the debounced check; return the highlighted texts."""
    for name in platforms:
        page.click(f"#platform-list input[value='{name}']")
    page.click("#draft")
    page.type_text(text)
    page.wait_for(f"document.getElementById('status').textContent.includes('finding') && {DRAFT_VALUE} === {json.dumps(text)}")
    marks: list[str] = page.evaluate(MARKS)
    return marks


def test_write_see_point_fix(page: Page) -> None:
    marks = type_draft(page, "Silahkan datang disini besok!!")
    assert marks[:2] == ["Silahkan", "disini"]
    assert page.evaluate("document.querySelector('#backdrop mark').className") == "sev-warning"

    # the scores, as an SVG bar per category and one overall
    bars = page.evaluate(
        "[...document.querySelectorAll('#chart rect.bar')].map(r => [r.dataset.category, +r.getAttribute('width')])"
    )
    assert [name for name, _ in bars] == ["overall", *CATEGORIES]
    assert all(0 <= width <= 230 for _, width in bars)
    assert page.evaluate("document.querySelector('.verdict .overall').textContent")
    # the X meter
    meter = page.evaluate("document.querySelector(\".meter[data-platform='x'] .meter-count\").textContent")
    assert meter == "30 / 280 weighted characters"

    # pointing at a highlight shows its message and why it matters
    page.hover(*page.center("#backdrop mark"))
    tip = page.wait_for("!document.getElementById('tooltip').hidden && document.getElementById('tooltip').textContent")
    assert "Silakan" in tip and "quality/spelling-id" in tip
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(ARTIFACTS / "serve-e2e-findings.png")

    # one click fixes one finding …
    page.click("#findings button.fix")
    assert page.evaluate(DRAFT_VALUE) == "Silakan datang disini besok!!"
    page.wait_for("!document.getElementById('findings').textContent.includes('quality/spelling-id')")
    assert page.wait_for(f"{MARKS}[0] === 'disini'")
    # … "fix all" the rest, and the browser's undo takes it back
    page.click("#fix-all")
    page.wait_for(f"{DRAFT_VALUE} === 'Silakan datang di sini besok!!'")
    page.click("#draft")
    page.press("z", "KeyZ", 90, modifiers=2)  # Ctrl+Z
    assert page.evaluate(DRAFT_VALUE) == "Silakan datang disini besok!!"
    page.screenshot(ARTIFACTS / "serve-e2e.png")


def test_highlights_land_on_their_words_after_emoji(page: Page) -> None:
    """Columns are code points; the page indexes UTF-16: emoji (astral, ZWJ sequences, flags) must not shift marks."""
    text = "🎉🇮🇩 Silahkan hadir 👨‍👩‍👧 ya\n\n😀😀 Kami tunggu disini"
    type_draft(page, text, platforms=())
    placed = page.evaluate(
        "(() => { let at = 0; const out = [];"
        " for (const node of document.getElementById('backdrop').childNodes) {"
        "   if (node.nodeName === 'MARK') out.push([node.textContent, at]); at += node.textContent.length; }"
        " return out; })()"
    )

    def utf16_index(word: str) -> int:
        return len(text[: text.index(word)].encode("utf-16-le")) // 2

    for word in ("Silahkan", "disini"):
        assert [word, utf16_index(word)] in placed, placed


def test_whole_post_findings_are_painted_only_while_active(page: Page) -> None:
    """A finding about the whole post would drown the word-level marks: it is painted while its list item is pointed at."""
    type_draft(page, "SEBARKAN!!! Silahkan datang besok.\nTerima kasih")
    assert "Terima kasih" not in "".join(page.evaluate(MARKS))
    position = page.evaluate(
        "[...document.querySelectorAll('#findings > li')].findIndex(li => JSON.parse(li.dataset.key)[0] === "
        "'authenticity/exclamation-heavy') + 1"
    )
    assert position > 0
    page.hover(*page.center(f"#findings > li:nth-child({position})"))
    active = page.wait_for("[...document.querySelectorAll('#backdrop mark.active')].map(m => m.textContent).join('')")
    assert active.startswith("SEBARKAN!!!") and active.endswith("Terima kasih")


def test_keyboard_only(page: Page) -> None:
    """Caret into a finding: its message appears beside the editor; Tab reaches its fix; Enter applies it."""
    type_draft(page, "Silahkan datang.")
    page.press("Home", "Home", 36)
    info = page.wait_for("document.getElementById('caret-info').textContent")
    assert "Silakan" in info
    page.press("Tab", "Tab", 9)
    assert page.evaluate("document.activeElement.matches('#caret-info button.fix')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring
    page.press("Enter", "Enter", 13, text="\r")
    assert page.evaluate(DRAFT_VALUE) == "Silakan datang."


def test_meter_turns_red_over_the_limit(page: Page) -> None:
    type_draft(page, "Ayo lengkapi imunisasi anak di puskesmas. " * 8)
    classes = page.evaluate("document.querySelector(\".meter[data-platform='x']\").className")
    assert "over" in classes.split()
    fill = page.evaluate("getComputedStyle(document.querySelector(\".meter[data-platform='x'] .meter-fill\")).backgroundColor")
    assert fill == "rgb(194, 38, 28)"
    assert "over the limit" in page.evaluate("document.getElementById('meters').textContent")


def test_language_toggle_and_browser_default(page: Page, browser: Browser, server: PostcheckServer) -> None:
    type_draft(page, "Silahkan datang.")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("button[data-ui='id']")
    page.wait_for("document.getElementById('findings').textContent.includes('Ejaan tidak baku')")
    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.evaluate("document.querySelector('[data-i18n=findings]').textContent") == "Temuan"
    assert page.evaluate("document.querySelector(\"button[data-ui='id']\").getAttribute('aria-pressed')") == "true"

    indonesian = open_page(browser, server, accept_language="id-ID,id")
    try:
        assert indonesian.evaluate("document.documentElement.lang") == "id"
        assert indonesian.evaluate("document.getElementById('draft').placeholder").startswith("Tulis atau tempel")
    finally:
        indonesian.close()


def test_controls_are_labelled(page: Page) -> None:
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('input, select, textarea')]"
        ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.outerHTML)"
    )
    assert unlabelled == []
    nameless = page.evaluate("[...document.querySelectorAll('button')].filter(b => !b.textContent.trim()).length")
    assert nameless == 0


@pytest.fixture
def team_page(browser: Browser) -> Iterator[Page]:
    """The page of a server configured as a comms team would (examples/postcheck.yaml: fail under 60)."""
    for server in running(make_server(port=0, config={"ui_language": "en", "fail_under": 60})):
        opened = open_page(browser, server)
        yield opened
        assert opened.problems() == []
        opened.close()


def test_docs_screenshot(team_page: Page) -> None:
    """The README's picture: a realistic draft for X and Instagram, at desktop size."""
    page = team_page
    page.evaluate("document.getElementById('publish-date').value = '2026-03-02T07:00'")
    type_draft(
        page,
        "Silahkan datang ke posyandu disini besok pagi jam 08.00!! 💉 Imunisasi anak GRATIS untuk balita "
        "usia 0-59 bulan.\n\nBawa buku KIA ya, Bunda. Sebarkan ke grup keluarga!\n\nInfo lengkap: kemkes.go.id "
        "#ImunisasiLengkap #AnakSehat",
        platforms=("x", "instagram"),
    )
    page.press("Home", "Home", 36, modifiers=2)  # Ctrl+Home: caret on "Silahkan", so its explanation shows
    page.wait_for("document.getElementById('caret-info').textContent")
    assert page.evaluate("document.querySelector('.verdict .badge').textContent") == "Does not pass"
    assert page.evaluate("document.querySelector('.verdict-detail').textContent") == "Score 29.4 below 60."
    page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    data = page.screenshot(ARTIFACTS / "serve-docs.png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("POSTCHECK_UPDATE_DOCS") == "1":
        (ROOT / "docs" / "serve.png").write_bytes(data)
