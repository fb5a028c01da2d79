"""Papers a PO hands out: each drawn once per version of its data, kept in the file
store, reached by a signed link, and noted in the activity log when drawn."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from keloia.domain.errors import Forbidden, NotFound, PapersUnavailable, found
from keloia.domain.model.bookings import Booking
from keloia.domain.model.events import PaperDrawn
from keloia.domain.model.fleet import BUS_DOCUMENTS, Bus, DocumentKind
from keloia.domain.model.messages import Attachment, MessageKind, OutboundMessage
from keloia.domain.model.papers import (
    BusLine,
    ConfirmationPaper,
    DocumentLine,
    Letterhead,
    Paper,
    PaperKind,
    PaperRecord,
    ReceiptPaper,
    RoadworthinessPaper,
    TripSheetPaper,
    paper_filename,
    paper_version,
    rupiah_in_words,
)
from keloia.domain.model.payments import PAYMENT_LABELS, PaymentType, method_label
from keloia.domain.model.permissions import (
    OWN_DOCUMENTS_ONLY,
    Action,
    Resource,
    Scope,
    require,
)
from keloia.domain.model.tenants import Tenant, User
from keloia.domain.model.text import format_days
from keloia.domain.services.deps import Deps
from keloia.domain.services.receipts import issue_receipt
from keloia.domain.services.transaction import Transaction
from keloia.ports.files import FileLinks, FileStore
from keloia.ports.papers import PaperRenderer

# How long a link handed out on WhatsApp keeps working: long enough for a client to open
# it the next week, short enough that a forwarded link does not live forever.
LINK_TTL = timedelta(days=7)


def _tools(deps: Deps) -> tuple[FileStore, PaperRenderer, FileLinks]:
    if deps.files is None or deps.renderer is None or deps.links is None:
        raise PapersUnavailable("Maaf, pembuatan dokumen PDF belum aktif di sistem ini.")
    return deps.files, deps.renderer, deps.links


class PaperLink(BaseModel):
    model_config = ConfigDict(frozen=True)

    tenant_id: str
    kind: PaperKind
    subject_id: str
    title: str  # "kwitansi KW/2026/0003 Pak Agus"
    file_key: str
    filename: str
    url: str
    version: str
    drawn: bool  # True when this call drew it; False when the same version was kept


def confirmation(deps: Deps, actor: User, booking_id: str) -> PaperLink:
    """Konfirmasi booking for the client: it shows money, so owner and admin only."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        tenant, booking = _tenant(uow, actor), _booking(uow, actor, booking_id)
        buses = {b.id: b for b in uow.buses.all(actor.tenant_id)}
        people = {u.id: u for u in uow.users.all(actor.tenant_id)}
        payments = uow.payments.for_booking(actor.tenant_id, booking.id)
        paper = ConfirmationPaper(
            **_trip_facts(tenant, booking, deps.clock.today()),
            bus_count=booking.bus_count,
            buses=tuple(_bus_lines(booking, buses, people)),
            price=booking.price,
            down_payment=sum(p.amount for p in payments if p.type is PaymentType.DP),
            paid=max(booking.net_paid, 0),
            balance=booking.outstanding,
            settlement_due=booking.settlement_due(tenant.settings),
            cancellation_policy=tenant.settings.cancellation_policy,
            status_label=booking.status.label,
        )
        link = _keep(deps, uow, actor, tenant, paper, booking.id, booking.client_name)
        uow.commit()
    return link


