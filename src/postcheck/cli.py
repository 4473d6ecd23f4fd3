"""The command line: parse options, call the API, render, set the exit code.

Exit codes: 0 every post passed; 1 a post failed (a finding at ``--fail-on``
severity, an error-severity safety finding, or a score under
``--fail-under``); 2 usage, configuration or input errors — always one line
on standard error, never a traceback; 3 an internal error (a bug: please
report it; ``POSTCHECK_DEBUG=1`` shows the traceback).
"""

# No ``from __future__ import annotations`` here: typer reads the option annotations of every
# command when the app starts, and evaluating them from strings took 14 of the 18 ms it spends.
import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .errors import EXIT_USAGE, PostcheckError

EXIT_OK, EXIT_FAILED, EXIT_INTERNAL = 0, 1, 3

app = typer.Typer(
    name="postcheck",
    help="Check social-media posts before they are published: interactivity, authenticity, "
    "timeliness, relevance, quality and safety, in Indonesian and English.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, explain and test rules.", no_args_is_help=False, invoke_without_command=True)
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    markdown = "markdown"
    rdjson = "rdjson"
    auto = "auto"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"postcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """postcheck: check posts before they go out."""


ConfigOpt = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="Configuration file (default: postcheck.yaml found from each draft's folder upward)."),
]
UiOpt = Annotated[
    Optional[str], typer.Option("--ui-language", help="Language of messages: id or en (default: from the environment).")
]
RulesOpt = Annotated[Optional[list[str]], typer.Option("--rules", "-r", help="Extra rule file or folder (repeatable).")]


LintPaths = Annotated[list[str], typer.Argument(help="Draft files or folders (.md, .markdown, .txt); '-' reads standard input.")]
LanguageOpt = Annotated[Optional[str], typer.Option("--language", "-l", help="Language of the drafts: id, en or auto.")]
PlatformOpt = Annotated[
    Optional[str], typer.Option("--platform", "-p", help="Platform(s), comma-separated: x, instagram, facebook, …")
]
PublishOpt = Annotated[Optional[str], typer.Option("--publish-at", help="Publish time (ISO-8601), overriding front matter.")]
ExcludeOpt = Annotated[Optional[list[str]], typer.Option("--exclude", help="Glob of files to skip (repeatable).")]
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules or categories (repeatable).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules or categories (repeatable).")]
ChangedOpt = Annotated[
    Optional[str], typer.Option("--changed-since", help="Only drafts changed since this git ref (e.g. origin/main).")
]


def _lint_report(
    paths: list[str],
    *,
    config: Path | None,
    language: str | None,
    platform: str | None,
    publish_at: str | None,
    exclude: list[str] | None,
    select: list[str] | None,
    ignore: list[str] | None,
    rules: list[str] | None,
    ui_language: str | None,
    changed_since: str | None,
    fail_on: str | None = None,
    fail_under: float | None = None,
    suggest_thread: bool = False,
    baseline: Path | None = None,
    jobs: int | None = None,
    keep_posts: bool = True,
    on_result: Any = None,
):  # type: ignore[no-untyped-def]
    from .api import lint_paths

    if language is not None and language not in ("id", "en", "auto"):
        _usage("--language must be id, en or auto")
    if ui_language is not None and ui_language not in ("id", "en"):
        _usage("--ui-language must be id or en")
    if changed_since is not None:
        from .gitchanges import changed_drafts

        if "-" in paths:
            _usage("--changed-since cannot be combined with '-' (standard input)")
        paths = [str(p) for p in changed_drafts(changed_since, paths)]
    overrides = {
        "fail_on": fail_on,
        "fail_under": fail_under,
        "ui_language": ui_language,
        "select": tuple(select) if select else None,
        "ignore": tuple(ignore) if ignore else None,
    }
    return lint_paths(
        paths,
        config=config,
        language=language,
        platform=platform,
        publish_at=publish_at,
        exclude=exclude or (),
        rule_files=rules or (),
        overrides=overrides,
        suggest_thread=suggest_thread,
        baseline=baseline,
        jobs=jobs,
        keep_posts=keep_posts,
        on_result=on_result,
    )


@app.command()
def lint(
    paths: LintPaths,
    config: ConfigOpt = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format (auto: github inside GitHub Actions, else text).")
    ] = Format.text,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write the report to this file; the terminal still shows the summary."),
    ] = None,
    language: LanguageOpt = None,
    platform: PlatformOpt = None,
    publish_at: PublishOpt = None,
    fail_on: Annotated[
        Optional[FailOn], typer.Option("--fail-on", help="Fail a post on findings of this severity or worse.")
    ] = None,
    fail_under: Annotated[
        Optional[float], typer.Option("--fail-under", min=0, max=100, help="Fail a post whose overall score is below this.")
    ] = None,
    max_warnings: Annotated[
        Optional[int], typer.Option("--max-warnings", min=0, help="Fail the run when there are more warnings than this.")
    ] = None,
    exclude: ExcludeOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: RulesOpt = None,
    ui_language: UiOpt = None,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", help="Only report findings not in this baseline file.")
    ] = None,
    changed_since: ChangedOpt = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores for 200+ drafts).")
    ] = None,
    suggest_thread: Annotated[
        bool,
        typer.Option("--suggest-thread", help="For drafts over a platform's limit, show how they split into a numbered thread."),
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when posts fail (input and config errors still exit 2).")
    ] = False,
) -> None:
    """Check drafts and print a scored, explained report."""
    from .reports import NEEDS_POSTS

    chosen = format.value
    if chosen == "auto":
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    lines = None
    if chosen == "json":
        from .reports.json import ResultLines

        lines = ResultLines()  # written while the workers check
    report = _lint_report(
        paths,
        config=config,
        language=language,
        platform=platform,
        publish_at=publish_at,
        exclude=exclude,
        select=select,
        ignore=ignore,
        rules=rules,
        ui_language=ui_language,
        changed_since=changed_since,
        fail_on=fail_on.value if fail_on else None,
        fail_under=fail_under,
        suggest_thread=suggest_thread,
        baseline=baseline,
        jobs=jobs,
        keep_posts=chosen in NEEDS_POSTS,
        on_result=lines,
    )
    ui = _ui(ui_language, report)
    from .reports import render

    if chosen == "text" and output is None:
        from .reports import text as text_report

        text_report.write(report, ui)
    else:
        rendered = render(chosen, report, ui_language=ui, lines=lines)
        if output is not None:
            _write_output(output, rendered)
            from .reports import text as text_report

            text_report.render_summary(report, text_report.console_for(), ui, output)
        else:
            sys.stdout.write(rendered)
    if not report.results and not report.problems:
        print("postcheck: no drafts to check (.md, .markdown, .txt; a postcheck.yaml is configuration)", file=sys.stderr)
    # every format: a script that keeps standard error sees what was not checked, and why
    for problem in report.problems:
        print(f"postcheck: {problem}", file=sys.stderr)
    if report.problems:
        raise typer.Exit(EXIT_USAGE)
    too_many = max_warnings is not None and report.summary()["warnings"] > max_warnings
    if too_many:
        print(f"postcheck: {report.summary()['warnings']} warnings, more than --max-warnings {max_warnings}", file=sys.stderr)
    failed = not report.passed or too_many
    raise typer.Exit(EXIT_FAILED if failed and not exit_zero else EXIT_OK)


def _write_output(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise PostcheckError(f"cannot write the report: {exc.strerror or exc}", path=path) from None


@app.command("baseline")
def baseline_cmd(
    paths: LintPaths,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path(".postcheck-baseline.json"),
    config: ConfigOpt = None,
    language: LanguageOpt = None,
    platform: PlatformOpt = None,
    publish_at: PublishOpt = None,
    exclude: ExcludeOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Record today's findings, so that 'lint --baseline FILE' reports only new ones."""
    from . import baseline as baseline_file

    report = _lint_report(
        paths,
        config=config,
        language=language,
        platform=platform,
        publish_at=publish_at,
        exclude=exclude,
        select=select,
        ignore=ignore,
        rules=rules,
        ui_language=None,
        changed_since=None,
    )
    for problem in report.problems:
        print(f"postcheck: {problem}", file=sys.stderr)
    count = baseline_file.write(report, output)
    typer.echo(f"postcheck: {count} findings in {len(report.results)} posts recorded in {output}")
    raise typer.Exit(EXIT_USAGE if report.problems else EXIT_OK)


