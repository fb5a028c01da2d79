"""Word passed on to a teammate: "tolong kabarin pak budi sy telat 30 menit", "bilangin joko
jemputnya jam 5 ya". Proposed first ("Teruskan ke Pak Budi: ..."), sent on "ya" as a
WhatsApp message saying who it is from (team.relay_message, MessageRelayed). Only to an
active person of the same PO, never to oneself; a name nobody has is said so, with who can
be reached."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from keloia.domain.errors import DomainError, InvalidInput, NotFound
from keloia.domain.model.bookings import Booking
from keloia.domain.model.clients import mentioned, name_key, same_client
from keloia.domain.model.conversation import Conversation
from keloia.domain.model.events import MESSAGE_RELAYED
from keloia.domain.model.fleet import Bus, bus_number
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.money import AgedReceivable
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.permissions import Action, Resource, can, require
from keloia.domain.model.tenants import ROLE_LABELS, Role, User
from keloia.domain.model.text import as_written, day_label, names_joined
from keloia.domain.services import money, team
from keloia.domain.services.assistant import targets
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.money_answers import MAX_LINES
from keloia.domain.services.assistant.plans import NeedMore, Plan
from keloia.domain.services.assistant.resolve import (
    find_bookings,
    find_bus,
    find_member,
    shown_bookings,
)
from keloia.domain.services.team import RELAYED_MAX

# The verbs of word to pass on: "sampaikan ke pak budi", "kabarin joko", "bilangin admin".
# The assistant's (assistant.talk) and the reader's (adapters/rules/relay.py) one list.
PASS_ON = (
    r"sampaikan|sampein|sampaiin|sampekan|kabari|kabarin|kabarkan|bilangin|bilangi"
    # Javanese "kandani", "kabarana" (tell him), Sundanese "bejakeun", "wartosan".
    r"|kandani|kandhani|kandanono|kandhanana|kabarana|kabarono|kabarane|kabarno|kandakno"
    r"|omongno|omongono|bejakeun|wartosan"
)
# A teammate named by role: "bilangin admin ...", "kabari pak bos ...".
_ROLE_WORDS = {
    "admin": Role.ADMIN,
    "mimin": Role.ADMIN,
    "bos": Role.OWNER,
    "boss": Role.OWNER,
    "owner": Role.OWNER,
    "pemilik": Role.OWNER,
    "juragan": Role.OWNER,
    "sopir": Role.DRIVER,
    "supir": Role.DRIVER,
    "driver": Role.DRIVER,
}
# The message comes in the sender's words ("sy telat 30 menit"); the teammate reads "saya".
_SY_RE = re.compile(r"\b(?:sy|sya)\b", re.IGNORECASE)


def relay_message(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    require(ctx.actor, Action.CREATE, Resource.TEAM_MESSAGE)
    if not f.recipient:
        raise NeedMore("Pesan ini untuk siapa?")
    if name_key(f.recipient) in _BOTH_WORDS:
        # "bilangin dua-duanya ..." with nobody two named just before (the reader puts the
        # two names in when the last message had them): whom is asked, never guessed.
        raise NeedMore("Dua-duanya itu siapa saja? Sebut namanya, misalnya: *ke joko dan slamet*.")
    trip = _drivers_trip(ctx, f.recipient, target_id, f.ref_date)
    if trip is not None:
        seats, whose = _seats_of(f.recipient)
        bus = _bus_named(ctx, whose)
        held = {one: _crew(trip, one, bus.id if bus is not None else None) for one in seats}
        crew = set().union(*held.values())
        # Named by the seats someone holds: "sopir" alone when the trip has no kernet.
        seat = " dan ".join(one for one in seats if held[one]) or " dan ".join(seats)
        people = [u for u in ctx.team if u.id in crew and u.id != ctx.actor.id]
        day = day_label(trip.depart_date, ctx.today)
        # Of a trip with several buses, the one bus named is whose seat is meant.
        place = f"{bus.name} di trip" if bus is not None and len(trip.assignments) > 1 else "Trip"
        if not people and ctx.actor.id in crew:
            raise NeedMore(
                f"Anda sendiri {seat} trip {trip.client_name} ({day}). Pesan ini untuk "
                f"siapa? {reachable(ctx)}"
            )
        if not people:
            raise NeedMore(
                f"{place} {trip.client_name} ({day}) belum ada {seat}nya. Pesan ini untuk "
                f"siapa? {reachable(ctx)}"
            )
        whom = f" ({seat} trip {trip.client_name} yang berangkat {day})"
    else:
        people = recipients(ctx, f.recipient)
        everyone = len(people) > 1 and _role_of(f.recipient) is not None
        whom = f" (semua {ROLE_LABELS[people[0].role]})" if everyone else ""
    names = names_joined([p.name for p in people])
    if not f.message:
        raise NeedMore(f"Apa pesan yang mau saya teruskan ke {names}?")
    text = _SY_RE.sub("saya", " ".join(f.message.split()))

    def summary() -> str:
        return f"Teruskan ke {names_joined([f'*{p.name}*' for p in people])}{whom}: “{text}”"

    def check() -> None:
        for person in people:
            team.relay_message(ctx.deps, ctx.actor, person.id, text, dry_run=True)

    def apply() -> str:
        # Said only once the message is queued with this change (the outbox row).
        sent = [team.relay_message(ctx.deps, ctx.actor, p.id, text) for p in people]
        return f"Pesan Anda sudah saya teruskan ke {names_joined([p.name for p in sent])}."

    return Plan(summary, check, apply, target_id=trip.id if trip is not None else None)


# How long word passed on waits for its answer.
ANSWER_WAIT = timedelta(hours=6)


def answer_to_relayed(ctx: MessageContext, text: str) -> str | None:
    """ "bisa pak, sy brgkt dr garasi jam 4" as the first thing Joko writes after Pak Budi's
    question was passed on to him (within ANSWER_WAIT): his answer, no request of its own,
    goes back to Pak Budi as word passed on. None when nothing passed on to him waits."""
    now = ctx.deps.clock.now()
    written = [t.at for t in ctx.conversation.turns[:-1] if t.speaker == "user"]
    since = max([now - ANSWER_WAIT, *written[-1:]])
    relayed = [
        e
        for e in ctx.uow.activity.since(ctx.actor.tenant_id, since)
        if e.action == MESSAGE_RELAYED and e.entity_id == ctx.actor.id
    ]
    if not relayed or (written and relayed[-1].at <= written[-1]):
        return None  # passed on before his last message: that one was the answer
    asker = next((u for u in ctx.team if u.id == relayed[-1].actor_id and u.active), None)
    if asker is None or asker.id == ctx.actor.id:
        return None
    try:
        team.relay_message(ctx.deps, ctx.actor, asker.id, text)
    except DomainError:
        return None  # too long, or no longer of the team: answered as any other message
    return f"Baik, jawaban Anda sudah saya teruskan ke {asker.name}."


def as_trip_change(
    ctx: MessageContext, extraction: Extraction, target_id: str | None
) -> tuple[Extraction, str | None]:
    """Word for a trip's driver that only gives the trip's time ("sopir bus 03 besok
    berangkat jam 6 aja") while the trip is recorded at another time: the change of the
    trip's time, which tells its crew as every change does; passing the word on alone
    would leave the record wrong. Anything else is kept as it was."""
    f = extraction.fields
    if extraction.intent is not Intent.RELAY_MESSAGE or not f.depart_time or not f.recipient:
        return extraction, target_id
    try:
        named = mentioned((f.message or "").lower(), ctx.clients)
        trip = _drivers_trip(ctx, f.recipient, target_id, f.ref_date) or _teammates_trip(
            ctx, f.recipient, f.ref_date, named[2] if named else None
        )
    except DomainError:
        return extraction, target_id  # said by the relay itself (no trip that day)
    if trip is not None and named is not None and not same_client(named[2], trip.client_name):
        return extraction, target_id  # another client's word: passed on, nothing changed
    if trip is None or trip.pickup_time == time.fromisoformat(f.depart_time):
        return extraction, target_id
    change = ExtractedFields(client_name=trip.client_name, depart_time=f.depart_time)
    changed = extraction.model_copy(update={"intent": Intent.UPDATE_BOOKING, "fields": change})
    return changed, trip.id


def recipients(ctx: MessageContext, named: str) -> list[User]:
    """Whom word goes to: "semua admin" (the answer "dua-duanya" / "semua" to "Ke Sari atau
    ke Rina?") is every active holder of that role but the sender, and so is "sopir" said
    bare of several drivers (word for the drivers goes to each of them); "joko dan slamet"
    is each one named; anyone else is one teammate (`recipient`)."""
    several = [part for part in _AND_RE.split(named) if part.strip()]
    if len(several) > 1:
        people = [recipient(ctx, part) for part in several]
        return list({p.id: p for p in people}.values())
    said = name_key(named).split()
    role = _ROLE_WORDS.get(said[-1]) if len(said) == 2 and said[0] in _ALL_WORDS else None
    if role is None and _role_of(named) is Role.DRIVER:
        role = Role.DRIVER
    if role is None:
        return [recipient(ctx, named)]
    holders = _holders(ctx, role)
    return holders or [recipient(ctx, said[-1])]


# "semua admin": everyone of a role.
_ALL_WORDS = frozenset({"semua", "smua"})
# "bilangin dua-duanya": the two people just talked about, as the reader names them.
_BOTH_WORDS = frozenset({"dua duanya", "dua2nya", "dua2", "keduanya", "kedua nya", "dua dua"})
# "joko dan slamet", "joko, slamet", "joko sama slamet": each of them.
_AND_RE = re.compile(r"\s*(?:,|&|\bdan\b|\bsama\b|\bsm\b|\bkaro\b|\bama\b)\s*", re.IGNORECASE)
# "sopirnya": the driver of the trip talked about, as "sopir" is.
_OF_TRIP = {"sopirnya": "sopir", "supirnya": "supir", "drivernya": "driver"}


# "bilangin kernet bus 01 ...": the kernet's seat of a trip, as "sopir" is the driver's.
_KERNET_WORDS = frozenset({"kernet", "kenek", "knek", "kernetnya", "keneknya"})


# "kabarin sopir sm kernet bus 03 ...": both seats of a trip's crew.
_BOTH_SEATS_RE = re.compile(
    r"^\s*(?P<first>\w+)\s+(?:dan|sama|sm|&)\s+(?P<second>\w+)\b\s*(?P<whose>.*)$", re.IGNORECASE
)


def _seats_of(named: str) -> tuple[list[str], str]:
    """Which seats of a trip's crew word goes to ("sopir", "kernet", or both: "sopir sm
    kernet bus 03") and whose trip is named after them ("bus 03", "pak hendra", or "")."""
    both = _BOTH_SEATS_RE.match(named)
    if both is not None:
        said = [both.group("first"), both.group("second")]
        if all(_is_seat(w) for w in said):
            seats = ["sopir", "kernet"] if len({_seat(w) for w in said}) == 2 else [_seat(said[0])]
            return seats, both.group("whose").strip()
    first, _, whose = named.strip().partition(" ")
    return [_seat(first)], whose.strip()


def _is_seat(word: str) -> bool:
    return name_key(word) in _KERNET_WORDS or _role_of(word) is Role.DRIVER


def _seat(word: str) -> str:
    """ "kernet" or "sopir": the seat a crew word names."""
    return "kernet" if name_key(word) in _KERNET_WORDS else "sopir"


def _crew(trip: Booking, seat: str, bus_id: str | None) -> set[str]:
    """The drivers (or kernets) of the trip; of the one bus named when it has several."""
    kept = [a for a in trip.assignments if bus_id is None or a.bus_id == bus_id]
    ids = [a.co_driver_id if seat == "kernet" else a.driver_id for a in kept or trip.assignments]
    return {i for i in ids if i is not None}


def _bus_named(ctx: MessageContext, whose: str) -> Bus | None:
    """The bus whose crew is told ("bus 01", "bus 1", "srikandi" of "kernet srikandi"),
    when it is one of the fleet."""
    return find_bus(ctx.buses, whose) if whose.strip() else None


def _role_of(named: str) -> Role | None:
    """The role a bare role word names ("sopir", "sopirnya", "admin"), else None."""
    key = name_key(named)
    return _ROLE_WORDS.get(_OF_TRIP.get(key, key))


def _drivers_trip(
    ctx: MessageContext, named: str, target_id: str | None, day: date | None
) -> Booking | None:
    """The trip whose drivers "bilangin sopir(nya) ..." means: the trip of the client or
    bus named after it ("sopir pak hendra", "sopir bus 01"; on `day` when the message names
    one: "sopir bus 04 besok ..."), else the one trip the last answer showed; kept as the
    proposal's target for the "ya". None when it names no trip (then it is every driver)."""
    role_word = named.strip().partition(" ")[0]
    if not _is_seat(role_word):
        return None
    whose = _seats_of(named)[1]
    if target_id is not None:
        return ctx.uow.bookings.get(ctx.actor.tenant_id, target_id)
    if whose.strip():
        # "sopir bus 01", "sopir bis satu", "sopir srikandi": a bus by its number (in
        # figures or in words) or its name.
        bus = (
            _BUS_RE.match(whose.strip())
            or bus_number(whose) is not None
            or find_bus(ctx.buses, whose.strip())
        )
        said = ExtractedFields(bus=whose) if bus else ExtractedFields(client_name=whose)
        if day is None:
            return targets.target(ctx, said)
        try:
            return targets.target(ctx, said.model_copy(update={"ref_date": day}))
        except NotFound:
            # No trip of theirs that day: another trip of theirs is never guessed.
            other = targets.target(ctx, said)
            raise NeedMore(
                f"{as_written(whose.strip()).title() if bus else other.client_name} tidak ada "
                f"trip {day_label(day, ctx.today)} (tripnya {other.client_name}, "
                f"{day_label(other.depart_date, ctx.today)}). Pesan ini untuk siapa? "
                f"{reachable(ctx)}"
            ) from None
    shown = shown_bookings(ctx)
    return shown[0] if len(shown) == 1 else None


def _teammates_trip(
    ctx: MessageContext, named: str, day: date | None, client: str | None = None
) -> Booking | None:
    """ "bilangin joko bsk brgkt jam 5 aja": the one trip the teammate named drives on the
    day said (a kernet's hour may be his own), or with no day said among the trips the last
    answer showed, or of the `client` the word names; None when none or several are his.
    Only a trip of one bus: on a trip of several, an hour told to one driver may be his
    bus's alone, and the trip's hour (all its buses') is not changed unasked."""
    person = find_member(list(ctx.team), named)
    if person is None:
        return None
    if day is not None:
        around = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, on=day)
    elif client is not None:
        # "bilangin wahyu, pak hendra brgkt jam 4 aja": that client's trips to come.
        around = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=client)
        around = [b for b in around if b.depart_date >= ctx.today]
    else:
        # "bilangin wahyu brgkt jam 5 wae" right after his trip was shown: that trip.
        around = shown_bookings(ctx)
        if sum(1 for b in around if b.involves(person.id)) > 1:
            return None  # he rides more than one of the trips shown (as kernet too): which?
    trips = [b for b in around if any(a.driver_id == person.id for a in b.assignments)]
    return trips[0] if len(trips) == 1 and len(trips[0].assignments) == 1 else None


