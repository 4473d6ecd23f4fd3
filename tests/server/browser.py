"""Headless Chromium driven over the DevTools protocol, with the standard library only.

Chromium's ``--remote-debugging-pipe`` speaks the protocol as NUL-separated
JSON messages on file descriptors 3 (commands in) and 4 (replies and events
out) — the transport Playwright itself uses — so neither a websocket client nor
a browser-automation package is needed: the test suite gains no dependency and
never downloads a browser. The browser is started with :func:`os.posix_spawn`,
whose file actions place the pipes on descriptors 3 and 4 without running
Python code in the child (safe while the server under test runs in a thread).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import signal
import time
from pathlib import Path
from typing import Any

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags for an offline machine: no first-run, sync, component or network chatter; no GPU; no sandbox (root in CI).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--remote-debugging-pipe",
)


def find_browser() -> str | None:
    """A Chromium executable: ``$POSTCHECK_CHROMIUM``, else the first of :data:`BROWSER_NAMES` on ``PATH``."""
    if os.name != "posix" or not hasattr(os, "posix_spawn"):
        return None  # the pipe transport needs descriptors 3 and 4, a POSIX notion
    chosen = os.environ.get("POSTCHECK_CHROMIUM")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class DevToolsError(RuntimeError):
    """The browser answered a command with an error, closed the pipe, or did not answer in time."""


class Browser:
    """One headless browser process and its DevTools pipe; use as a context manager."""

    def __init__(
        self, executable: str, profile_dir: Path, log_path: Path, *, width: int = 1280, height: int = 900, lang: str = "en-US"
    ) -> None:
        import fcntl  # POSIX only, like the rest of this class

        command_read, command_write = os.pipe()
        reply_read, reply_write = os.pipe()
        # Lift the child's ends above 10, so placing them on 3 and 4 cannot overwrite one with the other.
        child_in = fcntl.fcntl(command_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(reply_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(command_read)
        os.close(reply_write)
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        argv = [
            executable,
            *FLAGS,
            f"--user-data-dir={profile_dir}",
            f"--window-size={width},{height}",
            f"--lang={lang}",
            "about:blank",
        ]
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, log, 1),
            (os.POSIX_SPAWN_DUP2, log, 2),
            (os.POSIX_SPAWN_DUP2, child_in, 3),
            (os.POSIX_SPAWN_DUP2, child_out, 4),
        ]
        env = {**os.environ, "LANG": lang.replace("-", "_") + ".UTF-8"}
        try:
            self.pid = os.posix_spawn(executable, argv, env, file_actions=actions, setsid=True)
        finally:
            for fd in (child_in, child_out, log):
                os.close(fd)
        self.log_path = log_path
        self._out = command_write
        self._in = reply_read
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.width, self.height = width, height

    # -- transport ------------------------------------------------------------------------------------------
    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DevToolsError("the browser did not answer in time")
            ready, _, _ = select.select([self._in], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise DevToolsError(f"the browser closed the DevTools pipe; its log: {self.log_path}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None, timeout: float = 30
    ) -> dict[str, Any]:
        """Send one command and wait for its reply; events read meanwhile are kept in :attr:`events`."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._out, data) :]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_event(self, method: str, *, session: str | None = None, timeout: float = 30) -> dict[str, Any]:
        """The first (kept or coming) event ``method`` of ``session``, removed from :attr:`events`."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._receive(deadline))

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False},
        )
        return page

    # -- lifetime -------------------------------------------------------------------------------------------
    def close(self) -> None:
        """Ask the browser to quit; if it does not within seconds, kill its process group (ours: setsid)."""
        with contextlib.suppress(DevToolsError, OSError):
            self.send("Browser.close", timeout=5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: navigate, evaluate, type, click, capture."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target

    def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", session=self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited); a thrown exception fails the test."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise DevToolsError(f"{expression!r} threw: {details.get('exception', {}).get('description') or details}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        """Poll until ``expression`` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"timed out waiting for {expression!r}")
            time.sleep(0.05)

    def center(self, selector: str) -> tuple[float, float]:
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        if box is None:
            raise DevToolsError(f"no element matches {selector!r}")
        return box[0], box[1]

    def mouse(self, kind: str, x: float, y: float, clicks: int = 0) -> None:
        params: dict[str, Any] = {"type": kind, "x": x, "y": y}
        if kind != "mouseMoved":
            params.update(button="left", clickCount=clicks)
        self.send("Input.dispatchMouseEvent", params)

    def click(self, selector: str) -> None:
        """A real click (pointer events at the element's centre), as a person would."""
        x, y = self.center(selector)
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, 1)
        self.mouse("mouseReleased", x, y, 1)

    def hover(self, x: float, y: float) -> None:
        self.mouse("mouseMoved", x, y)

    def type_text(self, text: str) -> None:
        """Type into the focused element (one input event, as an IME commit or a paste produces)."""
        self.send("Input.insertText", {"text": text})

    def press(self, key: str, code: str, key_code: int, *, text: str = "", modifiers: int = 0) -> None:
        """One key stroke; keys that type a character (Enter: "\\r") need their ``text``."""
        down: dict[str, Any] = {
            "type": "keyDown" if text else "rawKeyDown",
            "key": key,
            "code": code,
            "windowsVirtualKeyCode": key_code,
            "modifiers": modifiers,
        }
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send(
            "Input.dispatchKeyEvent",
            {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": key_code, "modifiers": modifiers},
        )

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def problems(self) -> list[str]:
        """Script exceptions, console errors and browser-logged errors (CSP violations among them) seen so far."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found
