"""``postcheck serve``'s JSON API on good requests: the lint JSON shape, meters, fixes, rules, platforms, the page."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

import postcheck
from postcheck.platforms import available, load_profile
from postcheck.reports.json import render
from postcheck.results import LintReport
from postcheck.server import STATIC_FILES, make_server

from .conftest import Client, running

DRAFT = "Silahkan datang disini besok!!"
WHEN = "2026-03-02T08:00+07:00"


def check(client: Client, text: str = DRAFT, **fields: object) -> dict:
    reply = client.post("/api/check", {"text": text, **fields})
    assert reply.status == 200, reply.body
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    return reply.json


def test_check_reports_findings_scores_and_meters(client: Client) -> None:
    data = check(client, platforms=["x"], language="id", publish_at=WHEN)
    assert list(data) == ["version", "schema", "results", "problems", "summary", "lengths"]
    (result,) = data["results"]
    assert result["platform"] == "x" and result["language"] == "id" and result["publish_source"] == "option"
    spelling = next(f for f in result["findings"] if f["rule"] == "quality/spelling-id")
    assert (spelling["line"], spelling["column"], spelling["end_line"], spelling["end_column"]) == (1, 1, 1, 9)
    assert (spelling["match"], spelling["fix"]) == ("Silahkan", "Silakan")
    assert set(result["scores"]) == {"overall", "interactivity", "authenticity", "timeliness", "relevance", "quality", "safety"}
    assert result["scores"]["quality"] < 100
    assert data["lengths"] == [{"platform": "x", "length": load_profile("x").length(DRAFT), "limit": 280, "unit": "x-weighted"}]


def test_check_is_the_lint_json_document(client: Client) -> None:
    """Everything but ``lengths`` is byte-for-byte what ``lint --format json`` builds for the same text."""
    data = check(client, platforms=["x", "instagram"], language="id", publish_at=WHEN)
    expected = postcheck.check_text(
        DRAFT, platform=["x", "instagram"], language="id", publish_at=WHEN, config={"ui_language": "en"}
    )
    lint = json.loads(render(LintReport(results=expected.results)))
    assert {k: v for k, v in data.items() if k != "lengths"} == lint


def test_check_output_is_deterministic(client: Client) -> None:
    body = {"text": DRAFT + " 🎉", "platforms": ["bluesky", "x"], "publish_at": WHEN}
    first, second = client.post("/api/check", body), client.post("/api/check", body)
    assert first.status == second.status == 200
    assert first.body == second.body


def test_meters_count_as_each_platform_does(client: Client) -> None:
    text = "Info 🇮🇩 https://kemkes.go.id/berita/panjang-sekali"  # a flag: two code points, one grapheme
    data = check(client, text, platforms=["twitter", "bluesky", "youtube", "x"])
    assert [r["platform"] for r in data["results"]] == ["x", "bluesky", "youtube"]  # aliases resolved, duplicates dropped
    by_name = {m["platform"]: m for m in data["lengths"]}
    assert by_name["x"]["length"] == 5 + 2 + 1 + 23  # an emoji sequence weighs 2, a link 23
    assert by_name["bluesky"]["unit"] == "graphemes" and by_name["bluesky"]["length"] == len(text) - 1
    assert by_name["youtube"] == {"platform": "youtube", "length": len(text.encode()), "limit": 5000, "unit": "utf8-bytes"}


def test_over_the_limit_shows_in_meter_and_findings(client: Client) -> None:
    data = check(client, "Ayo vaksin. " * 30, platforms=["x"], language="id")
    (meter,) = data["lengths"]
    assert meter["length"] > meter["limit"] == 280


def test_messages_follow_ui_language(client: Client) -> None:
    def message(ui: str) -> str:
        data = check(client, platforms=["x"], language="id", ui_language=ui)
        return next(f["message"] for f in data["results"][0]["findings"] if f["rule"] == "quality/spelling-id")

    assert message("en").startswith("Non-standard Indonesian spelling")
    assert message("id").startswith("Ejaan tidak baku")


def test_no_platform_uses_the_configuration(client: Client) -> None:
    data = check(client, "Terima kasih atas partisipasinya.")
    assert [r["platform"] for r in data["results"]] == [None]
    assert data["lengths"] == []


def test_front_matter_is_honoured(client: Client) -> None:
    data = check(client, "---\nplatform: instagram\nlang: id\n---\nSilahkan datang.")
    (result,) = data["results"]
    assert result["platform"] == "instagram"
    spelling = next(f for f in result["findings"] if f["rule"] == "quality/spelling-id")
    assert (spelling["line"], spelling["column"]) == (5, 1)  # lines of the text as typed, front matter included


def test_empty_text(client: Client) -> None:
    data = check(client, "")
    assert data["results"][0]["findings"] == []


def test_columns_count_code_points(client: Client) -> None:
    data = check(client, "🎉🇮🇩 Silahkan\n\n  Silahkan", language="id")
    spelling = [f for f in data["results"][0]["findings"] if f["rule"] == "quality/spelling-id"]
    assert [(f["line"], f["column"], f["end_column"]) for f in spelling] == [(1, 5, 13), (3, 3, 11)]


def test_fix_applies_safe_fixes(client: Client) -> None:
    reply = client.post("/api/fix", {"text": DRAFT, "platforms": ["x"], "language": "id"})
    assert reply.status == 200
    data = reply.json
    assert data["text"] == "Silakan datang di sini besok!!"
    assert data["changed"] is True and data["converged"] is True
    assert [f["rule"] for f in data["fixes"]] == ["quality/spelling-id", "quality/preposition-di-ke"]
    assert data["fixes"][0] == {
        "rule": "quality/spelling-id",
        "line": 1,
        "column": 1,
        "match": "Silahkan",
        "fix": "Silakan",
        "round": 1,
    }


def test_fix_keeps_what_needs_no_fix(client: Client) -> None:
    text = "Terima kasih 🙏\nSampai jumpa di puskesmas.\n"
    data = client.post("/api/fix", {"text": text}).json
    assert data == {"text": text, "changed": False, "converged": True, "fixes": [], "skipped": []}


def test_rules_list_with_explanations(client: Client) -> None:
    data = client.get("/api/rules?ui_language=id").json
    assert data["ui_language"] == "id"
    ids = [r["id"] for r in data["rules"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 20
    rule = next(r for r in data["rules"] if r["id"] == "quality/spelling-id")
    assert set(rule) == {"id", "category", "severity", "kind", "message", "explanation"}
    assert (rule["category"], rule["kind"]) == ("quality", "substitution")
    assert rule["message"].startswith("Ejaan tidak baku")
    assert rule["explanation"]["id"] == "quality/spelling-id"
    assert rule["explanation"]["why_it_matters"]
    assert rule["explanation"]["examples_fail"]
    english = client.get("/api/rules").json  # the server's own UI language (configured: en)
    assert english["ui_language"] == "en"
    assert next(r for r in english["rules"] if r["id"] == "quality/spelling-id")["message"].startswith("Non-standard")


def test_platforms(client: Client) -> None:
    data = client.get("/api/platforms").json
    assert [p["name"] for p in data["platforms"]] == available()
    x = next(p for p in data["platforms"] if p["name"] == "x")
    assert x == {"name": "x", "title": "X (Twitter)", "limit": 280, "unit": "x-weighted", "default": False}


def test_configuration_file_and_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--config FILE`` and, without it, discovery from the working folder upward, as ``lint -`` does."""
    folder = tmp_path / "akun" / "drafts"
    folder.mkdir(parents=True)
    (tmp_path / "akun" / "postcheck.yaml").write_text(
        "platform: [instagram]\nui_language: id\nplatform_settings:\n  instagram:\n    text_limit: 1000\n", encoding="utf-8"
    )
    monkeypatch.chdir(folder)
    for config in (None, tmp_path / "akun" / "postcheck.yaml"):
        for server in running(make_server(port=0, config=config)):
            client = Client(server)
            platforms = {p["name"]: p for p in client.get("/api/platforms").json["platforms"]}
            assert platforms["instagram"]["default"] is True and platforms["instagram"]["limit"] == 1000
            assert platforms["x"]["default"] is False
            data = check(client)
            assert [r["platform"] for r in data["results"]] == ["instagram"]
            assert data["lengths"][0]["limit"] == 1000
            spelling = next(f for f in data["results"][0]["findings"] if f["rule"] == "quality/spelling-id")
            assert spelling["message"].startswith("Ejaan")  # the configured UI language


