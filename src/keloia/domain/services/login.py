"""Signing in to the dashboard without a password: a one-time code over WhatsApp, then a
session. Only owners and admins have a dashboard (drivers work on WhatsApp alone).

Codes and sessions live in the key-value store (in the process, or Redis when several
processes share), never in plain text: only their SHA-256 is kept, so a copy of the store
signs nobody in. Randomness comes from the caller (the app), as the domain has none."""

from __future__ import annotations

import hashlib
import hmac
import json

from keloia.domain.errors import LoginRefused, RateLimited
from keloia.domain.model.events import LoginCodeRequested
from keloia.domain.model.messages import MessageKind, OutboundMessage
from keloia.domain.model.templates import LOGIN_CODE
from keloia.domain.model.tenants import Role, User
from keloia.domain.services.deps import Deps
from keloia.ports.keyvalue import KeyValueStore

DASHBOARD_ROLES = frozenset({Role.OWNER, Role.ADMIN})
CODE_TTL_SECONDS = 5 * 60
MAX_WRONG_CODES = 5  # then the code is gone and a new one must be asked for
SESSION_TTL_SECONDS = 7 * 24 * 3600
# Codes asked for: per phone (a person retrying) and per address (someone trying numbers).
CODES_PER_PHONE = 5
CODES_PER_ADDRESS = 20
VERIFIES_PER_ADDRESS = 30
RATE_WINDOW_SECONDS = 15 * 60
LOGIN_TEMPLATE = LOGIN_CODE.name  # the WhatsApp authentication template (catalogue)

WRONG_CODE = "Kode salah atau sudah kedaluwarsa. Minta kode baru bila perlu."
LOCKED = "Terlalu banyak kode salah. Minta kode baru."
TOO_MANY = "Terlalu banyak percobaan. Silakan coba lagi dalam 15 menit."


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def csrf_token(session_token: str) -> str:
    """The form and header token that goes with a cookie session: derived from the session
    secret, so it needs no storage and dies with the session."""
    return hmac.new(session_token.encode(), b"keloia-csrf", hashlib.sha256).hexdigest()


def _limit(kv: KeyValueStore, key: str, most: int) -> None:
    if kv.incr(key, RATE_WINDOW_SECONDS) > most:
        raise RateLimited(TOO_MANY)


def request_code(deps: Deps, kv: KeyValueStore, phone: str, address: str, code: str) -> bool:
    """Send `code` (six digits, made by the caller) to `phone` if it belongs to an active
    owner or admin. Returns whether a code went out; callers answer the same either way,
    so nobody learns which numbers are registered."""
    _limit(kv, "login:rate:addr:" + address, CODES_PER_ADDRESS)
    _limit(kv, "login:rate:phone:" + phone, CODES_PER_PHONE)
    with deps.uow() as uow:
        user = uow.users.by_phone(phone)
        if user is None or not user.active or user.role not in DASHBOARD_ROLES:
            return False
        kv.set("login:code:" + phone, digest(code), CODE_TTL_SECONDS)
        kv.delete("login:wrong:" + phone)
        # Outside WhatsApp's 24-hour window only a template may be sent: the login code
        # always goes as the authentication template; the body is what the simulator shows.
        uow.record(
            LoginCodeRequested(
                user=user,
                message=OutboundMessage(
                    to=phone,
                    kind=MessageKind.TEMPLATE,
                    body=f"{code} adalah kode masuk dashboard Keloia Anda. Berlaku 5 menit. "
                    "Jangan bagikan kode ini kepada siapa pun.",
                    template_name=LOGIN_TEMPLATE,
                    template_params=(code,),
                ),
            )
        )
        uow.commit()
    return True


def verify_code(
    deps: Deps, kv: KeyValueStore, phone: str, code: str, address: str, session_token: str
) -> User:
    """Check the code; on success the session `session_token` (random, made by the caller)
    is opened for the user. Five wrong codes remove the code."""
    _limit(kv, "login:rate:verify:" + address, VERIFIES_PER_ADDRESS)
    stored = kv.get("login:code:" + phone)
    if stored is None:
        raise LoginRefused(WRONG_CODE)
    if not hmac.compare_digest(stored, digest(code.strip())):
        if kv.incr("login:wrong:" + phone, CODE_TTL_SECONDS) >= MAX_WRONG_CODES:
            kv.delete("login:code:" + phone)
            raise LoginRefused(LOCKED)
        raise LoginRefused(WRONG_CODE)
    kv.delete("login:code:" + phone)
    kv.delete("login:wrong:" + phone)
    with deps.uow() as uow:
        user = uow.users.by_phone(phone)
    if user is None or not user.active or user.role not in DASHBOARD_ROLES:
        raise LoginRefused(WRONG_CODE)
    open_session(kv, user, session_token)
    return user


def open_session(kv: KeyValueStore, user: User, session_token: str) -> None:
    value = json.dumps({"tenant_id": user.tenant_id, "user_id": user.id, "role": user.role.value})
    kv.set("session:" + digest(session_token), value, SESSION_TTL_SECONDS)


def session_user(deps: Deps, kv: KeyValueStore, session_token: str) -> User | None:
    """The user of a live session, read afresh. A session opened under another role, or
    for someone since removed, is revoked here: a role change takes effect at once."""
    key = "session:" + digest(session_token)
    raw = kv.get(key)
    if raw is None:
        return None
    try:
        saved = json.loads(raw)
        tenant_id, user_id, role = saved["tenant_id"], saved["user_id"], saved["role"]
    except (ValueError, KeyError, TypeError):
        kv.delete(key)
        return None
    with deps.uow() as uow:
        user = uow.users.get(tenant_id, user_id)
    if user is None or not user.active or user.role.value != role:
        kv.delete(key)
        return None
    return user


def close_session(kv: KeyValueStore, session_token: str) -> None:
    kv.delete("session:" + digest(session_token))
