"""Peringatan: the signed-in person's alerts, newest first, marked read."""

from __future__ import annotations

from typing import Any

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Response

from keloia.apps.dashboard.pages.common import RecordPage, done, run, shown_at
from keloia.apps.dashboard.security import Auth, allow
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.services import alerts
from keloia.domain.services.deps import Deps

LINKS = {"booking": "/booking/", "bus": "/armada/", "payment": None, "document": None}


def read_alerts(deps: Deps, auth: Auth, _: str) -> dict[str, Any]:
    found = alerts.my_alerts(deps, auth.user, unread_only=False)[:100]
    return {"alerts": found, "links": LINKS}


alerts_page = RecordPage("peringatan.html", "Peringatan", "/peringatan", read_alerts)


class AlertPages(Controller):
    include_in_schema = False

    list = shown_at(alerts_page, "/peringatan", allow(Action.READ, Resource.ALERT))

    @post("/peringatan/baca", guards=[allow(Action.UPDATE, Resource.ALERT)])
    async def read_all(
        self, auth: NamedDependency[Auth], deps: NamedDependency[Deps]
    ) -> Response[Any]:
        await run(lambda: alerts.mark_read(deps, auth.user))
        return done("/peringatan", "baca")

    @post("/peringatan/{alert_id:str}/baca", guards=[allow(Action.UPDATE, Resource.ALERT)])
    async def read_one(
        self, auth: NamedDependency[Auth], deps: NamedDependency[Deps], alert_id: FromPath[str]
    ) -> Response[Any]:
        await run(lambda: alerts.mark_read(deps, auth.user, alert_id))
        return done("/peringatan", "baca")