_BUS_RE = re.compile(r"bus\s*\d", re.IGNORECASE)


def _holders(ctx: MessageContext, role: Role) -> list[User]:
    return [u for u in ctx.team if u.role is role and u.active and u.id != ctx.actor.id]


def recipient(ctx: MessageContext, named: str) -> User:
    """The teammate `named` says (by name, or by role: several with it are asked which);
    the sender themself is refused, a name nobody has is said so with who can be reached."""
    role = _role_of(named)
    if role is not None:
        holders = _holders(ctx, role)
        if len(holders) == 1:
            return holders[0]
        if len(holders) > 1:
            # "bilangin admin ..." with two admins: which one is asked, never guessed.
            names = [u.name for u in holders]
            both = "dua-duanya" if len(names) == 2 else "semuanya"
            raise NeedMore(f"Ke {', ke '.join(names[:-1])} atau ke {names[-1]}? Atau {both}?")
        if ctx.actor.role is role:
            raise InvalidInput(
                f"Tidak ada {ROLE_LABELS[role]} lain selain Anda, jadi pesan itu tidak saya "
                f"kirim. {reachable(ctx)}"
            )
    person = find_member(ctx.team, named)
    if person is not None and person.id == ctx.actor.id:
        raise InvalidInput("Pesan itu untuk Anda sendiri, jadi tidak saya kirim.")
    if person is None:
        raise NotFound(f"Tidak ada {as_written(named)} di tim {ctx.tenant.name}. {reachable(ctx)}")
    return person


