"""A transfer photo through the worker: fetched from the (fake) Cloud API with the real
httpx client, kept in the file store, then read by its caption into a payment proposal
that carries it. A fetch that may work later leaves the message for another attempt."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest
from PIL import Image

from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks
from keloia.adapters.meta.media import CloudApiMedia
from keloia.adapters.pdf import FpdfRenderer
from keloia.apps.worker import tasks
from keloia.bootstrap import Keloia
from keloia.domain.model.channel import InboxState
from keloia.domain.model.intents import Intent
from keloia.domain.model.messages import InboundKind, InboundMedia, InboundMessage
from keloia.domain.services import channel
from keloia.domain.services.bookings import BookingDraft, create_booking
from keloia.settings import Settings
from meta.fake_graph_api import FakeGraphAPI, graph_error

from .conftest import World

TOKEN = "EAAtest-media"
CAPTION = "bukti tf dp bu wati 1,5jt"


class Messenger:
    def parts(self, message):  # type: ignore[no-untyped-def]
        return [message]

    def send(self, message) -> str:  # type: ignore[no-untyped-def]
        return "wamid.out"


@pytest.fixture
def fake() -> Iterator[FakeGraphAPI]:
    graph = FakeGraphAPI(token=TOKEN).start()
    yield graph
    graph.stop()


def keloia_for(world: World, fake: FakeGraphAPI, tmp_path: Path) -> Keloia:
    world.deps = replace(
        world.deps,
        files=LocalFileStore(tmp_path / "files"),
        renderer=FpdfRenderer(),
        links=SignedLinks(b"m" * 32, "http://127.0.0.1:8600"),
    )
    client = httpx.Client(trust_env=False)
    return Keloia(
        settings=Settings(),
        deps=world.deps,
        kv=MemoryKeyValueStore(),
        locks=MemoryLocks(),
        messenger=Messenger(),  # type: ignore[arg-type]
        probe=lambda: None,
        media=CloudApiMedia(api_url=fake.url + "/v26.0", access_token=TOKEN, client=client),
    )


def photo_message(world: World) -> InboundMessage:
    message = InboundMessage(
        wa_message_id="wamid.photo",
        from_phone=world.admin.phone,
        sent_at=world.clock.now(),
        kind=InboundKind.MEDIA,
        text=CAPTION,
        media=InboundMedia(kind="image", media_id="8801", mime_type="image/jpeg"),
    )
    channel.receive(world.deps, [message], [])
    return message


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 200, 90)).save(out, "JPEG")
    return out.getvalue()


def test_the_photo_is_kept_and_the_caption_proposes_the_payment(
    world: World, fake: FakeGraphAPI, tmp_path: Path
) -> None:
    keloia = keloia_for(world, fake, tmp_path)
    create_booking(
        world.deps,
        world.owner,
        BookingDraft(client_name="Bu Wati", depart_date=date(2026, 3, 20), price=9_000_000),
    )
    world.extractor.says(
        CAPTION, Intent.RECORD_PAYMENT, client_name="bu wati", amount=1_500_000, payment_type="dp"
    )
    photo = jpeg()
    fake.add_media("8801", photo, "image/jpeg")
    photo_message(world)
    assert tasks.process_sender(keloia, world.admin.phone) == 1
    (kept,) = world.state().media.values()
    assert kept.wa_message_id == "wamid.photo" and kept.caption == CAPTION
    assert world.deps.files is not None
    stored = world.deps.files.read(world.tenant.id, kept.file_key)
    assert stored is not None and stored.content == photo
    with world.uow() as uow:
        sent = [i.message.body for i in uow.outbox.recent(world.admin.phone, 10)]
    assert any("DP Rp1.500.000" in body and "Lampiran" in body for body in sent), sent


def test_a_fetch_that_may_work_later_leaves_the_message_waiting(
    world: World, fake: FakeGraphAPI, tmp_path: Path
) -> None:
    keloia = keloia_for(world, fake, tmp_path)
    fake.reply(graph_error(2, 503))
    photo_message(world)
    assert tasks.process_sender(keloia, world.admin.phone) == 0
    item = world.state().inbox["wamid.photo"]
    assert item.state is InboxState.RECEIVED and item.attempts == 1
    assert world.state().media == {}
