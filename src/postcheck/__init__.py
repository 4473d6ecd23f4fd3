"""postcheck — check social-media posts before they are published.

Checks drafts for interactivity, authenticity, timeliness, relevance, quality
and safety (hoax markers, hate speech), in Indonesian and English, and scores
them. The public API::

    import postcheck
    result = postcheck.check_text("Ayo daftar sekarang!", language="id")
    result.findings, result.scores
    report = postcheck.lint_paths(["drafts/"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["PostcheckError", "__version__", "check_text", "lint_paths"]

if TYPE_CHECKING:
    from .api import check_text, lint_paths
    from .errors import PostcheckError


def __getattr__(name: str) -> Any:
    # Imported on first use, so `postcheck --version` and the CLI start fast.
    if name in ("check_text", "lint_paths"):
        from . import api

        return getattr(api, name)
    if name == "PostcheckError":
        from .errors import PostcheckError

        return PostcheckError
    raise AttributeError(f"module 'postcheck' has no attribute {name!r}")
