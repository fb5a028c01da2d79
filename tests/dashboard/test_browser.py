"""The dashboard in a real browser (Debian's chromium driven by playwright) at phone size,
412 x 915: sign in with the code taken from the outbox, set up a bus and its KIR, create a
booking in the form, see it on the board, try a clashing one and see the refusal, record a
payment and see the balance change. A screenshot of each page is kept as a test artifact
(tmp/artifacts/dashboard/, or $KELOIA_ARTIFACTS)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from keloia.apps.demo import seed_demo
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import Keloia, bootstrap
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.payments import PaymentType
from keloia.domain.services import bookings, login, payments
from keloia.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 412, "height": 915}
OWNER_PHONE = "+6281200000001"
ARTIFACTS = (
    Path(os.environ.get("KELOIA_ARTIFACTS", Path(__file__).parents[2] / "tmp" / "artifacts"))
    / "dashboard"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(ready: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError("the server did not start")
        time.sleep(0.02)


def _chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"the browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("KELOIA_REQUIRE_SERVICES") == "1":
        pytest.fail(message + " (KELOIA_REQUIRE_SERVICES=1: mandatory here)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Keloia]]:
    tmp = tmp_path_factory.mktemp("browser")
    keloia = bootstrap(
        Settings(KELOIA_DATABASE_URL=f"sqlite:///{tmp / 'k.db'}", KELOIA_ENV="test"),  # type: ignore[call-arg]
        run_migrations=True,
    )
    keloia = replace(keloia, queue=DramatiqQueue(), demo_tenant_id=seed_demo(keloia))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(keloia, simulator=True), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, 20)
    yield f"http://127.0.0.1:{port}", keloia
    server.should_exit = True
    thread.join(15)


def code_from_outbox(keloia: Keloia, phone: str) -> str:
    with keloia.deps.uow() as uow:
        items = uow.outbox.recent(phone, 20)
    codes = [
        i.message.template_params[0]
        for i in items
        if i.message.template_name == login.LOGIN_TEMPLATE
    ]
    assert codes, "no login code in the outbox"
    return codes[-1]


def sign_in(page: Any, keloia: Keloia) -> None:
    """The owner signs in on the login page, with the code the outbox holds."""
    page.fill("#phone", "0812-0000-0001")
    page.click("button:has-text('Kirim kode')")
    page.fill("#code", code_from_outbox(keloia, OWNER_PHONE))
    page.click("button:has-text('Masuk')")
    page.wait_for_selector("h1:has-text('Jadwal')")


def sideways(page: Any) -> list[str]:
    """What sticks out sideways at this width (the header, the menu, the page), but the
    board (it scrolls)."""
    found: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('header.top, nav.main, main > *:not(.board)')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    return found


def test_a_po_works_its_day_on_a_phone(served: tuple[str, Keloia]) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, keloia = served
    browser_path = _chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    day = keloia.deps.clock.today() + timedelta(days=45)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE, locale="id-ID")

        def shot(name: str) -> None:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

        try:
            page.goto(base + "/")
            expect(page).to_have_url(f"{base}/masuk?next=/")
            shot("masuk")
            sign_in(page, keloia)

            # A bus and its KIR.
            page.goto(base + "/armada")
            page.fill("#name", "Garuda")
            page.fill("#plate", "AB 9999 GA")
            page.fill("#seats", "45")
            page.click("button:has-text('Simpan bus')")
            expect(page.locator(".msg.ok")).to_have_text("Bus tersimpan.")
            page.click("a:has-text('Garuda')")
            page.select_option("#kind", "kir")
            page.fill("#expires_on", str(day + timedelta(days=200)))
            page.click("button:has-text('Simpan dokumen')")
            expect(page.locator(".chip", has_text="KIR")).to_be_visible()
            shot("armada-bus")

            # A booking in the form, then on the board.
            page.goto(base + "/booking/baru")
            page.fill("#client_name", "Pak Darmo")
            page.fill("#route_from", "Jogja")
            page.fill("#route_to", "Bandung")
            page.fill("#depart_date", str(day))
            page.fill("#return_date", str(day + timedelta(days=1)))
            page.fill("#price", "12.000.000")
            page.select_option("select[name=bus_0]", label="Garuda (45 kursi)")
            # The live check answers for the days typed (not the form's first default).
            expect(page.locator("#cek")).to_contain_text(f"Bus kosong {day.day} ")
            expect(page.locator("#cek")).to_contain_text("Jadwal aman")
            shot("booking-baru")
            page.click("button:has-text('Simpan booking')")
            expect(page.locator(".msg.ok")).to_have_text("Booking tersimpan.")
            booking_url = page.url.split("?")[0]
            page.goto(f"{base}/jadwal?mulai={day}")
            expect(page.locator(".board a", has_text="Pak Darmo")).to_be_visible()
            shot("jadwal")

            # The same bus on the same days: refused, with the reason.
            page.goto(base + "/booking/baru")
            page.fill("#client_name", "Bu Wati")
            page.fill("#depart_date", str(day))
            page.select_option("select[name=bus_0]", label="Garuda (45 kursi)")
            expect(page.locator("#cek")).to_contain_text("bentrok")
            page.click("button:has-text('Simpan booking')")
            expect(page.locator(".msg.err")).to_contain_text("Jadwal bentrok")

            # A payment moves the balance.
            page.goto(booking_url)
            expect(page.locator("#sisa")).to_have_text("Rp12.000.000")
            page.select_option("#type", "dp")
            page.fill("#amount", "5.000.000")
            page.click("button:has-text('Simpan pembayaran')")
            expect(page.locator("#sisa")).to_have_text("Rp7.000.000")

            # A trip cost on the bus: the trip's profit follows.
            expect(page.locator("#laba")).to_have_text("Rp12.000.000")
            page.select_option("#category", "bbm")
            page.fill("#cost_amount", "1.200.000")
            page.select_option("#cost_bus", label="Garuda")
            page.fill("#cost_note", "solar PP")
            page.click("button:has-text('Simpan biaya')")
            expect(page.locator(".msg.ok")).to_have_text("Biaya perjalanan tercatat.")
            expect(page.locator("#biaya")).to_contain_text("solar PP")
            expect(page.locator("#laba")).to_have_text("Rp10.800.000")
            shot("booking")

            for path, name in (
                ("/jadwal?tampilan=bulan", "jadwal-bulan"),
                ("/armada", "armada"),
                ("/keuangan", "keuangan"),
                ("/peringatan", "peringatan"),
                ("/aktivitas", "aktivitas"),
                ("/tim", "tim"),
                ("/pengaturan", "pengaturan"),
                ("/mulai", "mulai"),
            ):
                page.goto(base + path)
                expect(page.locator("h1")).to_be_visible()
                assert sideways(page) == [], path
                shot(name)

            # The smallest phones in use: 360 px wide, every page still fits.
            page.set_viewport_size({"width": 360, "height": 780})
            narrow = ["/jadwal", "/booking/baru", booking_url[len(base) :], "/armada", "/keuangan"]
            for path in [*narrow, "/peringatan", "/aktivitas", "/tim", "/pengaturan", "/mulai"]:
                page.goto(base + path)
                assert sideways(page) == [], path
            page.set_viewport_size(PHONE)

            # Out, and in again as the admin with the demo's button: her alerts tell what
            # the owner did.
            page.click("button:has-text('Keluar')")
            expect(page.locator("h1")).to_have_text("Masuk ke dashboard")
            page.click("button:has-text('Masuk sebagai Sari')")
            expect(page.locator("#demo-code")).to_have_text(
                code_from_outbox(keloia, "+6281200000002")
            )
            page.click("button:has-text('Masuk')")
            page.goto(base + "/peringatan")
            expect(page.locator(".card", has_text="Pak Darmo").first).to_be_visible()
            shot("peringatan")
        finally:
            browser.close()


def test_the_owner_records_a_refund_of_a_cancelled_trip_on_a_phone(
    served: tuple[str, Keloia],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, keloia = served
    browser_path = _chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deps = keloia.deps
    with deps.uow() as uow:
        owner = next(
            u for u in uow.users.all(keloia.demo_tenant_id or "") if u.phone == OWNER_PHONE
        )
    day = deps.clock.today() + timedelta(days=50)
    draft = bookings.BookingDraft(client_name="Bu Sumi", depart_date=day, price=9_000_000)
    made = bookings.create_booking(deps, owner, draft)
    dp = payments.PaymentDraft(booking_id=made.id, type=PaymentType.DP, amount=3_000_000)
    payments.record_payment(deps, owner, dp)
    bookings.set_status(deps, owner, made.id, BookingStatus.CANCELLED)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_path), args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE, locale="id-ID")
        try:
            page.goto(base + "/")
            sign_in(page, keloia)
            page.goto(f"{base}/booking/{made.id}")
            # The admin fee kept (more than 30 days ahead), the rest to give back.
            expect(page.locator("#refund_amount")).to_have_value("2.750.000")
            assert sideways(page) == []
            page.fill("#refund_amount", "4.000.000")
            page.click("button:has-text('Simpan refund')")
            expect(page.locator(".msg.err")).to_contain_text("melebihi uang yang sudah diterima")
            page.fill("#refund_amount", "2.750.000")
            page.select_option("#refund_method", "transfer")
            page.click("button:has-text('Simpan refund')")
            expect(page.locator(".msg.ok")).to_have_text("Refund tercatat.")
            page.screenshot(path=str(ARTIFACTS / "booking-refund.png"), full_page=True)
            page.set_viewport_size({"width": 360, "height": 780})
            assert sideways(page) == []
        finally:
            browser.close()


def test_the_simulator_at_its_address_lists_the_people_and_answers(
    served: tuple[str, Keloia],
) -> None:
    """/simulator, as the runtime contract names it (no trailing slash): the page's calls
    must reach /simulator/api/..., never /api/... (a relative call did, and the page stayed
    empty at this address)."""
    base, _ = served
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(_chromium()), args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE)
        page.goto(base + "/simulator")
        page.wait_for_function("document.querySelectorAll('#who option').length > 0")
        page.select_option("#who", "+6281200000002")
        page.fill("#text", "jadwal bsk apa")
        page.click("#form button")
        page.wait_for_selector("#chat :text('Jadwal')", timeout=15_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "simulator.png"))
        browser.close()
