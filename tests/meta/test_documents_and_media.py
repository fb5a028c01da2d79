"""Papers out as WhatsApp documents and media in from WhatsApp, through the real httpx
clients against the local fake Graph API: upload then send, an upload that fails, the
24-hour window, and fetching what a person sent (size- and type-checked)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from PIL import Image

from keloia.adapters.files import LocalFileStore
from keloia.adapters.memory import MemoryUnitOfWorkFactory
from keloia.adapters.meta import CloudApiMessenger
from keloia.adapters.meta.graph import DeliveryError
from keloia.adapters.meta.media import CloudApiMedia
from keloia.domain.errors import MediaUnavailable
from keloia.domain.model.messages import (
    Attachment,
    DeliveryState,
    InboundKind,
    InboundMedia,
    InboundMessage,
    MessageKind,
    OutboundMessage,
)
from keloia.domain.model.tenants import Role, Tenant, User
from keloia.domain.services import channel
from keloia.domain.services.deps import Deps
from keloia.domain.services.media import keep_media
from keloia.domain.services.outbox import enqueue

from .conftest import ACCESS_TOKEN, API_VERSION_PATH, PHONE_NUMBER_ID
from .fake_graph_api import FakeGraphAPI, Reply, graph_error

TENANT = "01TENANTAAAAAAAAAAAAAAAAAA"
NOW = datetime(2026, 3, 1, 3, tzinfo=UTC)


class Clock:
    def now(self) -> datetime:
        return NOW

    def today(self):  # type: ignore[no-untyped-def]
        return NOW.date()


class Ids:
    n = 0

    def new_id(self) -> str:
        Ids.n += 1
        return f"ID{Ids.n:06d}"

    def new_code(self) -> str:
        return self.new_id()


def messenger(fake: FakeGraphAPI, client: httpx.Client, files: LocalFileStore | None):
    return CloudApiMessenger(
        api_url=fake.url + API_VERSION_PATH,
        access_token=ACCESS_TOKEN,
        phone_number_id=PHONE_NUMBER_ID,
        client=client,
        timeout=2.0,
        files=files,
    )


def paper(files: LocalFileStore) -> OutboundMessage:
    files.save(TENANT, "kwitansi/p1-abc.pdf", b"%PDF-1.4 kwitansi", "application/pdf")
    return OutboundMessage(
        to="+6281234567890",
        kind=MessageKind.DOCUMENT,
        body="Kwitansi DP Pak Agus Rp5.000.000.",
        document=Attachment(
            tenant_id=TENANT,
            file_key="kwitansi/p1-abc.pdf",
            filename="kwitansi-pak-agus.pdf",
            url="https://keloia.example/files/token/kwitansi-pak-agus.pdf",
        ),
    )


def test_document_is_uploaded_then_sent_by_media_id(
    fake_graph: FakeGraphAPI, http_client: httpx.Client, tmp_path: Path
) -> None:
    files = LocalFileStore(tmp_path)
    provider_id = messenger(fake_graph, http_client, files).send(paper(files))
    upload, send = fake_graph.requests
    assert upload.path == f"{API_VERSION_PATH}/{PHONE_NUMBER_ID}/media"
    assert upload.headers["authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert upload.headers["content-type"].startswith("multipart/form-data")
    raw = fake_graph.uploads[0]
    assert b"%PDF-1.4 kwitansi" in raw and b'filename="kwitansi-pak-agus.pdf"' in raw
    assert b'name="messaging_product"' in raw and b"whatsapp" in raw
    media_id = "media.FAKE1"
    assert send.path == f"{API_VERSION_PATH}/{PHONE_NUMBER_ID}/messages"
    assert send.body["type"] == "document"
    assert send.body["document"] == {
        "id": media_id,
        "filename": "kwitansi-pak-agus.pdf",
        "caption": "Kwitansi DP Pak Agus Rp5.000.000.",
    }
    assert provider_id == "wamid.FAKE2"


def test_without_a_file_store_the_document_goes_by_link(
    fake_graph: FakeGraphAPI, http_client: httpx.Client, tmp_path: Path
) -> None:
    message = paper(LocalFileStore(tmp_path))
    messenger(fake_graph, http_client, None).send(message)
    (send,) = fake_graph.requests
    assert send.body["document"]["link"] == message.document.url  # type: ignore[union-attr]


@pytest.mark.parametrize(("code", "status", "retryable"), [(131000, 500, True), (100, 400, False)])
def test_a_failed_upload_sends_nothing_and_says_if_a_retry_helps(
    fake_graph: FakeGraphAPI,
    http_client: httpx.Client,
    tmp_path: Path,
    code: int,
    status: int,
    retryable: bool,
) -> None:
    files = LocalFileStore(tmp_path)
    fake_graph.reply(graph_error(code, status))
    with pytest.raises(DeliveryError) as failed:
        messenger(fake_graph, http_client, files).send(paper(files))
    assert failed.value.retryable is retryable and failed.value.code == code
    assert [r.path.rsplit("/", 1)[-1] for r in fake_graph.requests] == ["media"]


def test_a_document_gone_from_the_store_is_not_retried(
    fake_graph: FakeGraphAPI, http_client: httpx.Client, tmp_path: Path
) -> None:
    message = paper(LocalFileStore(tmp_path / "a"))
    with pytest.raises(DeliveryError) as failed:
        messenger(fake_graph, http_client, LocalFileStore(tmp_path / "b")).send(message)
    assert failed.value.retryable is False and fake_graph.requests == []


def test_outside_the_24_hour_window_the_link_goes_in_the_notice_template(
    fake_graph: FakeGraphAPI, http_client: httpx.Client, tmp_path: Path
) -> None:
    files = LocalFileStore(tmp_path)
    deps = Deps(storage=MemoryUnitOfWorkFactory(), clock=Clock(), ids=Ids())
    message = paper(files)
    with deps.uow() as uow:
        enqueue(deps, uow, message, TENANT)
        uow.commit()
    # The upload succeeds; the send is refused: the person last wrote over 24 hours ago.
    fake_graph.reply(
        Reply(200, b'{"id": "media.1"}'),
        graph_error(131047, 400, details="Message failed to send because more"),
    )
    sender = messenger(fake_graph, http_client, files)
    (item,) = channel.claim_due(deps)
    after = channel.deliver(deps, sender, item)
    assert [r.path.rsplit("/", 1)[-1] for r in fake_graph.requests] == ["media", "messages"]
    assert after.message.kind is MessageKind.TEMPLATE
    assert message.document is not None
    assert after.message.template_params[0].endswith(message.document.url)
    (again,) = channel.claim_due(deps)
    sent = channel.deliver(deps, sender, again)
    assert sent.state is DeliveryState.SENT
    assert fake_graph.requests[-1].body["type"] == "template"


# --- media in --------------------------------------------------------------------------


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def media_client(fake: FakeGraphAPI, client: httpx.Client) -> CloudApiMedia:
    fake.token = ACCESS_TOKEN
    return CloudApiMedia(
        api_url=fake.url + API_VERSION_PATH, access_token=ACCESS_TOKEN, client=client
    )


def test_media_is_fetched_with_the_token(
    fake_graph: FakeGraphAPI, http_client: httpx.Client
) -> None:
    photo = jpeg()
    fake_graph.add_media("1234567890", photo, "image/jpeg")
    fetched = media_client(fake_graph, http_client).fetch("1234567890", 5_000_000)
    assert (fetched.content, fetched.mime_type) == (photo, "image/jpeg")
    info, download = fake_graph.requests
    assert info.path == f"{API_VERSION_PATH}/1234567890"
    assert download.path == "/download/1234567890"
    assert download.headers["authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_media_over_the_limit_or_unknown_is_refused(
    fake_graph: FakeGraphAPI, http_client: httpx.Client
) -> None:
    source = media_client(fake_graph, http_client)
    fake_graph.add_media("777", b"x" * 2000, "image/jpeg")
    with pytest.raises(MediaUnavailable) as too_big:
        source.fetch("777", 1000)
    assert too_big.value.retryable is False
    assert all(not r.path.startswith("/download/") for r in fake_graph.requests)
    with pytest.raises(MediaUnavailable) as missing:
        source.fetch("404404", 1000)
    assert missing.value.retryable is False
    with pytest.raises(MediaUnavailable):
        source.fetch("../../etc", 1000)


def sender() -> User:
    return User(
        id="u1",
        tenant_id=TENANT,
        phone="+6281100000002",
        name="Sari",
        role=Role.ADMIN,
        created_at=NOW,
    )


def inbound(media_id: str, kind: str, mime: str, caption: str = "") -> InboundMessage:
    return InboundMessage(
        wa_message_id=f"wamid.IN{media_id}",
        from_phone="+6281100000002",
        sent_at=NOW,
        kind=InboundKind.MEDIA,
        text=caption,
        media=InboundMedia(kind=kind, media_id=media_id, mime_type=mime),
    )


def test_a_photo_is_kept_in_the_file_store_and_linked_to_its_message(
    fake_graph: FakeGraphAPI, http_client: httpx.Client, tmp_path: Path
) -> None:
    deps = Deps(storage=MemoryUnitOfWorkFactory(), clock=Clock(), ids=Ids())
    with deps.uow() as uow:
        uow.tenants.add(Tenant(id=TENANT, name="PO", created_at=NOW))
        uow.commit()
    files, source, photo = LocalFileStore(tmp_path), media_client(fake_graph, http_client), jpeg()
    fake_graph.add_media("5551", photo, "image/jpeg")
    message = inbound("5551", "image", "image/jpeg", "bukti tf dp bu wati 1,5jt")
    kept = keep_media(deps, files, source, sender(), message)
    assert kept is not None and kept.caption == "bukti tf dp bu wati 1,5jt"
    stored = files.read(TENANT, kept.file_key)
    assert stored is not None and stored.content == photo and stored.content_type == "image/jpeg"
    with deps.uow() as uow:
        assert uow.media.for_message(TENANT, message.wa_message_id) == kept
        assert [e.action for e in uow.activity.all(TENANT)] == ["media.received"]
    # A retried message finds it kept: no second download.
    before = len(fake_graph.requests)
    assert keep_media(deps, files, source, sender(), message) == kept
    assert len(fake_graph.requests) == before


@pytest.mark.parametrize(
    ("kind", "announced", "served", "content"),
    [
        ("image", "image/jpeg", "image/jpeg", b"MZ\x90\x00 not a photo"),  # wrong first bytes
        ("document", "application/x-msdownload", "application/x-msdownload", b"MZ"),
        ("image", "image/jpeg", "text/html", b"<html>"),
    ],
)
def test_files_of_the_wrong_type_are_not_kept(
    fake_graph: FakeGraphAPI,
    http_client: httpx.Client,
    tmp_path: Path,
    kind: str,
    announced: str,
    served: str,
    content: bytes,
) -> None:
    deps = Deps(storage=MemoryUnitOfWorkFactory(), clock=Clock(), ids=Ids())
    fake_graph.add_media("999", content, served)
    message = inbound("999", kind, announced)
    source = media_client(fake_graph, http_client)
    assert keep_media(deps, LocalFileStore(tmp_path), source, sender(), message) is None
    assert not (tmp_path / TENANT).exists()


def test_a_fetch_that_may_work_later_is_raised(
    fake_graph: FakeGraphAPI, http_client: httpx.Client, tmp_path: Path
) -> None:
    deps = Deps(storage=MemoryUnitOfWorkFactory(), clock=Clock(), ids=Ids())
    fake_graph.token = ACCESS_TOKEN
    source = CloudApiMedia(
        api_url="http://127.0.0.1:9" + API_VERSION_PATH,
        access_token=ACCESS_TOKEN,
        client=http_client,
    )
    with pytest.raises(MediaUnavailable) as failed:
        keep_media(deps, LocalFileStore(tmp_path), source, sender(), inbound("1", "image", ""))
    assert failed.value.retryable is True
