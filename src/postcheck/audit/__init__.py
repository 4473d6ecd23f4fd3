"""Batch audits of platform exports: streaming, parallel, aggregated.

``postcheck.audit.audit(path)`` returns an :class:`AuditReport` whose ``data``
is the documented JSON shape (docs/audit-report.md).
"""

from __future__ import annotations

from .run import AuditReport, audit

__all__ = ["AuditReport", "audit"]