def test_extra_rule_files(tmp_path: Path) -> None:
    rules = tmp_path / "house.yaml"
    rules.write_text(
        "- id: quality/house-word\n  kind: existence\n  category: quality\n  severity: info\n"
        '  message: {id: "Hindari {match}", en: "Avoid {match}"}\n  rationale: House style.\n  source: Style guide\n'
        '  tokens: {id: [mantap], en: [awesome]}\n  examples: {bad: ["mantap"], good: ["bagus"]}\n',
        encoding="utf-8",
    )
    for server in running(make_server(port=0, config={"ui_language": "en"}, rule_files=[str(rules)])):
        data = check(Client(server), "Acaranya mantap sekali.", language="id")
        assert any(f["rule"] == "quality/house-word" for f in data["results"][0]["findings"])


def test_concurrent_requests(client: Client) -> None:
    replies: list[int] = []

    def one(i: int) -> None:
        path = "/api/fix" if i % 2 else "/api/check"
        replies.append(client.post(path, {"text": f"Silahkan datang ke-{i} disini", "platforms": ["x"]}).status)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert replies == [200] * 8


def test_page_and_static_files(client: Client) -> None:
    page = client.get("/")
    assert page.status == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8"
    html = page.body.decode()
    assert '<script src="/static/app.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert "style=" not in html and "<style" not in html
    for path, (_, media) in STATIC_FILES.items():
        reply = client.get(path)
        assert reply.status == 200 and reply.headers["Content-Type"] == media, path
        # Nothing from elsewhere: no CDN, no web fonts, no analytics. The SVG namespace is a name, not a fetch.
        urls = set(re.findall(rb"https?://[^\s\"')]+", reply.body))
        assert urls <= {b"http://www.w3.org/2000/svg"}, (path, urls)
    assert client.get("/?utm=x").status == 200  # the page ignores query strings, as browsers expect


def test_static_files_only_by_whitelist(client: Client) -> None:
    for path in (
        "/static/",
        "/static/index.html",
        "/static/../endpoints.py",
        "/static/%2e%2e/app.py",
        "/static/app.js/",
        "/static//app.js",
        "/static/APP.JS",
        "/index.html",
        "/static/app.js%00",
        "/__init__.py",
    ):
        reply = client.get(path)
        assert reply.status == 404, path
        assert reply.error.startswith("no such path")