def receipt(deps: Deps, actor: User, payment_id: str) -> PaperLink:
    """The kwitansi of a payment with, while money is still owed, the invoice for it."""
    require(actor, Action.READ, Resource.PAYMENT)
    with deps.uow() as uow:
        tenant = _tenant(uow, actor)
        payment = uow.payments.get(actor.tenant_id, payment_id)
        if payment is None or payment.type is PaymentType.REFUND:
            raise NotFound("Pembayaran tidak ditemukan.")
        booking = _booking(uow, actor, payment.booking_id)
        if payment.reverses or uow.payments.reversal_of(actor.tenant_id, payment.id):
            # Taken back (deleted or corrected): its kwitansi no longer stands; the one of
            # what stands now is asked by the client's name.
            raise NotFound(
                "Pembayaran itu sudah dikoreksi atau dihapus, jadi kwitansinya tidak berlaku. "
                f"Untuk kwitansi yang berlaku, ketik *kwitansi {booking.client_name}*."
            )
        # Payments recorded before kwitansi existed get their number the first time.
        number = uow.receipts.for_payment(actor.tenant_id, payment.id) or issue_receipt(
            deps, uow, payment
        )
        assert number is not None
        recorder = uow.users.get(actor.tenant_id, payment.recorded_by)
        route = " - ".join(x for x in (booking.route_from, booking.route_to) if x)
        purpose = f"{PAYMENT_LABELS[payment.type]} sewa bus"
        purpose += f" {route}" if route else ""
        purpose += f", {format_days(booking.depart_date, booking.return_date)}"
        paper = ReceiptPaper(
            letterhead=_letterhead(tenant),
            code=number.code,
            issued_on=number.issued_on,
            payment_id=payment.id,
            client_name=booking.client_name,
            amount=payment.amount,
            amount_words=rupiah_in_words(payment.amount),
            purpose=purpose[:1].upper() + purpose[1:],
            method=method_label(payment.method) if payment.method else "",
            paid_date=payment.paid_date,
            price=booking.price,
            paid_total=max(booking.net_paid, 0),
            balance=booking.outstanding,
            settlement_due=booking.settlement_due(tenant.settings),
            received_by=recorder.name if recorder else "",
        )
        link = _keep(
            deps, uow, actor, tenant, paper, payment.id, f"{number.code} {booking.client_name}"
        )
        uow.commit()
    return link


def trip_sheet(deps: Deps, actor: User, booking_id: str, bus_id: str | None = None) -> PaperLink:
    """Surat jalan for one bus of a booking (the first one when not named). A driver gets
    only the one of a trip he drives, for his own bus."""
    scope = require(actor, Action.READ, Resource.BOOKING)
    with deps.uow() as uow:
        tenant, booking = _tenant(uow, actor), _booking(uow, actor, booking_id)
        if scope is Scope.OWN:
            if not booking.involves(actor.id):
                raise NotFound("Booking tidak ditemukan.")
            own = [a.bus_id for a in booking.assignments if actor.id in a.crew_ids()]
            bus_id = bus_id if bus_id in own else own[0]
        buses = {b.id: b for b in uow.buses.all(actor.tenant_id)}
        people = {u.id: u for u in uow.users.all(actor.tenant_id)}
        lines = dict(zip(booking.bus_ids(), _bus_lines(booking, buses, people), strict=True))
        if bus_id is not None and bus_id not in lines:
            raise NotFound("Bus itu tidak ada di booking ini.")
        chosen = bus_id or next(iter(lines), None)
        paper = TripSheetPaper(
            **_trip_facts(tenant, booking, deps.clock.today()),
            bus=lines[chosen] if chosen else None,
            uang_jalan=tenant.settings.uang_jalan(booking.days),
            notes=booking.notes,
        )
        subject = f"{booking.id}-{chosen}" if chosen else booking.id
        label = f"{booking.client_name} {paper.bus.name if paper.bus else ''}".strip()
        link = _keep(deps, uow, actor, tenant, paper, subject, label)
        uow.commit()
    return link


def roadworthiness(deps: Deps, actor: User, bus_id: str) -> PaperLink:
    """Kartu kelaikan: the bus's KIR, STNK, izin angkutan and insurance, valid or not
    on the day it is drawn."""
    if require(actor, Action.READ, Resource.DOCUMENT) is not Scope.ALL:
        raise Forbidden(OWN_DOCUMENTS_ONLY)  # a driver reads his own SIM, not the bus's papers
    today = deps.clock.today()
    with deps.uow() as uow:
        tenant = _tenant(uow, actor)
        bus = found(uow.buses.get(actor.tenant_id, bus_id), "Bus")
        documents = [d for d in uow.documents.all(actor.tenant_id) if d.bus_id == bus.id]
        newest = {}
        for doc in sorted(documents, key=lambda d: d.expires_on):
            newest[doc.kind] = doc  # the latest expiry of each kind is the one that counts
        order = [DocumentKind.KIR, DocumentKind.STNK, DocumentKind.IZIN_ANGKUTAN]
        order.append(DocumentKind.INSURANCE)
        assert set(order) == BUS_DOCUMENTS
        paper = RoadworthinessPaper(
            letterhead=_letterhead(tenant),
            bus_id=bus.id,
            issued_on=today,
            bus=BusLine(name=bus.name, plate=bus.plate, seats=bus.seats),
            documents=tuple(
                DocumentLine(
                    label=kind.label.upper()
                    if kind in (DocumentKind.KIR, DocumentKind.STNK)
                    else kind.label.capitalize(),
                    number=newest[kind].number,
                    expires_on=newest[kind].expires_on,
                    valid=not newest[kind].expires_before(today),
                )
                for kind in order
                if kind in newest
            ),
            missing=tuple(k.label for k in order if k not in newest),
            # A document's validity changes with the day: the day is part of the version.
        )
        link = _keep(
            deps, uow, actor, tenant, paper, f"{bus.id}-{today.isoformat()}", bus.name, dated=True
        )
        uow.commit()
    return link


