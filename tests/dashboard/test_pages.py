"""The pages over HTTP: each has its title and a working back link or menu, reads
without JavaScript, sends strangers to the login page, refuses a cookie form without
its CSRF token, and turns bad form input into a message on the page, never a 500."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from keloia.domain.model.tenants import Role

from .conftest import OWNER_PHONE, Dash

PAGES = {
    "/": "Jadwal",
    "/jadwal": "Jadwal",
    "/jadwal?tampilan=bulan": "Jadwal",
    "/booking/baru": "Booking baru",
    "/armada": "Armada",
    "/keuangan": "Keuangan",
    "/peringatan": "Peringatan",
    "/aktivitas": "Aktivitas",
    "/tim": "Tim",
    "/pengaturan": "Pengaturan",
    "/mulai": "Persiapan PO",
}


def cookie_login(dash: Dash, phone: str = OWNER_PHONE) -> str:
    """Signs in through the login pages, as a browser does; returns the CSRF token."""
    c = dash.client
    asked = c.post("/masuk/kode", data={"phone": phone, "next": "/jadwal"})
    assert asked.status_code == 200
    code = dash.outbox_code(phone)
    assert f'id="demo-code">{code}<' in asked.text  # --demo shows the simulator's code
    signed = c.post("/masuk", data={"phone": phone, "code": code}, follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == "/jadwal"
    page = c.get("/jadwal")
    found = re.search(r'name="csrf" content="([0-9a-f]+)"', page.text)
    assert found
    return found.group(1)


def links(html: str) -> set[str]:
    return set(re.findall(r'href="(/[^"#?]*)', html))


def test_strangers_are_sent_to_the_login_page(dash: Dash) -> None:
    response = dash.client.get("/keuangan", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/masuk?next=/keuangan")
    login = dash.client.get("/masuk")
    assert "Masuk sebagai Pak Budi" in login.text and "Masuk sebagai Sari" in login.text


def test_every_page_has_its_title_and_links_that_exist(dash: Dash) -> None:
    cookie_login(dash)
    seen: set[str] = set()
    for path, title in PAGES.items():
        response = dash.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert f"<title>{title} · Keloia</title>" in response.text
        assert f"<h1>{title}</h1>" in response.text
        seen |= links(response.text)
    # Every link on the pages leads somewhere real (the menu, back links, records).
    for href in sorted(seen - {"/simulator"}):
        if href.startswith("/static/"):
            continue
        assert dash.client.get(href).status_code == 200, href


def test_a_missing_record_is_a_page_in_indonesian(dash: Dash) -> None:
    cookie_login(dash)
    response = dash.client.get("/booking/nope")
    assert response.status_code == 404
    assert "Booking tidak ditemukan." in response.text and 'href="/jadwal"' in response.text
    lost = dash.client.get("/tidak-ada", headers={"accept": "text/html"})
    assert lost.status_code == 404 and "Halaman yang Anda cari tidak ada." in lost.text
    # Other apps' routes keep answering errors as JSON.
    assert dash.client.get("/files/nope/x.pdf").json()["status_code"] == 404


def test_a_form_without_the_csrf_token_is_refused(dash: Dash) -> None:
    cookie_login(dash)
    response = dash.client.post("/armada", data={"name": "Bus Baru"})
    assert response.status_code == 403
    assert "Muat ulang" in response.text


def test_booking_by_form_clash_refused_payment_moves_balance(dash: Dash) -> None:
    csrf = cookie_login(dash)
    c = dash.client
    with dash.keloia.deps.uow() as uow:
        bus = next(b for b in uow.buses.all(dash.tenant_id) if b.name == "Bus 03")
    day = dash.keloia.deps.clock.today() + timedelta(days=40)
    form = {
        "csrf_token": csrf,
        "client_name": "Pak Darmo",
        "route_from": "Jogja",
        "route_to": "Bandung",
        "depart_date": str(day),
        "return_date": str(day),
        "price": "12.000.000",
        "bus_0": bus.id,
        "acknowledge_warnings": "1",
    }
    made = c.post("/booking/baru", data=form, follow_redirects=False)
    assert made.status_code == 303, made.text[:500]
    booking_page = made.headers["location"].split("?")[0]
    board = c.get(f"/jadwal?mulai={day}")
    assert "Pak Darmo" in board.text
    clash = c.post("/booking/baru", data=form | {"client_name": "Bu Wati"})
    assert clash.status_code == 409 and "bentrok" in clash.text.lower()
    assert 'value="Bu Wati"' in clash.text  # what was typed is kept
    paid = c.post(
        f"{booking_page}/bayar",
        data={"csrf_token": csrf, "type": "dp", "amount": "4.000.000", "method": "cash"},
    )
    assert paid.status_code == 200  # after the redirect
    assert '<th class="num" id="sisa">Rp8.000.000</th>' in paid.text
    live_only = ("Konfirmasi booking (PDF)", "/surat-jalan.pdf", 'id="catat-biaya"')
    assert all(part in paid.text for part in live_only)
    wrong = c.post(
        f"{booking_page}/bayar", data={"csrf_token": csrf, "type": "dp", "amount": "sejuta"}
    )
    assert wrong.status_code == 422 and "Periksa" in wrong.text
    # Cancelled, what is still owed is the fee the DP does not cover, never price - paid.
    gone = c.post(f"{booking_page}/status", data={"csrf_token": csrf, "status": "cancelled"})
    assert gone.status_code == 200, gone.text[:500]
    assert "Sisa biaya pembatalan" in gone.text
    assert '<th class="num" id="sisa">Rp8.000.000</th>' not in gone.text
    # A cancelled trip is neither confirmed nor driven, and takes no trip costs; the DP's
    # kwitansi stays.
    assert not any(part in gone.text for part in live_only), gone.text
    assert "/kwitansi.pdf" in gone.text
    # The DP covers the fee: nothing is owed, so no due date is shown for it.
    assert '<th class="num" id="sisa">Rp0</th>' in gone.text
    assert "Batas pelunasan" not in gone.text


@pytest.mark.parametrize("role", [Role.ADMIN])
def test_admins_read_but_do_not_see_owner_forms(dash: Dash, role: Role) -> None:
    cookie_login(dash, dash.people[role].phone)
    assert 'action="/armada"' not in dash.client.get("/armada").text
    assert dash.client.get("/tim").status_code == 403
    assert 'href="/tim"' not in dash.client.get("/jadwal").text


def test_bulk_paste_adds_buses(dash: Dash) -> None:
    csrf = cookie_login(dash)
    pasted = "Nama\tPlat\tKursi\nGaruda\tAB 9001 GA\t45\nRajawali;AB 9002 GA;30"
    done = dash.client.post("/armada", data={"csrf_token": csrf, "table": pasted})
    assert done.status_code == 200 and "Garuda" in done.text and "Rajawali" in done.text
    again = dash.client.post("/armada", data={"csrf_token": csrf, "table": pasted})
    assert again.status_code == 422 and "Sudah ada bus bernama Garuda" in again.text


def test_every_reply_that_mentions_the_dashboard_names_a_page_that_exists(dash: Dash) -> None:
    """What the assistant says about the dashboard points to a real page (a path in
    brackets), and that page opens for the owner."""
    from pathlib import Path

    import keloia.domain

    cookie_login(dash)
    domain = Path(keloia.domain.__file__).parent
    mentions = 0
    for source in domain.rglob("*.py"):
        for literal in re.findall(r'"([^"\n]*(?:di|lewat) dashboard[^"\n]*)"', source.read_text()):
            mentions += 1
            whole = source.read_text()
            start = whole.index(literal)
            # The sentence may go on in the next literal of the same expression.
            window = whole[start : start + 300]
            paths = re.findall(r"\(?(/[a-z]+)\)?[.,)]", window)
            assert paths, f"{source.name}: {literal!r} names no page"
            for path in paths:
                assert dash.client.get(path).status_code == 200, (source.name, path)
    assert mentions >= 2
