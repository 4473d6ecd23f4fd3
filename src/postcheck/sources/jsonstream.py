"""Read a huge JSON array element by element, with bounded memory, surviving broken elements.

Archives such as ``tweets.js`` or ``outbox.json`` are one JSON value of many gigabytes. This
module keeps a text buffer of a few chunks, decodes one element at a time with
:meth:`json.JSONDecoder.raw_decode` (C speed), and drops what it has decoded. When an element
does not decode, a small structural scan (strings skipped, brackets counted) finds where it
ends, so the element is reported as a :class:`Fault` and the next one is read; only a file that
ends inside an element (truncated) stops the array.

Duplicate keys inside an element behave as in :func:`json.loads`: the last one wins. Readers
that care about one duplicated key (Mastodon's ``orderedItems``) use :meth:`JsonStream.members`,
which sees every occurrence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

CHUNK_CHARS = 1 << 16
"""Characters read at a time."""
MAX_VALUE_CHARS = 64 << 20
"""One element larger than this (64 Mi characters) is reported and the file is given up."""

_WHITESPACE = re.compile(r"[ \t\r\n]*")
# Strings (complete ones, escapes included) are skipped whole; a lone quote means the string
# runs past the end of the buffer.
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|["\[\]{},]', re.DOTALL)
_DECODER = json.JSONDecoder()


@dataclass(frozen=True, slots=True)
class Element:
    """One decoded array element: its 0-based index and the line it starts on."""

    index: int
    line: int
    value: Any


@dataclass(frozen=True, slots=True)
class Fault:
    """An element (or the array itself) that could not be decoded; ``fatal`` ends the array."""

    index: int
    line: int
    message: str
    fatal: bool = False


class _NeedMore(Exception):
    """The buffer ends before the value does."""


class JsonStream:
    """A cursor over one JSON text read incrementally from a text stream."""

    def __init__(
        self,
        stream: TextIO,
        *,
        chunk_chars: int = CHUNK_CHARS,
        max_value_chars: int = MAX_VALUE_CHARS,
        initial: str = "",
    ) -> None:
        """``initial`` is text already read from the stream (e.g. a sniffed first line)."""
        self._stream = stream
        self._chunk = chunk_chars
        self._max = max_value_chars
        self._buf = initial
        self._pos = 0
        self._eof = False
        self._lines_before = 0  # newlines in text already dropped from the buffer
        self._mark = 0  # buffer position up to which newlines are counted in _mark_lines
        self._mark_lines = 0

    # --- buffer --------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Append more text, dropping what was consumed; False at the end of the stream."""
        if self._eof:
            return False
        self._lines_before = self.line(self._pos) - 1
        self._mark = self._mark_lines = 0
        tail = self._buf[self._pos :]
        # Read at least as much as is pending, so a large element costs O(n), not O(n²).
        more = self._stream.read(max(self._chunk, len(tail)))
        self._buf = tail + more
        self._pos = 0
        if not more:
            self._eof = True
        return bool(more)

    def line(self, pos: int | None = None) -> int:
        """1-based line of a buffer position (the cursor by default), counted incrementally."""
        at = self._pos if pos is None else pos
        if at < self._mark:
            self._mark = self._mark_lines = 0
        self._mark_lines += self._buf.count("\n", self._mark, at)
        self._mark = at
        return self._lines_before + self._mark_lines + 1

    def peek(self) -> str | None:
        """The next non-whitespace character, without consuming it; None at the end."""
        while True:
            self._pos = _WHITESPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return None

    def advance(self) -> None:
        """Consume the character :meth:`peek` returned."""
        self._pos += 1

    def skip_to(self, char: str) -> bool:
        """Move to the next ``char`` (e.g. the ``[`` after ``window.YTD.tweets.part0 =``)."""
        while True:
            found = self._buf.find(char, self._pos)
            if found >= 0:
                self._pos = found
                return True
            self._pos = len(self._buf)
            if not self._fill():
                return False

    # --- values --------------------------------------------------------------------------

    def _scan_end(self, start: int, *, in_array: bool = False) -> int:
        """Where the value at ``start`` ends: the ``,``, ``]`` or ``}`` after it at depth 0.

        With ``in_array``, a stray ``}`` at depth 0 is stepped over, so that resynchronising
        inside an array always moves forward to the next ``,`` or the closing ``]``.
        """
        depth = 0
        for match in _STRUCTURE.finditer(self._buf, start):
            token = match.group()
            if token[0] == '"':
                if len(token) == 1:
                    raise _NeedMore
            elif token in "[{":
                depth += 1
            elif depth == 0:
                if not (in_array and token == "}"):
                    return match.start()
            elif token != ",":
                depth -= 1
        raise _NeedMore

    def value(self) -> Any:
        """Decode the next value; raises ValueError (cursor past the value) when it is broken.

        Raises EOFError when the text ends inside the value.
        """
        if self.peek() is None:
            raise EOFError("the file ends where a value was expected")
        while True:
            start = self._pos
            try:
                value, end = _DECODER.raw_decode(self._buf, start)
            except json.JSONDecodeError as exc:
                try:
                    end = self._scan_end(start)
                except _NeedMore:
                    if self._more_for(start):
                        continue
                    raise EOFError("the file ends inside this value (truncated?)") from None
                self._pos = end
                raise ValueError(f"{exc.msg} at character {exc.pos - start + 1}") from None
            # A number or literal touching the end of the buffer may continue in the next chunk.
            if end < len(self._buf) or self._eof or self._buf[end - 1] in '"]}':
                self._pos = end
                return value
            if not self._more_for(start):
                self._pos = end
                return value

    def _more_for(self, start: int) -> bool:
        """Read more for a value starting at ``start``; False at the end or past the size cap."""
        if len(self._buf) - start > self._max:
            raise EOFError(f"a value is larger than {self._max:,} characters; giving up")
        self._pos = start
        return self._fill()

    def _resync(self) -> None:
        """After a broken value, move to the next ``,`` or closing bracket at depth 0."""
        while True:
            try:
                self._pos = self._scan_end(self._pos, in_array=True)
                return
            except _NeedMore:
                if not self._more_for(self._pos):
                    raise EOFError("the file ends inside a broken value") from None

    # --- containers ----------------------------------------------------------------------

    def elements(self, *, first_index: int = 0) -> Iterator[Element | Fault]:
        """Stream the array whose ``[`` is the next character; stops after its ``]``."""
        if self.peek() != "[":
            yield Fault(first_index, self.line(), "expected a JSON array", fatal=True)
            return
        self.advance()
        index = first_index
        if self.peek() == "]":
            self.advance()
            return
        while True:
            self.peek()
            line = self.line()
            try:
                yield Element(index, line, self.value())
            except ValueError as exc:
                yield Fault(index, line, str(exc))
            except EOFError as exc:
                yield Fault(index, line, str(exc), fatal=True)
                return
            index += 1
            after = self.peek()
            if after == ",":
                self.advance()
            elif after == "]":
                self.advance()
                return
            elif after is None:
                yield Fault(index, self.line(), "the array is not closed (truncated?)", True)
                return
            else:
                message = f"unexpected {after!r} after this element"
                yield Fault(index - 1, self.line(), message)
                try:
                    self._resync()
                except EOFError as exc:
                    yield Fault(index, self.line(), str(exc), fatal=True)
                    return
                if self.peek() == ",":
                    self.advance()
                elif self.peek() == "]":
                    self.advance()
                    return

    def members(self, streamed: Container[str]) -> Iterator[tuple[str, Any]]:
        """Walk the object whose ``{`` is next, yielding ``(key, value)`` for each member.

        For a key in ``streamed`` whose value is an array, each element is yielded as its own
        ``(key, Element | Fault)`` pair instead, so the array never sits in memory; a key that
        occurs twice is walked twice. A broken object yields ``("", Fault)`` and stops.
        """
        if self.peek() != "{":
            yield "", Fault(0, self.line(), "expected a JSON object", fatal=True)
            return
        self.advance()
        counts: dict[str, int] = {}
        while True:
            char = self.peek()
            if char == "}":
                self.advance()
                return
            line = self.line()
            try:
                key = self.value() if char == '"' else None
                if not isinstance(key, str) or self.peek() != ":":
                    raise ValueError("expected a member name and ':'")
                self.advance()
                if key in streamed and self.peek() == "[":
                    for item in self.elements(first_index=counts.get(key, 0)):
                        counts[key] = item.index + 1
                        yield key, item
                        if isinstance(item, Fault) and item.fatal:
                            return
                else:
                    yield key, self.value()
            except (ValueError, EOFError) as exc:
                yield "", Fault(0, line, f"broken object: {exc}", fatal=True)
                return
            char = self.peek()
            if char == ",":
                self.advance()
            elif char != "}":
                yield "", Fault(0, self.line(), "the object is not closed (truncated?)", True)
                return
