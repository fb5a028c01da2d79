"""The scheduler is started running (not paused) and its tick runs the due jobs."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING

from keloia.apps.scheduler import JOBS, add_jobs, start
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.services.fleet import add_document
from keloia.settings import Settings

from .conftest import World
from .test_worker import keloia


def test_the_scheduler_starts_running_and_its_tick_queues_the_briefing(world: World) -> None:
    add_document(
        world.deps,
        world.owner,
        DocumentKind.KIR,
        world.clock.today() + timedelta(days=3),
        bus_id=world.buses["Bus 01"],
    )
    world.state().outbox.clear()
    wired = keloia(world)
    local = world.clock.now().astimezone(ZoneInfo("Asia/Jakarta"))
    settings = Settings(
        KELOIA_SCHEDULER_TICK_SECONDS=0.2, KELOIA_BRIEFING_TIME=local.time().replace(microsecond=0)
    )
    app = replace(wired, settings=settings)
    scheduler = BackgroundScheduler(timezone="Asia/Jakarta")
    add_jobs(scheduler, app)
    assert {j.id for j in scheduler.get_jobs()} == {j.name for j in JOBS}
    start(scheduler)
    try:
        assert scheduler.state == STATE_RUNNING
        deadline = time.monotonic() + 20
        while not world.state().outbox and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.6)  # a few more ticks: they find the day's run done
    finally:
        scheduler.shutdown(wait=True)
    queued = [i.message for i in world.state().outbox.values()]
    briefings = [m for m in queued if "KIR Bus 01" in m.body]
    assert sorted(m.to for m in briefings) == sorted([world.owner.phone, world.admin.phone])
    # It is a Monday: the owner's weekly summary too, and nothing else, once.
    assert [m.to for m in queued if m not in briefings] == [world.owner.phone]
