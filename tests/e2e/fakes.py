"""Small local fakes of the outside services, reached by our real clients over HTTP.

FakeGraph stands in for the Graph API's `/{phone_number_id}/messages`: it records every
send and answers from a queue of scripted replies (by default: accepted, `wamid.FAKE<n>`).
FakeClaude stands in for the Anthropic Messages API: it answers an error, so the router
falls back to the offline rules. Either can hang on a request until released (to catch
a worker mid-message or mid-send).
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


@dataclass
class Reply:
    status: int
    body: dict[str, Any]


def graph_error(code: int, status: int = 400) -> Reply:
    error = {"message": f"(#{code}) fake error", "type": "OAuthException", "code": code}
    return Reply(status, {"error": error})


class _Server:
    """after hang_next(), the next request waits, unanswered, until release() (a process
    caught mid-request), and is then dropped without an answer."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.hung = threading.Event()  # the armed request arrived and is being held
        self.released = threading.Event()
        self._hang = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def hang_next(self) -> None:
        with self.lock:
            self._hang += 1
            self.hung.clear()

    def release(self) -> None:
        self.released.set()

    def stop(self) -> None:
        self.release()
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def _hung_up(self) -> bool:
        """True when this request was the armed one: held until released, then dropped."""
        with self.lock:
            hang = self._hang > 0
            self._hang -= int(hang)
        if hang:
            self.hung.set()
            self.released.wait(120)
        return hang

    def answer(self, path: str, body: dict[str, Any]) -> Reply | None:
        raise NotImplementedError

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", "0")))
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError:
                    body = {}
                reply = fake.answer(self.path, body)
                if reply is None:  # hung up without answering
                    self.close_connection = True
                    return
                payload = json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.send_header("retry-after-ms", "1")
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client is gone (killed mid-request)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


class FakeGraph(_Server):
    def __init__(self) -> None:
        super().__init__()
        self.sends: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self._script: deque[Reply] = deque()
        self._count = 0
        self.down = False  # an outage: every send answered 503 until it is set back
        self._hang_to: str | None = None

    def script(self, *replies: Reply) -> None:
        with self.lock:
            self._script.extend(replies)

    def hang_next(self, to: str | None = None) -> None:
        """The next send (to that number, when given) waits unanswered until release()."""
        self._hang_to = to
        super().hang_next()

    def answer(self, path: str, body: dict[str, Any]) -> Reply | None:
        if self._hang_to in (None, body.get("to")) and self._hung_up():
            return None  # never answered: not counted as sent
        with self.lock:
            self.sends.append(body)
            self.paths.append(path)
            if self.down:
                return Reply(503, {"error": {"message": "Service temporarily unavailable"}})
            if self._script:
                return self._script.popleft()
            self._count += 1
            if path.endswith("/media"):  # a document's upload (multipart): its media id
                return Reply(200, {"id": f"media.FAKE{self._count}"})
            return Reply(
                200,
                {"messaging_product": "whatsapp", "messages": [{"id": f"wamid.FAKE{self._count}"}]},
            )

    def to(self, phone: str) -> list[dict[str, Any]]:
        """Every send to this number (E.164 with '+'), in order."""
        with self.lock:
            return [s for s in self.sends if s.get("to") == phone]


def text_of(send: dict[str, Any]) -> str:
    """The readable text of one Graph send, whatever its type."""
    kind = send.get("type")
    if kind == "text":
        return str(send["text"]["body"])
    if kind == "interactive":
        return str(send["interactive"]["body"]["text"])
    if kind == "template":
        parts = [p["text"] for c in send["template"].get("components", []) for p in c["parameters"]]
        return " ".join(parts)
    return ""


class FakeClaude(_Server):
    """Answers every request with a 500, so RoutedExtractor falls back to the rules'
    reading (or hangs, after hang_next(): a worker caught mid-message)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.seen = threading.Event()  # a request arrived

    def answer(self, path: str, body: dict[str, Any]) -> Reply | None:
        with self.lock:
            self.requests += 1
        self.seen.set()
        if self._hung_up():
            return None
        return Reply(500, {"type": "error", "error": {"type": "api_error", "message": "fake"}})