def reachable(ctx: MessageContext) -> str:
    """Who the sender can pass word on to, by role: "Pesan bisa saya teruskan ke: Pak Budi
    (pemilik), Sari (admin), Joko, Slamet, Wahyu (sopir)."""
    others = team_by_role(ctx, but=ctx.actor.id)
    if not others:
        return "Belum ada anggota tim lain yang bisa saya kirimi pesan."
    return f"Pesan bisa saya teruskan ke: {others}."


def team_by_role(ctx: MessageContext, but: str | None = None) -> str:
    """The active team by role ("Pak Budi (pemilik); Sari (admin); Joko, Slamet, Wahyu
    (sopir)"), but the one of id `but`; empty when no one."""
    groups = []
    for role in (Role.OWNER, Role.ADMIN, Role.DRIVER):
        names = [u.name for u in ctx.team if u.role is role and u.active and u.id != but]
        if names:
            groups.append(f"{', '.join(names)} ({ROLE_LABELS[role]})")
    return "; ".join(groups)


def what_to_pass_on(ctx: MessageContext, text: str) -> str:
    """ "tolong sampaikan ke sari ya" with nothing to pass on (and nothing just passed on):
    what the message is asked, with how to say it; whom it can go to when no teammate is
    named."""
    said = set(name_key(text).split())
    others = [u for u in ctx.team if u.active and u.id != ctx.actor.id and name_key(u.name)]
    named = [u for u in others if name_key(u.name).split()[0] in said]
    if len(named) == 1:
        return (
            f"Apa pesannya untuk {named[0].name}? Tulis dalam satu pesan, misalnya: "
            f"*bilangin {named[0].name.lower()} besok jemput jam 5*."
        )
    example = others[0].name.lower() if others else "admin"
    return (
        "Pesan untuk siapa, dan apa isinya? Tulis dalam satu pesan, misalnya: *tolong "
        f"kabarin {example} saya telat 30 menit*. {reachable(ctx)}"
    )


