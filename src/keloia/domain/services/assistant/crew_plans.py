"""Which bus and which driver and kernet a booking gets from what was said: buses
named, crew per bus or in order, a bus swapped or added with its crew kept."""

from __future__ import annotations

from keloia.domain.errors import InvalidInput
from keloia.domain.model.bookings import Booking, BusAssignment
from keloia.domain.model.intents import CrewLine, ExtractedFields
from keloia.domain.model.tenants import User
from keloia.domain.model.text import day_label
from keloia.domain.services import fleet
from keloia.domain.services.assistant import plans, targets
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.resolve import find_bus, find_driver, find_member


def _buses_named(f: ExtractedFields) -> list[str]:
    return [*(f.buses or ([f.bus] if f.bus else [])), *(c.bus for c in f.crew or () if c.bus)]


def assignments(ctx: MessageContext, f: ExtractedFields) -> tuple[list[BusAssignment], list[str]]:
    """The buses named, each with its crew: the crew said for it ("bus 01 sopir joko, bus 02
    sopir wahyu"), else the driver and kernet on the first; what cannot be placed (a person
    not in the team, crew without a bus) is returned to be shown as "Belum tercatat"."""
    unplaced: list[str] = []
    names = _buses_named(f)
    if f.crew:
        # Crew named before its bus goes to the buses no line names, in order.
        free = [n for n in dict.fromkeys(names) if all(n != line.bus for line in f.crew)]
        waiting = iter(free)
        lines = [(line.bus or next(waiting, ""), line.driver, line.kernet) for line in f.crew]
        for bus_named, driver_named, kernet_named in lines:
            if not bus_named and len(set(names)) > 1:
                # "bus 02 sama bus 04. supir joko sm slamet. kernet wahyu": every bus has
                # crew said for it and one person is left; which bus is asked, not guessed.
                who = f"Sopir {driver_named}" if driver_named else f"Kernet {kernet_named}"
                raise plans.NeedMore(f"{who} di bus yang mana?")
    else:
        lines = [(names[0] if names else "", f.driver, f.kernet)]
    crew: dict[str, tuple[User | None, User | None]] = {}
    busless: list[str] = []
    for bus_named, driver_named, kernet_named in lines:
        driver = _crew(ctx, driver_named, "sopir", unplaced)
        kernet = _crew(ctx, kernet_named, "kernet", unplaced)
        if not bus_named:
            busless += [f"{r} {p.name}" for p, r in ((driver, "sopir"), (kernet, "kernet")) if p]
            continue
        crew[targets.named_bus(ctx, bus_named).id] = (driver, kernet if kernet != driver else None)
    if busless:
        unplaced.append(f"{', '.join(busless)} (busnya belum ditentukan)")
    assignments: list[BusAssignment] = []
    for name in names:
        bus = targets.named_bus(ctx, name)
        if any(a.bus_id == bus.id for a in assignments):
            continue
        driver, kernet = crew.get(bus.id, (None, None))
        assignments.append(
            BusAssignment(
                bus_id=bus.id,
                driver_id=driver.id if driver else None,
                co_driver_id=kernet.id if kernet else None,
            )
        )
    return assignments, unplaced


def _crew(ctx: MessageContext, named: str | None, role: str, unplaced: list[str]) -> User | None:
    if not named:
        return None
    person = find_driver(ctx.team, named)
    if person is None:
        unplaced.append(stranger_line(role, named))
    return person


# The field of each crew role word.
CREW_FIELDS = {"sopir": "driver", "kernet": "kernet"}


def strangers_aside(
    ctx: MessageContext, f: ExtractedFields, others_said: bool
) -> tuple[ExtractedFields, list[tuple[str, str]]]:
    """A driver or kernet not on the team set aside (role word, name) when something else
    is said beside them ("mundur tgl 5, supir slamet kernet anto"): the rest is proposed and
    they are shown as not recorded. Said alone, they stay, and the reply says who to invite."""
    said = {"sopir": f.driver, "kernet": f.kernet}
    strangers = [(r, n) for r, n in said.items() if n and find_driver(ctx.team, n) is None]
    if not strangers:
        return f, []
    rest = f.model_copy(update={CREW_FIELDS[r]: None for r, _ in strangers})
    if not (others_said or rest.bus or rest.driver or rest.kernet):
        return f, []
    return rest, strangers


