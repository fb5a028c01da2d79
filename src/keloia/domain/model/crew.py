"""What the driver and kernet of a trip are told, and how they answer: the trip card
(when, which bus, where to pick up, the route), what changed for them, and the two reply
buttons "Siap" / "Tidak bisa". Pure wording; who hears it is decided in
domain/services/handlers.py."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.bookings import Booking, BusAssignment
from keloia.domain.model.clients import name_key
from keloia.domain.model.common import DateRange
from keloia.domain.model.events import CREW_BACK_ON_DUTY, CREW_DAY_OFF
from keloia.domain.model.fleet import Bus
from keloia.domain.model.messages import Button
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import day_label, days_label, format_time, local_phone

# Reply-button ids, followed by the booking's id. The answer is checked against the person
# who tapped (never trusted from the id), so a forged id names nothing.
READY_PREFIX = "trip-siap:"
DECLINE_PREFIX = "trip-tidak:"
ANSWER_PREFIXES = (READY_PREFIX, DECLINE_PREFIX)
# Under a notice sent with the buttons (the template says the same in its own words).
ASK_ANSWER = "Balas *Siap* bila bisa bertugas, atau *Tidak bisa* bila berhalangan."


# A typed "Siap" with the trip taken in words: "siap pak, jumat sy bawa", "siap, insyaallah
# sy jalan". Only a yes first, then these: anything else is read as its own message.
# ("inggih pak, sendika dhawuh. siap": the krama yes and "at your command".)
_READY_FIRST = frozenset(
    # "86 pak siap": understood, as police radio says it.
    [
        "siap",
        "siaap",
        "siapp",
        "ok",
        "oke",
        "okey",
        "nggih",
        "inggih",
        "injih",
        "njih",
        "iya",
        "ya",
        "86",
        # "sendika dhawuh pak, siap": at your command (krama); "muhun": Sundanese yes.
        "sendika",
        "sendiko",
        "muhun",
        "laksanakan",
    ]
)
_TAKING_WORDS = frozenset(
    [
        "sy",
        "saya",
        "aku",
        "kulo",
        "kula",
        "abdi",
        # "siap pak, sing jumat tak gowo": the Friday one, I take it.
        "sing",
        "yg",
        "yang",
        "aq",
        "pak",
        "bu",
        "mbak",
        "mas",
        "bos",
        "siap",
        "bawa",
        "bw",
        "nyetir",
        "narik",
        "jalan",
        "berangkat",
        "brgkt",
        "meluncur",
        "jemput",
        "insyaallah",
        "insya",
        "allah",
        "inshaallah",
        "aman",
        "laksanakan",
        "otw",
        "garasi",
        "pool",
        "kantor",
        "besok",
        "bsk",
        "lusa",
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "pagi",
        "subuh",
        # "bsk subuh sy otw garasi ambil bus 01": fetching the bus he takes.
        "ambil",
        "bus",
        "nanti",
        "ntar",
        "ya",
        "yaa",
        "nggih",
        "inggih",
        "sendika",
        "sendiko",
        "dhawuh",
        "dawuh",
        # Javanese "siap pak, jumat tak gowo (bus 02)": I take it; "mangkat", "budhal": set off.
        "tak",
        "gowo",
        "gawa",
        "nggowo",
        "mangkat",
        "budhal",
        "budal",
        "sesuk",
        "sesok",
        "mbenjing",
        # "siap pak, jam 6 sy wis neng lokasi": where he will be, ready, when it starts.
        "wis",
        "udah",
        "udh",
        "sudah",
        "neng",
        "nang",
        "di",
        "lokasi",
        "titik",
        "tempat",
        "stand",
        "standby",
    ]
)


_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6}
_DAYS_AHEAD = {"besok": 1, "bsk": 1, "lusa": 2, "sesuk": 1, "sesok": 1, "mbenjing": 1}


def typed_ready(text: str, today: date) -> frozenset[date] | None:
    """A crew member's "Siap" to a trip notice, said in words ("siap pak, jumat sy bawa",
    "siap 86"): the days it names (none named: empty), to be checked against the trip's;
    None when the text is no such thing (a question, anything beside taking the trip)."""
    readying: list[str] = []
    # A sentence after the Siap, else a clause ("siap mbak, jam 5 sy udh standby ...").
    for marks in (r"[.!\n]+", r"[.,!\n]+"):
        head, *rest = re.split(marks, text.strip(), maxsplit=1)
        if rest and rest[0].strip() and _READYING_RE.match(rest[0].strip().lower()):
            text = head  # "siap pak, jumat sy bawa. bus 04 nya tak cek kamis sore"
            # ("siap pak, besok sy standby di pool": the day he names is the trip's to
            # check; never the day he readies the bus: "bus 04 nya tak cek kamis sore".)
            later = _words_of(rest[0])
            if _WAITING_WORDS & set(later):
                readying = [w for w in later if w in _DAYS_AHEAD or w in _WEEKDAYS]
            break
    said = _words_of(text) + readying
    # "pagi pak, siap. sy otw garasi": a greeting may come first.
    while said and said[0] in _GREETING and len(said) > 1:
        said = said[1:]
    if "?" in text or not said or said[0] not in _READY_FIRST:
        return None
    days: set[date] = set()
    for i, word in enumerate(said):
        if word.isdigit() and i > 0 and said[i - 1] in ("tgl", "tanggal"):
            days |= {d for d in [_next_day_of_month(int(word), today)] if d is not None}
        elif word in _WEEKDAYS:
            # That weekday in the weeks ahead: a notice may be of a trip weeks away.
            first = (_WEEKDAYS[word] - today.weekday()) % 7
            days |= {today + timedelta(days=first + 7 * week) for week in range(5)}
        elif word in _DAYS_AHEAD:
            days.add(today + timedelta(days=_DAYS_AHEAD[word]))
        elif word.isdigit() and i > 0 and said[i - 1] == "bus":
            continue  # the bus he takes: "ambil bus 01"
        elif word in _HOUR_WORDS or (word.isdigit() and i > 0 and said[i - 1] in _HOUR_BEFORE):
            continue  # the hour of the notice said back: "siap pak, jam 7", "jam 5.30 pagi"
        elif word not in _TAKING_WORDS and word not in ("tgl", "tanggal", "86"):
            return None
    return frozenset(days)


_HOUR_WORDS = frozenset(["jam", "pukul", "pagi", "subuh", "siang", "sore", "malam", "wib"])
_HOUR_BEFORE = frozenset(["jam", "pukul"]) | frozenset(str(h) for h in range(24))


# His own readying of the bus, said after the Siap: "bus 04 nya tak cek kamis sore".
_BUS_THING = r"(?:bus|bis|ban|oli|ac|mesin|solar|bbm|unit|armada|kendaraan)\w*"
_READYING_RE = re.compile(
    # "bus 04 nya tak cek kamis sore": the bus named, then his readying of it.
    r"(?:(?:(?:bus|bis)\s*\w+\s*(?:nya\s+)?(?:(?:nanti|ntar)\s+)?(?:tak|tk|sy|saya|aku|kulo)\s+"
    r"(?:cek|siapin|siapkan|cuci|panasin|bersihin|isi)\b)"
    # "sy isi solar dulu", "nanti sy cuci dulu busnya", "sy cek busnya besok pagi": what he
    # readies named after it (never "sy cek dulu ke istri", "sy cek kalender dulu").
    r"|(?:(?:nanti|ntar)\s+)?(?:tak|tk|sy|saya|aku|kulo)\s+(?:(?:cek|siapin|siapkan|panasin|bersihin"
    rf")\s+(?:(?:dulu|dl)\s+)?{_BUS_THING}|cuci\b|isi\s+(?:solar|bbm|bensin|angin)\b)"
    # "jam 5 sy udh standby di balai desa": where and when he will be waiting.
    r"|(?:(?:jam|pukul)\s*\d{1,2}(?:[.:]\d{2})?\s+)?(?:(?:besok|bsk|nanti|ntar)\s+)?"
    r"(?:tak|tk|sy|saya|aku|kulo|kula|abdi)\s+(?:(?:udh|udah|sudah|sdh|wis|wes|dah|sampun|tos)\s+)?"
    r"(?:standby|stand\s+by|siaga|nunggu|tunggu|stay|ready)\b"
    # "jam 5 kula sampun wonten balai desa": already there, at the hour.
    r"|(?:jam|pukul)\s*\d{1,2}(?:[.:]\d{2})?\s+(?:(?:besok|bsk|sesuk|mbenjing)\s+)?"
    r"(?:tak|tk|sy|saya|aku|kulo|kula|abdi)\s+(?:udh|udah|sudah|sdh|wis|wes|dah|sampun|tos)\s+"
    r"(?:di|neng|nang|ning|wonten|teng|dugi|sampe|nyampe)\b)"
    # (Never a word on whether he can: "sy cek jadwal dulu, nanti sy kabari bisa ga".)
    r"(?![^?]*\b(?:bisa|bs|kabar\w*|jadwal\w*|ga|gak|nggak|tidak|tdk|istri|acara|bentrok|tapi|tp"
    r"|izin|ijin|sakit|rawat|dirawat|anak|rs|rumah|mboten|ora|teu|sanes)\b)[^?]*$"
)
_WAITING_WORDS = frozenset(["standby", "stand", "siaga", "nunggu", "tunggu", "stay", "ready"])
_GREETING = frozenset(["pagi", "siang", "sore", "malam", "halo", "pak", "bu", "mas", "bos"])


def _words_of(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text.lower()).split()


def _next_day_of_month(day: int, today: date) -> date | None:
    """The coming day of the month `day` ("tgl 5"), today's month or the next."""
    for months in (0, 1):
        year, month = divmod(today.month - 1 + months, 12)
        try:
            found = date(today.year + year, month + 1, day)
        except ValueError:
            continue
        if found >= today:
            return found
    return None


