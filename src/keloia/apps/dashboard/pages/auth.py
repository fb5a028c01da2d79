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
from keloia.apps.demo import demo_people
from keloia.bootstrap import Keloia
from keloia.domain.errors import DomainError
from keloia.domain.services import login

TITLE = "Masuk ke dashboard"


def safe_next(value: str) -> str:
    """Only a path of this site: a login link cannot send people elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") else "/jadwal"


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


async def login_page(
    request: Request[Any, Any, Any],
    step: str,
    next: str,
    phone: str = "",
    error: str = "",
    status_code: int = 200,
    with_code: bool = True,
) -> Template:
    """The login page at `step`: "phone" (in the demo, its people to pick) or "code" (in
    the demo, the code just sent to `phone` unless `with_code` is off)."""
    keloia = keloia_of(request)

    def demo() -> dict[str, Any]:
        if step == "phone":
            return {"demo_people": demo_people(keloia, login.DASHBOARD_ROLES, active_only=True)}
        return {"demo_code": demo_code(keloia, phone) if with_code else ""}

    return await page(
        request,
        None,
        "login.html",
        demo,
        status_code=status_code,
        title=TITLE,
        step=step,
        next=next,
        phone=phone,
        error=error,
    )


class LoginPages(Controller):
    include_in_schema = False

    @get("/masuk")
    async def form(
        self, request: Request[Any, Any, Any], next: FromQuery[str] = "/jadwal"
    ) -> Template:
        return await login_page(request, "phone", safe_next(next))

    @post("/masuk/kode")
    async def ask(self, request: Request[Any, Any, Any]) -> Template:
        keloia = keloia_of(request)
        form = await form_of(request)
        raw, target = text(form, "phone"), safe_next(text(form, "next"))
        try:
            phone = await send_code(keloia, request, raw)
        except DomainError as refused:
            return await login_page(request, "phone", target, raw, refused.message, 422)
        return await login_page(request, "code", target, phone)

    @post("/masuk")
    async def verify(self, request: Request[Any, Any, Any]) -> Response[Any]:
        keloia = keloia_of(request)
        form = await form_of(request)
        raw, target = text(form, "phone"), safe_next(text(form, "next"))
        try:
            _, token = await sign_in(keloia, request, raw, text(form, "code"))
        except DomainError as refused:
            phone = to_e164(raw) or raw
            return await login_page(
                request, "code", target, phone, refused.message, 401, with_code=False
            )
        return Redirect(path=target, status_code=303, cookies=[session_cookie(request, token)])

    @post("/keluar", guards=[allow(roles=ALL_ROLES_FOR_LOGOUT)])
    async def logout(
        self, request: Request[Any, Any, Any], auth: NamedDependency[Auth]
    ) -> Response[Any]:
        await run(lambda: login.close_session(keloia_of(request).kv, auth.token))
        return Redirect(path="/masuk", status_code=303, cookies=[session_cookie(request, None)])
