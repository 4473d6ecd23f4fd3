"""Timeliness rules end to end: the seed article, publish times, and each dates check."""

from __future__ import annotations

import json
from pathlib import Path

import postcheck
from conftest import SEED, shared_file


def weekday_findings(cli, path: Path) -> list[dict]:  # type: ignore[no-untyped-def]
    result = cli(["lint", "--format", "json", "--publish-at", "2020-01-16T09:00+07:00", str(path)])
    post = json.loads(result.stdout)["results"][0]
    return [f for f in post["findings"] if f["rule"] == "timeliness/weekday-mismatch"]


def test_seed_article_weekday(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed = shared_file("corpora", "seed", SEED.name)
    assert weekday_findings(cli, seed) == []
    text = seed.read_text(encoding="utf-8")
    assert "Jumat (17/01)" in text
    wrong = tmp_path / "kamis.txt"
    wrong.write_text(text.replace("Jumat (17/01)", "Kamis (17/01)"), encoding="utf-8")
    [finding] = weekday_findings(cli, wrong)
    line_no = next(i for i, line in enumerate(text.split("\n"), 1) if "Jumat (17/01)" in line)
    column = text.split("\n")[line_no - 1].index("Jumat (17/01)") + 1
    assert (finding["line"], finding["column"], finding["match"]) == (line_no, column, "Kamis (17/01)")
    assert finding["severity"] == "error"
    assert "17 Januari 2020" in finding["message"] or "17 January 2020" in finding["message"]


def rules_fired(text: str, publish_at: str | None, language: str = "id") -> dict[str, str]:
    result = postcheck.check_text(text, language=language, publish_at=publish_at, config={"select": ["timeliness"]})
    return {f.rule: f.severity for f in result.findings}


def test_relative_only_is_a_warning_when_scheduled() -> None:
    assert rules_fired("Besok layanan dibuka.", "2026-03-01T08:00+07:00") == {"timeliness/relative-only": "warning"}
    assert rules_fired("Besok layanan dibuka.", None) == {"timeliness/relative-only": "info"}
    assert rules_fired("Besok, Senin (2/3), layanan dibuka.", "2026-03-01T08:00+07:00") == {}


def test_past_event_against_publish_time() -> None:
    text = "Pendaftaran akan ditutup pada 10 Maret 2026."
    assert rules_fired(text, "2026-03-01T08:00+07:00") == {}
    assert rules_fired(text, "2026-03-12T08:00+07:00") == {"timeliness/past-event": "error"}


def test_time_zone_and_colon() -> None:
    assert rules_fired("Rapat pukul 10.00 WITA.", "2026-03-01T08:00+07:00") == {}
    assert rules_fired("Rapat pukul 10.00.", "2026-03-01T08:00+07:00") == {"timeliness/time-no-zone": "warning"}
    result = postcheck.check_text("Rapat pukul 10:00 WIB.", language="id", config={"select": ["timeliness/time-colon"]})
    [finding] = result.findings
    assert (finding.match, finding.fix) == ("pukul 10:00 WIB", "pukul 10.00 WIB")


def test_greeting_hour_uses_the_publish_zone() -> None:
    text = "Selamat pagi! Layanan dibuka."
    assert "timeliness/greeting-hour" in rules_fired(text, "2026-03-01T21:00+07:00")
    # 07.00 WITA is 06.00 WIB: still morning
    assert "timeliness/greeting-hour" not in rules_fired(text, "2026-03-01T07:00+08:00")
    assert "timeliness/greeting-hour" not in rules_fired(text, None)  # "now" says nothing about the post


def test_english_forms() -> None:
    fired = rules_fired("Join us on Monday, 17 January 2020!", "2020-01-16T09:00+07:00", "en")
    assert fired == {"timeliness/weekday-mismatch": "error"}
