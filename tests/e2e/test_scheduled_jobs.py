"""The scheduler really runs inside `keloia serve`: a real process, started with the
briefing time a few seconds ahead, sends each demo person their morning briefing once, as
the simulator shows it. Nothing calls the job function here: only the clock."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from keloia.apps.demo import OWNER_PHONE, PEOPLE

from .support import JAKARTA, Service, child_env, free_port, wait_for, wait_healthy

DEMO_PHONES = [OWNER_PHONE, *(phone for phone, _, _ in PEOPLE)]


def briefings(client: httpx.Client, url: str, phone: str) -> list[dict[str, Any]]:
    found = client.get(url + "/simulator/api/messages", params={"phone": phone}).json()
    # The morning briefing; on a Monday morning the owner also gets the weekly summary
    # ("Ringkasan untuk pekan ...", or outside WhatsApp's 24-hour window its template, "Ada
    # 10 hal untuk pekan ...").
    return [
        m for m in found if m["body"].startswith("Selamat pagi") and "untuk pekan" not in m["body"]
    ]


def test_keloia_serve_sends_each_demo_person_one_briefing_at_the_briefing_time(
    tmp_path: Path, client: httpx.Client
) -> None:
    now = datetime.now(JAKARTA)
    if now.time() > (datetime.min + timedelta(hours=23, minutes=59, seconds=15)).time():
        time.sleep(60)  # the briefing time must fall on the same local day
        now = datetime.now(JAKARTA)
    # Time to start and for each person to write first: inside WhatsApp's 24-hour window
    # the briefing goes whole as free text (a template's 1024 characters may not hold a busy
    # day's, and then only its short form goes, "Ada 9 hal ... Balas pesan ini").
    at = (now + timedelta(seconds=20)).time().replace(microsecond=0)
    env = child_env(
        KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'keloia.db'}",
        KELOIA_FILES_DIR=str(tmp_path / "files"),
        KELOIA_BRIEFING_TIME=at.isoformat(),
        KELOIA_SCHEDULER_TICK_SECONDS="0.5",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    service = Service(
        ["serve", "--demo", "--port", str(port)], env, tmp_path / "serve.log", tmp_path
    )
    try:
        wait_healthy(client, url, service)
        for phone in DEMO_PHONES:
            client.post(url + "/simulator/api/send", json={"phone": phone, "text": "halo"})
        for phone in DEMO_PHONES:  # the demo PO's owner, admin and three drivers
            wait_for(
                lambda p=phone: briefings(client, url, p),  # type: ignore[misc]
                60,
                0.2,
                f"the briefing of {phone}\n{service.output()}",
            )
        time.sleep(2.0)  # four more ticks: the day's run is found done, nothing more is sent
        got = {p: briefings(client, url, p) for p in DEMO_PHONES}
    finally:
        service.kill()
    assert {p: len(m) for p, m in got.items()} == dict.fromkeys(DEMO_PHONES, 1)
    owner, admin, joko, slamet, wahyu = (got[p][0]["body"] for p in DEMO_PHONES)
    for driver in (joko, slamet, wahyu):
        assert "Rp" not in driver and "Sari 0812-0000-0002" in driver
    assert "Borobudur" in joko and "kernet Wahyu" in joko  # tomorrow's trip
    assert "Borobudur" in wahyu and "sopir Joko" in wahyu
    assert "Magelang" in slamet  # today's trip
    assert "Pelunasan" in admin and "Berangkat hari ini" in admin
    assert "Lewat jatuh tempo" in owner and "Bus 05 di bengkel" in owner
    assert "scheduler starting" in service.log.read_text("utf-8")