def on_days(booking: Booking, days: frozenset[date]) -> bool:
    """Whether the trip runs on one of the days (any, when none is named)."""
    return not days or any(booking.depart_date <= d <= booking.return_date for d in days)


def answer_buttons(booking_id: str) -> tuple[Button, ...]:
    return (
        Button(id=READY_PREFIX + booking_id, title="Siap"),
        Button(id=DECLINE_PREFIX + booking_id, title="Tidak bisa"),
    )


@dataclass(frozen=True)
class Names:
    """The PO's buses and people, to name them in a notice."""

    buses: Mapping[str, Bus]
    people: Mapping[str, User]
    today: date

    @classmethod
    def of(cls, buses: Iterable[Bus], team: Iterable[User], today: date) -> Names:
        return cls({b.id: b for b in buses}, {u.id: u for u in team}, today)

    def bus(self, bus_id: str) -> str:
        bus = self.buses.get(bus_id)
        if bus is None:
            return "bus belum ditentukan"
        return f"{bus.name} ({bus.plate})" if bus.plate else bus.name

    def person(self, user_id: str | None) -> str:
        user = self.people.get(user_id or "")
        return user.name if user else ""


@dataclass(frozen=True)
class RosterLine:
    """One bus of a live trip and its crew on some days: what the crew may know of each
    other's work (no client, no route, no money)."""

    depart_date: date
    return_date: date
    assignment: BusAssignment

    @classmethod
    def of(cls, booking: Booking) -> list[RosterLine]:
        return [cls(booking.depart_date, booking.return_date, a) for a in booking.assignments]


