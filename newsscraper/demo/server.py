"""The bundled demo news site, served on 127.0.0.1 for the demo and the end-to-end tests.

``newsscraper/demo/site/edition1/`` is a complete document root; each later ``editionN/`` holds only
the files that are new or changed in that edition, so serving edition N looks a path up in
editionN/ first, then in the earlier ones. ``/a/b/`` serves ``a/b/index.html``. An optional
``_routes.json`` at an edition root answers a path with a status (``{"/x": {"status": 500}}``;
with ``"times": N`` only its first N requests, as a server that recovers), overrides a file's
content type (``{"/x.html": {"content_type": "application/pdf"}}``) or adds headers to its answers
(``"headers": {"Retry-After": "1"}``, a ``Content-Length`` there replacing the true one: a server
that lies) or answers it late (``"delay": seconds``) or resets the connection after the first bytes
of the body (``"reset_after": N``); later editions' entries override earlier ones.
``_routes.json`` and ``manifest.json`` are not served.

The server records every path it was asked for, so tests can prove what was (not) requested, and
the status of each answer. Files are served with an ``ETag`` (a hash of the bytes) and a
``Last-Modified`` (the file's mtime) and a conditional request whose validators still match gets
``304 Not Modified`` without a body, as a real news site's server or CDN would answer.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import socket
import struct
import threading
import time
from contextlib import suppress
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = ["DEMO_SITE_ROOT", "DemoSite", "request_report"]

#: the site's files, shipped in the package so the demo also runs from a plain ``pip install``
DEMO_SITE_ROOT = Path(__file__).resolve().parent / "site"
HIDDEN = frozenset({"_routes.json", "manifest.json"})
TEXT_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".xml": "application/xml",
              ".rss": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/json",
              ".css": "text/css", ".js": "text/javascript"}


class DemoSite:
    """A ThreadingHTTPServer on 127.0.0.1 serving one edition of the demo site; a context manager."""

    def __init__(self, root: Path = DEMO_SITE_ROOT, *, edition: int = 1, port: int = 0, delay: float = 0.0) -> None:
        self.root = root
        self.edition = edition
        #: seconds each answer waits, to keep a crawl running while a test starts another
        self.delay = delay
        self.requested: list[str] = []
        #: (path, status) of every answer, in order: a 304 downloaded no body
        self.answered: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self._server.site = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="demo-site", daemon=True)

    @property
    def port(self) -> int:
        """The port the OS gave the server (asked for 0 = any free port)."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The site's home page, ``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> DemoSite:
        """Serve in a background thread, so the caller can run crawls meanwhile."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_edition(self, edition: int) -> None:
        """Serve another edition from the next request on; forget what was requested so far."""
        if not (self.root / f"edition{edition}").is_dir():
            raise ValueError(f"no edition {edition} in {self.root}")
        with self._lock:
            self.edition = edition
            self.requested.clear()
            self.answered.clear()

    def record(self, path: str) -> None:
        """Remember a requested path (handlers run in several threads, hence the lock)."""
        with self._lock:
            self.requested.append(path)

    def times_requested(self, path: str) -> int:
        """How many times a path was requested so far, this one included."""
        with self._lock:
            return self.requested.count(path)

    def record_answer(self, path: str, status: int) -> None:
        """Remember the status a request was answered with."""
        with self._lock:
            self.answered.append((path, status))

    def layers(self) -> list[Path]:
        """Edition folders to look a path up in, newest first."""
        return [d for n in range(self.edition, 0, -1) if (d := self.root / f"edition{n}").is_dir()]

    def routes(self) -> dict[str, dict[str, Any]]:
        """The merged ``_routes.json`` of the editions served, later editions winning."""
        merged: dict[str, dict[str, Any]] = {}
        for layer in reversed(self.layers()):
            file = layer / "_routes.json"
            if file.is_file():
                merged.update(json.loads(file.read_text(encoding="utf-8")))
        return merged

    def find(self, path: str) -> Path | None:
        """The file serving a URL path, or None; never a file outside the site."""
        relative = unquote(path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        parts = Path(relative).parts
        if ".." in parts or (parts and parts[-1] in HIDDEN):
            return None
        for layer in self.layers():
            candidate = layer / relative
            if candidate.is_file():
                return candidate
        return None


class _Handler(BaseHTTPRequestHandler):
    server_version = "newsscraper-demo/1"

    def handle(self) -> None:
        with suppress(ConnectionError):  # the client gave up (a timeout, a cancelled download): nobody to answer
            super().handle()

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the site records requests in ``DemoSite.requested`` instead of on stderr."""

    def _respond(self, *, body: bool) -> None:
        site: DemoSite = self.server.site  # type: ignore[attr-defined]
        path = urlsplit(self.path).path
        site.record(self.path)
        if site.delay:
            time.sleep(site.delay)
        route = site.routes().get(path, {})
        extra = dict(route.get("headers", {}))
        if route.get("delay"):  # a server that stalls on this path
            time.sleep(float(route["delay"]))
        if "status" in route and site.times_requested(self.path) <= route.get("times", float("inf")):
            return self._send(int(route["status"]), "text/html; charset=utf-8", _status_page(route["status"]), body,
                              extra)
        file = site.find(path)
        if file is None:
            if not path.endswith("/") and site.find(path + "/") is not None:
                return self._send(HTTPStatus.MOVED_PERMANENTLY, "text/html; charset=utf-8", b"", body,
                                  {"Location": path + "/"})
            return self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", _status_page(404), body)
        payload = file.read_bytes()
        validators = {"ETag": f'"{hashlib.sha256(payload).hexdigest()[:20]}"',
                      "Last-Modified": formatdate(int(file.stat().st_mtime), usegmt=True)}
        if _not_modified(self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), validators):
            return self._send(HTTPStatus.NOT_MODIFIED, "", b"", False, validators)
        return self._send(HTTPStatus.OK, route.get("content_type") or _content_type(file), payload, body,
                          {**validators, **extra}, reset_after=route.get("reset_after"))

    def _send(self, status: int, content_type: str, payload: bytes, body: bool,
              headers: dict[str, str] | None = None, reset_after: int | None = None) -> None:
        self.server.site.record_answer(self.path, int(status))  # type: ignore[attr-defined]
        self.send_response(status)
        entity = {} if status == HTTPStatus.NOT_MODIFIED else {
            "Content-Type": content_type, "Content-Length": str(len(payload))}
        for name, value in {**entity, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not body:
            return
        if reset_after is None:
            self.wfile.write(payload)
            return
        self.wfile.write(payload[:int(reset_after)])
        self.wfile.flush()
        # linger 0: closing sends a TCP reset instead of ending the body cleanly
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _not_modified(if_none_match: str | None, if_modified_since: str | None, validators: dict[str, str]) -> bool:
    """RFC 9110: If-None-Match decides when present (weak comparison); else If-Modified-Since."""
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or validators["ETag"] in tags
    if if_modified_since is not None:
        try:
            return parsedate_to_datetime(validators["Last-Modified"]) <= parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
    return False


def _content_type(file: Path) -> str:
    suffix = file.suffix.lower()
    kind = TEXT_TYPES.get(suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def _status_page(status: int) -> bytes:
    phrase = HTTPStatus(int(status)).phrase
    return f"<!doctype html><title>{status} {phrase}</title><h1>{status} {phrase}</h1>\n".encode()


def request_report(requested: list[str]) -> str:
    """How many requests the server answered, and the paths asked for more than once."""
    counts: dict[str, int] = {}
    for path in requested:
        counts[path] = counts.get(path, 0) + 1
    again = sorted(f"  {n}x {path}" for path, n in counts.items() if n > 1)
    return "\n".join([f"{len(requested)} requests, {len(counts)} paths; asked for more than once: {len(again)}",
                      *again])
