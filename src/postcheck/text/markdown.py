"""Reduce a Markdown draft to the text a reader sees, with an exact source map.

markdown-it-py (CommonMark) decides what is a code block, an HTML comment, a
link or an escape; this module then aligns each piece of reader-visible text
back onto the source characters it came from, so a finding in
``**Sobat** &amp; [situs](https://…)`` lands on the right column.

Reader-visible means: paragraph, heading, list, quote and table text; link
text (the link target is kept aside as a link); image alt text is not part of
the post (it belongs to the media). Code blocks, fenced code, HTML blocks and
HTML comments are skipped. Blocks are separated by a blank line, soft and hard
breaks become ``\\n``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .plaintext import PlainText

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Characters and line starts that can change how Markdown renders. A body with
# none of them reads the same as plain text, and skips the parser entirely.
_MARKUP = re.compile(
    r"[*_\[\]<>`&\\~|]|^(?: {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*][ \t]|\d{1,9}[.)][ \t]|[-=]{2,}[ \t]*$)| {4}|\t)",
    re.MULTILINE,
)
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
# The tail of an inline link or reference after its text: ](url "title"), ][ref], ]
_LINK_TAIL = re.compile(
    r"\]\s*(?:\((?:\s*<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])?"
)
# How far the aligner may skip markup before it gives up on one character.
_MAX_SKIP = 4096


@dataclass(slots=True)
class MarkdownText:
    """The reduced text plus what Markdown carried besides words."""

    plain: PlainText
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (src, alt)


def needs_parsing(body: str) -> bool:
    """True when ``body`` holds anything Markdown would render differently."""
    return _MARKUP.search(body) is not None


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def reduce_markdown(source: str, body_start: int = 0) -> MarkdownText:
    """Reduce ``source[body_start:]`` (a Markdown body) to reader-visible text.

    Offsets in the returned map are offsets into ``source`` itself, so they
    stay right after front matter.
    """
    body = source[body_start:]
    if not needs_parsing(body):
        return MarkdownText(PlainText(body, body_start))
    builder = _Builder(source, body_start)
    tokens = _parser().parse(body)
    for token in tokens:
        if token.type == "inline" and token.map is not None:
            if builder.in_table and builder.last_inline_line == token.map[0]:
                builder.cell_break()
            else:
                builder.block_break()
            builder.add_inline(token)
        elif token.type == "table_open":
            builder.in_table = True
        elif token.type == "table_close":
            builder.in_table = False
    return builder.result()


class _Builder:
    """Accumulates plain characters and their source spans."""

    def __init__(self, source: str, body_start: int) -> None:
        self.source = source
        self.body_start = body_start
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.links: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.line_starts = _line_starts(source, body_start)
        self.line_cursor: dict[int, int] = {}
        self.in_table = False
        self.last_inline_line = -1

    # -- separators -------------------------------------------------------
    def _emit_sep(self, sep: str) -> None:
        at = self.ends[-1] if self.ends else self.body_start
        for ch in sep:
            self.chars.append(ch)
            self.starts.append(at)
            self.ends.append(at)

    def block_break(self) -> None:
        if self.chars:
            self._emit_sep("\n\n")

    def cell_break(self) -> None:
        if self.chars and self.chars[-1] not in "\n":
            self._emit_sep(" ")

    # -- inline content ---------------------------------------------------
    def add_inline(self, token: Any) -> None:
        first_line = token.map[0]
        self.last_inline_line = first_line
        content: str = token.content
        cmap = self._content_map(content, first_line)
        cursor = 0
        for child in token.children or ():
            kind = child.type
            if kind == "text":
                cursor = self._align(child.content, content, cmap, cursor)
            elif kind == "code_inline":
                cursor = self._align(child.content, content, cmap, cursor)
            elif kind in ("softbreak", "hardbreak"):
                nl = content.find("\n", cursor)
                if nl == -1:
                    nl = len(content)
                at = cmap[nl] if nl < len(cmap) else cmap[-1]
                self.chars.append("\n")
                self.starts.append(at)
                self.ends.append(at)
                cursor = nl + 1
            elif kind == "link_open":
                href = child.attrs.get("href")
                if isinstance(href, str):
                    self.links.append(href)
                if child.markup == "autolink" or child.markup == "linkify":
                    lt = content.find("<", cursor)
                    cursor = lt + 1 if lt != -1 else cursor
                else:
                    lb = content.find("[", cursor)
                    cursor = lb + 1 if lb != -1 else cursor
            elif kind == "link_close":
                if child.markup == "autolink":
                    gt = content.find(">", cursor)
                    cursor = gt + 1 if gt != -1 else cursor
                else:
                    m = _LINK_TAIL.match(content, cursor)
                    if m is None:
                        rb = content.find("]", cursor)
                        cursor = rb + 1 if rb != -1 else cursor
                    else:
                        cursor = m.end()
            elif kind == "image":
                self.images.append((str(child.attrs.get("src", "")), child.content))
                cursor = _skip_image(content, cursor)
            elif kind == "html_inline":
                at = content.find(child.content, cursor)
                if at != -1:
                    cursor = at + len(child.content)
            # emphasis, strikethrough: markers are skipped by the aligner.

    def _content_map(self, content: str, first_line: int) -> list[int]:
        """Source offset of each character of an inline token's content.

        The content is the source lines with container markers (``> ``,
        ``- ``, indentation) removed; each content line is found in its own
        source line.
        """
        result: list[int] = []
        lines = content.split("\n")
        for k, line in enumerate(lines):
            src_line = first_line + k
            if src_line >= len(self.line_starts):
                base = len(self.source)
                result.extend([base] * (len(line) + (1 if k < len(lines) - 1 else 0)))
                continue
            start = self.line_starts[src_line]
            stop = self.line_starts[src_line + 1] - 1 if src_line + 1 < len(self.line_starts) else len(self.source)
            from_pos = self.line_cursor.get(src_line, start)
            at = self.source.find(line, from_pos, stop + 1) if line else from_pos
            if at == -1:
                stripped = line.lstrip()
                at = self.source.find(stripped, from_pos, stop + 1) if stripped else -1
                at = at - (len(line) - len(stripped)) if at != -1 else from_pos
            self.line_cursor[src_line] = at + len(line)
            result.extend(range(at, at + len(line)))
            if k < len(lines) - 1:
                result.append(at + len(line))
        result.append(result[-1] + 1 if result else self.body_start)
        return result

    def _align(self, text: str, content: str, cmap: list[int], cursor: int) -> int:
        """Map each character of decoded ``text`` onto ``content`` from ``cursor``."""
        n = len(content)
        for ch in text:
            limit = min(n, cursor + _MAX_SKIP)
            pos = cursor
            matched = False
            while pos < limit:
                c = content[pos]
                if c == "&":
                    m = _ENTITY.match(content, pos)
                    if m is not None and m.group() != ch:
                        decoded = html.unescape(m.group())
                        if decoded != m.group() and decoded.startswith(ch):
                            end = m.end()
                            self._push(ch, cmap[pos], cmap[end - 1] + 1)
                            cursor = end if len(decoded) == 1 else pos
                            matched = True
                            break
                if c == ch:
                    self._push(ch, cmap[pos], cmap[pos] + 1)
                    cursor = pos + 1
                    matched = True
                    break
                if c == "\\" and pos + 1 < n and content[pos + 1] == ch:
                    self._push(ch, cmap[pos], cmap[pos + 1] + 1)
                    cursor = pos + 2
                    matched = True
                    break
                pos += 1
            if not matched:
                at = cmap[min(cursor, len(cmap) - 1)]
                self._push(ch, at, at)
        return cursor

    def _push(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def result(self) -> MarkdownText:
        plain = PlainText("".join(self.chars), self.body_start, tuple(self.starts), tuple(self.ends))
        return MarkdownText(plain, self.links, self.images)


def _line_starts(source: str, body_start: int) -> list[int]:
    """Offsets of the body's line starts (line 0 is the body's first line)."""
    starts = [body_start]
    pos = source.find("\n", body_start)
    while pos != -1:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return starts


def _skip_image(content: str, cursor: int) -> int:
    """Move past ``![alt](src)`` starting at or after ``cursor``."""
    at = content.find("![", cursor)
    if at == -1:
        return cursor
    depth = 0
    pos = at + 1
    while pos < len(content):
        c = content[pos]
        if c == "\\":
            pos += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                m = _LINK_TAIL.match(content, pos)
                return m.end() if m is not None else pos + 1
        pos += 1
    return cursor
