"""Sentence boundaries that survive Indonesian titles and abbreviations.

"Prof. Dr. H. Dadan Wildan, M.Hum selaku Deputi …" is one sentence: a period
after a known abbreviation or a single capital (an initial) does not end it.
"1. Layanan …" is one sentence too: a list number is not a sentence.
Line breaks matter in posts: a blank line always ends a sentence, a single
line break ends one unless the next line continues in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that take a period but do not end a sentence (lower case,
# without the final period). Indonesian titles and degrees, address and
# administrative forms, and common English ones.
ABBREVIATIONS = frozenset(
    """
    a.n a.m adm akp bpk br brigjen c.q capt co corp d.a dept dg dgn dll dok dr dra drg drh drs dsb
    dst dkk e.g ed etc gg gen hlm h hj i.e inc ir jend jl jln jr kab kapt kec kel kol kom ltd m.a
    m.ag m.b.a m.e m.eng m.h m.hum m.kes m.kom m.m m.pd m.psi m.si m.sc m.sn m.t mayjen mr mrs ms
    no nn nr p.m ph.d pkl pol prof prov rp s.ag s.e s.farm s.h s.hum s.i.kom s.ip s.kep s.ked s.kes
    s.kom s.p s.pd s.psi s.si s.sos s.st s.t sdr sdri sr st tgl tn tsb ttd u.p vol vs yth
    """.split()
)

_END = re.compile(r"[.!?…]+[\"'”’)\]]*|\n\s*\n|\n")
_ABBR_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z]*\.)*[A-Za-z]*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _ABBR_BEFORE.search(text, max(0, dot - 16), dot)
    if m is None:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "H. Dadan"
    return word.lower() in ABBREVIATIONS


_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*\d{1,3}$")


def _is_list_number(text: str, dot: int) -> bool:
    """A period after a list number at the start of a line: "1. Layanan …"."""
    return _LIST_NUMBER.search(text, max(0, dot - 6), dot) is not None


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text``, trimmed of surrounding white space."""
    spans: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _END.finditer(text):
        end = m.end()
        token = m.group()
        if token[0] == "\n":
            if token.count("\n") == 1:
                nxt = end
                while nxt < n and text[nxt] in " \t":
                    nxt += 1
                if nxt < n and text[nxt].islower():
                    continue
            _add(spans, text, start, m.start())
            start = end
            continue
        if end < n and not text[end].isspace():
            continue  # "10.00", "M.Hum", "kemkes.go.id", "?!" inside a word
        if token == "." and (_is_abbreviation(text, m.start()) or _is_list_number(text, m.start())):
            continue
        if token[0] == "." and end < n:
            nxt = end
            while nxt < n and text[nxt] in " \t":
                nxt += 1
            if nxt < n and text[nxt].islower():
                continue  # "sekitar 3 km. dari sana" — continues in lower case
        _add(spans, text, start, end)
        start = end
    _add(spans, text, start, n)
    return spans


def _add(spans: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end))
