"""What an action becomes before it is applied: a plan that describes itself, checks
without writing and applies on "ya"; and the lines its summary is written with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from keloia.domain.errors import DomainError, InvalidInput
from keloia.domain.model.bookings import Booking, BusAssignment
from keloia.domain.model.intents import ExtractedFields
from keloia.domain.model.text import as_written, days_label
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import clock


class NeedMore(DomainError):
    """The message lacks something only the person can say."""


class Unchanged(InvalidInput):
    """What was asked is what the record already says: nothing to propose. `kept` says
    what stays ("trip Bu Dewi tetap Bus 04"), for a correction that takes back the change
    waiting for a yes."""

    def __init__(self, message: str, kept: str) -> None:
        super().__init__(message)
        self.kept = kept


@dataclass
class Plan:
    describe: Callable[[], str]  # "Saya catat sebagai booking baru: ...", only when proposing
    check: Callable[[], None]  # raises what applying would raise; writes nothing
    apply: Callable[[], str]  # writes; returns what to tell the person
    target_id: str | None = None
    # What the reading was unsure of is what the summary shows ("hapus yg barusan, bus 02
    # ternyata gpp": the bus the trip goes back to): no "kurang yakin" note.
    clear: bool = False
    # The fields proposed, when the plan set some of those read aside (a driver not on the
    # team beside a move): what waits is these, so its reminders name only what "ya" saves.
    proposed: ExtractedFields | None = None

    @property
    def summary(self) -> str:
        return self.describe()


Builder = Callable[[MessageContext, ExtractedFields, str | None], Plan]


def changed_from(before: str) -> str:
    """ "Rp6.500.000 → ": what a change replaces, so the person can check it was the one
    meant; nothing when there was none."""
    return f"{before} → " if before else ""


def label(ctx: MessageContext, booking: Booking) -> str:
    """ "Pak Agus, Jogja – Semarang, Selasa, 15 Des": which booking, readable on a phone."""
    route = " – ".join(p for p in (booking.route_from, booking.route_to) if p)
    when = days_label(booking.depart_date, booking.return_date, ctx.today)
    return ", ".join(p for p in (booking.client_name, route, when) if p)


def said(*rows: tuple[str, object]) -> list[str]:
    """A summary's "• label: value" lines for the values the message gave (an empty value
    or None: no line)."""
    return [f"• {label}: {value}" for label, value in rows if value]


def with_stops(route_from: str, route_to: str, stops: list[str] | None) -> str:
    """The destination with the stops said before it ("Batu – Malang"), each once; without
    a destination the stops are no route (they go in the notes)."""
    if not route_to or not stops:
        return route_to
    route = f"{route_from} {route_to}".casefold()
    new = [as_written(s) for s in stops if s.casefold() not in route]
    return " – ".join([*dict.fromkeys(new), as_written(route_to)])


def stops_said(stops: list[str]) -> str:
    return ", ".join(as_written(s) for s in stops)


def stops_note(stops: list[str]) -> str:
    return f"Mampir: {stops_said(stops)}"


def trip_lines(
    ctx: MessageContext,
    route_from: str,
    route_to: str,
    depart: date,
    ret: date,
    depart_time: str | None,
) -> list[str]:
    lines = []
    route = " – ".join(p for p in (route_from, route_to) if p)
    if route:
        lines.append(f"• Rute: {route}")
    when = days_label(depart, ret, ctx.today)
    if depart_time:
        when += f", jam {clock(depart_time)}"
    lines.append(f"• Tanggal: {when}")
    return lines


def crew_lines(
    ctx: MessageContext,
    assignments: list[BusAssignment],
    before: list[BusAssignment] | None = None,
) -> list[str]:
    """One line per bus and its crew; for a change (`before`, the crew it had), a crew
    place that changed on a bus kept shows what it had ("sopir: belum ditentukan →
    Slamet"), which also answers "blm ada sopirnya kan?" said with the change."""
    if not assignments:
        return ["• Bus: belum ditentukan"]
    names = {b.id: b.name for b in ctx.buses}
    people = {u.id: u.name for u in ctx.team}
    had = {a.bus_id: a for a in before or []}
    # One bus swapped for another ("ganti bus 03 aja"): the line says which it replaces.
    gone = [b for b in before or [] if b.bus_id not in {a.bus_id for a in assignments}]
    came = [a for a in assignments if before is not None and a.bus_id not in had]
    swapped = {came[0].bus_id: gone[0].bus_id} if len(gone) == len(came) == 1 else {}
    lines, moved = [], []
    for a in assignments:
        old = had.get(a.bus_id)
        crew_names = []
        for role, who, was in (
            ("sopir", a.driver_id, old.driver_id if old else None),
            ("kernet", a.co_driver_id, old.co_driver_id if old else None),
        ):
            if not who and was and old is not None and was in a.crew_ids():
                # "sopir ganti wahyu" with Wahyu its kernet: he leaves that place empty,
                # never holds both; the proposal says so before any "ya".
                other = "sopir" if role == "kernet" else "kernet"
                crew_names.append(f"{role}: {people.get(was, '')} → kosong")
                moved.append(
                    f"{people.get(was, '')} pindah dari {role} ke {other}, jadi {role}nya "
                    f"kosong (sebutkan kalau ada penggantinya)."
                )
                continue
            if not who and was and old is not None:
                # "hapus yg barusan" after "sopir bu dewi slamet": the place he took is
                # shown empty again, as filling it showed "belum ditentukan → Slamet".
                crew_names.append(f"{role}: {people.get(was, '')} → belum ditentukan")
                continue
            if not who:
                continue
            changed = old is not None and was != who
            prior = (people.get(was, "") if was else "belum ditentukan") if changed else ""
            crew_names.append(f"{role}: {changed_from(prior)}{people.get(who, '')}")
        crew = f" ({', '.join(crew_names)})" if crew_names else ""
        replaced = names.get(swapped[a.bus_id], "") if a.bus_id in swapped else ""
        lines.append(f"• Bus: {changed_from(replaced)}{names.get(a.bus_id, a.bus_id)}{crew}")
    # A bus the trip no longer takes, not swapped for another (the second bus added by the
    # change "hapus yg barusan" takes back): said, never left out silently.
    lines += [
        f"• Bus: {names.get(b.bus_id, b.bus_id)} tidak jadi dipakai" for b in gone if not swapped
    ]
    return lines + [f"• Catatan: {note}" for note in moved]
