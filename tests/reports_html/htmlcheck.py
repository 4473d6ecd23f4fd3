"""A strict structural check of the HTML report, on top of the standard library's ``html.parser``.

``html.parser`` forgives everything, so this collects what a validator would
reject for the subset of HTML and SVG the report emits: unknown or unexpected
tags (data must never create elements), end tags that do not close the open
element, unclosed elements, block elements inside ``<p>``, duplicate ids,
dangling ``aria-labelledby``/``#fragment`` references, event-handler
attributes and anything that would load from the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "section", "header", "footer", "nav", "h1", "h2", "h3",
    "dl", "dt", "dd", "div", "p", "b", "small", "span", "ol", "ul", "li", "a", "figure", "figcaption", "details",
    "summary", "table", "thead", "tbody", "tr", "th", "td", "article", "code", "bdi", "blockquote", "mark", "q", "i",
}
SVG_TAGS = {"svg", "title", "desc", "rect", "line", "text", "path", "circle"}
SVG_EMPTY = {"rect", "line", "circle", "path"}  # written self-closed when they have no <title> child
BLOCK = {"div", "p", "ul", "ol", "table", "figure", "section", "article", "blockquote", "dl", "h1", "h2", "h3", "details",
         "header", "footer", "nav", "main"}
#: Elements whose text comes from post data (excerpts, matches, messages, locators).
DATA_TEXT = {"blockquote", "q"}


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    tags: dict[str, int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    texts: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    style: str = ""


class Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.report = Report()

    def error(self, message: str) -> None:
        self.report.errors.append(f"line {self.getpos()[0]}: {message}")

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        r = self.report
        r.tags[tag] = r.tags.get(tag, 0) + 1
        in_svg = "svg" in self.stack
        if tag not in (SVG_TAGS if in_svg else HTML_TAGS | {"svg"}):
            self.error(f"unexpected <{tag}> {'in SVG' if in_svg else ''} inside {'/'.join(self.stack[-3:])}")
        if tag in BLOCK and "p" in self.stack:
            self.error(f"<{tag}> inside <p>")
        if closed and not in_svg and tag not in VOID:
            self.error(f"self-closed non-void HTML element <{tag}/>")
        if closed and in_svg and tag not in SVG_EMPTY:
            self.error(f"self-closed <{tag}/> in SVG")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.error(f"event handler attribute {name}")
            if name == "id":
                r.ids[value] = r.ids.get(value, 0) + 1
            if name in ("aria-labelledby", "aria-describedby"):
                r.references.extend(value.split())
            if name in ("href", "src", "xlink:href", "action", "srcset", "poster", "data"):
                r.links.append(value)
            if name == "style" and ("url(" in value or "//" in value):
                self.error(f"style attribute loads something: {value}")
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.error(f"end tag for void element </{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.error(f"</{tag}> does not close the open element ({'/'.join(self.stack[-3:]) or 'none'})")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.report.style += data
        elif data.strip():
            self.report.texts.append((tuple(self.stack), data))

    def handle_comment(self, data: str) -> None:
        self.error("comment in output")

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.error(f"unexpected declaration {decl}")

    def unknown_decl(self, data: str) -> None:
        self.error(f"unknown declaration {data}")

    def handle_pi(self, data: str) -> None:
        self.error(f"processing instruction {data}")


def check(document: str) -> Report:
    """Parse ``document`` and return what was found; ``report.errors`` lists every problem."""
    checker = Checker()
    checker.feed(document)
    checker.close()
    report = checker.report
    if checker.stack:
        report.errors.append(f"unclosed elements at the end: {checker.stack}")
    for ident, count in report.ids.items():
        if count > 1:
            report.errors.append(f"duplicate id {ident!r}")
    for ref in report.references:
        if ref not in report.ids:
            report.errors.append(f"aria reference to missing id {ref!r}")
    for link in report.links:
        if not link.startswith("#"):
            report.errors.append(f"link or source that leaves the page: {link!r}")
        elif link[1:] not in report.ids:
            report.errors.append(f"link to missing id {link!r}")
    lowered = report.style.lower()
    for needle in ("url(", "@import", "@font-face", "http:", "https:", "//"):
        if needle in lowered:
            report.errors.append(f"stylesheet contains {needle!r}")
    return report