# Word to collect money: "sisanya tolong ditagih", "tagihin ya", "tolong nagih".
COLLECT_RE = re.compile(r"\b(?:di)?tagih\w*|\bnagih\w*", re.IGNORECASE)
# What else word to collect a balance is said with, when it says nothing of its own: the
# word passed on is then the balance itself.
_COLLECT_WORD_RE = re.compile(
    r"sisa(?:nya)?|kekurangan(?:nya)?|kurangnya|pelunasan(?:nya)?|tolong|tlg|mohon|mhn|ya+h?"
    r"|ok|oke|dong|ntar|nanti|segera|langsung|aja|saja|juga|jg|itu|yg|yang|nya|lagi|lg|pak|bu"
    r"|mas|mbak|min"
)
# An amount written in the word: it already says how much.
_AMOUNT_RE = re.compile(r"\d|\brp\b|\b(?:jt|juta|rb|ribu)\b", re.IGNORECASE)
# Someone named by title: "tolong tagih bu rina" names whose balance.
_TITLED_RE = re.compile(r"\b(?:pak|bapak|bp|bu|ibu|mas|mbak|mba)\s+([a-z]+)", re.IGNORECASE)


def collect_only(text: str, others: re.Pattern[str] | None = None) -> bool:
    """ "sisanya tolong ditagih", "tolong ditagih ya": word to collect and nothing else
    (`others`: the other words it may be said with)."""
    said = re.findall(r"[a-z]+", text.lower())
    rest = [w for w in said if not COLLECT_RE.fullmatch(w) or w.startswith("tagihan")]
    allowed = others or _COLLECT_WORD_RE
    return len(rest) < len(said) and all(allowed.fullmatch(w) for w in rest)