def free_drivers(
    team: Iterable[User], bookings: Iterable[Booking], off: Collection[str] = ()
) -> list[User]:
    """Active drivers on none of these live bookings and not `off` (a day off said), by
    name."""
    busy = {u for b in bookings if b.is_live for u in b.crew_ids()} | set(off)
    drivers = (u for u in team if u.role is Role.DRIVER and u.active and u.id not in busy)
    return sorted(drivers, key=lambda u: u.name)


# How far back a day off is looked for: "tgl 10 izin ga bisa narik" is said days or weeks
# before the day, rarely months.
DAY_OFF_NOTICE = timedelta(days=90)


def days_off(entries: Iterable[ActivityEntry], days: DateRange) -> set[str]:
    """Who said they cannot work on a day of `days` (a day off with no trip, passed on to
    the owner and admins) and has not taken it back since: nobody should offer them for
    that day."""
    return {who for who, _ in said_off(entries, days)}


def said_off(entries: Iterable[ActivityEntry], days: DateRange) -> set[tuple[str, date]]:
    """(who, day) for each day of `days` someone said they are off, unless they said later
    that they can work that day after all."""
    off: set[tuple[str, date]] = set()
    for entry in sorted(entries, key=lambda e: e.at):
        day = entry.snapshot.get("day")
        if entry.actor_id is None or not isinstance(day, str):
            continue
        said = (entry.actor_id, date.fromisoformat(day))
        if not days.start <= said[1] <= days.end:
            continue
        if entry.action == CREW_DAY_OFF:
            off.add(said)
        elif entry.action == CREW_BACK_ON_DUTY:
            off.discard(said)
    return off


