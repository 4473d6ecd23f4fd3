"""``postcheck init``: a commented ``postcheck.yaml`` for a new repository.

The file is written from a template with the answers filled in, so it stays
readable and explains every key; the result is validated by loading it back
before it is written, and an existing file is never overwritten unless asked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .config import parse_config
from .errors import PostcheckError
from .yamlsafe import load_yaml

TEMPLATE = """\
# postcheck configuration — found from each draft's own folder upward.
# Every key is optional; `postcheck rules` lists the active rules.

extends:
  - builtin                 # the six built-in packs; add your own files, e.g. ./rules/house.yaml

language: {language}              # auto | id | en — a declared language skips detection
timezone: {timezone}      # publish times without a zone are read in this zone
ui_language: {ui_language}             # language of messages: id | en
platform: {platforms}        # platforms drafts are checked for when they name none

profile:                    # used by the relevance rules
  organization: {organization}
  language: {profile_language}
  keywords: {keywords}      # topics the account posts about
  handles: {handles}        # the institution's own and partner accounts
  domains: {domains}        # official websites; links to them count as sources

fail_on: error              # a post fails on an error finding (and always on a safety error)
# fail_under: 60            # … or when its overall score is below this

# rules:                    # per rule or category: error | warning | info | off
#   interactivity/audience-question: off

exclude:
  - "**/arsip/**"
"""


def _flow(items: Sequence[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def render(
    *,
    organization: str = "",
    language: str = "auto",
    platforms: Sequence[str] = (),
    timezone: str = "Asia/Jakarta",
    keywords: Sequence[str] = (),
    handles: Sequence[str] = (),
    domains: Sequence[str] = (),
) -> str:
    """The configuration text for these answers (validated)."""
    ui = language if language in ("id", "en") else "id"
    text = TEMPLATE.format(
        language=language,
        timezone=timezone,
        ui_language=ui,
        platforms=_flow(platforms),
        organization=json.dumps(organization, ensure_ascii=False),
        profile_language=language if language in ("id", "en") else "id",
        keywords=_flow(keywords),
        handles=_flow([h.lstrip("@") for h in handles]),
        domains=_flow(domains),
    )
    data = load_yaml(text, path="postcheck.yaml", error=PostcheckError)
    parse_config(data, None)
    return text


def write(path: Path, text: str, *, force: bool = False) -> None:
    """Write the configuration; refuse to replace an existing file unless ``force``."""
    if path.exists() and not force:
        raise PostcheckError(f"{path} already exists (use --force to replace it)")
    path.write_text(text, encoding="utf-8")