# "tolong ditagih semua": everyone the list of who owes showed.
COLLECT_ALL_RE = re.compile(rf"{_COLLECT_WORD_RE.pattern}|semua|semuanya|smua|smuanya")
# Said with word to collect in a chat: "oke nanti sy tagih" is the speaker's own word.
_COLLECTOR_RE = re.compile(rf"{COLLECT_ALL_RE.pattern}|sy|saya|aku|gue|siap")
_SELF_RE = re.compile(r"\b(?:sy|saya|aku|gue)\b")


def collect_said(ctx: MessageContext, text: str) -> str | None:
    """ "oke nanti sy tagih" (the speaker will collect): acknowledged; "tolong ditagih semua
    ya" with no one named: nothing is sent, and how to pass it on is said. None when it is
    not such word alone."""
    if not collect_only(text, _COLLECTOR_RE):
        return None
    if _SELF_RE.search(text.lower()):
        return "Baik 👍"
    admins = [u for u in ctx.team if u.role is Role.ADMIN and u.active and u.id != ctx.actor.id]
    who = admins[0].name.lower() if admins else "admin"
    return (
        "Belum saya teruskan ke siapa pun. Kalau ingin saya sampaikan, tulis dalam satu "
        f"pesan, misalnya: *bilangin {who} tolong tagih yang belum lunas*."
    )


