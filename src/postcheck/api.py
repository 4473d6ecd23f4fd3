"""The Python API: everything the command line does, callable directly.

``check_text`` checks one text; ``lint_paths`` checks files and folders of
drafts, each with the configuration found from its own folder upward. The
CLI only parses options, calls these and renders the result.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _FileJob:
    """Everything one worker needs to lint one draft (picklable)."""

    path: str
    config: Config
    rule_files: tuple[str, ...]
    platforms: tuple[str, ...] | None
    language: str | None
    publish_at: datetime | None
    suggest_thread: bool
    baseline: str | None
    keep_post: bool = True


def _lint_file(job: _FileJob) -> tuple[list[PostResult], list[Problem], int]:
    """Lint one draft: results, problems, and how many findings the baseline absorbed."""
    engine = engine_for(job.config, job.rule_files)
    try:
        post = read_draft(job.path, default_tz=job.config.tz, publish_at=job.publish_at, language=job.language)
        results = engine.check(post, list(job.platforms) if job.platforms else None)
    except InputError as exc:
        return [], [Problem(exc.path or job.path, exc.message, exc.line)], 0
    absorbed = 0
    if job.baseline is not None:
        known = baseline_file.load(Path(job.baseline))  # keys hold the path: one file's share is enough
        kept = []
        for result in results:
            new = baseline_file.new_findings(result, known)
            absorbed += len(result.findings) - len(new)
            kept.append(engine.rescore(result, new))
        results = kept
    if job.suggest_thread:
        for result in results:
            add_thread(result, job.config)
    post.release_features()
    if not job.keep_post:
        for result in results:
            result.post = None
    return results, [], absorbed


def _lint_batch(jobs: list[_FileJob]) -> list[tuple[list[PostResult], list[Problem], int]]:
    return [_lint_file(job) for job in jobs]


#: Below this many drafts a run stays in one process: starting workers costs more than it saves.
PARALLEL_MIN_FILES = 200


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
    jobs: int | None = None,
    keep_posts: bool = True,
) -> LintReport:
    """Check draft files and folders; unreadable inputs become problems, not exceptions.

    Configuration errors (a broken ``postcheck.yaml`` or rule pack) are raised
    as :class:`~postcheck.errors.PostcheckError`: they concern every file.
    ``overrides`` are command-line settings applied on top of each file's
    configuration (``fail_on``, ``fail_under``, ``ui_language``, …). ``jobs``
    sets the worker processes (default: all cores when there are at least
    ``PARALLEL_MIN_FILES`` drafts); results are identical for any number.
    ``keep_posts=False`` leaves ``result.post`` empty: less memory, and less
    to send back from the workers, for reports that need findings only.
    """
    report = LintReport(results=[])
    if baseline is not None:
        baseline_file.load(Path(baseline))  # a broken baseline is an error before any work
    engines_seen: set[int] = set()
    explicit = None if config is None else resolve_config(config)
    platforms = parse_platforms(platform)
    base_excludes = tuple(exclude) + (explicit.exclude if explicit else ())
    planned: list[_FileJob | Problem] = []
    configs: dict[Path, Config] = {}
    for path, problem in iter_draft_paths(paths, base_excludes):
        if problem is not None:
            planned.append(Problem(str(path), problem))
            continue
        near = Path.cwd() if str(path) == "-" else Path(path).parent
        cfg = configs.get(near)  # drafts in one folder share their configuration
        if cfg is None:
            cfg = explicit or resolve_config(None, near)
            if overrides:
                cfg = with_overrides(cfg, **overrides)
            configs[near] = cfg
        if explicit is None and cfg.exclude and excluded_by_config(cfg, Path(path)):
            continue
        engine: Engine = engine_for(cfg, tuple(rule_files))  # compiles (and validates) once, here
        if id(engine) not in engines_seen:
            engines_seen.add(id(engine))
            known_ids = {r.id for r in report.rules}
            report.rules.extend(r for r in engine.rules if r.id not in known_ids)
        planned.append(
            _FileJob(
                str(path),
                cfg,
                tuple(rule_files),
                tuple(platforms) if platforms else None,
                declared_language(language, cfg),
                publish_time(publish_at, cfg),
                suggest_thread,
                str(baseline) if baseline is not None else None,
                keep_posts,
            )
        )
    file_jobs = [p for p in planned if isinstance(p, _FileJob)]
    workers = jobs if jobs is not None else (os.cpu_count() or 1) if len(file_jobs) >= PARALLEL_MIN_FILES else 1
    outcomes = iter(_run_jobs(file_jobs, workers))
    for item in planned:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        results, problems, absorbed = next(outcomes)
        report.results.extend(results)
        report.problems.extend(problems)
        report.baselined += absorbed
    return report


def _run_jobs(file_jobs: list[_FileJob], workers: int) -> Iterator[tuple[list[PostResult], list[Problem], int]]:
    """Lint in order, in this process or in ``workers`` processes (stdin stays here)."""
    if workers <= 1 or len(file_jobs) < 2 or any(job.path == "-" for job in file_jobs):
        for job in file_jobs:
            yield _lint_file(job)
        return
    import multiprocessing as mp

    size = max(1, min(64, len(file_jobs) // (workers * 4) or 1))
    batches = [file_jobs[i : i + size] for i in range(0, len(file_jobs), size)]
    engines = {id(e): e for e in (engine_for(job.config, job.rule_files) for job in file_jobs)}
    for engine in engines.values():  # forked workers share what the parent compiled
        engine.prepare()
    context = mp.get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(workers) as pool:
        for outcome in pool.imap(_lint_batch, batches):
            yield from outcome


def excluded_by_config(config: Config, path: Path) -> bool:
    from .drafts import is_excluded

    base = config.base_dir
    rel = path.resolve()
    if base is not None and rel.is_relative_to(base.resolve()):
        rel = rel.relative_to(base.resolve())
    return is_excluded(rel, config.exclude)
