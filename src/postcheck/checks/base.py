"""What every check kind shares: option schemas, compile context, hits.

A kind is one module with a :class:`Check` subclass: ``OPTIONS`` declares the
keys it accepts (validated when the rule file loads, so a typo is an error
with file and line, not a rule that silently never fires), ``__init__``
compiles them once, and :meth:`Check.run` yields :class:`Hit`s for a post
without mutating anything. The engine, not the kind, attaches the rule id,
severity, message and location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..post import Post

LANGUAGES = ("id", "en")


class OptionError(ValueError):
    """An option of a rule is invalid; ``key`` names it for the error line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Option:
    """One accepted option: its check, whether it may vary per language, its default."""

    validate: Callable[[Any], Any]
    required: bool = False
    default: Any = None
    per_language: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Profile:
    """The institution a configuration describes (for relevance rules)."""

    organization: str | None = None
    keywords: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True)
class CompileContext:
    """What a check may know when it compiles: the project's settings."""

    profile: Profile = field(default_factory=Profile)
    timezone: tzinfo | None = None
    platform_overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Compile word lists and patterns per post language on first use, not all at once. For the
    #: built-in packs (the test suite compiles every one of them); a user's pack compiles
    #: eagerly, so that its errors name the file and line when it loads.
    lazy: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    """A place in the post where a rule fires.

    ``start``/``end`` are offsets into ``post.text`` (an empty span points at
    a position), ``values`` fill the message placeholders, ``fix`` is the
    replacement text for the span when a safe fix exists. ``line`` is set
    instead of a span for findings about front matter (e.g. a media item).
    """

    start: int
    end: int
    values: Mapping[str, Any] = field(default_factory=dict)
    fix: str | None = None
    line: int | None = None
    platform: str | None = None
    #: a severity for this hit only, when a kind grades its own confidence
    severity: str | None = None


class Check:
    """Base class of a check kind."""

    kind: ClassVar[str] = ""
    OPTIONS: ClassVar[dict[str, Option]] = {}
    #: placeholders the kind fills in messages, for docs and validation
    PLACEHOLDERS: ClassVar[tuple[str, ...]] = ("match",)

    def __init__(self, options: Mapping[str, Any], context: CompileContext) -> None:
        self.options = options
        self.context = context

    def run(self, post: Post) -> Iterator[Hit]:
        raise NotImplementedError

    def parts(self, language: str | None = None) -> list[Any]:
        """The word lists and pattern groups this check matches (for the engine's prefilter).

        With ``language`` (``id``, ``en``, or ``*`` for any other or an undetermined
        language): only those it consults for a post in that language.
        """
        return []

    def gate_parts(self, language: str | None = None) -> list[Any] | None:
        """Parts one of which must be able to match for this check to report anything.

        The engine skips the check for a post in which its prefilter rules
        all of them out. ``None``: the check may report on any post.
        """
        return None

    @classmethod
    def validate(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Check and normalise the options of one rule (raise OptionError)."""
        result: dict[str, Any] = {}
        for key, value in raw.items():
            spec = cls.OPTIONS.get(key)
            if spec is None:
                known = ", ".join(sorted(cls.OPTIONS)) or "none"
                raise OptionError(key, f"unknown option '{key}' for kind '{cls.kind}' (known: {known})")
            try:
                is_table = spec.validate is str_map
                if spec.per_language and isinstance(value, Mapping) and not (is_table and not _language_keyed(value)):
                    bad = [k for k in value if k not in LANGUAGES]
                    if bad:
                        raise OptionError(key, f"'{key}' has unknown language '{bad[0]}' (use {', '.join(LANGUAGES)})")
                    result[key] = {lang: spec.validate(v) for lang, v in value.items()}
                else:
                    result[key] = spec.validate(value)
            except OptionError:
                raise
            except (TypeError, ValueError) as exc:
                raise OptionError(key, f"option '{key}': {exc}") from None
        for key, spec in cls.OPTIONS.items():
            if key not in result:
                if spec.required:
                    raise OptionError(key, f"kind '{cls.kind}' needs option '{key}'")
                if spec.default is not None:
                    result[key] = spec.default
        return result


def _language_keyed(value: Mapping[str, Any]) -> bool:
    return bool(value) and all(k in LANGUAGES and isinstance(v, Mapping) for k, v in value.items())


def per_language(value: Any, language: str) -> Any:
    """Pick the value for ``language`` from a per-language option.

    A plain value applies to every language; a mapping gives one value per
    language, and a post whose language is neither (or undetermined) gets
    all of them.
    """
    if not isinstance(value, Mapping):
        return value
    if language in value:
        return value[language]
    return None


# -- validators -----------------------------------------------------------
def str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ValueError("expected a list of strings")
    items = tuple(str(v) for v in value)
    if any(not item.strip() for item in items):
        raise ValueError("empty string in list")
    return items


def str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("expected a mapping of text to text")
    return dict(value)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("expected a number")
    return value


def count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("expected a whole number ≥ 0")
    return value


def text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected text")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of: {', '.join(choices)}")
        return str(value)

    return check
