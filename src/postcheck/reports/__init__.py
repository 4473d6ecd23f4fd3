"""Report renderers: one module per format, all taking the same result objects."""

from __future__ import annotations

FORMATS = ("text", "json")