def seat(booking: Booking, member_id: str) -> BusAssignment | None:
    """The bus (with its crew) a person rides on in this booking."""
    return next((a for a in booking.assignments if member_id in a.crew_ids()), None)


def when(booking: Booking, today: date) -> str:
    """ "Jumat, 4 Des, jam 05.30": the day and the pickup time, as the crew reads it."""
    days = days_label(booking.depart_date, booking.return_date, today)
    return f"{days}, jam {format_time(booking.pickup_time)}" if booking.pickup_time else days


def under_way(booking: Booking, now: datetime) -> bool:
    """The trip has left (`now` in the PO's time): it left on an earlier day, or today at
    its pickup time or before now. A trip of today with no pickup time has not."""
    if booking.depart_date != now.date():
        return booking.depart_date < now.date()
    return booking.pickup_time is not None and booking.pickup_time <= now.time()


def route(booking: Booking) -> str:
    return " – ".join(p for p in (booking.route_from, booking.route_to) if p)


def trip_card(booking: Booking, member_id: str, names: Names) -> list[str]:
    """The lines a crew member needs to be at the right place: never money."""
    lines = [f"• Tanggal: {when(booking, names.today)}"]
    place = seat(booking, member_id)
    if place is not None:
        lines.append(f"• Bus: {names.bus(place.bus_id)}")
        role = "sopir" if place.driver_id == member_id else "kernet"
        partner_id = place.co_driver_id if role == "sopir" else place.driver_id
        partner = names.person(partner_id)
        other = "kernet" if role == "sopir" else "sopir"
        lines.append(f"• Tugas: {role}" + (f" ({other}: {partner})" if partner else ""))
    lines.append(f"• Jemput: {booking.pickup_place or 'belum ditentukan'}")
    if booking.passengers:
        lines.append(f"• Rombongan: {booking.passengers} orang")  # how many to wait for
    if route(booking):
        lines.append(f"• Rute: {route(booking)}")
    if booking.client_phone:
        # Whom to call at the pickup when the group is not there yet.
        lines.append(f"• HP klien: {local_phone(booking.client_phone)}")
    admins = [u for u in names.people.values() if u.role is Role.ADMIN and u.active]
    if admins:
        lines.append(f"• Admin: {admins[0].name} {local_phone(admins[0].phone)}")
    return lines


def assigned_notice(booking: Booking, member_id: str, names: Names) -> str:
    head = f"🚌 Anda dijadwalkan untuk trip *{booking.client_name}*:"
    return "\n".join([head, *trip_card(booking, member_id, names)])


def crew_changes(before: Booking, after: Booking, member_id: str, names: Names) -> list[str]:
    """What changed for this person, each with its old value ("tanggal (sebelumnya ...)")."""
    changes: list[str] = []
    if (before.depart_date, before.return_date) != (after.depart_date, after.return_date):
        was = days_label(before.depart_date, before.return_date, names.today)
        changes.append(f"tanggal (sebelumnya {was})")
    if before.pickup_time != after.pickup_time:
        was = format_time(before.pickup_time) if before.pickup_time else "belum ada"
        changes.append(f"jam jemput (sebelumnya {was})")
    if before.pickup_place != after.pickup_place:
        changes.append(f"tempat jemput (sebelumnya {before.pickup_place or 'belum ada'})")
    if route(before) != route(after):
        changes.append(f"rute (sebelumnya {route(before) or 'belum ada'})")
    old, new = seat(before, member_id), seat(after, member_id)
    if old is not None and new is not None and old.bus_id != new.bus_id:
        changes.append(f"bus (sebelumnya {names.bus(old.bus_id)})")
    if old is not None and new is not None and _role(old, member_id) != _role(new, member_id):
        # The kernet made the driver (or back): he now drives, or no longer does.
        changes.append(f"tugas (sebelumnya {_role(old, member_id)})")
    return changes


def _role(place: BusAssignment, member_id: str) -> str:
    return "sopir" if place.driver_id == member_id else "kernet"


