"""Papers from the dashboard: POST /api/pdf/... answers a signed URL that opens the PDF;
the booking page links each paper; drivers, other POs and forged links get nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from litestar.testing import TestClient
from pypdf import PdfReader

from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.pdf import FpdfRenderer
from keloia.apps.demo import seed_demo
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.domain.model.tenants import Role
from keloia.domain.services import team

from .conftest import (
    ADMIN_PHONE,
    DRIVER_PHONE,
    OTHER_OWNER_PHONE,
    OWNER_PHONE,
    Dash,
    Ticking,
    make_keloia,
)


@pytest.fixture
def dash(tmp_path: Path) -> Iterator[Dash]:
    ticking = Ticking()
    base = make_keloia(ticking)
    files = LocalFileStore(tmp_path / "files")
    links = SignedLinks(b"d" * 32, "http://testserver")
    keloia = replace(
        base,
        deps=replace(base.deps, files=files, renderer=FpdfRenderer(), links=links),
        links=links,
    )
    tenant_id = seed_demo(keloia)
    _, other_owner = team.create_tenant(keloia.deps, "PO Lain", OTHER_OWNER_PHONE, "Bu Lain")
    with keloia.deps.uow() as uow:
        by_phone = {u.phone: u for u in uow.users.all(tenant_id)}
    people = {
        Role.OWNER: by_phone[OWNER_PHONE],
        Role.ADMIN: by_phone[ADMIN_PHONE],
        Role.DRIVER: by_phone[DRIVER_PHONE],
    }
    keloia = replace(keloia, queue=DramatiqQueue(), demo_tenant_id=tenant_id)
    with TestClient(create_app(keloia, simulator=True)) as client:
        yield Dash(keloia, client, tenant_id, people, other_owner, ticking)


def a_booking_with_payments(dash: Dash) -> tuple[str, str]:
    with dash.keloia.deps.uow() as uow:
        for booking in uow.bookings.with_balance(dash.tenant_id):
            paid = uow.payments.for_booking(dash.tenant_id, booking.id)
            if paid and booking.bus_ids():
                return booking.id, paid[0].id
    raise AssertionError("the demo has a booking with a bus and a payment")


def pdf_text(dash: Dash, url: str) -> str:
    opened = dash.client.get(url.removeprefix("http://testserver"))
    assert opened.status_code == 200, opened.text
    assert opened.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(opened.content)).pages)


def test_the_contract_route_answers_the_konfirmasi_url(dash: Dash) -> None:
    booking_id, _ = a_booking_with_payments(dash)
    owner = dash.session(dash.people[Role.OWNER])
    answered = dash.client.post(f"/api/pdf/trip/{booking_id}", headers=owner)
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["kind"] == "konfirmasi" and body["url"].startswith("http://testserver/files/")
    assert "KONFIRMASI BOOKING" in pdf_text(dash, body["url"])
    again = dash.client.post(f"/api/pdf/trip/{booking_id}", headers=owner).json()
    assert again["version"] == body["version"]  # the same data: the kept paper


def test_each_paper_from_the_api(dash: Dash) -> None:
    booking_id, payment_id = a_booking_with_payments(dash)
    admin = dash.session(dash.people[Role.ADMIN])
    kwitansi = dash.client.post(f"/api/pdf/receipt/{payment_id}", headers=admin).json()
    assert "KWITANSI" in pdf_text(dash, kwitansi["url"])
    sheet = dash.client.post(f"/api/pdf/trip-sheet/{booking_id}", headers=admin).json()
    assert "SURAT JALAN" in pdf_text(dash, sheet["url"])
    with dash.keloia.deps.uow() as uow:
        bus_id = uow.buses.all(dash.tenant_id)[0].id
    card = dash.client.post(f"/api/pdf/bus/{bus_id}", headers=admin).json()
    assert "KARTU KELAIKAN" in pdf_text(dash, card["url"])


def test_drivers_and_other_pos_get_nothing(dash: Dash) -> None:
    booking_id, payment_id = a_booking_with_payments(dash)
    driver = dash.session(dash.people[Role.DRIVER])
    assert dash.client.post(f"/api/pdf/trip/{booking_id}", headers=driver).status_code == 403
    assert dash.client.post(f"/api/pdf/receipt/{payment_id}", headers=driver).status_code == 403
    other = dash.session(dash.other_owner)
    assert dash.client.post(f"/api/pdf/trip/{booking_id}", headers=other).status_code == 404
    assert dash.client.post(f"/api/pdf/receipt/{payment_id}", headers=other).status_code == 404
    assert dash.client.post(f"/api/pdf/trip/{booking_id}").status_code == 401


def test_the_pages_link_each_paper_and_the_links_open_it(dash: Dash) -> None:
    booking_id, payment_id = a_booking_with_payments(dash)
    owner = dash.session(dash.people[Role.OWNER])
    page = dash.client.get(f"/booking/{booking_id}", headers=owner)
    assert page.status_code == 200
    for link in (f"/booking/{booking_id}/konfirmasi.pdf", f"/pembayaran/{payment_id}/kwitansi.pdf"):
        assert link in page.text
        moved = dash.client.get(link, headers=owner, follow_redirects=False)
        assert moved.status_code == 303
        assert pdf_text(dash, moved.headers["location"]).strip()
    assert f"/booking/{booking_id}/surat-jalan.pdf?bus=" in page.text
    with dash.keloia.deps.uow() as uow:
        bus_id = uow.buses.all(dash.tenant_id)[0].id
    assert (
        f"/armada/{bus_id}/kelaikan.pdf" in dash.client.get(f"/armada/{bus_id}", headers=owner).text
    )
    other = dash.session(dash.other_owner)
    refused = dash.client.get(f"/booking/{booking_id}/konfirmasi.pdf", headers=other)
    assert refused.status_code == 404


def test_the_booking_history_names_a_drawn_paper_in_words(dash: Dash) -> None:
    booking_id, _ = a_booking_with_payments(dash)
    owner = dash.session(dash.people[Role.OWNER])
    assert dash.client.post(f"/api/pdf/trip/{booking_id}", headers=owner).status_code == 200
    page = dash.client.get(f"/booking/{booking_id}", headers=owner).text
    assert "membuat dokumen PDF" in page
    assert "paper.drawn" not in page