@app.command()
def fix(
    paths: LintPaths,
    diff: Annotated[bool, typer.Option("--diff", help="Show the changes as a unified diff; write nothing.")] = False,
    config: ConfigOpt = None,
    language: LanguageOpt = None,
    platform: PlatformOpt = None,
    publish_at: PublishOpt = None,
    exclude: ExcludeOpt = None,
    select: SelectOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Apply safe fixes (spelling, month and day names, time format) in place, atomically.

    Only the fixed characters change; encoding, line endings and front matter are kept. With
    --diff nothing is written and the exit code is 1 when there is something to fix (a check mode).
    """
    from .fixer import fix_paths

    report = fix_paths(
        paths,
        diff_only=diff,
        config=config,
        language=language,
        platform=platform,
        publish_at=publish_at,
        select=tuple(select or ()),
        exclude=tuple(exclude or ()),
        rule_files=tuple(rules or ()),
    )
    if diff:
        sys.stdout.write(report.diff())
    else:
        for item in report.files:
            if item.changed:
                typer.echo(f"{item.path}: {len(item.edits)} fix{'es' if len(item.edits) != 1 else ''}")
    for item in report.files:
        if not item.converged:
            print(f"postcheck: {item.path}: fixes keep changing the text; stopped after a few rounds", file=sys.stderr)
    for problem in report.problems:
        print(f"postcheck: {problem}", file=sys.stderr)
    if report.problems:
        raise typer.Exit(EXIT_USAGE)
    changed = any(item.changed for item in report.files)
    raise typer.Exit(EXIT_FAILED if diff and changed else EXIT_OK)


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def audit(
    path: Annotated[Path, typer.Argument(help="An export folder, a .zip as downloaded, or a CSV/JSON Lines file.")],
    config: ConfigOpt = None,
    format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="text (summary), json (the report), csv (one row per post).")
    ] = AuditFormat.text,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", help="Write the json/csv output to this file (with --engine dask: a folder of per-post rows)."
        ),
    ] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write a self-contained HTML report.")] = None,
    source_format: Annotated[
        Optional[str],
        typer.Option(
            "--source-format", help="x, facebook, instagram, mastodon, linkedin, meta-csv, bluesky, csv, jsonl, drafts."
        ),
    ] = None,
    include_reposts: Annotated[bool, typer.Option("--include-reposts", help="Also check retweets, boosts and shares.")] = False,
    since: Annotated[
        Optional[str], typer.Option("--since", help="Only posts published at or after this time (ISO-8601).")
    ] = None,
    until: Annotated[
        Optional[str], typer.Option("--until", help="Only posts published at or before this time (ISO-8601).")
    ] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")] = None,
    text_column: Annotated[
        Optional[str], typer.Option("--text-column", help="Text column of a generic CSV/JSON Lines file.")
    ] = None,
    time_column: Annotated[
        Optional[str], typer.Option("--time-column", help="Publish-time column of a generic CSV/JSON Lines file.")
    ] = None,
    rules: RulesOpt = None,
    ui_language: UiOpt = None,
    engine: Annotated[str, typer.Option("--engine", help="local (processes on this machine) or dask.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (with --engine dask).")] = None,
    fail_under: Annotated[
        Optional[float], typer.Option("--fail-under", min=0, max=100, help="Exit 1 when the mean overall score is below this.")
    ] = None,
) -> None:
    """Audit a platform export: scores, trends, consistency, duplicates, worst posts."""
    from .api import resolve_config
    from .audit import audit as run_audit
    from .config import with_overrides
    from .timeparse import parse_datetime

    if ui_language is not None and ui_language not in ("id", "en"):
        _usage("--ui-language must be id or en")
    if engine not in ("local", "dask"):
        _usage("--engine must be local or dask")
    cfg = resolve_config(config, path if path.is_dir() else path.parent)
    cfg = with_overrides(cfg, ui_language=ui_language)
    window: dict[str, Any] = {}
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                window[name] = parse_datetime(value, cfg.tz)
            except ValueError as exc:
                _usage(f"--{name}: {exc}")
    ui = cfg.resolved_ui_language()
    if engine == "dask":
        from .dask_engine import audit_dask

        if format is AuditFormat.csv and output is None:
            _usage("--engine dask writes per-post rows to a folder: give --output DIR with --format csv")
        report = audit_dask(
            path,
            config=cfg,
            scheduler=scheduler,
            source_format=source_format,
            include_reposts=include_reposts,
            text_column=text_column,
            time_column=time_column,
            rule_files=tuple(rules or ()),
            output=output,
            since=window.get("since"),
            until=window.get("until"),
            row_format="csv" if format is AuditFormat.csv else "jsonl",
            jobs=jobs,
        )
    else:
        stream = None
        writer = None
        if format is AuditFormat.csv:
            from .reports.audit_csv import CsvWriter

            stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
            writer = CsvWriter(stream, cfg.tz)
        show_bar = sys.stderr.isatty() and (format is not AuditFormat.csv or output is not None)
        progress = _progress_bar() if show_bar else None
        try:
            with progress or _null() as bar:
                report = run_audit(
                    path,
                    config=cfg,
                    source_format=source_format,
                    include_reposts=include_reposts,
                    jobs=jobs,
                    text_column=text_column,
                    time_column=time_column,
                    rule_files=tuple(rules or ()),
                    on_post=writer,
                    progress=bar,
                    **window,
                )
        finally:
            if stream is not None and stream is not sys.stdout:
                stream.close()
    data = report.data
    generic = data.get("source", {}).get("format") in ("csv", "jsonl")
    if time_column is None and generic and data["counts"]["posts"] and data.get("window", {}).get("first") is None:
        # A generic file has no agreed time field: without one, every post is undated.
        print(
            "postcheck: no post has a publish time; name the time field with --time-column "
            "(timeliness checks and the posting-time figures need it)",
            file=sys.stderr,
        )
    if format is AuditFormat.json:
        import json

        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output and engine != "dask":  # with Dask, --output is the folder of per-post rows
            _write_output(output, text)
        else:
            sys.stdout.write(text)
    if format is AuditFormat.text or output is not None:
        from .reports import audit_text
        from .reports.text import console_for

        console = console_for(stderr=format is not AuditFormat.text)
        audit_text.render(data, console, ui)
    if html is not None:
        from .reports.audit_html import render_html

        _write_output(html, render_html(data, ui_language=ui))
        print(f"postcheck: HTML report written to {html}", file=sys.stderr)
    if fail_under is not None and (data["scores"]["overall"]["mean"] or 0) < fail_under:
        raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(EXIT_OK)


def _progress_bar():  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    class _Bar:
        def __enter__(self):  # type: ignore[no-untyped-def]
            self.progress = Progress(
                TextColumn("postcheck audit"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
                console=None,
            )
            self.progress.__enter__()
            self.task = self.progress.add_task("posts", total=None)
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            self.progress.__exit__(*exc)

        def __call__(self, n: int) -> None:
            self.progress.advance(self.task, n)

    return _Bar()


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")] = 8765,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Also open the page in the default browser.")] = False,
) -> None:
    """Serve a local page (127.0.0.1 only) to check drafts as you type: highlights, fixes, scores, length meters."""
    from .server import serve as run_server

    run_server(port=port, config=config, open_browser=open_browser, rule_files=tuple(rules or ()))


@app.command()
def init(
    organization: Annotated[Optional[str], typer.Option("--organization", help="Name of the institution.")] = None,
    language: Annotated[Optional[str], typer.Option("--language", help="Language of the posts: id, en or auto.")] = None,
    platform: PlatformOpt = None,
    timezone: Annotated[str, typer.Option("--timezone", help="Zone of publish times (Asia/Jakarta, WITA, …).")] = "Asia/Jakarta",
    keywords: Annotated[Optional[str], typer.Option("--keywords", help="Topics, comma-separated.")] = None,
    handles: Annotated[Optional[str], typer.Option("--handles", help="Official handles, comma-separated.")] = None,
    domains: Annotated[Optional[str], typer.Option("--domains", help="Official websites, comma-separated.")] = None,
    path: Annotated[Path, typer.Option("--path", help="Where to write.")] = Path("postcheck.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a commented postcheck.yaml for a new repository (asks when run in a terminal)."""
    from .initconfig import render as render_config
    from .initconfig import write as write_config

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        organization = organization if organization is not None else typer.prompt("Organization", default="")
        language = language or typer.prompt("Language of the posts (id, en, auto)", default="id")
        platform = platform if platform is not None else typer.prompt("Platforms (comma-separated, empty for none)", default="")
    language = language or "auto"
    if language not in ("id", "en", "auto"):
        _usage("--language must be id, en or auto")

    def split(value: str | None) -> list[str]:
        return [v.strip() for v in (value or "").split(",") if v.strip()]

    text = render_config(
        organization=organization or "",
        language=language,
        platforms=split(platform),
        timezone=timezone,
        keywords=split(keywords),
        handles=split(handles),
        domains=split(domains),
    )
    write_config(path, text, force=force)
    typer.echo(f"postcheck: wrote {path}")


def _ui(option: str | None, report: object = None) -> str:
    if option:
        return option
    from .config import ui_language_from_env

    return ui_language_from_env()


def _load_rules(config: Path | None, rules: list[str] | None, near: Path | None = None):  # type: ignore[no-untyped-def]
    from .api import resolve_config
    from .engine import engine_for

    cfg = resolve_config(config, near or Path.cwd())
    return cfg, engine_for(cfg, tuple(rules or ()))


@rules_app.callback()
def _rules_default(ctx: typer.Context, config: ConfigOpt = None, rules: RulesOpt = None) -> None:
    """With no subcommand: list the active rules."""
    if ctx.invoked_subcommand is None:
        rules_list(config=config, rules=rules)


@rules_app.command("list")
def rules_list(
    config: ConfigOpt = None, rules: RulesOpt = None, format: Annotated[Format, typer.Option("--format", "-f")] = Format.text
) -> None:
    """List the active rules: id, category, severity, kind."""
    _, engine = _load_rules(config, rules)
    if format is Format.json:
        import json

        rows = [
            {
                "id": r.id,
                "category": r.category,
                "severity": r.severity,
                "kind": r.kind,
                "languages": list(r.languages),
                "file": r.file,
            }
            for r in engine.rules
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = max((len(r.id) for r in engine.rules), default=10)
    for r in engine.rules:
        langs = ",".join(r.languages) or "all"
        typer.echo(f"{r.id:<{width}}  {r.category:<13} {r.severity:<8} {r.kind:<12} {langs}")
    typer.echo(f"{len(engine.rules)} rules")


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. authenticity/spread-demand")],
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    ui_language: UiOpt = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Show a rule's documentation: what it checks, why, examples, options."""
    from .ruledoc import explain, explain_text

    _, engine = _load_rules(config, rules)
    match = next((r for r in engine.rules if r.id == rule_id), None)
    if match is None:
        close = [r.id for r in engine.rules if rule_id in r.id][:5]
        hint = f" (did you mean: {', '.join(close)})" if close else ""
        _usage(f"unknown rule '{rule_id}'{hint}")
    ui = _ui(ui_language)
    if format is Format.json:
        import json

        sys.stdout.write(json.dumps(explain(match, ui), ensure_ascii=False, indent=2, default=list) + "\n")
    else:
        sys.stdout.write(explain_text(match, ui))


@rules_app.command("test")
def rules_test(
    files: Annotated[Optional[list[str]], typer.Argument(help="Rule files or folders (default: the active rule set).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Run the examples of rules: every 'bad' example must fire, every 'good' one must not."""
    from .api import resolve_config
    from .checks import CompileContext
    from .ruleset import compile_rules, iter_rule_files, load_rule_file
    from .ruletest import run_examples

    cfg = resolve_config(config, Path.cwd())
    if files:
        loaded = [rule for path, builtin in iter_rule_files(files, Path.cwd()) for rule in load_rule_file(path, builtin=builtin)]
        compiled = compile_rules(loaded, CompileContext(profile=cfg.profile, timezone=cfg.tz))
    else:
        _, engine = _load_rules(config, None)
        compiled = engine.rules
    total = failed = 0
    for outcome in run_examples(compiled, cfg):
        total += 1
        if not outcome.ok:
            failed += 1
            typer.echo(outcome.describe())
    no_examples = [r.id for r in compiled if not r.examples]
    for rid in no_examples:
        typer.echo(f"warning: rule '{rid}' has no examples")
    typer.echo(f"{total - failed} passed, {failed} failed")
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _usage(message: str) -> NoReturn:
    print(f"postcheck: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_USAGE)


def entry() -> None:
    """The ``postcheck`` command (and ``python -m postcheck``): :func:`main` in a process of its own."""
    try:
        main()
    finally:
        # Everything still alive lives until the process ends: without this, the collections
        # at interpreter shutdown walk every rule, word list and module again (about 30 ms of
        # a one-draft lint). Output is flushed and exit handlers run as usual. Not in main(),
        # which tests and tools call in-process: there, garbage frozen now would never be freed.
        gc.freeze()


def main() -> None:
    """Entry point: run the app, turning every error into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except PostcheckError as exc:
        print(f"postcheck: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("postcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:
        # Usage errors of the argument parser (click, vendored by typer) carry
        # their exit code (2) and print themselves.
        code = getattr(exc, "exit_code", None)
        if hasattr(exc, "show") and isinstance(code, int):
            exc.show()
            sys.exit(code)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        if os.environ.get("POSTCHECK_DEBUG"):
            raise
        print(
            f"postcheck: internal error: {type(exc).__name__}: {exc} (please report; set POSTCHECK_DEBUG=1 for details)",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
