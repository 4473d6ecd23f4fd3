"""Load untrusted YAML safely, keeping the line of every mapping and key.

Rule packs, configuration and front matter all come from files postcheck did
not write. This loader builds only plain data (``SafeLoader``: no Python
objects from tags), refuses aliases (``*name``) so an anchor bomb cannot blow
up memory or time, and remembers where each mapping and key started so that
every error can name the file and line.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .errors import PostcheckError
from .text.plaintext import one_line

#: Largest YAML document accepted, in characters (rule packs are far smaller).
MAX_YAML_CHARS = 5_000_000


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line where it and each key started."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows the 1-based line of each item."""

    line: int = 0
    item_lines: list[int]


@functools.cache
def _loader_class() -> Any:
    """The loader class, built on first use: a run whose drafts carry no front matter
    (and whose rules come from the installed snapshot) never imports PyYAML (15 ms)."""
    import yaml
    import yaml.cyaml

    class _Constructor(yaml.constructor.SafeConstructor):
        """Plain data only, with lines; any node reached twice is an alias and refused."""

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise yaml.MarkedYAMLError(
                    "while reading", None, "YAML aliases (*name) are not accepted; write the value out", node.start_mark
                )
            return super().construct_object(node, deep=deep)  # type: ignore[no-untyped-call]

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
            self.flatten_mapping(node)
            result = LineDict()
            result.line = node.start_mark.line + 1
            result.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise yaml.MarkedYAMLError(
                        "while reading a mapping", node.start_mark, "keys must be plain values", key_node.start_mark
                    )
                key = str(key) if not isinstance(key, str) else key
                if key in result:
                    raise yaml.MarkedYAMLError(
                        "while reading a mapping", node.start_mark, f"duplicate key '{key}'", key_node.start_mark
                    )
                result[key] = self.construct_object(value_node, deep=True)
                result.key_lines[key] = key_node.start_mark.line + 1
            return result

        def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override]
            result = LineList(self.construct_object(child, deep=True) for child in node.value)
            result.line = node.start_mark.line + 1
            result.item_lines = [child.start_mark.line + 1 for child in node.value]
            return result


    _Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_mapping)  # type: ignore[type-var]
    _Constructor.add_constructor("tag:yaml.org,2002:seq", _Constructor.construct_sequence)  # type: ignore[type-var]
    # Timestamps stay strings: postcheck parses dates itself, with zones, and a
    # YAML ``2020-01-17 10:00`` silently losing its zone is worse than a string.
    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)  # type: ignore[type-var]

    # libyaml's parser (C) when PyYAML was built with it — several times faster on
    # rule packs — else PyYAML's own; the construction above is the same for both.
    _Parser: Any = getattr(yaml, "CSafeLoader", None) and yaml.cyaml.CParser  # type: ignore[attr-defined]
    if _Parser is not None:

        class _Loader(_Parser, _Constructor, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
            def __init__(self, stream: str) -> None:
                _Parser.__init__(self, stream)
                _Constructor.__init__(self)
                yaml.resolver.Resolver.__init__(self)

    else:  # pragma: no cover - PyYAML without libyaml

        class _Loader(  # type: ignore[no-redef]
            yaml.reader.Reader,
            yaml.scanner.Scanner,
            yaml.parser.Parser,
            yaml.composer.Composer,
            _Constructor,
            yaml.resolver.Resolver,
        ):
            def __init__(self, stream: str) -> None:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)
                yaml.composer.Composer.__init__(self)
                _Constructor.__init__(self)
                yaml.resolver.Resolver.__init__(self)
    return _Loader


def _refuse_aliases(text: str) -> None:
    """Name the line of the first alias (the composed graph only knows its anchor)."""
    import yaml

    for event in yaml.parse(text, Loader=_loader_class()):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                "while reading", None, "YAML aliases (*name) are not accepted; write the value out", event.start_mark  # type: ignore[arg-type]
            )


def load_yaml(text: str, *, path: str | Path, first_line: int = 1, error: type[PostcheckError] = PostcheckError) -> Any:
    """Parse one YAML document; raise ``error`` naming ``path`` and the line.

    ``first_line`` is the file line where ``text`` starts (front matter sits
    after the opening ``---``), so reported lines are those of the file.
    """
    if len(text) > MAX_YAML_CHARS:
        raise error(f"YAML document too large ({len(text):,} characters; limit {MAX_YAML_CHARS:,})", path=path)
    import yaml

    try:
        loader = _loader_class()(text)
        try:
            if "*" in text:
                _refuse_aliases(text)
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        # Control characters are refused by the reader, before any mark exists.
        line = text.count("\n", 0, max(0, exc.position)) + first_line
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise error(f"invalid YAML: control character {what} is not allowed", path=path, line=line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else first_line
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.problem.startswith("could not determine a constructor"):
            problem = "YAML tags that construct objects are not accepted" + problem[len("could not determine a constructor"):]
        if "maximum nesting depth" in problem:
            problem = "nested too deeply"
        # One line, whatever the document held: a duplicate key may contain a newline.
        raise error(f"invalid YAML: {one_line(problem)}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        message = one_line(" ".join(str(exc).split()))  # one line
        raise error(f"invalid YAML: {message}", path=path, line=first_line) from None
    except RecursionError:
        raise error("invalid YAML: nested too deeply", path=path, line=first_line) from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data: Any, delta: int) -> None:
    if isinstance(data, LineDict):
        data.line += delta
        data.key_lines = {k: v + delta for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, delta)
    elif isinstance(data, LineList):
        data.line += delta
        data.item_lines = [v + delta for v in data.item_lines]
        for value in data:
            _shift_lines(value, delta)


def line_of(data: Any, key: str | None = None, default: int | None = None) -> int | None:
    """The line of ``data`` (or of ``key`` in it) when it came from :func:`load_yaml`."""
    if isinstance(data, LineDict):
        return data.line_of(key) if key is not None else data.line
    if isinstance(data, LineList):
        return data.line
    return default
