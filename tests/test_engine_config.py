"""Configuration discovery and overrides, suppression comments, scores and verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

import postcheck
from postcheck.config import Config, find_config_file, load_config, parse_config
from postcheck.errors import ConfigError
from postcheck.results import Finding
from postcheck.scoring import score
from postcheck.suppress import parse_suppressions


class TestConfigDiscovery:
    def test_nearest_file_from_the_draft_folder(self, tmp_path: Path) -> None:
        (tmp_path / "postcheck.yaml").write_text("language: id\n")
        sub = tmp_path / "a" / "b"
        sub.mkdir(parents=True)
        (tmp_path / "a" / ".postcheck.yaml").write_text("language: en\n")
        assert find_config_file(sub) == tmp_path / "a" / ".postcheck.yaml"
        assert find_config_file(tmp_path) == tmp_path / "postcheck.yaml"

    def test_pyproject_section(self, tmp_path: Path) -> None:
        (tmp_path / "pyproject.toml").write_text('[tool.postcheck]\nlanguage = "en"\nfail_under = 70\n')
        found = find_config_file(tmp_path)
        assert found == tmp_path / "pyproject.toml"
        cfg = load_config(found)
        assert (cfg.language, cfg.fail_under) == ("en", 70.0)

    def test_pyproject_without_section_is_skipped(self, tmp_path: Path) -> None:
        (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
        assert find_config_file(tmp_path) != tmp_path / "pyproject.toml"

    def test_lint_uses_each_files_own_config(self, tmp_path: Path) -> None:
        strict, lax = tmp_path / "strict", tmp_path / "lax"
        for folder in (strict, lax):
            folder.mkdir()
            (folder / "d.txt").write_text("Silahkan datang.\n")
        (strict / "postcheck.yaml").write_text("rules: {quality/spelling-id: error}\nlanguage: id\n")
        (lax / "postcheck.yaml").write_text("rules: {quality/spelling-id: 'off'}\nlanguage: id\n")
        report = postcheck.lint_paths([tmp_path])
        by_folder = {Path(r.path).parent.name: r for r in report.results}
        assert [f.severity for f in by_folder["strict"].findings if f.rule == "quality/spelling-id"] == ["error"]
        assert not [f for f in by_folder["lax"].findings if f.rule == "quality/spelling-id"]
        assert not by_folder["strict"].passed and by_folder["lax"].passed


class TestConfigValidation:
    @pytest.mark.parametrize(
        ("text", "message", "line"),
        [
            ("language: id\nfrobnicate: 1\n", "'frobnicate': unknown key", 2),
            ("timezone: Mars/Olympus\n", "unknown time zone", 1),
            ("fail_under: 150\n", "between 0 and 100", 1),
            ("rules:\n  quality/x: loud\n", "expected one of", 1),
            ("profile: {keywords: [a], colour: red}\n", "unknown key 'colour'", 1),
            ("scoring: {penalties: {fatal: 3}}\n", "'penalties' maps", 1),
            ("extends: 3\n", "expected a name or a list", 1),
        ],
    )
    def test_errors_name_file_and_line(self, tmp_path: Path, text: str, message: str, line: int) -> None:
        path = tmp_path / "postcheck.yaml"
        path.write_text(text)
        with pytest.raises(ConfigError) as info:
            load_config(path)
        assert message in str(info.value)
        assert str(info.value).startswith(f"{path}:{line}:")

    def test_per_rule_and_category_settings(self) -> None:
        cfg = parse_config({"rules": {"quality": "error", "quality/anda-capital": "off"}, "select": ["quality"]}, None)
        result = postcheck.check_text("Silahkan hubungi anda punya petugas.", language="id", config=cfg)
        rules = {f.rule: f.severity for f in result.findings}
        assert rules == {"quality/spelling-id": "error"}

    def test_ignore_by_category(self) -> None:
        result = postcheck.check_text("Silahkan datang!!", language="id", config={"ignore": ["quality", "authenticity"]})
        assert not [f for f in result.findings if f.category in ("quality", "authenticity")]

    def test_extends_own_rule_file(self, tmp_path: Path) -> None:
        (tmp_path / "house.yaml").write_text(
            "- id: house/no-kami\n  kind: existence\n  category: quality\n  severity: error\n"
            "  message: 'Hindari {match}'\n  tokens: [kami]\n"
        )
        (tmp_path / "postcheck.yaml").write_text("extends: [house.yaml]\n")
        (tmp_path / "d.md").write_text("Kami hadir.\n")
        report = postcheck.lint_paths([tmp_path / "d.md"])
        assert [f.rule for f in report.results[0].findings] == ["house/no-kami"]


class TestSuppression:
    def test_next_line_range_and_file(self) -> None:
        src = (
            "<!-- postcheck-disable-next-line quality/spelling-id -->\n"
            "Silahkan\n"
            "Silahkan\n"
            "<!-- postcheck-disable authenticity -->\n"
            "x\n"
            "<!-- postcheck-enable authenticity -->\n"
            "y\n"
        )
        s = parse_suppressions(src)
        assert s.silenced("quality/spelling-id", 2)
        assert not s.silenced("quality/spelling-id", 3)
        assert s.silenced("authenticity/shouting", 5)
        assert not s.silenced("authenticity/shouting", 7)
        assert not s.silenced("quality/spelling-id", 5)

    def test_whole_file(self) -> None:
        s = parse_suppressions("<!-- postcheck-disable-file -->\nanything")
        assert s.silenced("safety/threat", 99)

    def test_end_to_end(self, tmp_path: Path) -> None:
        draft = tmp_path / "d.md"
        draft.write_text(
            "---\nlang: id\n---\n<!-- postcheck-disable-next-line quality/spelling-id -->\nSilahkan masuk.\nSilahkan duduk.\n"
        )
        report = postcheck.lint_paths([draft], config=Config())
        lines = [f.line for f in report.results[0].findings if f.rule == "quality/spelling-id"]
        assert lines == [6]


def finding(rule: str, category: str, severity: str) -> Finding:
    return Finding(rule, category, severity, "m", 1, 1, 1, 2, "x")


class TestScoring:
    def test_points_are_traceable(self) -> None:
        penalties = {"error": 25.0, "warning": 10.0, "info": 2.0}
        found = [
            finding("a/x", "authenticity", "warning"),
            finding("a/y", "authenticity", "error"),
            finding("q/z", "quality", "info"),
        ]
        charged, scores = score(found, {"a/y": 2.0}, penalties, dict.fromkeys(scores_keys(), 1.0))
        assert [f.points for f in charged] == [10.0, 50.0, 2.0]
        assert scores["authenticity"] == 40.0
        assert scores["quality"] == 98.0
        assert scores["overall"] == 100 - sum(f.points for f in charged)

    def test_category_floor_and_weights(self) -> None:
        penalties = {"error": 25.0, "warning": 10.0, "info": 2.0}
        found = [finding("s/x", "safety", "error")] * 6
        charged, scores = score(found, {}, penalties, {**dict.fromkeys(scores_keys(), 1.0), "safety": 0.5})
        assert scores["safety"] == 0.0
        assert sum(f.points for f in charged) == 100.0
        assert scores["overall"] == 50.0

    def test_safety_error_fails_whatever_the_score(self) -> None:
        result = postcheck.check_text("Dasar monyet kalian!", language="id", config={"fail_on": "never", "fail_under": 0})
        assert not result.passed
        assert result.results[0].reasons == ["safety error"]

    def test_fail_under(self) -> None:
        result = postcheck.check_text("Silahkan antri.", language="id", config={"fail_under": 95, "fail_on": "never"})
        assert not result.passed
        assert result.results[0].reasons[0].startswith("score ")


def scores_keys() -> tuple[str, ...]:
    from postcheck.ruleset import CATEGORIES

    return CATEGORIES


@pytest.mark.parametrize(
    ("config_text", "args", "message"),
    [
        ("select:\n  - safety\n  - quality/nope\n", [], "postcheck.yaml:3: 'select': no rule or category 'quality/nope'"),
        ("rules:\n  safety/profanity-id: off\n  safety/profanty-en: warning\n", [], "postcheck.yaml:3: 'rules': no rule or"),
        ("ignore: safty\n", [], "postcheck.yaml:1: 'ignore': no rule or category 'safty' (categories: authenticity,"),
        ("", ["--select", "safety/profanty-en"], "--select: no rule or category 'safety/profanty-en' (did you mean safety/pro"),
        ("", ["--ignore", "safety/insult"], "--ignore: no rule or category 'safety/insult'"),
    ],
)
def test_a_reference_to_no_rule_is_a_usage_error(cli, tmp_path: Path, config_text: str, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    """A typo in select/ignore/rules would silently check something else: exit 2, with file and line."""
    if config_text:
        (tmp_path / "postcheck.yaml").write_text(config_text, encoding="utf-8")
    (tmp_path / "d.md").write_text("Halo semua.\n", encoding="utf-8")
    result = cli(["lint", *args, str(tmp_path / "d.md")])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_references_by_category_prefix_or_star_are_accepted(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "d.md").write_text("Halo semua.\n", encoding="utf-8")
    for args in (["--select", "*"], ["--select", "safety/"], ["--ignore", "quality", "--select", "safety/profanity-id"]):
        assert cli(["lint", "--exit-zero", *args, str(tmp_path / "d.md")]).exit_code == 0, args


def test_extra_rule_files_are_relative_to_the_working_directory(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``--rules house.yaml`` names a file where the user is, not beside the drafts' postcheck.yaml."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "postcheck.yaml").write_text("language: id\n", encoding="utf-8")
    (drafts / "d.md").write_text("Kami hadir hari ini.\n", encoding="utf-8")
    (tmp_path / "house.yaml").write_text(
        "- id: house/no-kami\n  kind: existence\n  category: quality\n  severity: warning\n  message: 'Hindari {match}'\n"
        "  tokens: [kami]\n  examples:\n    bad: ['Kami hadir']\n    good: ['Saya hadir']\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = cli(["lint", "--exit-zero", "--format", "json", "--rules", "house.yaml", str(drafts / "d.md")])
    assert result.exit_code == 0, result.stderr
    assert '"house/no-kami"' in result.stdout


def test_an_option_typo_is_blamed_on_the_option_and_a_python_mapping_on_its_key(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "postcheck.yaml").write_text("select: [safety, qualty/long-sentence]\n", encoding="utf-8")
    (tmp_path / "d.md").write_text("Halo semua.\n", encoding="utf-8")
    result = cli(["lint", "--select", "qualty/long-sentence", str(tmp_path / "d.md")])
    assert result.exit_code == 2 and result.stderr.startswith("postcheck: --select: no rule"), result.stderr
    with pytest.raises(ConfigError, match=r"^'select': no rule or category 'safty'"):
        postcheck.check_text("halo", config={"select": ["safty"]})


def test_fix_refuses_a_select_that_names_no_rule(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "d.md"
    draft.write_text("Silahkan datang disini.\n", encoding="utf-8")
    result = cli(["fix", str(draft), "--select", "qualty"])
    assert result.exit_code == 2 and "--select: no rule or category 'qualty'" in result.stderr
    assert draft.read_text(encoding="utf-8") == "Silahkan datang disini.\n"


def test_naming_only_a_configuration_file_says_there_was_nothing_to_check(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "postcheck.yaml").write_text("language: id\n", encoding="utf-8")
    result = cli(["lint", str(tmp_path / "postcheck.yaml")])
    assert result.exit_code == 0 and "no drafts to check" in result.stderr
