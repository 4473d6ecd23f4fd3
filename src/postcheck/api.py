"""The Python API: everything the command line does, callable directly.

``check_text`` checks one text; ``lint_paths`` checks files and folders of
drafts, each with the configuration found from its own folder upward. The
CLI only parses options, calls these and renders the result.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
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

#: Drafts per task sent to a worker: large enough that sending is cheap, small enough that
#: the two workers finish together.
BATCH_SIZE = 32


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
    on_result: Callable[[PostResult], None] | None = None,
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
    ``on_result`` is called with each result, in report order, as soon as it
    is ready (a report can render while workers still check).
    """
    paths = list(paths)
    report = LintReport(results=[])
    if baseline is not None:
        baseline_file.load(Path(baseline))  # a broken baseline is an error before any work
    explicit = None if config is None else resolve_config(config)
    plan = _plan(
        paths,
        report,
        explicit,
        tuple(exclude) + (explicit.exclude if explicit else ()),
        overrides,
        _FileJob(
            "",
            explicit or Config(),
            tuple(rule_files),
            tuple(p) if (p := parse_platforms(platform)) else None,
            language,
            None,
            suggest_thread,
            str(baseline) if baseline is not None else None,
            keep_posts,
        ),
        publish_at,
    )
    # Plan a first share of the drafts here: it tells whether workers pay off, and which
    # rule sets to compile before forking. The rest is planned while the workers check.
    head: list[_FileJob | Problem] = []
    planned_jobs = 0
    for item in plan:
        head.append(item)
        planned_jobs += isinstance(item, _FileJob)
        if planned_jobs >= PARALLEL_MIN_FILES:
            break
    if jobs is not None:
        workers = jobs
    else:
        workers = (os.cpu_count() or 1) if planned_jobs >= PARALLEL_MIN_FILES else 1
    if any(str(p) == "-" for p in paths) or planned_jobs < 2:
        workers = 1  # standard input is read in this process
    pending: deque[_FileJob | Problem] = deque()  # planned, not yet reported, in report order

    def file_jobs() -> Iterator[_FileJob]:
        for item in itertools.chain(head, plan):
            pending.append(item)  # before its job is sent, so its outcome finds it here
            if isinstance(item, _FileJob):
                yield item

    def drain_problems() -> None:
        while pending and isinstance(pending[0], Problem):
            report.problems.append(pending.popleft())  # type: ignore[arg-type]

    for results, problems, absorbed in _run_jobs(file_jobs(), workers, [job for job in head if isinstance(job, _FileJob)]):
        drain_problems()
        pending.popleft()  # the job of this outcome
        report.results.extend(results)
        report.problems.extend(problems)
        report.baselined += absorbed
        if on_result is not None:
            for result in results:
                on_result(result)
    drain_problems()
    return report


def _plan(
    paths: list[str | Path],
    report: LintReport,
    explicit: Config | None,
    excludes: tuple[str, ...],
    overrides: Mapping[str, Any] | None,
    template: _FileJob,
    publish_at: datetime | str | None,
) -> Iterator[_FileJob | Problem]:
    """The drafts to check, as jobs, and the inputs that cannot be, as problems, in report order.

    Each new configuration's rules are added to ``report.rules`` as it is met.
    """
    engines_seen: set[int] = set()
    configs: dict[Path, Config] = {}
    for path, problem in iter_draft_paths(paths, excludes):
        if problem is not None:
            yield Problem(str(path), problem)
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
        engine: Engine = engine_for(cfg, template.rule_files)  # compiles (and validates) once, here
        if id(engine) not in engines_seen:
            engines_seen.add(id(engine))
            known_ids = {r.id for r in report.rules}
            report.rules.extend(r for r in engine.rules if r.id not in known_ids)
        yield replace(
            template,
            path=str(path),
            config=cfg,
            language=declared_language(template.language, cfg),
            publish_at=publish_time(publish_at, cfg),
        )


def _run_jobs(
    file_jobs: Iterator[_FileJob], workers: int, first: Sequence[_FileJob] = ()
) -> Iterator[tuple[list[PostResult], list[Problem], int]]:
    """Lint in order, in this process or in ``workers`` processes.

    In parallel, ``file_jobs`` is planned a few batches ahead of the results, so
    planning overlaps checking; a configuration error met there is raised here,
    after the drafts already sent have been checked. ``first`` are jobs known now:
    their rule sets are compiled before the workers fork, so that all workers share them.
    """
    if workers <= 1:
        for job in file_jobs:
            yield _lint_file(job)
        return
    from .workers import ordered_map

    for engine in {id(e): e for e in (engine_for(job.config, job.rule_files) for job in first)}.values():
        engine.prepare()  # forked workers share what the parent compiled
    for outcome in ordered_map(_lint_batch, _batched(file_jobs, BATCH_SIZE), workers):
        yield from outcome


def _batched(items: Iterator[_FileJob], size: int) -> Iterator[list[_FileJob]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def excluded_by_config(config: Config, path: Path) -> bool:
    from .drafts import is_excluded

    base = config.base_dir
    rel = path.resolve()
    if base is not None and rel.is_relative_to(base.resolve()):
        rel = rel.relative_to(base.resolve())
    return is_excluded(rel, config.exclude)
