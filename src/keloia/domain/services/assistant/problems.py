"""A problem with a bus, reported from the road ("rem bunyi", "ban bocor"), and the news
that follows it: passed to the owner and admins at once, never recorded as a repair."""

from __future__ import annotations

import re

from keloia.domain.model.conversation import ReportedProblem
from keloia.domain.model.fleet import SPARE_SWAP_RE, MaintenanceType
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import names_joined
from keloia.domain.services import fleet
from keloia.domain.services.assistant import fleet_plans, resolve, smalltalk
from keloia.domain.services.assistant.context import MessageContext


def told_of_problems(ctx: MessageContext) -> str:
    """Who hears a problem report besides its sender: "pemilik dan admin", "pemilik" (an
    admin reporting, the only admin) or "admin" (the owner reporting)."""
    others = {u.role for u in ctx.team if u.active and u.id != ctx.actor.id}
    told = [
        label for role, label in ((Role.OWNER, "pemilik"), (Role.ADMIN, "admin")) if role in others
    ]
    return names_joined(told) or "pemilik"


def report_problem(ctx: MessageContext, extraction: Extraction) -> tuple[str, Extraction | None]:
    """A problem with a bus goes to the owner and admins at once; nothing is recorded as
    repaired. The person is told who was told. A km said with it is returned as the bus's
    odometer reading to propose."""
    f = extraction.fields
    bus = resolve.find_bus(ctx.buses, f.bus) if f.bus else fleet_plans.drivers_bus(ctx)
    if bus is None:
        ask = "Bus yang mana yang bermasalah? Sebutkan nama busnya, misalnya: bus 02 rem bunyi."
        return ask, None
    fleet.report_problem(ctx.deps, ctx.actor, bus.id, f.description or "")
    # "udh dibenerin 350rb" next is the repair of this bus (fleet_plans.log_maintenance).
    ctx.conversation.reported = ReportedProblem(
        bus_id=bus.id, maintenance_type=f.maintenance_type, at=ctx.deps.clock.now()
    )
    later = "catat perbaikannya nanti setelah dikerjakan."
    if SPARE_SWAP_RE.search((f.description or "").lower()):
        # "ban bus 01 udh diganti serep, aman": dealt with on the road; the flat tyre's
        # patch or replacement is the repair to record, when it is done.
        later = "kalau ban yang bocor sudah ditambal atau diganti, kirim biayanya untuk dicatat."
    # "laporan soal rem Bus 02": what was understood to be wrong, so a misreading shows.
    part = f.maintenance_type
    plain = part is None or part in (MaintenanceType.OTHER, MaintenanceType.GENERAL_SERVICE)
    about = bus.name if part is None or plain else f"{part.label} {bus.name}"
    said = (
        f"Terima kasih, laporan soal {about} sudah saya teruskan ke {told_of_problems(ctx)}. "
        f"Belum dicatat sebagai perbaikan; {later}"
    )
    if f.odometer_km is None:
        return said, None
    km = ExtractedFields(bus=bus.name, odometer_km=f.odometer_km)
    reading = extraction.model_copy(update={"intent": Intent.RECORD_ODOMETER, "fields": km})
    return said, reading


# The problem dealt with: "diganti", "ditambal", "pake serep", "udah beres".
_FIXED = r"(?:di)?(?:ganti|tambal|benerin|betulin|perbaiki|servis)\w*|serep|serap|cadangan|beres"
# "udh diganti ban serep, lanjut jalan", "sudah beres, jalan lagi": news that the problem
# reported before is dealt with, or that the trip goes on.
_PROBLEM_NEWS_RE = re.compile(
    rf"\b(?:{_FIXED}"
    r"|aman|normal|lanjut|jalan\s+(?:lagi|lg)|bisa\s+jalan|udah\s+jalan|udh\s+jalan)\b"
)


# News that is of the problem or the trip itself even beside a break: it was dealt with,
# or the trip waits ("istirahat dulu, lanjut besok pagi").
_PROBLEM_DEALT_RE = re.compile(
    rf"\b(?:{_FIXED}"
    r"|bisa\s+jalan|jalan\s+(?:lagi|lg)|besok|bsk|lusa|nginep|menginap|mundur|telat"
    r"|terlambat|jam\s*\d+|nunggu|menunggu|derek|bengkel|mogok|rusak|parah)\b"
)


_AMOUNT_RE = re.compile(r"\d{3}|\d\s*(?:rb|ribu|jt|juta|k)\b")


def problem_news(ctx: MessageContext, text: str) -> str | None:
    """ "udh diganti ban serep, lanjut jalan" right after the sender reported a problem
    with a bus: news of it, passed on to the owner and admins as the report was. Nothing
    is recorded (a repair with its cost is read as one, never here)."""
    reported = ctx.conversation.live_reported(ctx.deps.clock.now())
    if reported is None or not _PROBLEM_NEWS_RE.search(text.lower()) or "?" in text:
        return None
    if _AMOUNT_RE.search(text.lower()):
        return None  # a cost or a km: never passed on as mere news ("bus 01" may be said)
    if smalltalk.BREAK.search(text) and not _PROBLEM_DEALT_RE.search(text.lower()):
        return None  # "izin makan dulu, aman kok": his own break, no news of the problem
    bus = fleet.report_problem(ctx.deps, ctx.actor, reported.bus_id, text, follow_up=True)
    told = told_of_problems(ctx)
    return f"Baik, terima kasih. Kabar soal {bus.name} sudah saya teruskan ke {told}."