def with_balance(
    ctx: MessageContext, conversation: Conversation, extraction: Extraction
) -> Extraction:
    """ "sisanya tolong ditagih ya sar" right after Pak Hendra's balance was shown: the word
    passed on says whose balance and how much ("Tolong tagih sisa Pak Hendra Rp8.000.000
    (trip Rabu, 2 Des)"), as the balance stands now; a bare "sisanya" means nothing to the
    one who reads it. A client named in the word ("sar tolong tagih pak hendra, sebelum
    jumat") is that client's balance, shown or not; "tolong ditagih semua" after the list of
    who owes is everyone that list showed, each with how much. Only for someone who may
    see money."""
    f = extraction.fields
    if extraction.intent is not Intent.RELAY_MESSAGE or not f.message:
        return extraction
    said = f.message
    if not COLLECT_RE.search(said) or _AMOUNT_RE.search(said):
        return extraction
    if not can(ctx.actor.role, Action.READ, Resource.PAYMENT):
        return extraction
    shown = _owed_shown(ctx, conversation)
    titled = [m.group(1) for m in _TITLED_RE.finditer(said)]
    if titled:
        # Whose balance the word names: of those shown, else of everyone who owes.
        owed = _owed_by(shown, titled) or _owed_by(_all_owed(ctx), titled)
    else:
        owed = shown or _listed(ctx, conversation)
    clients = _by_client(ctx, owed)
    if not clients:
        return extraction
    if len(clients) > 1:
        if titled:
            return extraction  # two clients of that name: whose is not guessed
        listed = "; ".join(
            f"{name} {format_rupiah(total)} ({trips})" for name, total, trips in clients
        )
        if len(listed) > RELAYED_MAX // 2:
            # Many trips: each client's total only, so the word stays one message.
            listed = "; ".join(f"{name} {format_rupiah(total)}" for name, total, _ in clients)
        total = format_rupiah(sum(o.outstanding for o in owed))
        if collect_only(said, COLLECT_ALL_RE):
            message = f"Tolong tagih yang belum lunas: {listed}. Total {total}"
        else:
            message = f"{said} (yang belum lunas: {listed}; total {total})"
    else:
        client, total_owed, trips = clients[0]
        total = format_rupiah(total_owed)
        if collect_only(said):
            message = f"Tolong tagih sisa {client} {total} ({trips})"
        elif titled:
            message = f"{said} (sisa {total}, {trips})"
        else:
            message = f"{said} (sisa {client} {total}, {trips})"
    fields = f.model_copy(update={"message": message})
    return extraction.model_copy(update={"fields": fields})


