"""The login pages: ask for a code, type it, signed in. In `--demo` the page offers the
demo PO's owner and admin and shows the code the simulator received."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Response, Template

from keloia.adapters.phones import to_e164
from keloia.apps.dashboard.controllers.auth import send_code, session_cookie, sign_in
from keloia.apps.dashboard.pages.common import form_of, page, run, text
from keloia.apps.dashboard.security import ALL_ROLES_FOR_LOGOUT, Auth, allow, keloia_of
from keloia.bootstrap import Keloia
from keloia.domain.errors import DomainError
from keloia.domain.model.tenants import ROLE_LABELS, Role
from keloia.domain.services import login

TITLE = "Masuk ke dashboard"


def safe_next(value: str) -> str:
    """Only a path of this site: a login link cannot send people elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") else "/jadwal"


def demo_people(keloia: Keloia) -> list[dict[str, str]]:
    if keloia.demo_tenant_id is None:
        return []
    with keloia.deps.uow() as uow:
        team = uow.users.all(keloia.demo_tenant_id)
    return [
        {"phone": u.phone, "name": u.name, "role": ROLE_LABELS[u.role]}
        for u in sorted(team, key=lambda u: u.role is not Role.OWNER)
        if u.role in login.DASHBOARD_ROLES and u.active
    ]


def demo_code(keloia: Keloia, phone: str) -> str:
    """The newest login code the simulator received for a demo-PO phone (never another
    PO's: the simulator's own rule)."""
    if keloia.demo_tenant_id is None:
        return ""
    with keloia.deps.uow() as uow:
        user = uow.users.by_phone(phone)
        if user is None or user.tenant_id != keloia.demo_tenant_id:
            return ""
        items = uow.outbox.recent(phone, 10)
    for item in reversed(items):  # oldest first: the newest code is the live one
        if item.message.template_name == login.LOGIN_TEMPLATE:
            return item.message.template_params[0]
    return ""


class LoginPages(Controller):
    include_in_schema = False

    @get("/masuk")
    async def form(
        self, request: Request[Any, Any, Any], next: FromQuery[str] = "/jadwal"
    ) -> Template:
        keloia = keloia_of(request)
        return await page(
            request,
            None,
            "login.html",
            lambda: {"demo_people": demo_people(keloia)},
            title=TITLE,
            step="phone",
            next=safe_next(next),
        )

    @post("/masuk/kode")
    async def ask(self, request: Request[Any, Any, Any]) -> Template:
        keloia = keloia_of(request)
        form = await form_of(request)
        raw, target = text(form, "phone"), safe_next(text(form, "next"))
        try:
            phone = await send_code(keloia, request, raw)
        except DomainError as refused:
            return await page(
                request,
                None,
                "login.html",
                lambda: {"demo_people": demo_people(keloia)},
                status_code=422,
                title=TITLE,
                step="phone",
                phone=raw,
                next=target,
                error=refused.message,
            )
        return await page(
            request,
            None,
            "login.html",
            lambda: {"demo_code": demo_code(keloia, phone)},
            title=TITLE,
            step="code",
            phone=phone,
            next=target,
        )

    @post("/masuk")
    async def verify(self, request: Request[Any, Any, Any]) -> Response[Any]:
        keloia = keloia_of(request)
        form = await form_of(request)
        raw, target = text(form, "phone"), safe_next(text(form, "next"))
        try:
            _, token = await sign_in(keloia, request, raw, text(form, "code"))
        except DomainError as refused:
            phone = to_e164(raw) or raw
            return await page(
                request,
                None,
                "login.html",
                lambda: {"demo_code": ""},
                status_code=401,
                title=TITLE,
                step="code",
                phone=phone,
                next=target,
                error=refused.message,
            )
        return Redirect(path=target, status_code=303, cookies=[session_cookie(request, token)])

    @post("/keluar", guards=[allow(roles=ALL_ROLES_FOR_LOGOUT)])
    async def logout(
        self, request: Request[Any, Any, Any], auth: NamedDependency[Auth]
    ) -> Response[Any]:
        await run(lambda: login.close_session(keloia_of(request).kv, auth.token))
        return Redirect(path="/masuk", status_code=303, cookies=[session_cookie(request, None)])
