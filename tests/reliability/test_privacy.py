"""Privacy: reports never print the personal data an export carries beside the posts.

Platform exports hold far more than posts: X's ``account.js`` has the owner's e-mail and phone,
``ip-audit.js`` login addresses, tweets carry GPS coordinates and places; Facebook keeps the
upload IP and EXIF GPS of every photo, check-in coordinates and addresses, and the people tagged.
Audit reports are shared (CI logs, HTML reports, spreadsheets), so none of that may appear in
``postcheck audit`` text, JSON or CSV output, nor in ``postcheck lint`` output for drafts whose
front matter carries such keys. Only the posts themselves (and their own words) are reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EMAIL = "rahasia.pribadi@example.com"
PHONE = "6281298765432"
LOGIN_IP = "198.51.100.77"
UPLOAD_IP = "203.0.113.77"
LATITUDE, LONGITUDE = "-6.917531", "107.619172"
PLACE = "Kampung Rahasia"
ADDRESS = "Jl. Melati Rahasia No. 9"
TAGGED = "Budi Rahasiawan"
DEVICE = "Pixel-Rahasia-7"

#: Everything that must never be printed, and the bare digits of the coordinates (any precision).
SECRETS = [EMAIL, PHONE, LOGIN_IP, UPLOAD_IP, LATITUDE, LONGITUDE, "6.91753", "107.61917", PLACE, ADDRESS, TAGGED, DEVICE,
           "rahasia.pribadi"]

POST_TEXT = "Silahkan datang ke posyandu besok pukul 08:00 WIB! SEBARKAN sebelum dihapus #imunisasi"


def js(name: str, value: Any) -> str:
    return f"window.YTD.{name}.part0 = {json.dumps(value, indent=2)}"


def x_export(root: Path) -> Path:
    data = root / "x" / "data"
    data.mkdir(parents=True)
    (data / "account.js").write_text(js("account", [{"account": {
        "email": EMAIL, "createdVia": "web", "username": "diskominfo_skm", "accountId": "100",
        "createdAt": "2015-01-01T00:00:00.000Z", "accountDisplayName": "Diskominfo Sukamaju", "phoneNumber": PHONE}}]),
        encoding="utf-8")
    (data / "ip-audit.js").write_text(js("ipAudit", [{"ipAudit": {"accountId": "100", "loginIp": LOGIN_IP}}]),
                                      encoding="utf-8")
    (data / "phone-number.js").write_text(js("phoneNumber", [{"device": {"phoneNumber": f"+{PHONE}"}}]), encoding="utf-8")
    geo = {"type": "Point", "coordinates": [LATITUDE, LONGITUDE]}
    tweets = [
        {"tweet": {"id_str": "1881234567890000001", "full_text": POST_TEXT, "created_at": "Thu Feb 26 01:50:10 +0000 2026",
                   "lang": "in", "geo": geo, "coordinates": {"type": "Point", "coordinates": [LONGITUDE, LATITUDE]},
                   "place": {"full_name": PLACE, "name": PLACE, "bounding_box": {"coordinates": [[[LONGITUDE, LATITUDE]]]}},
                   "source": f"<a href=\"https://x.com\">{DEVICE}</a>",
                   "entities": {"hashtags": [{"text": "imunisasi"}], "user_mentions": [], "urls": []},
                   "extended_entities": {"media": [{"type": "photo", "media_url_https": "https://pbs.twimg.com/a.jpg",
                                                    "ext_alt_text": None}]}}},
        {"tweet": {"id_str": "1881234567890000002", "full_text": "Terima kasih warga Sukamaju.",
                   "created_at": "Fri Feb 27 01:50:10 +0000 2026", "lang": "in", "geo": geo,
                   "user": {"email": EMAIL, "location": ADDRESS}, "entities": {}}},
    ]
    (data / "tweets.js").write_text(js("tweets", tweets), encoding="utf-8")
    return root / "x"


def facebook_export(root: Path) -> Path:
    posts = root / "facebook" / "your_facebook_activity" / "posts"
    posts.mkdir(parents=True)
    exif = {"upload_ip": UPLOAD_IP, "taken_timestamp": 1768870600, "latitude": float(LATITUDE),
            "longitude": float(LONGITUDE), "camera_make": DEVICE}
    entries = [
        {"timestamp": 1768870800, "title": "Diskominfo Sukamaju updated their status.",
         "data": [{"post": POST_TEXT}, {"update_timestamp": 1768870900}],
         "attachments": [{"data": [
             {"media": {"uri": "your_facebook_activity/posts/media/a.jpg", "creation_timestamp": 1768870700,
                        "media_metadata": {"photo_metadata": {"exif_data": [exif]}}, "title": "Unggahan Seluler"}},
             {"place": {"name": PLACE, "coordinate": {"latitude": float(LATITUDE), "longitude": float(LONGITUDE)},
                        "address": ADDRESS, "url": "https://facebook.com/places/1"}},
             {"external_context": {"url": "https://sukamajukab.go.id/posyandu"}},
         ]}],
         "place": {"name": PLACE, "coordinate": {"latitude": float(LATITUDE), "longitude": float(LONGITUDE)},
                   "address": ADDRESS},
         "tags": [{"name": TAGGED}], "contact_email": EMAIL},
        {"timestamp": 1768957200, "data": [{"post": "Posyandu buka lagi hari Senin."}],
         "tags": [{"name": TAGGED, "email": EMAIL}]},
    ]
    (posts / "your_posts__check_ins__photos_and_videos_1.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    return root / "facebook"


def assert_private(output: str, where: str) -> None:
    leaked = [s for s in SECRETS if s in output]
    assert not leaked, f"{where} printed {leaked}"


@pytest.fixture(params=["x", "facebook"])
def export(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return x_export(tmp_path) if request.param == "x" else facebook_export(tmp_path)


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_audit_reports_carry_no_export_metadata(cli, export: Path, fmt: str, tmp_path: Path) -> None:
    result = cli(["audit", str(export), "--jobs", "1", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "Silahkan" in result.stdout or fmt == "csv"  # the report is about the posts ...
    assert result.stdout.count("\n") > 1
    assert_private(result.stdout + result.stderr, f"audit --format {fmt}")  # ... and nothing else
    output = tmp_path / f"report.{fmt}"
    written = cli(["audit", str(export), "--jobs", "1", "--format", fmt, "--output", str(output)])
    assert written.exit_code == 0, written.stderr
    if output.exists():
        assert_private(output.read_text(encoding="utf-8"), f"audit --format {fmt} --output")
    assert_private(written.stdout + written.stderr, f"audit --format {fmt} --output (terminal)")


def test_the_audit_html_report_carries_no_export_metadata(cli, export: Path, tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    result = cli(["audit", str(export), "--jobs", "1", "--format", "json", "--html", str(page)])
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<html" in html.lower()
    assert_private(html, "audit --html")


def test_the_fixture_really_holds_the_metadata(export: Path) -> None:
    """Without this, a passing privacy test could mean the secrets were never there."""
    everything = "".join(p.read_text(encoding="utf-8") for p in export.rglob("*.js*"))
    assert all(s in everything for s in (UPLOAD_IP if export.name == "facebook" else LOGIN_IP, EMAIL, LATITUDE, PLACE))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "markdown", "rdjson"])
def test_lint_reports_do_not_echo_personal_front_matter(cli, tmp_path: Path, fmt: str) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"---\nlang: id\ncontact_email: {EMAIL}\nupload_ip: {UPLOAD_IP}\ngps: [{LATITUDE}, {LONGITUDE}]\n"
        f"place: {{name: {PLACE}, address: {ADDRESS}}}\ndevice: {DEVICE}\nmedia:\n  - src: foto.jpg\n---\n{POST_TEXT}\n",
        encoding="utf-8")
    result = cli(["lint", str(draft), "--format", fmt, "--exit-zero", "--publish-at", "2026-02-20T09:00:00+07:00"])
    assert result.exit_code == 0, result.stderr
    assert "Silahkan" in result.stdout or fmt == "junit"
    assert_private(result.stdout + result.stderr, f"lint --format {fmt}")
