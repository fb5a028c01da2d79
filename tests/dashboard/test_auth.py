"""Login without passwords: a code over WhatsApp (through the outbox, as the login
template), a session that is random, hashed, 7 days long, revoked on logout and on a role
change or removal; brute force locked; rate limits; CSRF for cookie sessions."""

from __future__ import annotations

from keloia.domain.model.messages import MessageKind
from keloia.domain.model.tenants import Role
from keloia.domain.services import login, team
from keloia.domain.services.team import MemberChanges

from .conftest import ADMIN_PHONE, DRIVER_PHONE, OWNER_PHONE, Dash


def sign_in(dash: Dash, phone: str = OWNER_PHONE) -> str:
    assert dash.client.post("/api/auth/otp", json={"phone": phone}).status_code == 202
    code = dash.outbox_code(phone)
    response = dash.client.post("/api/auth/verify", json={"phone": phone, "code": code})
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def test_the_code_goes_out_as_the_login_template_and_opens_a_session(dash: Dash) -> None:
    dash.client.post("/api/auth/otp", json={"phone": "0812-0000-0001"})
    with dash.keloia.deps.uow() as uow:
        sent = uow.outbox.recent(OWNER_PHONE, 1)[0].message
    assert sent.kind is MessageKind.TEMPLATE and sent.template_name == login.LOGIN_TEMPLATE
    code = sent.template_params[0]
    assert len(code) == 6 and code.isdigit()
    response = dash.client.post("/api/auth/verify", json={"phone": OWNER_PHONE, "code": code})
    token = response.json()["token"]
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Secure" not in cookie
    # Only the token's hash is stored.
    assert dash.keloia.kv.get("session:" + token) is None
    assert dash.keloia.kv.get("session:" + login.digest(token)) is not None
    me = dash.client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["phone"] == OWNER_PHONE
    # The cookie alone works too (the test client keeps it).
    assert dash.client.get("/api/schedule").status_code == 200


def test_the_session_cookie_is_secure_over_https(dash: Dash) -> None:
    dash.client.post("/api/auth/otp", json={"phone": OWNER_PHONE})
    code = dash.outbox_code(OWNER_PHONE)
    response = dash.client.post(
        "/api/auth/verify",
        json={"phone": OWNER_PHONE, "code": code},
        headers={"X-Forwarded-Proto": "https"},
    )
    assert "Secure" in response.headers["set-cookie"]


def test_the_answer_is_the_same_for_unknown_numbers_and_drivers_get_no_code(dash: Dash) -> None:
    for phone in ("+6289999999999", DRIVER_PHONE):
        response = dash.client.post("/api/auth/otp", json={"phone": phone})
        assert response.status_code == 202
        with dash.keloia.deps.uow() as uow:
            assert not [i for i in uow.outbox.recent(phone, 5) if i.message.template_params]
        refused = dash.client.post("/api/auth/verify", json={"phone": phone, "code": "123456"})
        assert refused.status_code == 401


def test_five_wrong_codes_lock_the_code(dash: Dash) -> None:
    dash.client.post("/api/auth/otp", json={"phone": ADMIN_PHONE})
    code = dash.outbox_code(ADMIN_PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(login.MAX_WRONG_CODES):
        response = dash.client.post("/api/auth/verify", json={"phone": ADMIN_PHONE, "code": wrong})
        assert response.status_code == 401
    assert response.json()["detail"] == login.LOCKED
    # The right code no longer works: a new one must be asked for.
    right = dash.client.post("/api/auth/verify", json={"phone": ADMIN_PHONE, "code": code})
    assert right.status_code == 401


def test_a_code_expires_after_five_minutes(dash: Dash) -> None:
    dash.client.post("/api/auth/otp", json={"phone": OWNER_PHONE})
    code = dash.outbox_code(OWNER_PHONE)
    dash.ticking.now += login.CODE_TTL_SECONDS + 1
    response = dash.client.post("/api/auth/verify", json={"phone": OWNER_PHONE, "code": code})
    assert response.status_code == 401


def test_codes_are_rate_limited_per_phone(dash: Dash) -> None:
    statuses = [
        dash.client.post("/api/auth/otp", json={"phone": OWNER_PHONE}).status_code
        for _ in range(login.CODES_PER_PHONE + 1)
    ]
    assert statuses == [202] * login.CODES_PER_PHONE + [429]


def test_codes_are_rate_limited_per_address(dash: Dash) -> None:
    statuses = [
        dash.client.post("/api/auth/otp", json={"phone": f"+62812345{i:05d}"}).status_code
        for i in range(login.CODES_PER_ADDRESS + 1)
    ]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {202}


def test_a_session_lasts_seven_days(dash: Dash) -> None:
    token = sign_in(dash)
    headers = {"Authorization": f"Bearer {token}"}
    dash.ticking.now += login.SESSION_TTL_SECONDS - 60
    assert dash.client.get("/api/auth/me", headers=headers).status_code == 200
    dash.ticking.now += 120
    assert dash.client.get("/api/auth/me", headers=headers).status_code == 401


def test_logout_revokes_the_session(dash: Dash) -> None:
    token = sign_in(dash)
    headers = {"Authorization": f"Bearer {token}"}
    assert dash.client.post("/api/auth/logout", headers=headers).status_code == 200
    dash.client.cookies.clear()
    assert dash.client.get("/api/auth/me", headers=headers).status_code == 401


def test_a_role_change_or_removal_revokes_sessions(dash: Dash) -> None:
    admin_token = sign_in(dash, ADMIN_PHONE)
    dash.client.cookies.clear()
    owner = dash.people[Role.OWNER]
    admin = dash.people[Role.ADMIN]
    headers = {"Authorization": f"Bearer {admin_token}"}
    assert dash.client.get("/api/schedule", headers=headers).status_code == 200
    team.update_member(dash.keloia.deps, owner, admin.id, MemberChanges(role=Role.DRIVER))
    assert dash.client.get("/api/schedule", headers=headers).status_code == 401
    # Back to admin: the old session stays dead; removal ends a new one too.
    team.update_member(dash.keloia.deps, owner, admin.id, MemberChanges(role=Role.ADMIN))
    assert dash.client.get("/api/schedule", headers=headers).status_code == 401
    fresh = dash.session(admin)
    team.update_member(dash.keloia.deps, owner, admin.id, MemberChanges(active=False))
    assert dash.client.get("/api/schedule", headers=fresh).status_code == 401


def test_cookie_writes_need_the_csrf_token_and_bearer_writes_do_not(dash: Dash) -> None:
    token = sign_in(dash)
    body = {"name": "Bus Baru", "plate": "AB 1 CD", "seats": 40}
    refused = dash.client.post("/api/assets", json=body)  # cookie only
    assert refused.status_code == 403
    assert "muat ulang" in refused.json()["detail"].lower()
    csrf = dash.client.get("/api/auth/me").json()["csrf_token"]
    assert (
        dash.client.post("/api/assets", json=body, headers={"X-CSRF-Token": "x" * 64}).status_code
        == 403
    )
    ok = dash.client.post("/api/assets", json=body, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201, ok.text
    dash.client.cookies.clear()
    bearer = dash.client.post(
        "/api/assets",
        json=body | {"name": "Bus Lagi"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert bearer.status_code == 201
