"""A small local fake of the Graph API's `/{phone_number_id}/messages`, for the real httpx.

It listens on 127.0.0.1 at a random port, records every request (path, headers, JSON
body) and answers from a queue of scripted replies; with the queue empty it accepts the
message and answers a fresh `wamid.FAKE<n>` id, as the Cloud API does.
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
    def __init__(self) -> None:
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

    def _next(self) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
            self._sent += 1
            return accepted(f"wamid.FAKE{self._sent}")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
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
                reply = fake._next()
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
