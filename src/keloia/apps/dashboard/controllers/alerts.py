"""The signed-in person's alerts."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery

from keloia.apps.dashboard.controllers.common import api
from keloia.apps.dashboard.schemas import AlertOut, ReadOut
from keloia.apps.dashboard.security import allow
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import alerts
from keloia.domain.services.deps import Deps

EVERYONE = (Role.OWNER, Role.ADMIN, Role.DRIVER)


class AlertsController(Controller):
    path = "/api/alerts"
    tags = ("Peringatan",)

    @api(get, "/", allow(Action.READ, Resource.ALERT, EVERYONE))
    def pending(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], all: FromQuery[bool] = False
    ) -> list[AlertOut]:
        """This person's unread alerts, newest first (`all=true`: read ones too)."""
        return [
            AlertOut.model_validate(a) for a in alerts.my_alerts(deps, user, unread_only=not all)
        ]

    @api(post, "/read", allow(Action.UPDATE, Resource.ALERT, EVERYONE), status_code=200)
    def read_all(self, user: NamedDependency[User], deps: NamedDependency[Deps]) -> ReadOut:
        """Mark every alert read."""
        return ReadOut(changed=alerts.mark_read(deps, user))

    @api(
        post,
        "/{alert_id:str}/read",
        allow(Action.UPDATE, Resource.ALERT, EVERYONE),
        404,
        status_code=200,
    )
    def read_one(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], alert_id: FromPath[str]
    ) -> ReadOut:
        """Mark one alert read."""
        return ReadOut(changed=alerts.mark_read(deps, user, alert_id))
