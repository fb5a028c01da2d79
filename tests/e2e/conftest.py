"""End-to-end fixtures: Keloia served over real HTTP, its outside services faked locally."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import uvicorn

from keloia.apps.http.app import create_app
from keloia.apps.worker.embedded import ThreadWorkers
from keloia.bootstrap import Keloia, bootstrap
from keloia.settings import Settings

from .fakes import FakeClaude, FakeGraph
from .support import (
    ACCESS_TOKEN,
    API_VERSION,
    APP_SECRET,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    Db,
    Team,
    button_body,
    child_env,
    free_port,
    new_wamid,
    post_signed,
    seed,
    text_body,
    wait_for,
)

PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture(scope="session", autouse=True)
def _no_proxies() -> Iterator[None]:
    # Our clients honour proxy variables; the fakes are local and must never be proxied.
    with pytest.MonkeyPatch.context() as mp:
        for name in PROXIES:
            mp.delenv(name, raising=False)
        yield


@pytest.fixture(scope="session")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=30) as c:
        yield c


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    fake = FakeGraph().start()
    yield fake
    fake.stop()


@pytest.fixture
def claude() -> Iterator[FakeClaude]:
    fake = FakeClaude().start()
    yield fake
    fake.stop()


@dataclass
class Stack:
    """`keloia serve`'s wiring (app + worker threads) under uvicorn in a thread."""

    url: str
    client: httpx.Client
    graph: FakeGraph
    app: Keloia
    team: Team
    db: Db

    def say(self, phone: str, text: str, wamid: str | None = None) -> str:
        wamid = wamid or new_wamid()
        response = post_signed(self.client, self.url, text_body(phone, text, wamid))
        assert response.status_code == 200, response.text
        return wamid

    def tap(self, phone: str, reply_id: str, title: str) -> str:
        wamid = new_wamid()
        response = post_signed(self.client, self.url, button_body(phone, reply_id, title, wamid))
        assert response.status_code == 200, response.text
        return wamid

    def replies(self, phone: str, count: int, timeout: float = 20) -> list[dict[str, Any]]:
        """Wait until at least `count` messages reached `phone` through the Graph fake."""

        def arrived() -> list[dict[str, Any]]:
            sent = self.graph.to(phone)
            return sent if len(sent) >= count else []

        return wait_for(arrived, timeout, what=f"{count} message(s) to {phone}")

    def settled(self, wamid: str, phone: str, timeout: float = 20) -> None:
        """The message is processed and everything it caused for `phone` was sent."""
        wait_for(
            lambda: (
                self.db.inbox_state(wamid) == "processed" and self.db.outbox_pending(phone) == 0
            ),
            timeout,
            what=f"{wamid} processed and delivered",
        )


def settings_for(db_url: str, graph: FakeGraph, tmp: Path, **more: Any) -> Settings:
    more.setdefault("redis_url", None)
    return Settings(
        database_url=db_url,
        env="test",
        meta_app_secret=APP_SECRET,
        meta_verify_token=VERIFY_TOKEN,
        meta_access_token=ACCESS_TOKEN,
        meta_phone_number_id=PHONE_NUMBER_ID,
        meta_api_url=graph.url + API_VERSION,
        anthropic_api_key=None,
        files_dir=str(tmp / "files"),
        **more,
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, client: httpx.Client) -> Iterator[Stack]:
    tmp = tmp_path_factory.mktemp("embedded")
    db_url = f"sqlite:///{tmp / 'keloia.db'}"
    with contextlib.ExitStack() as cleanup:  # undone in reverse, even after a failed setup
        graph = FakeGraph().start()
        cleanup.callback(graph.stop)
        app = bootstrap(settings_for(db_url, graph, tmp), run_migrations=True)
        team = seed(app.deps)
        workers = ThreadWorkers(app, threads=2, sweep_seconds=1.0)
        http = create_app(
            replace(app, queue=workers),
            on_startup=[workers.start],
            # Not workers.stop itself: Litestar would pass the app as its `timeout`.
            on_shutdown=[lambda: workers.stop()],
        )
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(http, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        )
        thread = threading.Thread(target=server.run, name="e2e-uvicorn", daemon=True)
        thread.start()

        def stop_server() -> None:
            server.should_exit = True
            thread.join(15)

        cleanup.callback(stop_server)
        db = Db(db_url)
        cleanup.callback(db.close)
        wait_for(lambda: server.started, 20, 0.02, "uvicorn to start")
        yield Stack(f"http://127.0.0.1:{port}", client, graph, app, team, db)


def service_env(db_url: str, graph: FakeGraph, claude: FakeClaude, **more: str) -> dict[str, str]:
    """The environment of a `keloia ...` subprocess: our fakes, and Claude asked about
    every message the rules do not read as a yes or no. The morning briefing is set 12
    hours from now, so it never joins the replies a test counts (its window is 5 hours:
    run at 05.20 WIB, a seeded tenant's 05.00 briefing would)."""
    more = {"KELOIA_BRIEFING_TIME": _never_due_today(), **more}
    return child_env(
        KELOIA_DATABASE_URL=db_url,
        KELOIA_ENV="test",
        KELOIA_META_APP_SECRET=APP_SECRET,
        KELOIA_META_VERIFY_TOKEN=VERIFY_TOKEN,
        KELOIA_META_ACCESS_TOKEN=ACCESS_TOKEN,
        KELOIA_META_PHONE_NUMBER_ID=PHONE_NUMBER_ID,
        KELOIA_META_API_URL=graph.url + API_VERSION,
        ANTHROPIC_API_KEY="sk-ant-e2e-not-a-real-key",
        ANTHROPIC_BASE_URL=claude.url,
        KELOIA_CLAUDE_THRESHOLD="1.0",
        KELOIA_CLAUDE_MAX_RETRIES="0",
        KELOIA_CLAUDE_TIMEOUT="60",
        **more,
    )


def _never_due_today() -> str:
    """A briefing time 12 hours away in the PO's time zone: outside its 5-hour window."""
    local = datetime.now(ZoneInfo("Asia/Jakarta")) + timedelta(hours=12)
    return local.time().replace(second=0, microsecond=0).isoformat()
