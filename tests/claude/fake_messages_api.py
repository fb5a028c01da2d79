"""A small local fake of the Anthropic Messages API, so the real SDK can be tested offline.

It listens on 127.0.0.1 at a random port, records every request it receives (path,
headers, JSON body) and answers from a queue of scripted replies. Error replies carry
`retry-after-ms: 1`, which the SDK honours, so retries happen without real backoff.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def message(text: str, *, stop_reason: str = "end_turn") -> Reply:
    """A successful Messages API response whose single text block is `text`."""
    return Reply(
        200,
        {
            "id": "msg_fake_0001",
            "type": "message",
            "role": "assistant",
            "model": "claude-haiku-4-5",
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {
                "input_tokens": 120,
                "output_tokens": 40,
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 6000,
            },
        },
    )


def answer(intent: str, confidence: float = 0.9, **fields: Any) -> Reply:
    """A structured answer in the format Keloia asks Claude for."""
    items = [{"name": k, "value": v} for k, v in fields.items()]
    return message(json.dumps({"intent": intent, "confidence": confidence, "fields": items}))


def error(status: int, kind: str) -> Reply:
    return Reply(
        status,
        {"type": "error", "error": {"type": kind, "message": f"fake {kind}"}},
        headers={"retry-after-ms": "1"},
    )


def slow(reply: Reply, seconds: float) -> Reply:
    return Reply(reply.status, reply.body, reply.headers, delay=seconds)


class FakeMessagesAPI:
    def __init__(self) -> None:
        self.requests: list[Received] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def start(self) -> FakeMessagesAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers still sleeping on a slow reply
        self._server.shutdown()
        self._server.server_close()

    def _next_reply(self) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
        return error(500, "api_error")  # an unscripted call is visible as a failure

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(Received(self.path, dict(self.headers), body))
                reply = fake._next_reply()
                if reply.delay and fake._stopping.wait(reply.delay):
                    return
                payload = json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.send_header("request-id", "req_fake")
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        return Handler
