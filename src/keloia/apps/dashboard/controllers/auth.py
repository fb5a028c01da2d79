"""Signing in without a password: a code over WhatsApp, then a session."""

from __future__ import annotations

import secrets
from typing import Any

import anyio
from litestar import Controller, Request, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody
from litestar.response import Response

from keloia.adapters.phones import to_e164
from keloia.apps.dashboard.schemas import ErrorOut, MeOut, OtpIn, OtpOut, TokenOut, VerifyIn
from keloia.apps.dashboard.security import COOKIE, Auth, allow, keloia_of, token_of
from keloia.bootstrap import Keloia
from keloia.domain.errors import InvalidInput, LoginRefused
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import login

SENT = "Jika nomor ini terdaftar sebagai pemilik atau admin, kode masuk kami kirim lewat WhatsApp."
BAD_PHONE = "Nomor WhatsApp tidak valid. Contoh: 0812-3456-7890."
ALL_ROLES = (Role.OWNER, Role.ADMIN, Role.DRIVER)
ERRORS = {
    400: ResponseSpec(ErrorOut, description="malformed request"),
    401: ResponseSpec(ErrorOut, description="wrong, expired or locked code"),
    429: ResponseSpec(ErrorOut, description="too many attempts"),
}


def address_of(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client else "unknown"


def phone_of(raw: str) -> str:
    phone = to_e164(raw)
    if phone is None:
        raise InvalidInput(BAD_PHONE)
    return phone


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def is_https(request: Request[Any, Any, Any]) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


def session_cookie(request: Request[Any, Any, Any], token: str | None) -> Cookie:
    """HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site posts),
    Secure whenever the page came over HTTPS."""
    return Cookie(
        key=COOKIE,
        value=token or "",
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        path="/",
        max_age=login.SESSION_TTL_SECONDS if token else 0,
    )


async def send_code(keloia: Keloia, request: Request[Any, Any, Any], raw_phone: str) -> str:
    phone = phone_of(raw_phone)
    await anyio.to_thread.run_sync(
        login.request_code, keloia.deps, keloia.kv, phone, address_of(request), new_code()
    )
    return phone


async def sign_in(
    keloia: Keloia, request: Request[Any, Any, Any], raw_phone: str, code: str
) -> tuple[User, str]:
    phone = to_e164(raw_phone)
    if phone is None:
        raise LoginRefused(login.WRONG_CODE)
    token = secrets.token_urlsafe(32)
    user = await anyio.to_thread.run_sync(
        login.verify_code, keloia.deps, keloia.kv, phone, code, address_of(request), token
    )
    return user, token


class AuthController(Controller):
    path = "/api/auth"
    tags = ("Masuk",)

    @post("/otp", status_code=202, responses=ERRORS)
    async def otp(self, request: Request[Any, Any, Any], data: JSONBody[OtpIn]) -> OtpOut:
        """Send a six-digit login code over WhatsApp to a registered owner or admin. The
        answer is the same for any number, so it tells nobody who is registered."""
        await send_code(keloia_of(request), request, data.phone)
        return OtpOut(detail=SENT)

    @post("/verify", status_code=200, responses=ERRORS)
    async def verify(
        self, request: Request[Any, Any, Any], data: JSONBody[VerifyIn]
    ) -> Response[TokenOut]:
        """Exchange the code for a session: an HttpOnly cookie, and the same token to send
        as `Authorization: Bearer` from scripts. Valid 7 days."""
        _, token = await sign_in(keloia_of(request), request, data.phone, data.code)
        return Response(TokenOut(token=token), cookies=[session_cookie(request, token)])

    @post("/logout", status_code=200, guards=[allow(roles=ALL_ROLES)], responses=ERRORS)
    async def logout(
        self, request: Request[Any, Any, Any], auth: NamedDependency[Auth]
    ) -> Response[OtpOut]:
        """Revoke this session (cookie or bearer)."""
        await anyio.to_thread.run_sync(login.close_session, keloia_of(request).kv, auth.token)
        return Response(
            OtpOut(detail="Anda sudah keluar."), cookies=[session_cookie(request, None)]
        )

    @get("/me", guards=[allow(roles=ALL_ROLES)], responses=ERRORS)
    async def me(self, auth: NamedDependency[Auth]) -> MeOut:
        """Who this session belongs to, and the CSRF token for cookie-session writes."""
        return MeOut(**auth.user.model_dump(), csrf_token=auth.csrf)


__all__ = ["AuthController", "send_code", "session_cookie", "sign_in", "token_of"]
