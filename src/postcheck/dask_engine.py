"""Audits on Dask (``postcheck audit --engine dask``): see issue 10.

Needs the optional extra: ``pip install "postcheck[dask]"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import PostcheckError

INSTALL_HINT = 'the Dask engine needs the optional extra: pip install "postcheck[dask]"'


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise PostcheckError(INSTALL_HINT) from None


def audit_dask(path: Path, **kwargs: Any) -> Any:
    """Run the audit on a Dask cluster (a LocalCluster when no scheduler is given)."""
    _require_dask()
    raise PostcheckError("the Dask engine is not available in this version yet")
