"""A small local fake of the Anthropic Messages API, so the real SDK can be tested offline.

It listens on 127.0.0.1 at a random port, records every request it receives (path,
headers, JSON body) and answers from a queue of scripted replies. Error replies carry
`retry-after-ms: 1`, which the SDK honours, so retries happen without real backoff.

Where the adapter could trip, it behaves like the models it knows (Claude Haiku 5.5 and
the legacy Haiku 4.5), before any scripted reply is used:

- a model it does not know, or a retired one, is a 404 `not_found_error`, on the Messages
  API and on the Models API (`GET /v1/models/{id}`, where a retired model is listed with
  `lifecycle: retired`);
- Haiku 5.5 refuses with a 400 `invalid_request_error` what its migration guide says it
  refuses: `temperature`, `top_p`, `top_k`, `thinking: enabled` with a budget, a prefill
  (messages ending with an assistant turn), and thinking `disabled` above high effort;
  Haiku 4.5 refuses an `effort` and adaptive thinking;
- usage is counted from the request: the system block marked `cache_control` is written to
  the fake's cache on first use and read from it afterwards, if it is at least the minimum
  cacheable length; Haiku 5.5's tokenizer counts ~30% more tokens for the same text;
- a reply may start with a thinking block (its text omitted, as Haiku 5.5 does by
  default) before the structured answer.
"""

from __future__ import annotations

import json
import math
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class FakeModel:
    id: str
    chars_per_token: float  # the tokenizer, roughly
    min_cacheable: int
    lifecycle: str = "active"
    new_api: bool = True  # effort and adaptive thinking; no sampling parameters


MODELS = {
    m.id: m
    for m in (
        FakeModel("claude-haiku-5-5", 4 / 1.3, 4096),
        FakeModel("claude-haiku-4-5", 4.0, 4096, lifecycle="deprecated", new_api=False),
        FakeModel("claude-3-haiku-20240307", 4.0, 2048, lifecycle="retired", new_api=False),
    )
}


@dataclass
class Reply:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)
    thinking_tokens: int = 0  # output tokens the thinking block stands for


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def message(
    text: str,
    *,
    stop_reason: str = "end_turn",
    thinking: int = 0,
    usage: dict[str, int] | None = None,
) -> Reply:
    """A successful Messages API response whose text block is `text`, after a thinking
    block standing for `thinking` output tokens when that is not 0. Usage is counted from
    the request unless given."""
    content: list[dict[str, Any]] = []
    if thinking:
        content.append({"type": "thinking", "thinking": "", "signature": "sig_fake"})
    content.append({"type": "text", "text": text})
    body: dict[str, Any] = {
        "id": "msg_fake_0001",
        "type": "message",
        "role": "assistant",
        "model": "",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
    }
    if usage is not None:
        body["usage"] = usage
    return Reply(200, body, thinking_tokens=thinking)


def answer(intent: str, confidence: float = 0.9, *, thinking: int = 0, **fields: Any) -> Reply:
    """A structured answer in the format Keloia asks Claude for."""
    items = [{"name": k, "value": v} for k, v in fields.items()]
    payload = json.dumps({"intent": intent, "confidence": confidence, "fields": items})
    return message(payload, thinking=thinking)


def several(*readings: tuple[str, float, dict[str, Any]]) -> Reply:
    """An answer holding several requests: the first, then the others in "more"."""

    def reading(intent: str, confidence: float, fields: dict[str, Any]) -> dict[str, Any]:
        items = [{"name": k, "value": v} for k, v in fields.items()]
        return {"intent": intent, "confidence": confidence, "fields": items}

    first, *more = (reading(*r) for r in readings)
    return message(json.dumps({**first, "more": more}))


def error(status: int, kind: str, text: str | None = None) -> Reply:
    return Reply(
        status,
        {"type": "error", "error": {"type": kind, "message": text or f"fake {kind}"}},
        headers={"retry-after-ms": "1"},
    )


