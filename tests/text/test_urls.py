"""URL and e-mail recognition: what is a link in an Indonesian post, and what is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcheck.text.urls import (
    ACCEPTED_TLDS,
    COUNTRY_TLDS,
    EXCLUDED_TLDS,
    GENERIC_TLDS,
    INDONESIAN_SECOND_LEVEL,
    find_emails,
    find_urls,
)


def urls(text: str) -> list[str]:
    return [u.url for u in find_urls(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kunjungi https://www.kemkes.go.id/vaksin", ["https://www.kemkes.go.id/vaksin"]),
        ("Unduh di http://bit.ly/Mrpz2D", ["http://bit.ly/Mrpz2D"]),
        ("Lihat www.kemendag.go.id untuk info", ["www.kemendag.go.id"]),
        ("mengakses facebook.com/gpa dan facebook.com/blueprint untuk", ["facebook.com/gpa", "facebook.com/blueprint"]),
        ("Info: kemkes.go.id/vaksin", ["kemkes.go.id/vaksin"]),
        ("setneg.go.id", ["setneg.go.id"]),
        ("bit.ly/KUcuTf", ["bit.ly/KUcuTf"]),
        ("Daftar di t.me/kemkes atau wa.me/6281234567890", ["t.me/kemkes", "wa.me/6281234567890"]),
        ("x.com/kemkes_ri", ["x.com/kemkes_ri"]),
        ("itb.ac.id ui.ac.id sman1.sch.id", ["itb.ac.id", "ui.ac.id", "sman1.sch.id"]),
        ("pandi.or.id blog.web.id kodam.mil.id", ["pandi.or.id", "blog.web.id", "kodam.mil.id"]),
        (
            "sukamaju.desa.id nama.my.id toko.biz.id isp.net.id alfalah.ponpes.id",
            ["sukamaju.desa.id", "nama.my.id", "toko.biz.id", "isp.net.id", "alfalah.ponpes.id"],
        ),
        ("bank.co.id gov.uk canberra.gov.au", ["bank.co.id", "gov.uk", "canberra.gov.au"]),
        ("Sumber: Liputan6.com dan TEMPO.CO", ["Liputan6.com", "TEMPO.CO"]),
        ("KEMKES.GO.ID", ["KEMKES.GO.ID"]),
        ("Wakoka.Co.Id", ["Wakoka.Co.Id"]),
        ("http://localhost:8000/status", ["http://localhost:8000/status"]),
        ("example.com:8080/path", ["example.com:8080/path"]),
        ("https://contoh.museum/pameran", ["https://contoh.museum/pameran"]),  # any TLD with a scheme
        ("www.contoh.museum", ["www.contoh.museum"]),  # and after www.
        ("cari?q=1 https://google.com/search?q=vaksin&hl=id#hasil", ["https://google.com/search?q=vaksin&hl=id#hasil"]),
        # glued to the end of a sentence: the dot before the scheme is not a letter
        ("cepat dan akurat.https://x.com/a/status/1", ["https://x.com/a/status/1"]),
        # CJK text has no spaces
        ("詳しくはkemkes.go.idへ", ["kemkes.go.id"]),
    ],
)
def test_recognises(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kunjungi kemkes.go.id/vaksin.", "kemkes.go.id/vaksin"),
        ("Buka setneg.go.id, lalu", "setneg.go.id"),
        ("(lihat kemkes.go.id/vaksin)", "kemkes.go.id/vaksin"),
        ("Sudah cek https://kemkes.go.id?", "https://kemkes.go.id"),
        ("Wow https://kemkes.go.id/a!", "https://kemkes.go.id/a"),
        ("tautan: bit.ly/KUcuTf:", "bit.ly/KUcuTf"),
        ("di bit.ly/KUcuTf; lalu", "bit.ly/KUcuTf"),
        ('"https://kemkes.go.id/vaksin"', "https://kemkes.go.id/vaksin"),
        ("'kemkes.go.id'", "kemkes.go.id"),
        ("“setneg.go.id”", "setneg.go.id"),
        ("baca kemkes.go.id/vaksin…", "kemkes.go.id/vaksin"),
        ("baca https://x.com/kemkes…", "https://x.com/kemkes"),
        ("www.kemendag.go.id.", "www.kemendag.go.id"),
        ("http://foo.com.", "http://foo.com"),
        ("kemkes.go.id.Untuk info", "kemkes.go.id"),  # missing space after the sentence
        # balanced brackets stay (Wikipedia style), unbalanced ones go
        ("(https://en.wikipedia.org/wiki/Jakarta_(kota))", "https://en.wikipedia.org/wiki/Jakarta_(kota)"),
        ("https://en.wikipedia.org/wiki/Jakarta_(kota).", "https://en.wikipedia.org/wiki/Jakarta_(kota)"),
        ("[https://kemkes.go.id/a]", "https://kemkes.go.id/a"),
        ("lihat kemkes.go.id/vaksin!!", "kemkes.go.id/vaksin"),
    ],
)
def test_trailing_punctuation_is_not_part_of_the_url(text: str, expected: str) -> None:
    assert urls(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "dll. Rp. No. M.Hum 1.5 10.00",
        "pukul 10.00 WIB",
        "Rp6.000.000 dan 8.817/kg,",
        "Prof. Dr. H. Dadan Wildan, M.Hum selaku Deputi",
        "Drs. H. Ahmad, S.Ag, M.Si, S.Th, S.Pt, M.Sc, S.Farm",
        "dr. Ani, Sp.JP(K) dan Sp.PD",
        "1.Mendag 2.Kemendag 3.Info 4.id 1.Indonesia",
        "a.l. s.d. a.n. u.p. e.g. i.e. a.m. p.m. U.S.A.",
        "laporan.pdf data.xlsx foto.jpg readme.md script.py arsip.zip video.mov",
        "#Desain.ID dan #Kemkes.go.id",
        "@kemkes.go.id",
        "ya.. pagi..",
        "Versi 1.2.3 dan v2.0",
        "fraud.EU crisis.EU it.My",  # prose capitals, not hosts
        "ftp://files.kemkes.go.id",  # only http(s) schemes
        "Buka https:// lalu ketik",
        "http://.",
        "",
        "tanpa titik sama sekali",
    ],
)
def test_not_urls(text: str) -> None:
    assert find_urls(text) == []


def test_email_is_not_a_url_but_an_email() -> None:
    text = "Kirim berkas lewat email ke inatrade@kemendag.go.id, atau nama.pegawai@kemkes.go.id."
    assert find_urls(text) == []
    emails = find_emails(text)
    assert [e.address for e in emails] == ["inatrade@kemendag.go.id", "nama.pegawai@kemkes.go.id"]
    assert [e.domain for e in emails] == ["kemendag.go.id", "kemkes.go.id"]
    for e in emails:
        assert text[e.start : e.end] == e.address


def test_email_local_part_that_looks_like_a_domain() -> None:
    assert find_urls("admin.id@gmail.com") == []
    assert [e.address for e in find_emails("admin.id@gmail.com")] == ["admin.id@gmail.com"]


def test_no_emails_without_at() -> None:
    assert find_emails("kemkes.go.id") == []


def test_match_fields() -> None:
    text = "Info: Kemkes.go.id/Vaksin dan https://Bit.ly:443/X."
    first, second = find_urls(text)
    assert (first.start, first.end, first.url) == (6, 25, "Kemkes.go.id/Vaksin")
    assert first.host == "kemkes.go.id" and not first.has_scheme
    assert second.url == "https://Bit.ly:443/X"
    assert second.host == "bit.ly" and second.has_scheme
    assert text[second.start : second.end] == second.url


def test_host_of_www_url_keeps_www() -> None:
    (u,) = find_urls("www.kemendag.go.id/layanan")
    assert u.host == "www.kemendag.go.id"


def test_seed_article_links() -> None:
    seed = (
        "“Para pengelola akun media sosial instansi pemerintah dapat mengakses facebook.com/gpa "
        "dan facebook.com/blueprint untuk mendapatkan solusi”, ungkap Putu. Acara dimulai pukul "
        "10.00 WIB. Prof. Dr. H. Dadan Wildan, M.Hum membuka acara."
    )
    assert urls(seed) == ["facebook.com/gpa", "facebook.com/blueprint"]


def test_tld_data_is_consistent() -> None:
    expected = (GENERIC_TLDS | COUNTRY_TLDS) - EXCLUDED_TLDS.keys()
    assert expected == ACCEPTED_TLDS
    assert not (GENERIC_TLDS & COUNTRY_TLDS)
    assert not (ACCEPTED_TLDS & EXCLUDED_TLDS.keys())
    for tld in ACCEPTED_TLDS | EXCLUDED_TLDS.keys():
        assert tld.isascii() and tld.isalpha() and tld.islower()
    assert all(sld.endswith(".id") for sld in INDONESIAN_SECOND_LEVEL)
    assert "id" in ACCEPTED_TLDS


@pytest.mark.parametrize("tld", sorted(EXCLUDED_TLDS))
def test_excluded_tlds_are_not_matched_bare(tld: str) -> None:
    assert find_urls(f"contoh.{tld}") == []
    assert urls(f"https://contoh.{tld}") == [f"https://contoh.{tld}"]


@given(st.text(alphabet=st.sampled_from(list("ab.:/ -@#()?!,kemkesgoid\u2026\u201d\u00e9")), max_size=60))
def test_spans_are_consistent(text: str) -> None:
    found = find_urls(text)
    previous_end = 0
    for u in found:
        assert text[u.start : u.end] == u.url
        assert u.start >= previous_end
        assert u.url[-1] not in ".,!?:;'\"…"
        assert u.host and u.host == u.host.lower()
        previous_end = u.end
