"""``postcheck audit --format csv``: one row per post, written as posts are checked.

Rows stream out in source order while the audit runs, so a million-post
archive never sits in memory. Columns: locator, publish time (account zone),
platform, language, the overall and category scores, passed, counts of
errors/warnings/infos, and the ids of the rules that fired.
"""

from __future__ import annotations

import csv
from typing import IO

from ..audit.check import SCORE_KEYS, PostSummary

COLUMNS = ("locator", "publish_at", "platform", "language", *SCORE_KEYS, "passed", "errors", "warnings", "infos", "rules")


class CsvWriter:
    """Writes the header once, then one row per post summary."""

    def __init__(self, stream: IO[str], zone: object) -> None:
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(COLUMNS)
        self.zone = zone
        self.rows = 0

    def __call__(self, s: PostSummary) -> None:
        if s.error is not None:
            return
        when = s.publish_at.astimezone(self.zone).isoformat(timespec="seconds") if s.publish_at else ""  # type: ignore[arg-type]
        severities = [f.severity for f in s.findings]
        rules = sorted({f.rule for f in s.findings})
        self.writer.writerow([
            s.locator, when, s.platform or "", s.language, *(f"{v:.1f}" for v in s.scores), "yes" if s.passed else "no",
            severities.count("error"), severities.count("warning"), severities.count("info"), " ".join(rules),
        ])
        self.rows += 1
