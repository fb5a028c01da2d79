"""A backlog after downtime, end to end: 30 messages a person sent at 5 a minute while the
workers were down are all answered once they are back. The old rate limit counted them
when they were handled (all at once) and left 9 of 30 marked processed with no reply."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from litestar.testing import TestClient

from keloia.adapters.meta import sign
from keloia.apps.http.app import create_app
from keloia.apps.worker.embedded import ThreadWorkers
from keloia.bootstrap import bootstrap

from .conftest import settings_for
from .fakes import FakeGraph, text_of
from .support import APP_SECRET, Db, new_wamid, notification, seed, wait_for


def test_thirty_messages_sent_during_downtime_are_thirty_answered(
    graph: FakeGraph, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'keloia.db'}"
    keloia = bootstrap(settings_for(db_url, graph, tmp_path), run_migrations=True)
    team = seed(keloia.deps)
    phone = team.admin.phone
    workers = ThreadWorkers(keloia, threads=2, sweep_seconds=0.5)  # not started: "down"
    http = create_app(replace(keloia, queue=workers))
    sent_from = int(time.time()) - 7 * 60
    with TestClient(http) as client:
        for n in range(30):
            message = {
                "from": phone.lstrip("+"),
                "id": new_wamid(),
                "timestamp": str(sent_from + 12 * n),  # 5 a minute, 6 minutes ago and on
                "type": "text",
                "text": {"body": "jadwal besok?"},
            }
            body = notification(message)
            headers = {
                "content-type": "application/json",
                "x-hub-signature-256": sign(APP_SECRET, body),
            }
            response = client.post("/webhook", content=body, headers=headers)
            assert response.status_code == 200, response.text
    db = Db(db_url)
    workers.start()
    try:
        wait_for(
            lambda: db.scalar("SELECT count(*) FROM inbox WHERE state = 'received'") == 0,
            60,
            0.1,
            what="the backlog handled",
        )
        replies = wait_for(
            lambda: len(found := graph.to(phone)) >= 30 and found, 30, 0.1, what="30 replies"
        )
    finally:
        workers.stop()
        db.close()
    assert len(replies) == 30
    # Every one an answer to the question, none a "please wait" notice.
    assert all(text_of(r).startswith("Jadwal") for r in replies), [text_of(r) for r in replies]