# --- the shared part ------------------------------------------------------------------


def _keep(
    deps: Deps,
    uow: Transaction,
    actor: User,
    tenant: Tenant,
    paper: Paper,
    subject_id: str,
    label: str,
    *,
    dated: bool = False,
) -> PaperLink:
    """The paper's file for this version of its data: the kept one, or drawn now."""
    files, renderer, links = _tools(deps)
    kind, version = paper.kind, paper_version(paper)
    record = uow.papers.get(actor.tenant_id, kind, subject_id, version)
    drawn = record is None
    if record is None:
        logo = None
        if tenant.settings.logo_key:
            stored = files.read(actor.tenant_id, tenant.settings.logo_key)
            logo = stored.content if stored else None
        content = renderer.render(paper, logo)
        record = PaperRecord(
            tenant_id=actor.tenant_id,
            kind=kind,
            subject_id=subject_id,
            version=version,
            file_key=f"{kind.value}/{subject_id}-{version}.pdf",
            created_at=deps.clock.now(),
        )
        # The file first: a record never points at a file that is not there. A file
        # without a record (a crash in between) is drawn again and replaced next time.
        files.save(actor.tenant_id, record.file_key, content, renderer.content_type)
        uow.papers.add(record)
        uow.record(PaperDrawn(actor=actor, record=record))
    day = paper.issued_on if dated else _subject_day(paper)
    filename = paper_filename(kind, label, day)
    return PaperLink(
        tenant_id=actor.tenant_id,
        kind=kind,
        subject_id=subject_id,
        title=f"{kind.label} {label}",
        file_key=record.file_key,
        filename=filename,
        url=links.url(actor.tenant_id, record.file_key, filename, deps.clock.now() + LINK_TTL),
        version=version,
        drawn=drawn,
    )


def as_document(to: str, link: PaperLink, caption: str) -> OutboundMessage:
    """The paper as a WhatsApp document (in the simulator: a link)."""
    return OutboundMessage(
        to=to,
        kind=MessageKind.DOCUMENT,
        body=caption,
        document=Attachment(
            tenant_id=link.tenant_id,
            file_key=link.file_key,
            filename=link.filename,
            url=link.url,
        ),
    )


def _subject_day(paper: Paper) -> date:
    if isinstance(paper, ConfirmationPaper | TripSheetPaper):
        return paper.depart_date
    if isinstance(paper, ReceiptPaper):
        return paper.paid_date
    return paper.issued_on


def _tenant(uow: Transaction, actor: User) -> Tenant:
    return found(uow.tenants.get(actor.tenant_id), "PO")


def _booking(uow: Transaction, actor: User, booking_id: str) -> Booking:
    return found(uow.bookings.get(actor.tenant_id, booking_id), "Booking")


def _trip_facts(tenant: Tenant, booking: Booking, today: date) -> dict[str, Any]:
    """The trip as every paper about it states it (TripPaper's fields)."""
    return {
        "letterhead": _letterhead(tenant),
        "booking_id": booking.id,
        "issued_on": today,
        "client_name": booking.client_name,
        "client_phone": booking.client_phone or "",
        "route_from": booking.route_from,
        "route_to": booking.route_to,
        "depart_date": booking.depart_date,
        "return_date": booking.return_date,
        "pickup_time": booking.pickup_time,
        "pickup_place": booking.pickup_place,
        "passengers": booking.passengers,
    }


def _letterhead(tenant: Tenant) -> Letterhead:
    s = tenant.settings
    return Letterhead(name=tenant.name, address=s.address, phone=s.phone, logo_key=s.logo_key)


def _bus_lines(booking: Booking, buses: dict[str, Bus], people: dict[str, User]) -> list[BusLine]:
    lines = []
    for a in booking.assignments:
        bus = buses.get(a.bus_id)
        driver = people.get(a.driver_id) if a.driver_id else None
        co_driver = people.get(a.co_driver_id) if a.co_driver_id else None
        lines.append(
            BusLine(
                name=bus.name if bus else "Bus",
                plate=bus.plate if bus else "",
                seats=bus.seats if bus else None,
                driver=driver.name if driver else "",
                driver_phone=driver.phone if driver else "",
                co_driver=co_driver.name if co_driver else "",
            )
        )
    return lines