def slow(reply: Reply, seconds: float) -> Reply:
    return Reply(reply.status, reply.body, reply.headers, delay=seconds)


def tokens(text: str, model: FakeModel) -> int:
    return math.ceil(len(text) / model.chars_per_token)


def refusal(body: dict[str, Any], model: FakeModel) -> str | None:
    """Why the model refuses this request (a 400), or None."""
    thinking = body.get("thinking") or {}
    effort = (body.get("output_config") or {}).get("effort")
    messages = body.get("messages") or []
    if messages and messages[-1].get("role") == "assistant":
        return "prefilling the assistant message is not supported for this model"
    if model.new_api:
        for name in ("temperature", "top_p", "top_k"):
            if name in body:
                return f"{name}: sampling parameters are not supported for this model"
        if thinking.get("type") == "enabled":
            return 'thinking.type "enabled" is not supported for this model; use "adaptive"'
        if thinking.get("type") == "disabled" and effort in ("xhigh", "max"):
            return f"thinking cannot be disabled at effort {effort}"
    else:
        if effort is not None:
            return "output_config.effort is not supported for this model"
        if thinking.get("type") == "adaptive":
            return 'thinking.type "adaptive" is not supported for this model'
    return None


class FakeMessagesAPI:
    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.model_lookups: list[str] = []
        self.models = dict(MODELS)
        self._replies: deque[Reply] = deque()
        self._cache: set[str] = set()
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

    def _usage(self, body: dict[str, Any], model: FakeModel, reply: Reply) -> dict[str, int]:
        cached = 0
        uncached = 0
        key = None
        for block in body.get("system") or []:
            size = tokens(block.get("text", ""), model)
            if block.get("cache_control") and size >= model.min_cacheable:
                cached += size
                key = model.id + json.dumps(body["system"], sort_keys=True)
            else:
                uncached += size
        for turn in body.get("messages") or []:
            content = turn.get("content")
            uncached += tokens(content if isinstance(content, str) else json.dumps(content), model)
        with self._lock:
            hit = key is not None and key in self._cache
            if key is not None:
                self._cache.add(key)
        text = "".join(b.get("text", "") for b in reply.body["content"] if b["type"] == "text")
        return {
            "input_tokens": uncached,
            "output_tokens": tokens(text, model) + reply.thinking_tokens,
            "cache_creation_input_tokens": 0 if hit else cached,
            "cache_read_input_tokens": cached if hit else 0,
        }

    def _answer(self, body: dict[str, Any]) -> Reply:
        model = self.models.get(body.get("model", ""))
        if model is None or model.lifecycle == "retired":
            return error(404, "not_found_error", f"model: {body.get('model')}")
        why = refusal(body, model)
        if why is not None:
            return error(400, "invalid_request_error", why)
        reply = self._next_reply()
        if reply.status != 200:
            return reply
        filled = json.loads(json.dumps(reply.body))
        filled["model"] = model.id
        filled.setdefault("usage", self._usage(body, model, reply))
        return Reply(200, filled, reply.headers, reply.delay)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes: without this, delayed ACKs add
            # ~40 ms to every call on a kept-alive connection.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                name = path.removeprefix("/v1/models/")
                with fake._lock:
                    fake.model_lookups.append(name)
                model = fake.models.get(name) if path.startswith("/v1/models/") else None
                if model is None:
                    self._send(error(404, "not_found_error", f"model: {name}"))
                    return
                info = {
                    "type": "model",
                    "id": model.id,
                    "display_name": model.id,
                    "created_at": "2026-10-07T00:00:00Z",
                    "lifecycle": model.lifecycle,
                }
                self._send(Reply(200, info))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(Received(self.path, dict(self.headers), body))
                reply = fake._answer(body)
                if reply.delay and fake._stopping.wait(reply.delay):
                    return
                self._send(reply)

            def _send(self, reply: Reply) -> None:
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
