"""Check one exported post and boil the result down to what the audit keeps.

Workers (processes) run this: each builds the rule set once, turns a source
record into a post at its own publish time, runs the engine, and returns a
compact :class:`PostSummary` — small enough to send between processes and to
aggregate without holding posts in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from ..config import Config
from ..drafts import build_post
from ..engine import Engine, engine_for
from ..errors import PostcheckError
from ..frontmatter import FrontMatter, Media
from ..platforms import available, canonical_name, load_profile
from ..results import PostResult
from ..ruleset import CATEGORIES
from ..sources import SourceRecord
from .neardup import sketch

EXCERPT_CHARS = 200
SCORE_KEYS = ("overall", *CATEGORIES)


@dataclass(frozen=True, slots=True)
class FindingBrief:
    rule: str
    category: str
    severity: str
    message: str
    match: str


@dataclass(frozen=True, slots=True)
class PostSummary:
    """What the audit keeps of one checked post."""

    index: int
    locator: str
    publish_at: datetime | None
    platform: str | None
    language: str
    scores: tuple[float, ...]  # in SCORE_KEYS order
    passed: bool
    findings: tuple[FindingBrief, ...]
    sketch: tuple[int, ...] | None
    excerpt: str
    over_limit: bool
    has_media: bool
    missing_alt: bool
    error: str | None = None  # the record could not be checked (reported as a problem)


def _sketch(words: list[str]) -> tuple[int, ...] | None:
    value = sketch(words)
    return tuple(value) if value is not None else None


def excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


def _is_draft(record: SourceRecord) -> bool:
    return PurePosixPath(record.locator.split("#")[0]).suffix.lower() in (".md", ".markdown", ".txt")


def record_post_platform(record: SourceRecord, config: Config) -> list[str | None]:
    name = record.platform or (config.platforms[0] if config.platforms else None)
    if name is None:
        return [None]
    canonical = canonical_name(name)
    return [canonical] if canonical in available() else [None]


def check_record(engine: Engine, config: Config, index: int, record: SourceRecord) -> PostSummary:
    """Check one record (never raises for a bad record: the summary carries the error)."""
    try:
        return _check(engine, config, index, record)
    except PostcheckError as exc:
        return _failed(index, record, exc.message)
    except (ValueError, TypeError, RecursionError) as exc:  # a record the model cannot hold
        return _failed(index, record, f"cannot check this record: {type(exc).__name__}: {exc}")


def _failed(index: int, record: SourceRecord, message: str) -> PostSummary:
    return PostSummary(
        index,
        record.locator,
        record.publish_at,
        record.platform,
        "und",
        (),
        False,
        (),
        None,
        "",
        False,
        False,
        False,
        error=message,
    )


def _check(engine: Engine, config: Config, index: int, record: SourceRecord) -> PostSummary:
    draft = _is_draft(record)
    media = tuple(Media(uri=m.uri, alt=m.alt, kind=m.kind) for m in record.media)
    post = build_post(
        record.text,
        path=None,
        default_tz=config.tz,
        markdown=draft and not record.locator.lower().endswith(".txt"),
        publish_at=record.publish_at,
        language=record.language or (None if config.language == "auto" else config.language),
        publish_source="export" if record.publish_at is not None else "now",
        front_matter=draft,
    )
    post.locator = record.locator
    if not draft:
        post.meta = FrontMatter(account=record.account, title=record.title, media=media, tags=tuple(record.hashtags))
        if record.links and not post.urls:
            post.extra_links = tuple(record.links)
    platforms = record_post_platform(record, config)
    result: PostResult = engine.check_one(post, platforms[0])
    over = False
    if result.platform is not None:
        profile = load_profile(result.platform, config.platform_settings.get(result.platform) or None)
        over = profile.length(post.text) > profile.text_limit
    all_media = post.media
    return PostSummary(
        index=index,
        locator=record.locator,
        publish_at=post.publish_at if post.publish_source != "now" else None,
        platform=result.platform,
        language=result.language,
        scores=tuple(result.scores[k] for k in SCORE_KEYS),
        passed=result.passed,
        findings=tuple(FindingBrief(f.rule, f.category, f.severity, f.message, f.match) for f in result.findings),
        sketch=_sketch([w.norm for w in post.words if not w.in_hashtag]),
        excerpt=excerpt(post.text),
        over_limit=over,
        has_media=bool(all_media),
        missing_alt=any(not (m.alt or "").strip() for m in all_media),
    )


# -- process workers ---------------------------------------------------------------
_worker: tuple[Engine, Config] | None = None


def init_worker(config: Config, rule_files: tuple[str, ...]) -> None:
    """Pool initializer: build the rule set once per process."""
    global _worker
    _worker = (engine_for(config, rule_files), config)


def check_batch(batch: list[tuple[int, SourceRecord]]) -> list[PostSummary]:
    """Check a batch of records in a worker process."""
    assert _worker is not None, "init_worker was not called"
    engine, config = _worker
    return [check_record(engine, config, index, record) for index, record in batch]