def stranger_line(role: str, named: str) -> str:
    return f"{role} {named} (belum terdaftar di tim)"


def reassign(ctx: MessageContext, booking: Booking, f: ExtractedFields) -> list[BusAssignment]:
    current = list(booking.assignments)
    if f.replaced_bus and f.bus and current:
        # "yg srikandi ganti bus 02": that bus swapped for the other, its crew kept.
        gone, came = targets.named_bus(ctx, f.replaced_bus), targets.named_bus(ctx, f.bus)
        at = [n for n, a in enumerate(current) if a.bus_id == gone.id]
        if not at:
            names = ", ".join(b.name for a in current for b in ctx.buses if b.id == a.bus_id)
            raise plans.NeedMore(
                f"Booking ini tidak pakai {gone.name} (busnya {names}). Yang diganti bus yang mana?"
            )
        if any(a.bus_id == came.id for a in current):
            raise InvalidInput(f"{came.name} sudah dipakai booking ini.")
        current[at[0]] = _with_crew(ctx, came.id, current[at[0]], f)
        return current
    if len(current) <= 1 and len({targets.named_bus(ctx, n).id for n in _buses_named(f)}) > 1:
        # "bus 01 sama bus 03, sopir joko sm slamet": the buses of a booking that had at
        # most one, each with the crew said for it (a bus it had keeps its crew unsaid). A
        # bus it had and the message does not name stays: nothing is taken off unsaid
        # ("tambah bus 01 sama bus 03").
        given, unplaced = assignments(ctx, f)
        if unplaced:
            raise plans.NeedMore(f"Belum bisa saya catat: {'; '.join(unplaced)}.")
        had = {a.bus_id: a for a in current}
        listed = {a.bus_id for a in given}
        kept = [a for a in current if a.bus_id not in listed]
        return kept + [_kept_crew(a, had[a.bus_id]) if a.bus_id in had else a for a in given]
    if len(current) > 1 and f.crew:
        # "sopir bus 01 joko, bus 03 slamet": the crew of each bus named.
        for line in f.crew:
            named = find_bus(ctx.buses, line.bus) if line.bus else None
            at = [n for n, a in enumerate(current) if named is not None and a.bus_id == named.id]
            if at:
                said = ExtractedFields(driver=line.driver, kernet=line.kernet)
                current[at[0]] = _with_crew(ctx, current[at[0]].bus_id, current[at[0]], said)
        return current
    if len(current) > 1:
        # Several buses: the crew of the one named changes ("sopir bus 02 ganti pak joko").
        named = find_bus(ctx.buses, f.bus) if f.bus else None
        at = [n for n, a in enumerate(current) if named is not None and a.bus_id == named.id]
        open_place = booking.unassigned_buses() > 0 and not targets.REPLACES_RE.search(ctx.text)
        if named is not None and not at and open_place:
            # "bus ke 3 pak wiryo pake bus 03" of a trip of 3 buses with two chosen: the
            # bus named takes the place still open; the buses it has keep theirs.
            return [*current, _with_crew(ctx, named.id, None, f)]
        if not at or not (f.driver or f.kernet):
            buses = {b.id: b.name for b in ctx.buses}
            names = ", ".join(buses.get(a.bus_id, "") for a in current)
            example = buses.get(current[0].bus_id, "bus 01").lower()
            raise plans.NeedMore(
                f"Booking ini pakai {len(current)} bus ({names}). Sebutkan busnya, misalnya: "
                f"*sopir {example} ganti pak joko*, atau ubah lewat dashboard (/jadwal)."
            )
        current[at[0]] = _with_crew(ctx, current[at[0]].bus_id, current[at[0]], f)
        return current
    old = current[0] if current else None
    bus_id = targets.named_bus(ctx, f.bus).id if f.bus else (old.bus_id if old else None)
    if bus_id is None:
        # A trip with no bus yet: which trip, and the buses free on its days to choose from.
        crew_said = f.driver or f.kernet or ""
        member = find_member(ctx.team, crew_said)
        who = f"{'sopir' if f.driver else 'kernet'} {member.name if member else crew_said}"
        free = [b.name for b in fleet.available_buses(ctx.deps, ctx.actor, booking.days)]
        offer = f"Bus kosong: {', '.join(free)}." if free else "Tidak ada bus kosong hari itu."
        raise plans.NeedMore(
            f"{plans.label(ctx, booking)} belum ada busnya. {offer} "
            f"Untuk {who}, pakai bus yang mana?"
        )
    if (
        old is not None
        and bus_id != old.bus_id
        and booking.unassigned_buses() > 0
        and not targets.REPLACES_RE.search(ctx.text)
    ):
        # "rt 05 bus satunya pake bus 02, sopir wahyu" of a trip of 2 buses with one chosen:
        # the bus named takes the place still open, with the crew said for it; the bus the
        # trip has keeps its own. Only "ganti bus 02" swaps the one it has.
        return [old, _with_crew(ctx, bus_id, None, f)]
    return [_with_crew(ctx, bus_id, old, f)]


