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
    r"[*_\[\]<>`&\\~|]|^(?: {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-=]+[ \t]*$)| {4}|\t)",
    re.MULTILINE,
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

    # text_join off: entities and backslash escapes stay separate
    # ``text_special`` tokens whose ``markup`` is their exact source, so the
    # aligner never has to guess whether ``&amp;`` or ``\\*`` was written.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable("text_join")


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
        cmap = self._content_map(content, first_line, token.map[1])
        cursor = 0
        in_autolink = False
        for child in token.children or ():
            kind = child.type
            if in_autolink and kind != "link_close":
                continue  # the autolink's text was taken from the source
            if kind == "text":
                cursor = self._align(child.content, content, cmap, cursor)
            elif kind == "text_special":
                # An entity or a backslash escape: every character it decodes
                # to spans its whole source (``&amp;``, ``\*``).
                at = content.find(child.markup, cursor) if child.markup else -1
                if at == -1:
                    cursor = self._align(child.content, content, cmap, cursor)
                else:
                    end = at + len(child.markup)
                    if child.content == child.markup:  # "\a": not an escape, kept as written
                        for pos in range(at, end):
                            self._push(content[pos], cmap[pos], cmap[pos] + 1)
                    else:
                        for ch in child.content:
                            self._push(ch, cmap[at], cmap[end - 1] + 1)
                    cursor = end
            elif kind == "code_inline":
                # Code spans turn line endings into spaces.
                cursor = self._align(child.content, content, cmap, cursor, code=True)
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
                if child.markup == "autolink":
                    # The link text of ``<https://…>`` is the URL normalised
                    # for display (percent-decoded, punycode to Unicode), which
                    # is not in the source; the reader-visible text is the
                    # address as written.
                    lt = content.find("<", cursor)
                    gt = content.find(">", lt + 1) if lt != -1 else -1
                    if lt != -1 and gt != -1:
                        for pos in range(lt + 1, gt):
                            self._push(content[pos], cmap[pos], cmap[pos] + 1)
                        cursor = gt + 1
                        in_autolink = True
                elif child.markup != "linkify":  # a linkified URL has no markup around it
                    lb = content.find("[", cursor)
                    cursor = lb + 1 if lb != -1 else cursor
            elif kind == "link_close":
                if child.markup == "linkify":
                    pass
                elif child.markup == "autolink":
                    if not in_autolink:
                        gt = content.find(">", cursor)
                        cursor = gt + 1 if gt != -1 else cursor
                    in_autolink = False
                else:
                    rb = content.find("]", cursor)
                    cursor = _link_tail_end(content, rb) if rb != -1 else cursor
            elif kind == "image":
                self.images.append((str(child.attrs.get("src", "")), child.content))
                cursor = _skip_image(content, cursor)
            elif kind == "html_inline":
                at = content.find(child.content, cursor)
                if at != -1:
                    cursor = at + len(child.content)
            # emphasis, strikethrough: markers are skipped by the aligner.

    def _content_map(self, content: str, first_line: int, end_line: int | None = None) -> list[int]:
        """Source offset of each character of an inline token's content.

        The content is the source lines with container markers (``> ``,
        ``- ``, indentation) removed; each content line is found in its own
        source line.
        """
        result: list[int] = []
        lines = content.split("\n")
        # markdown-it trims a block's content with str.strip(), which also drops whole lines of
        # Unicode whitespace (U+2028, U+3000, …) that CommonMark does not count as blank: the
        # content then starts on a later source line than the token's map says.
        skippable = (end_line - first_line) - len(lines) if end_line is not None else 0
        while skippable > 0 and lines[0] and first_line + 1 < len(self.line_starts):
            if lines[0] in self.source[self.line_starts[first_line] : self.line_starts[first_line + 1]]:
                break
            first_line += 1
            skippable -= 1
        for k, line in enumerate(lines):
            src_line = first_line + k
            if src_line >= len(self.line_starts):
                base = len(self.source)
                result.extend([base] * (len(line) + (1 if k < len(lines) - 1 else 0)))
                continue
            start = self.line_starts[src_line]
            stop = self.line_starts[src_line + 1] - 1 if src_line + 1 < len(self.line_starts) else len(self.source)
            from_pos = self.line_cursor.get(src_line, start)
            positions = self._line_positions(line, from_pos, stop)
            after = positions[-1] + 1 if positions else from_pos
            self.line_cursor[src_line] = after
            result.extend(positions)
            if k < len(lines) - 1:
                result.append(after)  # the line break
        result.append(result[-1] + 1 if result else self.body_start)
        return result

    def _line_positions(self, line: str, from_pos: int, stop: int) -> list[int]:
        """Source offsets of the characters of one content ``line``."""
        if not line:
            return []
        at = self.source.find(line, from_pos, stop + 1)
        if at != -1:
            return list(range(at, at + len(line)))
        if "|" in line:
            # A table cell: markdown-it unescapes ``\|`` to ``|`` before inline parsing.
            at = self.source.find(line.replace("|", "\\|"), from_pos, stop + 1)
            if at != -1:
                positions = []
                pos = at
                for ch in line:
                    if ch == "|":
                        pos += 1  # past the backslash
                    positions.append(pos)
                    pos += 1
                return positions
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        at = self.source.find(stripped, from_pos, stop + 1) if stripped else -1
        if at != -1:
            # Leading spaces the parser expanded from a tab: they map onto the
            # source's own indentation, never before the line.
            return [max(from_pos, at - lead + i) for i in range(lead)] + list(range(at, at + len(stripped)))
        last = max(0, len(self.source) - 1)
        return [min(from_pos + i, last) for i in range(len(line))]

    def _align(self, text: str, content: str, cmap: list[int], cursor: int, *, code: bool = False) -> int:
        """Map each character of literal ``text`` onto ``content`` from ``cursor``.

        Characters between matches are markup the parser consumed (emphasis
        markers, backticks). In a code span (``code``) a space may stand for
        a line ending of the source.
        """
        n = len(content)
        for ch in text:
            limit = min(n, cursor + _MAX_SKIP)
            pos = cursor
            while pos < limit:
                c = content[pos]
                if c == ch or (code and ch == " " and c == "\n"):
                    break
                pos += 1
            if pos < limit:
                at = cmap[pos]
                crlf = content[pos] == "\n" and self.source.startswith("\r\n", at)
                self._push(ch, at, at + 2 if crlf else at + 1)
                cursor = pos + 1
            else:
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


