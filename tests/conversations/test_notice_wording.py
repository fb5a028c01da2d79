"""What the owner is told of a trip notice says only what happened to its message: queued
is passed on, a failed one was made and did not go out, never "sent"."""

from __future__ import annotations

import pytest

from keloia.domain.model.messages import DeliveryState

from .harness import PHONES, Demo


def _asked_after_notice(state: DeliveryState) -> str:
    """Wahyu is sent his trip notice, its message comes to `state`, the owner asks."""
    demo = Demo.start()
    demo.send(PHONES["owner"], "kabari wahyu trip malang tgl 2")
    for key, item in list(demo.state.outbox.items()):
        if item.message.to == PHONES["wahyu"]:
            demo.state.outbox[key] = item.model_copy(update={"state": state})
    answer = demo.send(PHONES["owner"], "wahyu udah dikabarin blm?")
    return "\n".join(m.body for m in answer if m.to == PHONES["owner"])


@pytest.mark.parametrize(
    ("state", "said", "never"),
    [
        # Failed: made, not sent; his number to tell him directly.
        (DeliveryState.FAILED, ["gagal terkirim", "0812-0000-0005"], ["sudah saya kirim"]),
        (DeliveryState.DELIVERED, ["Sudah. Wahyu dikirimi", "sampai di WhatsApp-nya"], []),
    ],
)
def test_a_trip_notice_is_said_as_its_message_went(
    state: DeliveryState, said: list[str], never: list[str]
) -> None:
    answer = _asked_after_notice(state)
    for words in said:
        assert words in answer, answer
    for words in never:
        assert words not in answer.lower(), answer
