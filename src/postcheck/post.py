"""One post: where it came from, its text, its metadata, and its features.

Features (words, sentences, hashtags, links, measures, language) are computed
on first use and cached on the post, so every rule shares one computation and
a rule set that never asks for readability never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from .frontmatter import FrontMatter, Media
from .memo import cached
from .text.dates import extract
from .text.dates_model import TemporalExpression
from .text.emoji import find_emoji
from .text.entities import Entity, find_hashtags, find_mentions
from .text.lang import detect_language
from .text.linemap import LineMap
from .text.plaintext import PlainText
from .text.sentences import Sentence, split_sentences
from .text.tokens import Word, words
from .text.urls import find_emails, find_urls

#: Unicode "mathematical alphanumeric symbols": used on social media as fake
#: bold/italic; screen readers spell them out letter by letter.
STYLED_LETTERS = (0x1D400, 0x1D7FF)


@dataclass(frozen=True, slots=True)
class Span:
    """A reader-visible piece of the post: offsets into ``Post.text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Location:
    """Where a span sits in the file the user opened (1-based, end inclusive-exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class Post:
    """A draft or an exported post, ready for checking.

    ``source`` is the whole file (newlines normalised to ``\\n``) so that
    locations are those of the file; ``plain`` is the reader-visible body with
    its map back into ``source``.
    """

    source: str
    plain: PlainText
    path: str | None = None
    locator: str | None = None
    meta: FrontMatter = field(default_factory=FrontMatter)
    #: link targets not visible in the text (Markdown link targets, export fields)
    extra_links: tuple[str, ...] = ()
    #: media besides those in front matter (Markdown images, export attachments)
    extra_media: tuple[Media, ...] = ()
    #: where the publish time came from: "front matter", "option", "export", "now"
    publish_source: str = "now"
    publish_at: datetime | None = None
    language_declared: str | None = None
    platform: str | None = None
    #: ids of the word lists and patterns that may match (set by the engine's prefilter)
    candidates: frozenset[int] | None = None
    #: the prefilter that computed ``candidates`` (a post checked by another engine recomputes them)
    candidates_from: object | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle only the post itself, not its cached features (workers send results back)."""
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["candidates"] = state["candidates_from"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def release_features(self) -> None:
        """Forget the features computed while checking (words, sentences, dates, …).

        A result keeps its post for reports, which need only the text and its
        source map; features are computed again if anything asks. Over a run of
        10,000 drafts this is most of the memory a run holds.
        """
        keep = {f.name for f in fields(self)}
        for name in [n for n in self.__dict__ if n not in keep]:
            del self.__dict__[name]
        self.candidates = self.candidates_from = None

    # -- text and locations ---------------------------------------------
    @property
    def text(self) -> str:
        return self.plain.text

    @cached
    def folded(self) -> str:
        """The text case-folded (what pattern needles are looked for in)."""
        return self.text.casefold()

    @cached
    def _linemap(self) -> LineMap:
        return LineMap(self.source)

    def locate(self, start: int, end: int) -> Location:
        """Line and column (in the source file) of the plain span ``[start, end)``."""
        src_start, src_end = self.plain.source_span(start, end)
        line, col = self._linemap.position(src_start)
        end_line, end_col = self._linemap.position(src_end)
        return Location(line, col, end_line, end_col)

    def locate_line(self, line: int) -> Location:
        """A whole line of the source (for findings about front matter keys)."""
        return Location(line, 1, line, 1)

    # -- entities ---------------------------------------------------------
    @cached
    def urls(self) -> list[Span]:
        return [Span(u.start, u.end, u.url) for u in find_urls(self.text)]

    @cached
    def emails(self) -> list[Span]:
        return [Span(e.start, e.end, self.text[e.start : e.end]) for e in find_emails(self.text)]

    @cached
    def mentions(self) -> list[Entity]:
        inside = self._inside_links
        return [m for m in find_mentions(self.text) if not inside(m.start)]

    @cached
    def hashtags(self) -> list[Entity]:
        inside = self._inside_links
        return [h for h in find_hashtags(self.text) if not inside(h.start)]

    def _inside_links(self, offset: int) -> bool:
        return any(s.start <= offset < s.end for s in self.urls) or any(s.start <= offset < s.end for s in self.emails)

    @cached
    def emoji(self) -> list[tuple[int, int]]:
        return find_emoji(self.text)

    @cached
    def links(self) -> list[str]:
        """Every link of the post: in the text, then those carried aside."""
        seen = [u.text for u in self.urls]
        return seen + [link for link in self.extra_links if link not in seen]

    @property
    def media(self) -> tuple[Media, ...]:
        return self.meta.media + self.extra_media

    # -- words and sentences ---------------------------------------------
    @cached
    def words(self) -> list[Word]:
        skip = sorted(
            [(s.start, s.end) for s in self.urls]
            + [(s.start, s.end) for s in self.emails]
            + [(m.start, m.end) for m in self.mentions]
        )
        return words(self.text, skip, [(h.start, h.end) for h in self.hashtags])

    def word_items(self, include_hashtags: bool) -> list[Word]:
        """The words, with or without those inside hashtags (built once per post and variant)."""
        if include_hashtags:
            return self.words
        return self._plain_words

    @cached
    def _plain_words(self) -> list[Word]:
        return [w for w in self.words if not w.in_hashtag]

    def word_index(self, include_hashtags: bool, ignorecase: bool = True) -> dict[str, list[int]]:
        """Positions of each word's lookup key among :meth:`word_items` (hashtag words kept or not).

        Built once per post and variant, shared by every word-list rule.
        """
        key = (include_hashtags, ignorecase)
        cache = self._word_indexes
        index = cache.get(key)
        if index is None:
            index = {}
            for i, w in enumerate(self.word_items(include_hashtags)):
                index.setdefault(w.norm if ignorecase else w.text, []).append(i)
            cache[key] = index
        return index

    @cached
    def _word_indexes(self) -> dict[tuple[bool, bool], dict[str, list[int]]]:
        return {}

    @cached
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached
    def sentence_words(self) -> list[int]:
        """Number of words (outside hashtags) in each sentence."""
        counts = [0] * len(self.sentences)
        bounds = self.sentences
        i = 0
        for w in self.words:
            if w.in_hashtag:
                continue
            while i < len(bounds) and bounds[i].end <= w.start:
                i += 1
            if i == len(bounds):
                break
            if bounds[i].start <= w.start:
                counts[i] += 1
        return counts

    # -- dates ------------------------------------------------------------
    @cached
    def dates(self) -> list[TemporalExpression]:
        """Date and time expressions, resolved against the publish time."""
        if self.publish_at is None:
            return []
        lang = self.language if self.language in ("id", "en") else None
        return extract(self.text, reference=self.publish_at, language=lang)

    # -- language ---------------------------------------------------------
    @cached
    def language(self) -> str:
        """Declared language, else detected ("id", "en", other code or "und")."""
        if self.language_declared:
            return self.language_declared
        return detect_language([w.norm for w in self.words if not w.in_hashtag])

    @property
    def language_detected(self) -> bool:
        return not self.language_declared

    # -- measures ---------------------------------------------------------
    @cached
    def _case(self) -> tuple[int, int, int]:
        text = "".join(w.text for w in self.words if not w.in_hashtag)
        if text.isascii():  # the common case, counted in C
            return sum(map(str.isalpha, text)), sum(map(str.isupper, text)), 0
        letters = upper = styled = 0
        lo, hi = STYLED_LETTERS
        for ch in text:
            if ch.isalpha():
                letters += 1
                if lo <= ord(ch) <= hi:
                    styled += 1
                if ch.isupper() or (lo <= ord(ch) <= hi and ch.upper() == ch and not ch.islower()):
                    upper += 1
        return letters, upper, styled

    def measure(self, name: str) -> float:
        """One document measure by name (see ``MEASURES``), computed once per post."""
        cache = self._measures
        value = cache.get(name)
        if value is None:
            value = cache[name] = MEASURES[name](self)
        return value  # type: ignore[no-any-return]

    @cached
    def _measures(self) -> dict[str, Any]:
        return {}

    @cached
    def readability(self) -> float:
        from .text.readability import flesch_en, flesch_id

        plain_words = [w.text for w in self.words if not w.in_hashtag]
        flesch = flesch_en if self.language == "en" else flesch_id
        return flesch(plain_words, max(1, sum(1 for c in self.sentence_words if c)))


def _avg_sentence(post: Post) -> float:
    counts = [c for c in post.sentence_words if c]
    return round(sum(counts) / len(counts), 2) if counts else 0.0


def _runs(post: Post, chars: str) -> int:
    text = post.text
    runs = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] in chars:
            j = i
            while j < n and text[j] in chars:
                j += 1
            if j - i >= 2:
                runs += 1
            i = j
        else:
            i += 1
    return runs


