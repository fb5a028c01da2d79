"""What happened: facts a use case records in its unit of work. What follows from each
(the paper trail, alerts, WhatsApp notifications) is decided in one table,
`domain/services/handlers.py`, and written in the same transaction before it commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from keloia.domain.model.alerts import Alert
from keloia.domain.model.bookings import Booking, BookingStatus
from keloia.domain.model.channel import OutboxItem
from keloia.domain.model.fleet import Bus, Document, MaintenanceLog, ServiceInterval
from keloia.domain.model.media import MediaFile
from keloia.domain.model.messages import Button, OutboundMessage
from keloia.domain.model.money import CancellationQuote, TripCost
from keloia.domain.model.papers import PaperRecord
from keloia.domain.model.payments import Payment, PaymentType
from keloia.domain.model.tenants import Invite, Tenant, User
from keloia.domain.model.undo import RecordKind, corrected_action, voided_action


@dataclass(frozen=True)
class Trail:
    """The activity entry an event leaves: who did what to which record, with a snapshot."""

    actor: User
    action: str  # "booking.created", "payment.recorded", ...
    entity: str
    entity_id: str
    snapshot: dict[str, Any]


@dataclass(frozen=True)
class Event:
    def trail(self) -> Trail | None:
        """The paper-trail entry this event leaves; None for events that leave none."""
        return None


# --- team ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TenantCreated(Event):
    owner: User
    tenant: Tenant

    def trail(self) -> Trail:
        return Trail(self.owner, "tenant.created", "tenant", self.tenant.id, _dump(self.tenant))


@dataclass(frozen=True)
class InviteCreated(Event):
    actor: User
    invite: Invite

    def trail(self) -> Trail:
        return Trail(self.actor, "invite.created", "invite", self.invite.code, _dump(self.invite))


@dataclass(frozen=True)
class MemberJoined(Event):
    user: User
    invite_code: str

    def trail(self) -> Trail:
        snapshot = _dump(self.user) | {"invite": self.invite_code}
        return Trail(self.user, "user.joined", "user", self.user.id, snapshot)


@dataclass(frozen=True)
class MemberChanged(Event):
    actor: User
    member: User

    def trail(self) -> Trail:
        return Trail(self.actor, "user.updated", "user", self.member.id, _dump(self.member))


@dataclass(frozen=True)
class InviteRevoked(Event):
    actor: User
    invite: Invite

    def trail(self) -> Trail:
        return Trail(self.actor, "invite.revoked", "invite", self.invite.code, _dump(self.invite))


@dataclass(frozen=True)
class TenantChanged(Event):
    actor: User
    tenant: Tenant

    def trail(self) -> Trail:
        return Trail(self.actor, "tenant.updated", "tenant", self.tenant.id, _dump(self.tenant))


@dataclass(frozen=True)
class LoginCodeRequested(Event):
    """A dashboard login code to send. No trail: the code itself is never written down."""

    user: User
    message: OutboundMessage


# --- schedule --------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingCreated(Event):
    actor: User
    booking: Booking

    def trail(self) -> Trail:
        return Trail(self.actor, "booking.created", "booking", self.booking.id, _dump(self.booking))


@dataclass(frozen=True)
class BookingChanged(Event):
    actor: User
    before: Booking
    after: Booking
    changed: list[str] = field(default_factory=list)

    def trail(self) -> Trail:
        old = _dump(self.before)
        before = {name: old[name] for name in self.changed if name in old}
        snapshot = _dump(self.after) | {"changed": self.changed, "before": before}
        return Trail(self.actor, "booking.updated", "booking", self.after.id, snapshot)


@dataclass(frozen=True)
class BookingStatusChanged(Event):
    """Confirmed or completed (a cancellation is BookingCancelled: more people hear of it)."""

    actor: User
    booking: Booking
    previous: BookingStatus | None = None  # what a same-day undo puts back

    def trail(self) -> Trail:
        action = f"booking.{self.booking.status.value}"
        snapshot = _dump(self.booking)
        if self.previous is not None:
            snapshot |= {"previous_status": self.previous.value}
        return Trail(self.actor, action, "booking", self.booking.id, snapshot)


@dataclass(frozen=True)
class BookingStatusTakenBack(Event):
    """A confirmation, completion or cancellation its author took back the same day ("batal
    yang tadi"). The trail keeps the booking as it was beside how it is now."""

    actor: User
    before: Booking
    after: Booking

    def trail(self) -> Trail:
        snapshot = {"before": _dump(self.before), "after": _dump(self.after)}
        return Trail(self.actor, "booking.voided", "booking", self.after.id, snapshot)


@dataclass(frozen=True)
class BookingCancelled(BookingStatusChanged):
    # The policy's fee as recorded on the booking, and the refund that follows from it.
    cancellation: CancellationQuote | None = None
    # Saved by mistake and taken back the same day by whoever saved it ("hapus yg barusan").
    slip: bool = False

    def trail(self) -> Trail:
        trail = super().trail()
        if self.cancellation is None:
            return trail
        snapshot = trail.snapshot | {"cancellation": self.cancellation.model_dump()}
        if self.slip:
            snapshot |= {"slip": True}
        return Trail(trail.actor, trail.action, trail.entity, trail.entity_id, snapshot)


@dataclass(frozen=True)
class CancellationFeeWaived(Event):
    actor: User
    booking: Booking
    waived_fee: int

    def trail(self) -> Trail:
        snapshot = {"waived_fee": self.waived_fee, "refund_due": self.booking.refund_due}
        return Trail(
            self.actor, "booking.cancellation_fee_waived", "booking", self.booking.id, snapshot
        )


@dataclass(frozen=True)
class TripCostRecorded(Event):
    actor: User
    cost: TripCost
    booking: Booking

    def trail(self) -> Trail:
        return Trail(self.actor, "trip_cost.recorded", "trip_cost", self.cost.id, _dump(self.cost))


CREW_READY, CREW_DECLINED = "booking.crew_ready", "booking.crew_declined"


@dataclass(frozen=True)
class TripAnswered(Event):
    """A driver or kernet answered their trip's notice: "Siap", or "Tidak bisa" (with what
    they wrote, if they typed it)."""

    actor: User
    booking: Booking
    ready: bool
    reason: str = ""
    reconsidered: bool = False  # "Siap" after their own "Tidak bisa": the managers hear it
    stand_in: User | None = None  # who they suggest takes the trip instead

    def trail(self) -> Trail:
        action = CREW_READY if self.ready else CREW_DECLINED
        snapshot = {"crew_id": self.actor.id, "ready": self.ready, "reason": self.reason}
        return Trail(self.actor, action, "booking", self.booking.id, snapshot)


CREW_DAY_OFF = "user.day_off"


@dataclass(frozen=True)
class TripNoticeResent(Event):
    """The owner or an admin asked Keloia to tell a crew member of his trip again ("kabari
    wahyu trip malang tgl 2"): the same notice an assignment sends, with its buttons."""

    actor: User
    booking: Booking
    member: User


@dataclass(frozen=True)
class MessageRelayed(Event):
    """Someone of the PO asked Keloia to pass word on to a teammate ("tolong kabarin pak
    budi sy telat 30 menit") and confirmed it: the teammate gets it on WhatsApp."""

    actor: User
    recipient: User
    text: str

    def trail(self) -> Trail:
        # Who passed what on to whom: "Joko meneruskan pesan ke Pak Budi: ...".
        snapshot = {"recipient_id": self.recipient.id, "to": self.recipient.name, "text": self.text}
        return Trail(self.actor, MESSAGE_RELAYED, "user", self.recipient.id, snapshot)


MESSAGE_RELAYED = "user.message_relayed"


@dataclass(frozen=True)
class CrewDayOff(Event):
    """A driver or kernet cannot work on a day they have no trip ("tgl 10 izin ga bisa
    narik"): the owner and admins should know before giving them one."""

    actor: User
    day: date
    reason: str = ""

    def trail(self) -> Trail:
        snapshot = {"day": self.day.isoformat(), "reason": self.reason}
        return Trail(self.actor, CREW_DAY_OFF, "user", self.actor.id, snapshot)


@dataclass(frozen=True)
class TripOffered(Event):
    """A driver or kernet offers to take trips (as kernet when `as_kernet`), or tells of a
    swap agreed with `teammate` ("sy tukeran sm wahyu, sy yg ke malang tgl 2, wahyu yg ke
    bandung tgl 7"). Nothing changes: the owner and admins hear it and decide. `clashes`:
    the sender's own trips on the days of those offered."""

    actor: User
    trips: tuple[Booking, ...]
    said: str
    teammate: User | None = None
    as_kernet: bool = False
    swap: bool = False
    clashes: tuple[Booking, ...] = ()
    named: bool = True  # the message named a trip, found or not

    def trail(self) -> Trail:
        snapshot = {
            "trips": [b.id for b in self.trips],
            "teammate": self.teammate.name if self.teammate else None,
            "kernet": self.as_kernet,
            "swap": self.swap,
            "said": self.said,
        }
        return Trail(self.actor, TRIP_OFFERED, "user", self.actor.id, snapshot)


TRIP_OFFERED = "user.trip_offered"


@dataclass(frozen=True)
class CrewBackOnDuty(Event):
    """A driver or kernet can work after all on a day they said they could not ("tgl 14 ga
    jadi izin, sy bisa narik"): the day off no longer keeps them out of that day's choices,
    and the owner and admins hear it."""

    actor: User
    day: date
    said: str = ""

    def trail(self) -> Trail:
        snapshot = {"day": self.day.isoformat(), "reason": self.said}
        return Trail(self.actor, CREW_BACK_ON_DUTY, "user", self.actor.id, snapshot)


CREW_BACK_ON_DUTY = "user.day_off_taken_back"


@dataclass(frozen=True)
class TripDelayed(Event):
    """A driver or kernet running late ("sy telat 30 menit", "macet, telat kira2 1 jam"):
    news for the owner and admins about the trip of today, if any; nothing is recorded."""

    actor: User
    booking: Booking | None
    said: str  # what they wrote, the delay in their words

    def trail(self) -> Trail:
        # Kept so the owner's "slamet td ngomong apa" hears of it; no record changes.
        if self.booking is None:
            return Trail(self.actor, DELAY_REPORTED, "user", self.actor.id, {"said": self.said})
        return Trail(self.actor, DELAY_REPORTED, "booking", self.booking.id, {"said": self.said})


DELAY_REPORTED = "crew.delayed"


@dataclass(frozen=True)
class PaperNews(Event):
    """A driver's word on a paper he may not record ("stnk bus 03 udah diperpanjang", "kir
    bus 02 lagi diurus"): news for the owner and admins, who record the new expiry; nothing
    is recorded."""

    actor: User
    paper: str  # "STNK Bus 03", "SIM Joko"
    entity: str  # "bus" or "user": the paper's holder
    entity_id: str
    said: str  # what he wrote
    example: str  # how to record it: "stnk bus 03 berlaku sampai 17 Agu 2028"


@dataclass(frozen=True)
class CashHeld(Event):
    """A driver or kernet given a client's money for the PO ("pelunasan 2jt dititip ke sy
    cash"): news for the owner and admins, who record the payment once the money reaches
    them; nothing is recorded as paid."""

    actor: User
    booking: Booking | None  # their trip for that client, when one is found
    client_name: str
    amount: int
    payment_type: PaymentType | None
    cash: bool
    # His word on it after ("nanti sore sy setor ke kantor"), passed on as news of it.
    said: str = ""
    # What else he said of it in the same message ("kurang 1jt katanya ditf besok").
    more: str = ""


@dataclass(frozen=True)
class BookingTakenBackForAuthor(Event):
    """The owner took back or corrected a booking change someone else saved today by chat
    ("batal yang tadi" after the admin's change): its author is told. The change itself
    leaves its trail as any change of a booking does."""

    actor: User
    author: User
    what: str  # "Booking Bu Dewi, ... dikembalikan seperti sebelumnya"
    booking_id: str


@dataclass(frozen=True)
class RecordTakenBack(Event):
    """A record its author voided or corrected the same day ("hapus yang barusan", "koreksi
    dp bu wati 1,5jt"). The trail keeps the old value beside the new one."""

    actor: User
    kind: RecordKind
    entity_id: str  # the record now standing (a corrected payment's new id), or the voided one
    before: dict[str, Any]
    after: dict[str, Any] | None  # None: voided
    what: str  # what changed, for those who heard of the original ("DP Rp2.000.000 ... dihapus")
    booking: Booking | None = None  # the booking whose money changed, after the change
    # Who saved the record, when not the actor (the owner correcting the admin's payment):
    # the trail says whose record it was, and that person is told.
    author: User | None = None

    def trail(self) -> Trail:
        action = corrected_action(self.kind) if self.after is not None else voided_action(self.kind)
        snapshot: dict[str, Any] = {"before": self.before, "after": self.after}
        if self.author is not None and self.author.id != self.actor.id:
            snapshot["recorded_by"] = {"id": self.author.id, "name": self.author.name}
        return Trail(self.actor, action, self.kind.value, self.entity_id, snapshot)


@dataclass(frozen=True)
class ConflictRefused(Event):
    """Someone tried to double-book: news for the managers even though nothing changed,
    so it is recorded with `record_refusal` and outlives the refused transaction."""

    actor: User
    explanation: str
    booking_id: str  # the booking holding the bus or crew member


# --- money -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentRecorded(Event):
    actor: User
    payment: Payment
    booking: Booking  # after the payment

    def trail(self) -> Trail:
        snapshot = _dump(self.payment) | {"outstanding": self.booking.outstanding}
        return Trail(self.actor, "payment.recorded", "payment", self.payment.id, snapshot)


# --- assets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BusAdded(Event):
    actor: User
    bus: Bus

    def trail(self) -> Trail:
        return Trail(self.actor, "bus.created", "bus", self.bus.id, _dump(self.bus))


@dataclass(frozen=True)
class BusChanged(Event):
    actor: User
    bus: Bus

    def trail(self) -> Trail:
        return Trail(self.actor, "bus.updated", "bus", self.bus.id, _dump(self.bus))


@dataclass(frozen=True)
class BusStatusSet(Event):
    """Reported from the field: in the workshop, or back on the road."""

    actor: User
    bus: Bus
    note: str = ""  # what for, where: "Bengkel Pak Man, ganti kopling"

    def trail(self) -> Trail:
        snapshot = _dump(self.bus) | ({"note": self.note} if self.note else {})
        return Trail(self.actor, "bus.status", "bus", self.bus.id, snapshot)


@dataclass(frozen=True)
class ProblemReported(Event):
    """A driver (or anyone) reports something wrong with a bus: news, not a repair."""

    actor: User
    bus: Bus
    report: str
    # News of a problem reported before ("udh diganti ban serep, lanjut jalan"), not a new one.
    follow_up: bool = False

    def trail(self) -> Trail:
        return Trail(self.actor, PROBLEM_REPORTED, "bus", self.bus.id, {"report": self.report})


PROBLEM_REPORTED = "bus.problem"


@dataclass(frozen=True)
class OdometerRead(Event):
    actor: User
    bus: Bus
    previous_km: int | None = None  # what a same-day undo puts back
    reading_id: str | None = None  # the reading row an undo removes

    def trail(self) -> Trail:
        snapshot = _dump(self.bus) | {
            "previous_km": self.previous_km,
            "reading_id": self.reading_id,
        }
        return Trail(self.actor, ODOMETER_READ, "bus", self.bus.id, snapshot)


ODOMETER_READ = "bus.odometer"


@dataclass(frozen=True)
class ServiceIntervalSet(Event):
    actor: User
    interval: ServiceInterval

    def trail(self) -> Trail:
        return Trail(
            self.actor,
            "bus.service_interval",
            "bus",
            self.interval.bus_id,
            _dump(self.interval),
        )


@dataclass(frozen=True)
class MaintenanceLogged(Event):
    actor: User
    log: MaintenanceLog
    # With a km: the reading it made and the bus's km before it, what a same-day undo
    # puts back.
    reading_id: str | None = None
    previous_km: int | None = None
    # Back in service with the repair: the bus as it was (its status and planned stay),
    # what a same-day undo puts back.
    bus_before: Bus | None = None

    def trail(self) -> Trail:
        snapshot = _dump(self.log)
        if self.reading_id is not None:
            snapshot |= {"reading_id": self.reading_id, "previous_km": self.previous_km}
        if self.bus_before is not None:
            was = _dump(self.bus_before)
            snapshot["bus_before"] = {k: was[k] for k in BUS_IN_OR_OUT}
        return Trail(self.actor, "maintenance.logged", "maintenance", self.log.id, snapshot)


@dataclass(frozen=True)
class DocumentRecorded(Event):
    actor: User
    document: Document

    def trail(self) -> Trail:
        return Trail(
            self.actor, "document.added", "document", self.document.id, _dump(self.document)
        )


@dataclass(frozen=True)
class DocumentRenewed(Event):
    actor: User
    document: Document
    previous_expiry: date | None = None  # what a same-day undo puts back

    def trail(self) -> Trail:
        snapshot = _dump(self.document)
        if self.previous_expiry is not None:
            snapshot["previous_expiry"] = self.previous_expiry.isoformat()
        return Trail(self.actor, "document.renewed", "document", self.document.id, snapshot)


@dataclass(frozen=True)
class BriefingsComposed(Event):
    """The morning job decided who hears what today (domain/model/briefing.py): one
    message per person, worth sending until `expires_at` (10:00 local)."""

    tenant_id: str
    messages: tuple[OutboundMessage, ...]
    expires_at: datetime


# --- channel ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertRaised(Event):
    """An alert was written for a person; by default it also reaches them on WhatsApp."""

    alert: Alert
    phone: str
    # Reply buttons the WhatsApp message carries (a crew notice's "Siap" / "Tidak bisa").
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class MessageUndelivered(Event):
    """An outbox message finally could not be delivered (or expired unsent)."""

    item: OutboxItem


@dataclass(frozen=True)
class ReplyWritten(Event):
    """The assistant's answer to a message, to be delivered after commit."""

    message: OutboundMessage
    tenant_id: str | None
    in_reply_to: str | None = None  # the inbound message's WhatsApp id


# --- papers and files ------------------------------------------------------------------


@dataclass(frozen=True)
class PaperDrawn(Event):
    """A paper (konfirmasi, kwitansi, surat jalan, kartu kelaikan) drawn for a new version
    of its data and kept in the file store."""

    actor: User
    record: PaperRecord

    def trail(self) -> Trail:
        snapshot = {"kind": self.record.kind.value, "version": self.record.version}
        snapshot["file_key"] = self.record.file_key
        entity = self.record.kind.value
        return Trail(self.actor, "paper.drawn", entity, self.record.subject_id, snapshot)


@dataclass(frozen=True)
class TripSheetDue(Event):
    """A driver was put on a trip: the surat jalan follows the assignment message."""

    actor: User
    booking: Booking
    driver: User


@dataclass(frozen=True)
class MediaReceived(Event):
    """A photo, file or voice note someone sent, kept in the file store."""

    sender: User
    media: MediaFile

    def trail(self) -> Trail:
        snapshot = self.media.model_dump(mode="json", exclude={"caption"})
        return Trail(self.sender, "media.received", "media", self.media.id, snapshot)


# What a bus's status comes down to: whether it is in the workshop, and for which days.
BUS_IN_OR_OUT = ("status", "workshop_from", "workshop_until")


def _dump(record: Any) -> dict[str, Any]:
    snapshot: dict[str, Any] = record.model_dump(mode="json")
    return snapshot
