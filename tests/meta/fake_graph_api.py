"""A small local fake of the Graph API's `/{phone_number_id}/messages`, for the real httpx.

It listens on 127.0.0.1 at a random port, records every request (path, headers, JSON
body) and answers from a queue of scripted replies; with the queue empty it accepts the
message and answers a fresh `wamid.FAKE<n>` id, as the Cloud API does. A POST to
`/{phone_number_id}/media` (an upload, multipart) answers a fresh media id the same way.

Media people sent: `add_media(id, content, mime)` makes `GET /{id}` answer its URL (on this
server, `/download/{id}`), and that URL the bytes, both only with the bearer token.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)


def accepted(message_id: str) -> Reply:
    body = {
        "messaging_product": "whatsapp",
        "contacts": [{"input": "+6281234567890", "wa_id": "6281234567890"}],
        "messages": [{"id": message_id}],
    }
    return Reply(200, json.dumps(body).encode())


def graph_error(code: int, status: int = 400, message: str = "", details: str = "") -> Reply:
    """An error in the Graph API's shape: {"error": {"code": ..., "message": ...}}."""
    body = {
        "error": {
            "message": message or f"(#{code}) fake error {code}",
            "type": "OAuthException",
            "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": details},
            "fbtrace_id": "AfakeTrace",
        }
    }
    return Reply(status, json.dumps(body).encode())


def html(status: int) -> Reply:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    return Reply(status, page, content_type="text/html")


class FakeGraphAPI:
    def __init__(self, token: str = "test-token") -> None:
        self.token = token
        self.media: dict[str, tuple[bytes, str]] = {}
        self.uploads: list[bytes] = []  # raw multipart bodies of media uploads
        self.requests: list[Received] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._sent = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeGraphAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reply(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def add_media(self, media_id: str, content: bytes, mime_type: str) -> None:
        self.media[media_id] = (content, mime_type)

    def _next(self, path: str = "") -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
            self._sent += 1
            if path.endswith("/media"):
                return Reply(200, json.dumps({"id": f"media.FAKE{self._sent}"}).encode())
            return accepted(f"wamid.FAKE{self._sent}")

    def _get(self, path: str, authorization: str) -> Reply:
        with self._lock:
            if self._replies:  # a scripted failure answers a GET too
                return self._replies.popleft()
        if authorization != f"Bearer {self.token}":
            return graph_error(190, 401)
        if path.startswith("/download/"):
            found = self.media.get(path.removeprefix("/download/"))
            if found is None:
                return graph_error(100, 404)
            return Reply(200, found[0], content_type=found[1])
        media_id = path.rsplit("/", 1)[-1]
        found = self.media.get(media_id)
        if found is None:
            return graph_error(100, 404)
        info = {
            "messaging_product": "whatsapp",
            "url": f"{self.url}/download/{media_id}",
            "mime_type": found[1],
            "file_size": len(found[0]),
            "id": media_id,
        }
        return Reply(200, json.dumps(info).encode())

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                with fake._lock:
                    fake.requests.append(Received(self.path, headers, {}))
                self._answer(fake._get(self.path, headers.get("authorization", "")))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError:
                    body = {"unparsed": raw.decode("utf-8", "replace")}
                headers = {k.lower(): v for k, v in self.headers.items()}
                with fake._lock:
                    fake.requests.append(Received(self.path, headers, body))
                    if self.path.endswith("/media"):
                        fake.uploads.append(raw)
                self._answer(fake._next(self.path))

            def _answer(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", reply.content_type)
                    self.send_header("content-length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