def driver_taken_off(
    ctx: MessageContext, booking: Booking, f: ExtractedFields
) -> list[BusAssignment]:
    """The trip's buses with the driver said taken off (the one named, or of the bus named,
    or the trip's only one), his place left empty; asked which when it could be several."""
    current = list(booking.assignments)
    person = find_member(ctx.team, f.driver) if f.driver else None
    bus = find_bus(ctx.buses, f.bus) if f.bus else None
    at = [
        n
        for n, a in enumerate(current)
        if a.driver_id
        and (person is None or a.driver_id == person.id)
        and (bus is None or a.bus_id == bus.id)
    ]
    trip = f"Trip {booking.client_name} ({day_label(booking.depart_date, ctx.today)})"
    if not at and person is not None:
        raise plans.Unchanged(
            f"{person.name} memang tidak menyopiri {trip[0].lower()}{trip[1:]}. "
            "Tidak ada yang diubah.",
            kept=f"{trip[0].lower()}{trip[1:]} tetap tanpa {person.name}",
        )
    if not at:
        raise plans.Unchanged(
            f"{trip} memang belum ada sopirnya. Tidak ada yang diubah.",
            kept=f"{trip[0].lower()}{trip[1:]} tetap belum ada sopirnya",
        )
    if len(at) > 1:
        names = {b.id: b.name for b in ctx.buses}
        held = ", ".join(names.get(current[n].bus_id, "") for n in at)
        raise plans.NeedMore(f"{trip} memakai {len(at)} bus ({held}). Sopir bus mana yang dilepas?")
    current[at[0]] = current[at[0]].model_copy(update={"driver_id": None})
    return current


