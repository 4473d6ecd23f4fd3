"""URLs and e-mail addresses in post text, with their spans.

Why: platforms count links specially (X and Mastodon count each one as 23
characters), rules count links and treat links to official domains as sources,
and Indonesian institutions mostly write links without a scheme
(``kemkes.go.id/vaksin``, ``facebook.com/gpa``). A bare ``word.word`` is only a
link when its last label is in the curated TLD list below, so sentence ends
without a space (``1.Mendag``), abbreviations and degrees (``dll.``, ``Rp.``,
``M.Hum``, ``S.Ag``), numbers (``1.5``, ``10.00``) and file names
(``laporan.pdf``) are not links. Links written with a scheme accept any host.

One compiled pattern finds candidates; trailing punctuation is then trimmed
unless it closes a bracket opened inside the URL (Wikipedia-style ``(...)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# --- Data --------------------------------------------------------------------
# fmt: off
# A curated SUBSET of the IANA root zone: the TLDs Indonesian government posts
# actually link to, chosen so that a bare ``name.tld`` is almost never ordinary
# text. Any host is accepted after ``http(s)://`` or ``www.``, so a TLD missing
# here only affects links written without either.

#: Generic TLDs accepted on bare domains.
GENERIC_TLDS: frozenset[str] = frozenset(
    {
        "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "app", "dev",
        "io", "ai", "co", "me", "tv", "ly", "gl", "fm", "xyz", "online", "site",
        "store", "shop", "tech", "news", "blog", "live", "page", "link", "asia", "travel",
        "pro", "name", "mobi", "media", "cloud", "world", "network", "digital", "academy",
    }
)

#: Country-code TLDs accepted on bare domains (ASEAN, the region, frequent partners).
COUNTRY_TLDS: frozenset[str] = frozenset(
    {
        "id", "my", "sg", "bn", "ph", "vn", "kh", "tl", "au", "nz", "jp", "kr", "cn",
        "tw", "hk", "uk", "de", "fr", "nl", "eu", "ch", "ca", "ru", "br", "ae",
    }
)

#: Deliberately left out although they are real TLDs, with the text they collide with.
EXCLUDED_TLDS: dict[str, str] = {
    "ag": "degree S.Ag / M.Ag",
    "si": "degree M.Si / S.Si",
    "th": "degree S.Th",
    "pt": "degree S.Pt",
    "sn": "degree S.Sn",
    "tr": "degree S.Tr",
    "sc": "degree M.Sc",
    "farm": "degree S.Farm",
    "md": "file name readme.md",
    "py": "file name script.py",
    "sh": "file name setup.sh",
    "rs": "file name lib.rs",
    "pl": "file name script.pl",
    "ps": "file name file.ps",
    "zip": "file name arsip.zip",
    "mov": "file name video.mov",
    "cc": "file name main.cc",
    "in": "English word after a missing space",
    "is": "English word after a missing space",
    "it": "English word after a missing space",
    "to": "English word after a missing space",
    "do": "English word after a missing space",
    "at": "English word after a missing space",
    "be": "English word after a missing space",
    "by": "English word after a missing space",
    "no": "English word / abbreviation No.",
    "so": "English word after a missing space",
    "us": "English word after a missing space",
    "am": "a.m.",
}

#: Indonesian second-level domains (PANDI); all end in ``.id``, which is accepted anyway,
#: but rules use this to recognise institutional hosts (``.go.id`` is government).
INDONESIAN_SECOND_LEVEL: frozenset[str] = frozenset(
    {
        "go.id", "co.id", "ac.id", "or.id", "web.id", "sch.id", "mil.id", "desa.id",
        "my.id", "biz.id", "net.id", "ponpes.id",
    }
)

# fmt: on

ACCEPTED_TLDS: frozenset[str] = (GENERIC_TLDS | COUNTRY_TLDS) - EXCLUDED_TLDS.keys()


@dataclass(frozen=True, slots=True)
class UrlMatch:
    """A URL as written in the text: ``text[start:end] == url``."""

    start: int
    end: int
    url: str
    has_scheme: bool
    host: str  # lower-case, without port, user info or trailing dot


@dataclass(frozen=True, slots=True)
class EmailMatch:
    """An e-mail address as written in the text: ``text[start:end] == address``."""

    start: int
    end: int
    address: str
    domain: str  # lower-case


# --- Pattern -----------------------------------------------------------------
# Characters allowed in a path, query or fragment: RFC 3986 plus accented Latin
# letters. Whitespace, quotes other than ', <>, emoji, "…", curly quotes and
# CJK (which is written without spaces) end a URL.
_PATH_CHAR = r"[a-z0-9_\u00c0-\u024f\-.~:/?#\[\]@!$&'()*+,;=%]"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TLD = "(?:" + "|".join(sorted(ACCEPTED_TLDS, key=lambda t: (-len(t), t))) + ")"
# Not glued to a Latin word, an e-mail or mention (@), a hashtag (#), or another
# host or path. CJK and other scripts may touch a URL: they are written without spaces.
_LEFT = r"(?<![a-z0-9_\u00c0-\u024f@#.\-/+&=~%$])"

_URL = re.compile(
    rf"""
    (?P<scheme>(?<![a-z0-9])https?://)
        (?P<shost>[\w\-.]+)(?::\d{{1,5}})?
        (?:[/?#]{_PATH_CHAR}*)?
    | {_LEFT}
      (?P<bare>
        (?:www\.(?:{_LABEL}\.)+[a-z]{{2,63}}             # www.<anything>.<any tld>
        | (?:{_LABEL}\.)*(?=[a-z0-9-]*[a-z]){_LABEL}\.{_TLD}  # name.<curated tld>
        )
      )
      (?![a-z0-9_\u00c0-\u024f\-@])
      (?::\d{{1,5}}(?![0-9]))?
      (?:[/?#]{_PATH_CHAR}*)?
    """,
    re.IGNORECASE | re.VERBOSE,
)

@cache
def _email() -> re.Pattern[str]:
    """Compiled on first use: most posts never ask for their e-mail addresses."""
    return re.compile(
        rf"(?<![\w.+\-@])[\w+\-]+(?:\.[\w+\-]+)*@(?P<domain>(?:{_LABEL}\.)+[a-z]{{2,63}})(?![\w\-])",
        re.IGNORECASE,
    )

_ANCHOR = re.compile(r"\.[a-z]|://", re.IGNORECASE)
_SPACE = re.compile(r"\s")

_TRAILING = frozenset(".,!?:;'\"")
_CLOSERS = {")": "(", "]": "["}


def _trim(url: str) -> str:
    """Drop trailing punctuation, keeping a closing bracket that balances one inside."""
    while url:
        last = url[-1]
        unbalanced = last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last])
        if last in _TRAILING or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def _plausible_case(host: str) -> bool:
    """Reject bare hosts whose capitals look like prose (``fraud.EU``, ``it.My``, ``Sp.JP``).

    Accepted: a lower-case TLD (``Liputan6.com``), an all-capital host
    (``TEMPO.CO``), or every label capitalised (``Wakoka.Co.Id``).
    """
    labels = host.split(".")
    tld = labels[-1]
    if tld.islower() or labels[0].lower() == "www":
        return True
    if tld.isupper():
        return host.isupper()
    return tld.istitle() and all(label[:1].isupper() or label[:1].isdigit() for label in labels)


def find_urls(text: str) -> list[UrlMatch]:
    """URLs in ``text``, in order, with their character spans.

    Recognises ``http(s)://`` URLs with any host, ``www.`` hosts with any TLD, and
    bare hosts (with or without a path) whose TLD is in :data:`ACCEPTED_TLDS`.
    E-mail domains and hashtags such as ``#Desain.ID`` are not URLs.
    """
    if "." not in text and "://" not in text:
        return []
    found: list[UrlMatch] = []
    pos = 0
    # Fast path: a URL never spans whitespace and always holds "://" or a dot
    # followed by a letter (the TLD), so the full pattern only runs on the
    # whitespace-delimited tokens that hold such an anchor.
    while (anchor := _ANCHOR.search(text, pos)) is not None:
        start = anchor.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, anchor.end())
        end = space.start() if space is not None else len(text)
        for m in _URL.finditer(text, start, end):
            url = _trim(m.group())
            if m.group("scheme"):
                host = m.group("shost").rstrip(".").lower()
                if not host or len(url) <= len(m.group("scheme")):
                    continue
                found.append(UrlMatch(m.start(), m.start() + len(url), url, True, host))
            elif _plausible_case(bare := m.group("bare")):
                found.append(UrlMatch(m.start(), m.start() + len(url), url, False, bare.lower()))
        pos = end
    return found


def find_emails(text: str) -> list[EmailMatch]:
    """E-mail addresses in ``text`` (any TLD), with their character spans."""
    if "@" not in text:
        return []
    return [EmailMatch(m.start(), m.end(), m.group(), m.group("domain").lower()) for m in _email().finditer(text)]
