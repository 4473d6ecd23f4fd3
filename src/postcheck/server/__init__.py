"""``postcheck serve``: a local page to check drafts, for writers who never open a terminal.

One page (plain HTML, CSS and JavaScript shipped as package data) and a small
JSON API over the same configuration discovery and rule sets as ``lint``,
served by the standard library's :class:`http.server.ThreadingHTTPServer` on
127.0.0.1 only. No web framework: five endpoints do not earn a dependency, and
the security checks a framework would hide are kept visible in :mod:`.app`.

>>> server = make_server(port=0)           # an ephemeral port, for tests
>>> server.url                             # doctest: +SKIP
'http://127.0.0.1:49321/'
"""

from __future__ import annotations

import sys
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..api import ConfigLike, resolve_config
from .app import MAX_BODY_BYTES, ROUTES, STATIC_FILES, PostcheckServer, create_server, loopback_address, openapi_document
from .endpoints import Service

__all__ = ["MAX_BODY_BYTES", "ROUTES", "STATIC_FILES", "PostcheckServer", "make_server", "openapi_document", "serve"]

DEFAULT_PORT = 8765


def make_server(
    port: int = DEFAULT_PORT,
    config: ConfigLike = None,
    host: str = "127.0.0.1",
    *,
    rule_files: Sequence[str] = (),
    error_log: TextIO | None = sys.stderr,
) -> PostcheckServer:
    """A bound, not yet serving, server (``port=0`` picks a free port; see ``server.url``).

    ``config`` is a file, a mapping or a :class:`~postcheck.config.Config`;
    ``None`` finds ``postcheck.yaml`` from the working folder upward, as
    ``lint -`` does. The rule set is compiled here, so a broken configuration
    or rule pack is reported before the page opens, as a
    :class:`~postcheck.errors.PostcheckError`. ``host`` must be a loopback address.
    """
    address = loopback_address(host)
    cfg = resolve_config(config, Path.cwd())
    service = Service(cfg, tuple(rule_files))
    service.engine(service.default_ui)
    return create_server((address, port), service, error_log)


def serve(
    port: int = DEFAULT_PORT,
    config: ConfigLike = None,
    host: str = "127.0.0.1",
    open_browser: bool = False,
    *,
    rule_files: Sequence[str] = (),
) -> None:
    """Serve the page until Ctrl+C, printing its address (and opening it in a browser if asked)."""
    server = make_server(port, config, host, rule_files=rule_files)
    print(f"postcheck: serving on {server.url} (this computer only; Ctrl+C to stop)", flush=True)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(server.url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("postcheck: stopped", flush=True)
    finally:
        server.server_close()