def crew_in_order(
    ctx: MessageContext, booking: Booking, f: ExtractedFields
) -> tuple[ExtractedFields, list[str]]:
    """ "sopir pak yusuf joko sm wahyu": people named after one role word and no bus. On a
    booking of as many buses, each goes to a bus in the order the booking has them (as a new
    booking pairs them); on one bus the first is its crew and the others are shown as not
    recorded (a bus carries one driver) instead of dropped. Another count is asked: a guess
    would put someone on the wrong bus."""
    said = f.crew or []
    if not said or any(line.bus for line in said) or _buses_named(f):
        return f, []
    current = booking.assignments
    role = "sopir" if said[0].driver else "kernet"
    if len(current) > 1 or booking.bus_count > 1:
        buses = {b.id: b.name for b in ctx.buses}
        if not current:
            raise plans.NeedMore(buses_for_crew(booking, said, role))
        if len(current) != len(said) or any(a.bus_id not in buses for a in current):
            names = ", ".join(buses.get(a.bus_id, "") for a in current) or "busnya belum dipilih"
            people = " dan ".join(line.driver or line.kernet or "" for line in said)
            raise plans.NeedMore(
                f"Booking ini pakai {booking.bus_count} bus ({names}), {role}nya disebut "
                f"{len(said)}: {people}. Siapa di bus yang mana? Misalnya: *{role} "
                f"{buses.get(current[0].bus_id, 'bus 01').lower() if current else 'bus 01'} "
                f"pak joko*."
            )
        paired = [
            line.model_copy(update={"bus": buses[a.bus_id]})
            for line, a in zip(said, current, strict=True)
        ]
        return f.model_copy(update={"crew": paired}), []
    others = [line.driver or line.kernet for line in said[1:]]
    if current and len(said) == 2 and said[0].driver:
        # "sopir besok joko sm wahyu" of a bus whose kernet Wahyu already is: its crew.
        kernet = find_driver(ctx.team, others[0] or "")
        if kernet is not None and kernet.id == current[0].co_driver_id:
            others = []
    unplaced = [f"{role} kedua {n} (satu bus dicatat dengan satu {role})" for n in others if n]
    return f.model_copy(update={"crew": None}), unplaced


CREW_WAITS_FOR_BUSES = "busnya belum dipilih"


def buses_for_crew(booking: Booking, said: list[CrewLine], role: str) -> str:
    """The question for crew named in order for a booking of several buses none of which is
    chosen yet: which buses (the people go to them in the order named), never "who is on
    which bus" of buses that do not exist yet."""
    people = " dan ".join(line.driver or line.kernet or "" for line in said)
    return (
        f"Booking {booking.client_name} pakai {booking.bus_count} bus, {CREW_WAITS_FOR_BUSES}. "
        f"{role.capitalize()} {people} untuk bus yang mana? Sebutkan busnya, misalnya: "
        f"*bus 02 sm srikandi* ({role} pertama di bus pertama, dan seterusnya)."
    )


def _kept_crew(new: BusAssignment, old: BusAssignment) -> BusAssignment:
    driver = new.driver_id or (old.driver_id if old.driver_id != new.co_driver_id else None)
    kernet = new.co_driver_id or (old.co_driver_id if old.co_driver_id != driver else None)
    return BusAssignment(bus_id=new.bus_id, driver_id=driver, co_driver_id=kernet)


def added_bus(ctx: MessageContext, booking: Booking, f: ExtractedFields) -> list[BusAssignment]:
    """The booking's buses with the one named added (and its crew, when named)."""
    bus = targets.named_bus(ctx, f.bus)
    if any(a.bus_id == bus.id for a in booking.assignments):
        raise InvalidInput(f"{bus.name} sudah dipakai booking ini. Bus tambahannya yang mana?")
    return [*booking.assignments, _with_crew(ctx, bus.id, None, f)]


def _with_crew(
    ctx: MessageContext, bus_id: str, old: BusAssignment | None, f: ExtractedFields
) -> BusAssignment:
    """One bus with the driver and kernet the message names, the others kept."""
    driver_id = (
        targets.named_driver(ctx, f.driver).id if f.driver else (old.driver_id if old else None)
    )
    co_driver = (
        targets.named_driver(ctx, f.kernet, "Kernet").id
        if f.kernet
        else (old.co_driver_id if old else None)
    )
    if f.driver and f.kernet and driver_id == co_driver:
        raise InvalidInput(f"{f.driver} tidak bisa jadi sopir sekaligus kernet.")
    if f.kernet and co_driver == driver_id:
        driver_id = None  # the driver moves to kernet: the trip needs a new driver
    return BusAssignment(
        bus_id=bus_id,
        driver_id=driver_id,
        co_driver_id=co_driver if co_driver != driver_id else None,
    )