def changed_notice(before: Booking, after: Booking, member_id: str, names: Names) -> str:
    changes = crew_changes(before, after, member_id, names)
    head = f"✏️ Trip *{after.client_name}* berubah: {', '.join(changes)}. Jadwal terbaru:"
    return "\n".join([head, *trip_card(after, member_id, names)])


# What opens the notice of one taken off a trip (found again to say who replaced him).
REMOVED_MARK = "Anda tidak lagi bertugas di trip"


def removed_notice(booking: Booking, names: Names) -> str:
    return (
        f"ℹ️ {REMOVED_MARK} *{booking.client_name}* "
        f"({day_label(booking.depart_date, names.today)}"
        + (f", {route(booking)}" if route(booking) else "")
        + "). Tidak perlu berangkat untuk trip itu."
    )


def cancelled_notice(booking: Booking, names: Names) -> str:
    return (
        f"❌ Trip *{booking.client_name}* ({when(booking, names.today)}"
        + (f", {route(booking)}" if route(booking) else "")
        + ") dibatalkan. Anda tidak perlu berangkat untuk trip itu."
    )


# --- a crew member's offer ----------------------------------------------------------------


def crew_of(booking: Booking, names: Names) -> str:
    """ "Bus 02: sopir Wahyu, kernet belum ada": who rides each bus of the trip now."""
    if not booking.assignments:
        return "bus dan sopir belum ditentukan"
    parts = []
    for a in booking.assignments:
        bus = names.buses.get(a.bus_id)
        driver = names.person(a.driver_id) or "belum ada"
        kernet = f", kernet {names.person(a.co_driver_id)}" if a.co_driver_id else ""
        parts.append(f"{bus.name if bus else 'bus'}: sopir {driver}{kernet}")
    return "; ".join(parts)


def _replacing(
    booking: Booking, offering: User, teammate: User | None, *, as_kernet: bool, swap: bool
) -> str:
    """The reply that makes the change offered, to copy and send: "sopir bu dewi ganti
    slamet". In a swap the trip he is on goes to the teammate, the other to him; an offer to
    stand in takes the seat of the teammate named, if he is on the trip."""
    newcomer, leaving = offering, teammate
    if swap and teammate is not None and booking.involves(offering.id):
        newcomer, leaving = teammate, offering
    role = "kernet" if as_kernet else "sopir"
    if leaving is not None and not as_kernet:
        place = seat(booking, leaving.id)
        if place is not None and place.co_driver_id == leaving.id:
            role = "kernet"
    first = name_key(newcomer.name).split()[0]
    return f"{role} {booking.client_name} ganti {first}".lower()


def offer_notice(
    offering: User,
    trips: Sequence[Booking],
    said: str,
    names: Names,
    *,
    teammate: User | None = None,
    as_kernet: bool = False,
    swap: bool = False,
    clashes: Sequence[Booking] = (),
    named: bool = True,
) -> str:
    """What the owner and admins read of a crew member's offer or swap: the trips named with
    their crew now, what he wrote, that nothing is changed yet, and the reply that makes the
    change. `named`: the message named a trip (by day, place or client), found or not."""
    if swap and teammate is not None:
        head = f"🔁 {offering.name} mengabarkan tukar trip dengan {teammate.name}"
    elif as_kernet:
        beside = f" {teammate.name}" if teammate is not None else ""
        head = f"🙋 {offering.name} menawarkan diri jadi kernet{beside}"
    elif teammate is not None:
        head = f"🙋 {offering.name} menawarkan diri menggantikan {teammate.name}"
    else:
        head = f"🙋 {offering.name} menawarkan diri jadi sopir"
    lines = [f'{head}. Pesannya: "{said}".']
    for b in trips[:4]:
        lines.append(f"• {b.client_name} ({when(b, names.today)}): {crew_of(b, names)}")
    if not trips and named:
        lines.append("Trip yang dimaksud tidak ada di jadwal.")
    for b in clashes[:2]:
        lines.append(
            f"Catatan: {offering.name} sudah punya trip {b.client_name} "
            f"({days_label(b.depart_date, b.return_date, names.today)}) di hari itu."
        )
    lines.append("Belum ada yang diubah.")
    if trips and len(trips) <= 2:
        replies = [
            f'"{_replacing(b, offering, teammate, as_kernet=as_kernet, swap=swap)}"' for b in trips
        ]
        lines.append("Kalau setuju, balas misalnya: " + " lalu ".join(replies) + ".")
    return "\n".join(lines)