# Line ends as markdown-it counts them (it normalises CR and CRLF to LF).
_NEWLINE = re.compile(r"\r\n?|\n")


def _line_starts(source: str, body_start: int) -> list[int]:
    """Offsets of the body's line starts (line 0 is the body's first line)."""
    starts = [body_start]
    starts.extend(m.end() for m in _NEWLINE.finditer(source, body_start))
    return starts


def _skip_spaces(content: str, pos: int) -> int:
    while pos < len(content) and content[pos] in " \t\n":
        pos += 1
    return pos


def _link_tail_end(content: str, rb: int) -> int:
    """End of a link's tail that starts at the ``]`` at ``rb``.

    Follows markdown-it's own link rule: an inline ``(dest "title")`` when it
    parses, else a reference label ``[label]``, else the ``]`` alone.
    """
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    n = len(content)
    pos = rb + 1
    if pos < n and content[pos] == "(":
        p = _skip_spaces(content, pos + 1)
        if p < n:
            res = parseLinkDestination(content, p, n)
            if res.ok:
                md = _parser()
                if md.validateLink(md.normalizeLink(res.str)):
                    p = res.pos
                start = p
                p = _skip_spaces(content, p)
                title = parseLinkTitle(content, p, n)
                if p < n and start != p and title.ok:
                    p = _skip_spaces(content, title.pos)
            if p < n and content[p] == ")":
                return p + 1
    if pos < n and content[pos] == "[":
        p = pos + 1
        while p < n:
            c = content[p]
            if c == "\\":
                p += 2
                continue
            if c == "[":
                break
            if c == "]":
                return p + 1
            p += 1
    return pos


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
                return _link_tail_end(content, pos)
        pos += 1
    return cursor
