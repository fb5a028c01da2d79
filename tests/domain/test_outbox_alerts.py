"""The alerts one change raises for one person go out as one WhatsApp message."""

from __future__ import annotations

from datetime import UTC, datetime

from keloia.domain.model.channel import OutboxItem, Purpose, one_alert_each
from keloia.domain.model.messages import MAX_TEXT, Button, MessageKind, OutboundMessage

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
OWNER, DRIVER = "+6281200000001", "+6281200000003"


def item(
    n: int, to: str, body: str, purpose: Purpose = Purpose.ALERT, **message: object
) -> OutboxItem:
    return OutboxItem(
        id=f"o{n}",
        tenant_id="t-1",
        message=OutboundMessage(to=to, body=body, **message),  # type: ignore[arg-type]
        next_attempt_at=NOW,
        created_at=NOW,
        updated_at=NOW,
        purpose=purpose,
    )


def test_two_alerts_to_one_person_are_one_message_in_order() -> None:
    out = one_alert_each(
        [
            item(1, OWNER, "Biaya BBM Rp600.000 dicatat oleh Joko."),
            item(2, DRIVER, "Trip Anda dibatalkan."),
            item(3, OWNER, "Biaya tol Rp150.000 dicatat oleh Joko."),
        ]
    )
    assert [(i.id, i.message.to) for i in out] == [("o1", OWNER), ("o2", DRIVER)]
    assert out[0].message.body == (
        "Biaya BBM Rp600.000 dicatat oleh Joko.\n\nBiaya tol Rp150.000 dicatat oleh Joko."
    )


def test_replies_buttons_and_what_does_not_fit_go_as_they_are() -> None:
    items = [
        item(1, OWNER, "Balasan.", Purpose.REPLY),
        item(2, OWNER, "Balasan kedua.", Purpose.REPLY),
        item(
            3,
            OWNER,
            "Trip baru.",
            kind=MessageKind.BUTTONS,
            buttons=(Button(id="a", title="Siap"),),
        ),
        item(4, OWNER, "x" * (MAX_TEXT - 10)),
        item(5, OWNER, "y" * 20),
    ]
    assert [i.id for i in one_alert_each(items)] == ["o1", "o2", "o3", "o4", "o5"]