def _by_client(ctx: MessageContext, owed: list[AgedReceivable]) -> list[tuple[str, int, str]]:
    """Each client's name, what they owe in all, and on which trips ("trip Rabu, 2 Des";
    with each trip's amount when they are several), in the order given."""
    groups: list[list[AgedReceivable]] = []
    for o in owed:
        group = next((g for g in groups if same_client(g[0].client_name, o.client_name)), None)
        if group is None:
            groups.append([o])
        else:
            group.append(o)
    return [(g[0].client_name, sum(o.outstanding for o in g), _trips_of(ctx, g)) for g in groups]


def _trips_of(ctx: MessageContext, owed: list[AgedReceivable]) -> str:
    if len(owed) == 1:
        return _owed_trip(ctx, owed[0])
    return ", ".join(f"{_owed_trip(ctx, o)} {format_rupiah(o.outstanding)}" for o in owed)


def lists_who_owes(asked: Extraction) -> bool:
    """Whether a question is answered with the list of who owes (everyone, or the overdue
    ones), of which word to collect may mean all."""
    f = asked.fields
    return (
        asked.intent is Intent.QUERY_OUTSTANDING
        and not f.client_name
        and f.rank is None
        and f.detail in (None, "total", "overdue")
    )


def _listed(ctx: MessageContext, conversation: Conversation) -> list[AgedReceivable]:
    """What the list of who owes just answered showed ("siapa aja yg blm lunas", "yg udh
    lewat jatuh tempo"), the longest overdue first; nothing when the last answer was no
    such list."""
    topic = conversation.live_topic(ctx.deps.clock.now())
    if topic is None or not lists_who_owes(topic.asked):
        return []
    f = topic.asked.fields
    clients = money.receivables_aging(ctx.deps, ctx.actor).clients[
        :MAX_LINES
    ]  # as many as the list shows
    owed = [o for c in clients for o in c.bookings if o.outstanding > 0]
    return [o for o in owed if o.days_past_due > 0] if f.detail == "overdue" else owed


def _owed_by(owed: list[AgedReceivable], titled: list[str]) -> list[AgedReceivable]:
    """What the clients whose names hold every name said by title ("pak hendra") owe."""
    return [o for o in owed if set(titled) <= set(name_key(o.client_name).split())]


def _all_owed(ctx: MessageContext) -> list[AgedReceivable]:
    report = money.receivables_aging(ctx.deps, ctx.actor)
    return sorted((o for o in report.bookings if o.outstanding > 0), key=lambda o: o.depart_date)


def _owed_shown(ctx: MessageContext, conversation: Conversation) -> list[AgedReceivable]:
    """What is still owed on the trips the last answer showed, in the order shown (one
    client's: the earliest trip first)."""
    topic = conversation.live_topic(ctx.deps.clock.now())
    if topic is None or not topic.bookings:
        return []
    report = money.receivables_aging(ctx.deps, ctx.actor)
    owed = {o.booking_id: o for o in report.bookings if o.outstanding > 0}
    shown = [owed[b] for b in topic.bookings if b in owed]
    if shown and all(same_client(o.client_name, shown[0].client_name) for o in shown):
        return sorted(shown, key=lambda o: o.depart_date)
    return shown


def _owed_trip(ctx: MessageContext, owed: AgedReceivable) -> str:
    """ "trip Rabu, 2 Des", or "biaya pembatalan trip Jumat, 4 Des" of a cancelled one."""
    day = day_label(owed.depart_date, ctx.today)
    return f"biaya pembatalan trip {day}" if owed.cancelled else f"trip {day}"
