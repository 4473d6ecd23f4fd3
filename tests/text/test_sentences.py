"""Sentence boundaries that survive Indonesian titles and abbreviations."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcheck.text.sentences import Sentence, split_sentences

# tests/text/test_sentences.py -> parents[2] is the repository; ../shared sits beside it.
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpora" / "seed" / "000_ee09bf3ae5fb4a8a.txt"


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_title_degree_and_initials_stay_in_one_sentence() -> None:
    text = "Prof. Dr. H. Dadan Wildan, M.Hum selaku Deputi bidang Hubungan Kelembagaan membuka acara. Peserta hadir."
    assert split_sentences(text) == [Sentence(0, 89), Sentence(90, 104)]
    assert texts(text) == [
        "Prof. Dr. H. Dadan Wildan, M.Hum selaku Deputi bidang Hubungan Kelembagaan membuka acara.",
        "Peserta hadir.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Bawa KTP, KK, dll. Semua wajib dibawa.",
        "Alat tulis, buku, dsb. Jangan lupa.",
        "Lihat No. 5 di daftar.",
        "Kantor di Jl. Veteran No. 17 Jakarta Pusat.",
        "a.n. Menteri Sekretaris Negara RI.",
        "Yth. Bapak Gubernur Jawa Barat.",
        "Ditandatangani oleh J. F. Kennedy hari ini.",
        "Harga Rp. 5000 saja.",
        "Dibuka pukul 10.00 WIB hari ini.",
        "Kunjungi kemkes.go.id hari ini.",
        "Jarak 3 km. dari sini.",
    ],
)
def test_no_split_after_abbreviations_initials_and_inside_words(text: str) -> None:
    assert split_sentences(text) == [Sentence(0, len(text))]


def test_splits_on_period_capital_exclamation_question_ellipsis() -> None:
    text = "Halo semua. Apa kabar? Baik! Tunggu… Oke."
    assert texts(text) == ["Halo semua.", "Apa kabar?", "Baik!", "Tunggu…", "Oke."]
    assert split_sentences(text) == [Sentence(0, 11), Sentence(12, 22), Sentence(23, 28), Sentence(29, 36), Sentence(37, 41)]


def test_runs_of_marks_and_closing_quotes_end_with_the_sentence() -> None:
    text = 'Serius?! Ya... Dia bilang "Halo." Lalu pergi.'
    assert texts(text) == ["Serius?!", "Ya...", 'Dia bilang "Halo."', "Lalu pergi."]


def test_blank_line_always_splits() -> None:
    text = "Hormat kami,\n\ntim humas\n \n\nsalam"
    assert texts(text) == ["Hormat kami,", "tim humas", "salam"]
    assert split_sentences(text) == [Sentence(0, 12), Sentence(14, 23), Sentence(27, 32)]


def test_single_newline_splits_unless_next_line_is_lower_case() -> None:
    assert texts("Baris satu\nBaris dua") == ["Baris satu", "Baris dua"]
    assert texts("Baris satu\n  lanjut huruf kecil") == ["Baris satu\n  lanjut huruf kecil"]
    assert texts("Daftar:\n1. satu\n#Tagar") == ["Daftar:", "1. satu", "#Tagar"]


def test_lower_case_after_period_continues() -> None:
    assert texts("Ini dll. dan seterusnya. Selesai.") == ["Ini dll. dan seterusnya.", "Selesai."]


def test_trimmed_spans_and_empty_input() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []
    assert split_sentences("  Sekian.  ") == [Sentence(2, 9)]
    assert texts("Tanpa titik akhir") == ["Tanpa titik akhir"]


@pytest.mark.corpus
def test_seed_corpus_sentence_with_title_is_whole() -> None:
    if not SHARED.is_dir() or not SEED.is_file():
        pytest.skip("../shared corpora are not available")
    text = SEED.read_text(encoding="utf-8")
    found = [t for t in texts(text) if "Prof. Dr. H. Dadan Wildan, M.Hum" in t]
    assert len(found) == 1
    sentence = found[0]
    assert sentence.startswith("Prof. Dr. H. Dadan Wildan, M.Hum selaku Deputi")
    assert sentence.endswith("kepada peserta workshop yang hadir.")
    assert "\n" not in sentence
    # The sentences around it are split where they should be.
    all_texts = texts(text)
    i = all_texts.index(sentence)
    assert all_texts[i - 1].endswith("berbagai kementerian/lembaga.")
    assert all_texts[i + 1] == "“Media sosial harus dimanfaatkan dengan sangat baik untuk personal maupun instansi."
