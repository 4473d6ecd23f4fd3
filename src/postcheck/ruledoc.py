"""A rule's documentation in fixed sections, for ``postcheck rules explain``.

What it checks · Why it matters (with its source) · Examples that fail ·
Examples that pass · Options — the same sections for every rule, built from
the rule's own data, so documentation cannot drift from behaviour.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from .checks import KINDS
from .ruleset import Rule


def _what(rule: Rule, ui: str) -> str:
    """The rule's own description, else its message and what its kind does."""
    if rule.description:
        return rule.description
    module = sys.modules[KINDS[rule.kind].__module__]
    kind_doc = (module.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    # The message's fields ({match}, {count}, …) are filled per finding; here they stand for "…".
    message = _FIELD.sub("…", rule.message_for(ui)).replace("{{", "{").replace("}}", "}")
    return f"{message}\n({kind_doc})"


_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def explain(rule: Rule, ui: str = "en") -> dict[str, Any]:
    """The sections of a rule's documentation as data."""
    options = {k: v for k, v in rule.options.items()}
    return {
        "id": rule.id,
        "kind": rule.kind,
        "category": rule.category,
        "severity": rule.severity,
        "languages": list(rule.languages) or ["all"],
        "platforms": list(rule.platforms) or ["all"],
        "what_it_checks": _what(rule, ui),
        "message": rule.message,
        "why_it_matters": rule.rationale,
        "source": rule.source,
        "link": rule.link,
        "examples_fail": [e.text for e in rule.examples if e.bad],
        "examples_pass": [e.text for e in rule.examples if not e.bad],
        "options": options,
        "defined_at": f"{rule.file}:{rule.line}",
    }


_HEADINGS = {
    "en": ("What it checks", "Why it matters", "Source", "Examples that fail", "Examples that pass", "Options"),
    "id": ("Yang diperiksa", "Mengapa penting", "Sumber", "Contoh yang gagal", "Contoh yang lolos", "Opsi"),
}


def explain_text(rule: Rule, ui: str = "en") -> str:
    """Plain-text documentation (Markdown-compatible) of one rule."""
    doc = explain(rule, ui)
    what, why, source, bad, good, opts = _HEADINGS.get(ui, _HEADINGS["en"])
    lines = [
        f"# {rule.id}",
        f"{rule.category} · {rule.severity} · kind {rule.kind} · languages: {', '.join(doc['languages'])}"
        f" · platforms: {', '.join(doc['platforms'])}",
        "",
        f"## {what}",
        doc["what_it_checks"],
        "",
        f"## {why}",
        doc["why_it_matters"] or "-",
        f"{source}: {doc['source'] or '-'}",
        "",
        f"## {bad}",
        *([f"- {e}" for e in doc["examples_fail"]] or ["-"]),
        "",
        f"## {good}",
        *([f"- {e}" for e in doc["examples_pass"]] or ["-"]),
        "",
        f"## {opts}",
    ]
    for key, value in doc["options"].items():
        lines.append(f"- {key}: {json.dumps(value, ensure_ascii=False, default=list)}")
    if not doc["options"]:
        lines.append("-")
    if doc["link"]:
        lines += ["", doc["link"]]
    return "\n".join(lines) + "\n"