def _caps_ratio(post: Post) -> float:
    letters, upper, _ = post._case
    return round(upper / letters, 3) if letters else 0.0


#: Document measures usable in ``metric`` rules and ``occurrence`` features.
MEASURES: dict[str, Any] = {
    "characters": lambda p: len(p.text),
    "words": lambda p: sum(1 for w in p.words if not w.in_hashtag),
    "sentences": lambda p: len(p.sentences),
    "avg_sentence_length": _avg_sentence,
    "max_sentence_length": lambda p: max(p.sentence_words, default=0),
    "long_sentences": lambda p: sum(1 for c in p.sentence_words if c > 25),
    "letters": lambda p: p._case[0],
    "caps_letters": lambda p: p._case[1],
    "caps_ratio": _caps_ratio,
    "styled_letters": lambda p: p._case[2],
    "exclamations": lambda p: p.text.count("!"),
    "exclamation_runs": lambda p: _runs(p, "!?"),
    "questions": lambda p: p.text.count("?"),
    "hashtags": lambda p: len(p.hashtags),
    "mentions": lambda p: len(p.mentions),
    "links": lambda p: len(p.links),
    "emoji": lambda p: len(p.emoji),
    "media": lambda p: len(p.media),
    "lines": lambda p: p.text.count("\n") + 1 if p.text else 0,
    "readability": lambda p: p.readability,
}
