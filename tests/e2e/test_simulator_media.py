"""On the embedded default (no Cloud API) the simulator sends a photo the way WhatsApp
would: the worker fetches it by id, keeps it in the file store, and reads its caption."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from PIL import Image

from keloia.apps.demo import seed_demo
from keloia.apps.http.app import create_app
from keloia.apps.worker.embedded import ThreadWorkers
from keloia.bootstrap import Keloia, bootstrap
from keloia.settings import Settings

from .support import wait_for

ADMIN = "+6281200000002"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient[Any], Keloia]]:
    tmp: Path = tmp_path_factory.mktemp("simmedia")
    keloia = bootstrap(
        Settings(  # type: ignore[call-arg]
            KELOIA_DATABASE_URL=f"sqlite:///{tmp / 'k.db'}",
            KELOIA_FILES_DIR=str(tmp / "files"),
            KELOIA_ENV="test",
        ),
        run_migrations=True,
    )
    tenant_id = seed_demo(keloia)
    workers = ThreadWorkers(keloia, threads=2, sweep_seconds=1.0)
    app = create_app(
        replace(keloia, queue=workers, demo_tenant_id=tenant_id),
        simulator=True,
        on_startup=[workers.start],
        on_shutdown=[lambda: workers.stop()],
    )
    with TestClient(app=app) as client:
        yield client, keloia


def photo() -> str:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 200)).save(out, "JPEG")
    return base64.b64encode(out.getvalue()).decode()


def test_a_captioned_photo_is_kept_and_proposes_the_payment(
    demo: tuple[TestClient[Any], Keloia],
) -> None:
    client, keloia = demo
    sent = client.post(
        "/simulator/api/send",
        json={
            "phone": ADMIN,
            "text": "bukti tf dp pak hendra 1jt",
            "file_base64": photo(),
            "file_type": "image/jpeg",
            "file_name": "bukti.jpg",
        },
    )
    assert sent.status_code == 202, sent.text

    def proposal() -> str:
        bodies = [m["body"] for m in client.get(f"/simulator/api/messages?phone={ADMIN}").json()]
        return next((b for b in bodies if "Lampiran" in b), "")

    body = wait_for(proposal, what="the payment proposed with the photo attached")
    assert "Pak Hendra" in body and "Rp1.000.000" in body
    assert keloia.demo_tenant_id is None  # (the app got its own copy with the tenant set)
    folder = Path(keloia.settings.files_dir)
    (kept,) = folder.glob("*/media/*.jpg")
    assert kept.read_bytes()[:3] == b"\xff\xd8\xff"  # the photo itself, as sent


def test_a_bad_file_is_refused_plainly(demo: tuple[TestClient[Any], Keloia]) -> None:
    client, _ = demo
    sent = client.post(
        "/simulator/api/send",
        json={"phone": ADMIN, "text": "x", "file_base64": "not base64!", "file_type": "image/jpeg"},
    )
    assert sent.status_code == 400
