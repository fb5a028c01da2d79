"""Nothing twice, over real HTTP on the embedded default: Meta's retries, a doubled "ya",
and delivery statuses that arrive out of order."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from keloia.domain.model.tenants import Role

from .conftest import Stack
from .fakes import text_of
from .support import day_ahead, indo, new_wamid, post_signed, status_body, text_body, wait_for


def deliver_many(stack: Stack, body: bytes, times: int, concurrently: bool) -> list[Any]:
    """(status, how many messages the webhook said were new) for each delivery."""
    if not concurrently:
        return [answer(post_signed(stack.client, stack.url, body)) for _ in range(times)]
    barrier = threading.Barrier(times)

    def post(_: int) -> Any:
        with httpx.Client(trust_env=False, timeout=30) as own:
            barrier.wait()
            return answer(post_signed(own, stack.url, body))

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(post, range(times)))


def answer(response: httpx.Response) -> tuple[int, int]:
    return response.status_code, response.json()["stored"]


def test_the_same_webhook_five_times_is_one_message_and_one_proposal(stack: Stack) -> None:
    for n, concurrently in enumerate((False, True)):
        admin = stack.team.member(Role.ADMIN, f"Dupli {n}")
        wamid = new_wamid()
        day = day_ahead(60 + n)
        body = text_body(
            admin.phone, f"Pak Joni booking {indo(day)} Jogja-Solo bus 01, 7 jt", wamid
        )
        answers = deliver_many(stack, body, 5, concurrently)
        assert sorted(answers) == [(200, 0)] * 4 + [(200, 1)]
        stack.settled(wamid, admin.phone)
        rows = stack.db.scalar("SELECT count(*) FROM inbox WHERE wa_message_id = :w", w=wamid)
        assert rows == 1
        # One more signed message from the same person, to know the queue is drained.
        marker = stack.say(admin.phone, "bantuan")
        stack.settled(marker, admin.phone)
        sends = stack.graph.to(admin.phone)
        assert [s["type"] for s in sends] == ["interactive", "text"], sends


def test_two_ya_at_the_same_instant_record_one_booking(stack: Stack) -> None:
    admin = stack.team.member(Role.ADMIN, "Kembar")
    stack.say(admin.phone, f"Pak Kresna booking {indo(day_ahead(65))} Jogja-Solo bus 02, 6 jt")
    stack.replies(admin.phone, 1)
    bodies = [text_body(admin.phone, "ya", new_wamid()) for _ in range(2)]
    barrier = threading.Barrier(2)

    def post(body: bytes) -> int:
        with httpx.Client(trust_env=False, timeout=30) as own:
            barrier.wait()
            return post_signed(own, stack.url, body).status_code

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(post, bodies)) == [200, 200]
    sends = stack.replies(admin.phone, 3)
    wait_for(lambda: stack.db.outbox_pending(admin.phone) == 0, what="replies sent")
    assert len(stack.db.bookings(stack.team.tenant.id, "Pak Kresna")) == 1
    answers = [text_of(s) for s in stack.graph.to(admin.phone)[1:]]
    assert len(answers) == 2, answers
    assert sum("tidak ada yang menunggu konfirmasi" in a for a in answers) == 1, answers
    assert sends[0]["type"] == "interactive"


def outbox_row(stack: Stack, provider_id: str) -> str:
    return str(
        stack.db.scalar("SELECT state FROM outbox WHERE provider_message_id = :p", p=provider_id)
    )


def test_statuses_move_an_outbound_message_forward_only(stack: Stack) -> None:
    user = stack.team.member(Role.ADMIN, "Status")
    for text in ("bantuan", "halo bot"):
        wamid = stack.say(user.phone, text)
        stack.settled(wamid, user.phone)
    rows = stack.db.rows(
        "SELECT provider_message_id FROM outbox WHERE to_phone = :p ORDER BY created_at, id",
        p=user.phone,
    )
    first, second = (r[0] for r in rows)
    assert outbox_row(stack, first) == "sent"

    def status(provider_id: str, state: str, at: int) -> None:
        body = status_body(provider_id, state, user.phone, at)
        assert post_signed(stack.client, stack.url, body).status_code == 200

    # Out of order: read before delivered before sent; an old status never moves it back.
    status(first, "read", 1_900_000_300)
    status(first, "delivered", 1_900_000_200)
    status(first, "sent", 1_900_000_100)
    assert outbox_row(stack, first) == "read"

    status(second, "failed", 1_900_000_300)
    assert outbox_row(stack, second) == "failed"
    status(second, "delivered", 1_900_000_400)
    assert outbox_row(stack, second) == "failed"
    # A message that reached the phone cannot fail any more.
    status(first, "failed", 1_900_000_500)
    assert outbox_row(stack, first) == "read"
    # Statuses are not messages: nothing new in the inbox, nothing answered.
    assert len(stack.graph.to(user.phone)) == 2


def test_one_sender_many_messages_at_once_each_stored_once_and_answered_once(
    stack: Stack,
) -> None:
    # The group commit stores requests that arrive together in one transaction: ten
    # messages from one person, each delivered twice, all at the same instant.
    admin = stack.team.member(Role.ADMIN, "Serentak")
    wamids = [new_wamid() for _ in range(10)]
    bodies = [text_body(admin.phone, "bantuan", w) for w in wamids for _ in range(2)]
    barrier = threading.Barrier(len(bodies))

    def post(body: bytes) -> tuple[int, int]:
        with httpx.Client(trust_env=False, timeout=30) as own:
            barrier.wait()
            return answer(post_signed(own, stack.url, body))

    with ThreadPoolExecutor(len(bodies)) as pool:
        answers = list(pool.map(post, bodies))
    assert {status for status, _ in answers} == {200}
    assert sum(stored for _, stored in answers) == len(wamids)
    for wamid in wamids:
        stack.settled(wamid, admin.phone)
    stored = stack.db.scalar(
        "SELECT count(*) FROM inbox WHERE from_phone = :p AND state = 'processed'", p=admin.phone
    )
    assert stored == len(wamids)
    # Each reply names the message it answers: one reply per message, none twice.
    answered = stack.db.rows("SELECT in_reply_to FROM outbox WHERE to_phone = :p", p=admin.phone)
    assert sorted(row.in_reply_to for row in answered) == sorted(wamids)
