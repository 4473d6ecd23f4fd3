"""The Python API: everything the command line does, callable directly.

``check_text`` checks one text; ``lint_paths`` checks files and folders of
drafts, each with the configuration found from its own folder upward. The
CLI only parses options, calls these and renders the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from . import baseline as baseline_file
from .config import Config, find_config_file, load_config, parse_config, with_overrides
from .drafts import build_post, iter_draft_paths, read_draft
from .engine import Engine, engine_for
from .errors import InputError, PostcheckError
from .platforms import available, canonical_name, load_profile
from .results import LintReport, PostResult, Problem, TextResult
from .text.threads import split_thread
from .timeparse import parse_datetime

ConfigLike = Config | str | Path | Mapping[str, Any] | None


def resolve_config(config: ConfigLike, near: Path | None = None) -> Config:
    """A :class:`Config` from an object, a file path, a mapping, or discovery near ``near``."""
    if isinstance(config, Config):
        return config
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    if isinstance(config, Mapping):
        return parse_config(config, None)
    if near is not None:
        found = find_config_file(near)
        if found is not None:
            return load_config(found)
    return Config()


def publish_time(value: datetime | str | None, config: Config) -> datetime | None:
    if value is None or isinstance(value, datetime):
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=config.tz)
        return value
    try:
        return parse_datetime(value, config.tz)
    except ValueError as exc:
        raise PostcheckError(f"--publish-at: {exc}") from None


def check_text(
    text: str,
    *,
    language: str | None = None,
    platform: str | Sequence[str] | None = None,
    publish_at: datetime | str | None = None,
    config: ConfigLike = None,
    markdown: bool = False,
    rule_files: Sequence[str] = (),
) -> TextResult:
    """Check one post's text; front matter in ``text`` is honoured.

    ``platform`` may name several platforms; the result then holds one
    :class:`~postcheck.results.PostResult` per platform.
    """
    cfg = resolve_config(config)
    engine = engine_for(cfg, tuple(rule_files))
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    post = build_post(
        normalised,
        path=None,
        default_tz=cfg.tz,
        markdown=markdown,
        publish_at=publish_time(publish_at, cfg),
        language=declared_language(language, cfg),
    )
    return TextResult(engine.check(post, parse_platforms(platform)))


def declared_language(language: str | None, config: Config) -> str | None:
    if language and language != "auto":
        return language
    return None if config.language == "auto" else config.language


def parse_platforms(platform: str | Sequence[str] | None) -> list[str] | None:
    if platform is None:
        return None
    items = [platform] if isinstance(platform, str) else list(platform)
    names = [p.strip().lower() for item in items for p in item.split(",") if p.strip()]
    for name in names:
        if canonical_name(name) not in available():
            raise PostcheckError(f"unknown platform '{name}' (known: {', '.join(available())})")
    return [canonical_name(n) for n in names] or None


def add_thread(result: PostResult, config: Config) -> None:
    """Attach a numbered thread to a result whose text is over its platform's limit."""
    if result.platform is None or result.post is None:
        return
    profile = load_profile(result.platform, config.platform_settings.get(result.platform) or None)
    text = result.post.text
    if profile.length(text) > profile.text_limit:
        result.thread = split_thread(text, profile.text_limit, profile.length)


def lint_paths(
    paths: Iterable[str | Path],
    *,
    config: ConfigLike = None,
    language: str | None = None,
    platform: str | Sequence[str] | None = None,
    publish_at: datetime | str | None = None,
    exclude: Sequence[str] = (),
    rule_files: Sequence[str] = (),
    overrides: Mapping[str, Any] | None = None,
    suggest_thread: bool = False,
    baseline: str | Path | None = None,
) -> LintReport:
    """Check draft files and folders; unreadable inputs become problems, not exceptions.

    Configuration errors (a broken ``postcheck.yaml`` or rule pack) are raised
    as :class:`~postcheck.errors.PostcheckError`: they concern every file.
    ``overrides`` are command-line settings applied on top of each file's
    configuration (``fail_on``, ``fail_under``, ``ui_language``, …).
    """
    report = LintReport(results=[])
    known = baseline_file.load(Path(baseline)) if baseline is not None else None
    engines_seen: set[int] = set()
    explicit = None if config is None else resolve_config(config)
    platforms = parse_platforms(platform)
    base_excludes = tuple(exclude) + (explicit.exclude if explicit else ())
    for path, problem in iter_draft_paths(paths, base_excludes):
        if problem is not None:
            report.problems.append(Problem(str(path), problem))
            continue
        near = Path.cwd() if str(path) == "-" else Path(path).parent
        cfg = explicit or resolve_config(None, near)
        if overrides:
            cfg = with_overrides(cfg, **overrides)
        if explicit is None and cfg.exclude and excluded_by_config(cfg, Path(path)):
            continue
        engine: Engine = engine_for(cfg, tuple(rule_files))
        if id(engine) not in engines_seen:
            engines_seen.add(id(engine))
            known_ids = {r.id for r in report.rules}
            report.rules.extend(r for r in engine.rules if r.id not in known_ids)
        try:
            post = read_draft(
                path, default_tz=cfg.tz, publish_at=publish_time(publish_at, cfg), language=declared_language(language, cfg)
            )
        except InputError as exc:
            report.problems.append(Problem(exc.path or str(path), exc.message, exc.line))
            continue
        try:
            results = engine.check(post, platforms)
        except InputError as exc:
            report.problems.append(Problem(exc.path or str(path), exc.message, exc.line))
            continue
        if known is not None:
            kept = []
            for result in results:
                new = baseline_file.new_findings(result, known)
                report.baselined += len(result.findings) - len(new)
                kept.append(engine.rescore(result, new))
            results = kept
        if suggest_thread:
            for result in results:
                add_thread(result, cfg)
        report.results.extend(results)
    return report


def excluded_by_config(config: Config, path: Path) -> bool:
    from .drafts import is_excluded

    base = config.base_dir
    rel = path.resolve()
    if base is not None and rel.is_relative_to(base.resolve()):
        rel = rel.relative_to(base.resolve())
    return is_excluded(rel, config.exclude)
