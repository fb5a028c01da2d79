"""Money questions answered by chat (owner and admin; a driver is refused by the use cases
and never sees money): what cancelling costs, a trip's profit, the best bus, who has owed
longest and whether the coming weeks will be busy."""

from __future__ import annotations

import re
from datetime import date, timedelta

from keloia.domain.model import news
from keloia.domain.model.bookings import Booking, BookingStatus, names_place
from keloia.domain.model.clients import same_client
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import Bus
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.money import (
    AgeBucket,
    AgedReceivable,
    AgingReport,
    ClientDebt,
    CostCategory,
)
from keloia.domain.model.payments import (
    PAYMENT_LABELS,
    PaymentType,
    format_rupiah,
    method_label,
    standing,
)
from keloia.domain.model.permissions import Action, Resource, can, require
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import as_written, day_label, days_label, period_label
from keloia.domain.services import crew as crew_service
from keloia.domain.services import fleet, money, season
from keloia.domain.services.assistant.contacts import admin_to_ask
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized
from keloia.domain.services.assistant.resolve import (
    LOOKBACK,
    NOT_CANCELLED,
    bookings_named,
    client_named,
    find_bookings,
    find_bus,
    not_found_client,
    shown_bookings,
)
from keloia.domain.services.assistant.targets import just_saved_booking

MONEY_INTENTS = frozenset(
    {
        Intent.QUERY_CANCELLATION_FEE,
        Intent.QUERY_PROFIT,
        Intent.QUERY_BUS_REVENUE,
        Intent.QUERY_SEASON,
    }
)
MAX_LINES = 10
# A profit question naming a trip looks this far back for it ("trip ke Bali kemarin").
PROFIT_LOOKBACK = timedelta(days=120)
# ... and, when none ran, this far ahead ("trip pak hendra untung brp" before it leaves).
PROFIT_LOOKAHEAD = timedelta(days=60)


def answer(ctx: MessageContext, extraction: Extraction) -> str:
    require(ctx.actor, Action.READ, Resource.PAYMENT)  # drivers never see money
    f = extraction.fields
    if extraction.intent is Intent.QUERY_CANCELLATION_FEE:
        return _cancellation(ctx, f)
    if extraction.intent is Intent.QUERY_PROFIT:
        return _profit(ctx, f)
    if extraction.intent is Intent.QUERY_BUS_REVENUE:
        return _bus_revenue(ctx, f)
    return _season(ctx, f)


def _period(f: ExtractedFields, today: date) -> DateRange:
    """The period a question names, or this month."""
    if f.date is not None:
        return DateRange(start=f.date, end=max(f.date, f.date_to or f.date))
    return DateRange.month_of(today)


def _cancellation(ctx: MessageContext, f: ExtractedFields) -> str:
    live = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED})
    found = [b for b in bookings_named(ctx, f, live) if b.depart_date >= ctx.today]
    if not found:
        if f.client_name and client_named(ctx, f.client_name) is None:
            return not_found_client(ctx, f.client_name)
        who = f" {f.client_name}" if f.client_name else ""
        return f"Tidak ada booking{who} yang akan berangkat untuk dihitung biaya batalnya."
    if len(found) == 1:
        b = found[0]
        quote = money.cancellation_quote(ctx.deps, ctx.actor, b.id)
        return (
            f"{b.client_name}, berangkat {day_label(b.depart_date, ctx.today)} "
            f"({quote.days_before} hari lagi), harga {format_rupiah(b.price)}.\n"
            f"{quote.sentence()}\nIni hanya perhitungan; booking belum dibatalkan. Kalau "
            f"memang jadi batal, balas: *batalkan booking {b.client_name.lower()}*."
        )
    lines = ["Kalau dibatalkan hari ini:"]
    for b in sorted(found, key=lambda b: b.depart_date)[:MAX_LINES]:
        quote = money.cancellation_quote(ctx.deps, ctx.actor, b.id)
        back = f", kembali {format_rupiah(quote.refund)}" if quote.refund else ""
        lines.append(
            f"• {b.client_name} ({day_label(b.depart_date, ctx.today)}): kena "
            f"{format_rupiah(quote.fee)}{back}"
        )
    lines.append("Sebutkan nama kliennya untuk rinciannya.")
    return "\n".join(lines)


def _profit(ctx: MessageContext, f: ExtractedFields) -> str:
    named = f.client_name or f.route_to
    # "jd untungnya brp" right after costs or a payment of a trip: that trip's profit; so
    # is "untung bersihnya brp" right after one trip's costs were shown.
    just_saved = None if f.stated() else just_saved_booking(ctx) or _trip_talked_about(ctx)
    if named or just_saved is not None:
        trip = _named_trip(ctx, f) if named else just_saved
        if trip is None:
            if f.client_name and client_named(ctx, f.client_name) is None:
                return not_found_client(ctx, f.client_name)
            return (
                f"Tidak ada trip {as_written(named or '')} dalam {PROFIT_LOOKBACK.days} hari "
                "terakhir maupun yang akan datang."
            )
        p = money.trip_profit(ctx.deps, ctx.actor, trip.id)
        ctx.show([trip.id])
        where = " – ".join(x for x in (trip.route_from, trip.route_to) if x)
        lines = [
            f"Trip {trip.client_name}{f' ({where})' if where else ''}, "
            f"{days_label(trip.depart_date, trip.return_date, ctx.today)}:",
            f"Pendapatan {format_rupiah(p.revenue)}",
        ]
        for category, amount in sorted(p.by_category.items(), key=lambda kv: -kv[1]):
            lines.append(f"• {capitalized(CostCategory(category).label)}: {format_rupiah(amount)}")
        lines.append(f"Biaya {format_rupiah(p.costs)}")
        verdict = "Untung" if p.profit >= 0 else "Rugi"
        lines.append(f"{verdict} {format_rupiah(abs(p.profit))}.")
        if not p.by_category:
            lines.append("Belum ada biaya tercatat untuk trip ini (solar, tol, uang jalan, ...).")
        if trip.depart_date > ctx.today:
            lines.append(
                "Trip ini belum berangkat: hitungan dari harga dan biaya yang sudah dicatat."
            )
        return "\n".join(lines)
    period = _period(f, ctx.today)
    if f.bus:
        return _bus_profit(ctx, f.bus, period)
    report = money.profit_between(ctx.deps, ctx.actor, period)
    when = period_label(period.start, period.end, ctx.today)
    if not report.trips:
        return f"Belum ada trip yang berangkat {when}."
    lines = [
        f"Trip berangkat {when}: {len(report.trips)} trip.",
        f"Pendapatan {format_rupiah(report.revenue)}, biaya {format_rupiah(report.costs)}, "
        f"laba {format_rupiah(report.profit)}.",
    ]
    # Every trip while they fit on a phone's screen; else the best, and how many more.
    ranked = sorted(report.trips, key=lambda t: -t.profit)
    shown = ranked if len(ranked) <= MAX_TRIPS_LISTED else ranked[:3]
    lines.append("Laba per trip:" if shown == ranked else "Laba terbesar:")
    lines += [
        f"• {t.client_name} ({day_label(t.depart_date, ctx.today)}): {format_rupiah(t.profit)}"
        for t in shown
    ]
    if len(shown) < len(ranked):
        lines.append(f"…dan {len(ranked) - len(shown)} trip lain.")
    return "\n".join(lines)


def _bus_and_its_trips(
    ctx: MessageContext, named: str, days: DateRange
) -> tuple[Bus, list[Booking]] | str:
    """The bus named and its trips departing in those days; the reply when no bus is so
    named."""
    bus = find_bus(ctx.buses, named)
    if bus is None:
        return f'Bus "{as_written(named)}" tidak ada di armada.'
    departing = money.departing(ctx.uow, ctx.actor.tenant_id, days)
    return bus, [b for b in departing if bus.id in b.bus_ids()]


def _bus_profit(ctx: MessageContext, named: str, period: DateRange) -> str:
    """ "bus 01 bulan ini untung brp": that bus's share of the trips departing in the
    period (a trip's revenue and its unassigned costs split over its buses, as the
    per-bus figures of the Keuangan page)."""
    found = _bus_and_its_trips(ctx, named, period)
    if isinstance(found, str):
        return found
    bus, trips = found
    when = period_label(period.start, period.end, ctx.today)
    if not trips:
        return f"{bus.name} tidak punya trip yang berangkat {when}."
    revenue, costs = money.profit_between(ctx.deps, ctx.actor, period).per_bus.get(bus.id, (0, 0))
    trips.sort(key=lambda b: (b.depart_date, b.id))
    ctx.show([b.id for b in trips])
    names = ", ".join(b.client_name for b in trips[:MAX_TRIPS_LISTED])
    more = f" dan {len(trips) - MAX_TRIPS_LISTED} lagi" if len(trips) > MAX_TRIPS_LISTED else ""
    verdict = "laba" if revenue >= costs else "rugi"
    return (
        f"{bus.name}, trip berangkat {when}: {len(trips)} trip ({names}{more}).\n"
        f"Pendapatan {format_rupiah(revenue)}, biaya {format_rupiah(costs)}, "
        f"{verdict} {format_rupiah(abs(revenue - costs))}."
    )


MAX_TRIPS_LISTED = 6
# Answers about one named trip whose profit a bare "untungnya brp" next asks.
_ABOUT_ONE_TRIP = frozenset({Intent.QUERY_TRIP_COSTS, Intent.QUERY_SCHEDULE})


def _trip_talked_about(ctx: MessageContext) -> Booking | None:
    """The one trip the last answer was about when it named it (its costs, its card): "trip
    pt sinar abadi kmrn biayanya apa aja" then "untung bersihnya brp" is that trip's profit,
    never the month's."""
    topic = ctx.conversation.live_topic(ctx.deps.clock.now())
    if topic is None or topic.asked.intent not in _ABOUT_ONE_TRIP:
        return None
    asked = topic.asked.fields
    if not (asked.client_name or asked.route_to or asked.bus):
        return None
    shown = shown_bookings(ctx)
    return shown[0] if len(shown) == 1 else None


def _named_trip(ctx: MessageContext, f: ExtractedFields) -> Booking | None:
    """The most recent trip that fits: a profit question is about a trip that ran; with
    none, the next one coming (its profit so far)."""
    days = DateRange(start=ctx.today - PROFIT_LOOKBACK, end=ctx.today + PROFIT_LOOKAHEAD)
    if f.date is not None and f.date_to is not None and f.date <= f.date_to:
        # "biaya trip bu rina apa aja" after November's profit: her trip of that month.
        days = DateRange(start=f.date, end=f.date_to)
    elif f.date is not None and f.date <= ctx.today:
        days = DateRange(start=f.date - timedelta(days=31), end=f.date)
    found = [
        b
        for b in ctx.uow.bookings.overlapping(ctx.actor.tenant_id, days)
        if b.is_live
        and (f.client_name is None or same_client(b.client_name, f.client_name))
        and (f.route_to is None or b.goes_to(f.route_to))
    ]
    ran = [b for b in found if b.depart_date <= ctx.today]
    if ran:
        return max(ran, key=lambda b: (b.depart_date, b.id))
    coming = [b for b in found if b.depart_date > ctx.today]
    if not coming and f.date is not None and f.date_to is not None:
        # None that month ("profit desember" then "biaya trip bu rina"): her latest trip.
        return _named_trip(ctx, f.model_copy(update={"date": None, "date_to": None}))
    return min(coming, key=lambda b: (b.depart_date, b.id)) if coming else None


def _bus_revenue(ctx: MessageContext, f: ExtractedFields) -> str:
    period = _period(f, ctx.today)
    report = money.utilisation(ctx.deps, ctx.actor, period)
    if not report.buses:
        return "Belum ada bus terdaftar."
    names = {b.id: b.name for b in ctx.buses}
    best = report.buses[0]
    lines = [
        f"Per bus, trip berangkat {period_label(period.start, period.end, ctx.today)} "
        "(urut dari laba terbesar):"
    ]
    for use in report.buses[:MAX_LINES]:
        idle = (
            f", nganggur {use.idle_on_busy_days} hari saat ramai" if use.idle_on_busy_days else ""
        )
        lines.append(
            f"• {names.get(use.bus_id, use.bus_id)}: {use.days_on_road} hari jalan "
            f"({use.utilisation_percent}%), pendapatan {format_rupiah(use.revenue)}, "
            f"laba {format_rupiah(use.profit)}{idle}"
        )
    if best.revenue > 0:
        lines.append(f"Paling menghasilkan: {names.get(best.bus_id, best.bus_id)}.")
    return "\n".join(lines)


def _season(ctx: MessageContext, f: ExtractedFields) -> str:
    weeks = 4
    if f.date is not None:
        end = f.date_to or f.date
        weeks = max(1, min(12, (end - ctx.today).days // 7 + 1))
    outlook = season.outlook(ctx.deps, ctx.actor, ctx.deps.calendar, weeks=weeks)
    if f.date is not None:
        asked = DateRange(start=f.date, end=max(f.date, f.date_to or f.date))
        outlook = [w for w in outlook if w.week.overlaps(asked)] or outlook
    lines = []
    for n, week in enumerate(outlook):
        when = (
            "Minggu depan"
            if week.week.start - ctx.today <= timedelta(days=7) and n == 0
            else (f"Minggu {period_label(week.week.start, week.week.end, ctx.today)}")
        )
        lines.append(week.sentence(when))
    busy = [w for w in outlook if w.busy]
    if busy:
        lines.append("Siapkan armada dan sopir untuk minggu yang ramai; naikkan DP bila perlu.")
    else:
        lines.append("Belum terlihat ramai; waktu yang baik untuk servis armada.")
    return "\n".join(lines)


# "tagihannya brp", "sisanya brp", "utangnya brp": the bill of the client just talked about.
_ITS_BILL_RE = re.compile(
    r"\b(?:tagihan|sisa|kurang|kekurangan|utang|hutang|tunggakan|piutang|pelunasan)nya\b"
)


def _client_talked_about(ctx: MessageContext) -> str | None:
    """The one client the last answer was about: the one it was asked of, else the one
    trip it showed."""
    topic = ctx.conversation.live_topic(ctx.deps.clock.now())
    if topic is None:
        return None
    if topic.asked.fields.client_name:
        return topic.asked.fields.client_name
    shown = shown_bookings(ctx)
    return shown[0].client_name if len(shown) == 1 else None


def outstanding(ctx: MessageContext, extraction: Extraction) -> str:
    """query_outstanding: who owes what, the longest overdue first."""
    f = extraction.fields
    if f.client_name and not can(ctx.actor.role, Action.READ, Resource.PAYMENT):
        return _own_trip_settled(ctx, f.client_name)
    its_bill = not f.stated() and _ITS_BILL_RE.search(ctx.text.lower())
    if its_bill and (client := _client_talked_about(ctx)) is not None:
        # "tagihannya brp" right after Bu Dewi's invoice: hers, not everyone's.
        return aging(ctx, client)
    if f.detail == "refund":
        return refunds(ctx, f.client_name)
    if f.detail == "unpaid" and not f.client_name:
        return _nothing_paid(ctx)
    if f.detail == "overdue" and not f.client_name:
        return _overdue(ctx)
    if f.detail == "total" and not f.client_name:
        return _total_owed(ctx)
    if f.rank is not None and not f.client_name:
        return _ranked(ctx, f.rank)
    if f.detail == "dp" and f.client_name:
        return dp_paid(ctx, f.client_name)
    if f.detail == "last_paid" and f.client_name:
        return last_paid(ctx, f.client_name)
    return aging(ctx, f.client_name)


def _own_trip_settled(ctx: MessageContext, client_name: str) -> str:
    """ "pak hendra wis lunas durung? ben aku ra nagih neng dalan": a driver may learn
    whether the client of a trip he crews has paid in full, so as to know whether to
    collect; never the amounts (money is the owner's and the admins'), and never of a
    trip that is not his."""
    # His coming trips first, then those he drove lately ("trip bu rina solo wingi wes lunas
    # durung": the rest may be his to collect).
    trips = [
        *crew_service.upcoming(ctx.deps, ctx.actor, ctx.today),
        *crew_service.crewed_lately(ctx.deps, ctx.actor, ctx.today),
    ]
    mine = [b for b in trips if same_client(b.client_name, client_name)]
    if not mine:
        require(ctx.actor, Action.READ, Resource.PAYMENT)  # refused with the usual words
    trip = mine[0]
    ctx.show([trip.id])
    when = day_label(trip.depart_date, ctx.today)
    if not trip.priced:
        return (
            f"Harga trip {trip.client_name} {when} belum dicatat, jadi belum bisa dikatakan "
            f"lunas. Tanyakan dulu ke admin{admin_to_ask(ctx.team)} sebelum menagih."
        )
    if trip.outstanding <= 0:
        return f"Pembayaran {trip.client_name} untuk trip {when} sudah lunas, tidak perlu menagih."
    return (
        f"Pembayaran {trip.client_name} untuk trip {when} belum lunas (jumlahnya hanya untuk "
        f"pemilik dan admin). Sebelum menagih di jalan, tanyakan dulu ke admin"
        f"{admin_to_ask(ctx.team)}."
    )


def last_paid(ctx: MessageContext, client_name: str) -> str:
    """ "bu rina terakhir bayar kapan": the client's latest payment (its day, amount and
    how), then what they still owe."""
    require(ctx.actor, Action.READ, Resource.PAYMENT)  # drivers never see money
    every = frozenset(BookingStatus)
    trips = find_bookings(
        ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=client_name, statuses=every
    )
    if not trips:
        return not_found_client(ctx, client_name)
    paid = [
        (p, b)
        for b in trips
        for p in standing(ctx.uow.payments.for_booking(ctx.actor.tenant_id, b.id))
        if p.type is not PaymentType.REFUND
    ]
    name = trips[0].client_name
    if not paid:
        return f"Belum ada pembayaran dari {name} yang tercatat.\n\n{aging(ctx, name)}"
    payment, trip = max(paid, key=lambda pb: (pb[0].paid_date, pb[0].created_at))
    ctx.show([trip.id])
    how = f", {method_label(payment.method)}" if payment.method else ""
    label = PAYMENT_LABELS[payment.type]
    said = (
        f"{name} terakhir bayar {day_label(payment.paid_date, ctx.today)}: "
        f"{format_rupiah(payment.amount)} ({label}{how}) untuk trip "
        f"{day_label(trip.depart_date, ctx.today)}."
    )
    if trip.priced and trip.outstanding > 0:
        return f"{said} Sisanya {format_rupiah(trip.outstanding)}."
    return f"{said} Trip itu sudah lunas." if trip.priced else said


def dp_paid(ctx: MessageContext, client_name: str) -> str:
    """ "karang taruna udh dp?": whether the client's coming trips have a DP and how much,
    each trip in one line; a client with none coming gets what they owe."""
    require(ctx.actor, Action.READ, Resource.PAYMENT)  # drivers never see money
    trips = find_bookings(ctx.uow, ctx.actor.tenant_id, ctx.today, client_name=client_name)
    trips = [b for b in trips if b.return_date >= ctx.today]
    if not trips:
        return aging(ctx, client_name)
    ctx.show(b.id for b in trips[:MAX_LINES])
    lines = [_dp_line(ctx, b) for b in trips[:MAX_LINES]]
    if len(lines) == 1:
        return ("Sudah. " if trips[0].net_paid > 0 else "Belum. ") + lines[0]
    return "\n".join(f"• {line}" for line in lines)


def _dp_line(ctx: MessageContext, b: Booking) -> str:
    trip = f"trip {day_label(b.depart_date, ctx.today)} ({b.route_from} – {b.route_to})"
    if b.net_paid <= 0:
        price = f"harga {format_rupiah(b.price)}" if b.priced else "harganya belum dicatat"
        return f"{b.client_name} belum bayar DP untuk {trip}; {price}."
    paid = f"{b.client_name} sudah bayar {format_rupiah(b.net_paid)} untuk {trip}"
    if not b.priced:
        return f"{paid}; harganya belum dicatat."
    if b.outstanding <= 0:
        return f"{paid}, sudah lunas."
    return f"{paid}; sisa {format_rupiah(b.outstanding)} dari harga {format_rupiah(b.price)}."


def _ranked(ctx: MessageContext, rank: str) -> str:
    """ "yg paling lama siapa" after who owes: the one client owing longest (or most)."""
    clients = money.receivables_aging(ctx.deps, ctx.actor).clients  # refuses drivers
    if not clients:
        return "Semua booking sudah lunas. 👍"
    if rank == "largest":
        client = max(clients, key=lambda c: c.total)
        head = "Tagihan terbesar"
    else:
        client = clients[0]  # the report lists the longest overdue first
        head = "Paling lama menunggak"
    oldest = client.bookings[0]
    trip = f"{_due(ctx, oldest)}; {_trip_of(ctx, oldest)}"
    ctx.show(b.booking_id for b in client.bookings)
    said = f"{head}: *{client.client_name}*, {format_rupiah(client.total)}, {trip}."
    if len(clients) == 1:
        return said
    # "total piutang brp? yg paling gede siapa": the one named against the whole owed.
    total = sum(c.total for c in clients)
    return f"{said}\nSemua tagihan: {format_rupiah(total)} dari {len(clients)} klien."


def _overdue(ctx: MessageContext) -> str:
    """ "yg lewat jatuh tempo siapa aja": the clients with a balance past its settlement
    date, the longest overdue first; what is not due yet is only counted."""
    report = money.receivables_aging(ctx.deps, ctx.actor)  # refuses drivers
    late = [c for c in report.clients if c.oldest_days_past_due > 0]
    not_due = sum(c.total for c in report.clients) - sum(c.total for c in late)
    later = f" Belum jatuh tempo: {format_rupiah(not_due)}." if not_due else ""
    if not late:
        return f"Tidak ada tagihan yang lewat jatuh tempo. 👍{later}"
    lines = ["Lewat jatuh tempo, paling lama dulu:"]
    for client in late[:MAX_LINES]:
        oldest = client.bookings[0]
        lines.append(
            f"• {client.client_name}: {format_rupiah(client.total)} ({_due(ctx, oldest)}; "
            f"{_trip_of(ctx, oldest)})"
        )
    if len(late) > MAX_LINES:
        lines.append(f"…dan {len(late) - MAX_LINES} klien lainnya (halaman Keuangan, /keuangan).")
    total = sum(c.total for c in late)
    lines.append(f"Total lewat jatuh tempo: {format_rupiah(total)}.{later}")
    ctx.show(b.booking_id for c in late for b in c.bookings)
    return "\n".join(lines)


def _total_owed(ctx: MessageContext) -> str:
    """ "totalnya brp" after who owes what: the sum, by age, in one line (the list was
    just shown)."""
    report = money.receivables_aging(ctx.deps, ctx.actor)  # refuses drivers
    if not report.clients:
        return "Semua booking sudah lunas. 👍"
    total = sum(c.total for c in report.clients)
    return (
        f"Total yang belum lunas: {format_rupiah(total)} dari {len(report.clients)} klien"
        f"{_by_age(report)}."
    )


def _by_age(report: AgingReport) -> str:
    """ " (belum jatuh tempo Rp25.300.000, 0-7 hari Rp12.500.000)": the sum owed by age."""
    buckets = [
        f"{bucket.label} {format_rupiah(amount)}"
        for bucket, amount in report.buckets.items()
        if amount
    ]
    return f" ({', '.join(buckets)})" if buckets else ""


def _nothing_paid(ctx: MessageContext) -> str:
    """ "yg blm bayar sama sekali sapa aja": the bookings with nothing paid yet, not every
    one still owing."""
    clients = money.receivables_aging(ctx.deps, ctx.actor).clients  # refuses drivers
    owed = [(c, b) for c in clients for b in c.bookings if not b.net_paid and not b.cancelled]
    if not owed:
        return "Semua booking yang belum lunas sudah ada pembayarannya (minimal DP)."
    lines = ["Yang belum bayar sama sekali:"]
    for client, b in owed[:MAX_LINES]:
        trip = f"{_due(ctx, b)}; {_trip_of(ctx, b)}"
        lines.append(f"• {client.client_name}: {format_rupiah(b.outstanding)} ({trip})")
    if len(owed) > MAX_LINES:
        lines.append(
            f"…dan {len(owed) - MAX_LINES} booking lainnya. Lihat di dashboard (/keuangan)."
        )
    lines.append(f"Total: {format_rupiah(sum(b.outstanding for _, b in owed))}")
    ctx.show(b.booking_id for _, b in owed)
    return "\n".join(lines)


def _trip_of(ctx: MessageContext, owed: AgedReceivable) -> str:
    """ "berangkat Rabu, 2 Des", or of a cancelled booking whose fee is still owed
    "biaya pembatalan trip Jumat, 4 Des"."""
    day = day_label(owed.depart_date, ctx.today)
    return f"biaya pembatalan trip {day}" if owed.cancelled else f"berangkat {day}"


def _due(ctx: MessageContext, owed: AgedReceivable) -> str:
    """ "jatuh tempo Minggu, 29 Nov, lewat 1 hari": when the balance was due, and how late
    (said inside the brackets of a debtor's line, so without brackets of its own)."""
    if owed.due == ctx.today:
        return "jatuh tempo hari ini"
    due = f"jatuh tempo {day_label(owed.due, ctx.today)}"
    late = owed.bucket is not AgeBucket.NOT_DUE and owed.days_past_due > 0
    return f"{due}, lewat {owed.days_past_due} hari" if late else due


def _cancelled_open(ctx: MessageContext, client_name: str) -> list[str]:
    """A cancelled booking of the client with money still open either way: its fee not yet
    paid, or money still to give back. Said instead of "tidak punya tagihan", which would
    be false after "masih kurang" was said at the cancellation."""
    cancelled = _cancelled(ctx, client_name)
    return [line for b in cancelled if (line := _cancelled_line(ctx, b))]


def _cancelled(ctx: MessageContext, client_name: str | None) -> list[Booking]:
    return find_bookings(
        ctx.uow,
        ctx.actor.tenant_id,
        ctx.today,
        client_name=client_name,
        statuses=frozenset({BookingStatus.CANCELLED}),
    )


def _cancelled_line(ctx: MessageContext, b: Booking) -> str:
    """What is still open of a cancelled booking, either way; "" when nothing is."""
    trip = f"Booking {b.client_name} ({day_label(b.depart_date, ctx.today)}) sudah dibatalkan"
    if b.fee_unpaid:
        paid = f", sudah dibayar {format_rupiah(b.net_paid)}" if b.net_paid else ""
        return (
            f"{trip}: biaya pembatalan {format_rupiah(b.cancellation_fee or 0)}{paid}, "
            f"masih kurang *{format_rupiah(b.fee_unpaid)}*."
        )
    if b.refund_due:
        return f"{trip}: masih harus dikembalikan *{format_rupiah(b.refund_due)}*."
    return ""


def _settled(b: Booking) -> str:
    return (
        f"Booking {b.client_name} sudah dibatalkan dan uangnya sudah beres: tidak ada yang "
        "perlu dikembalikan."
    )


def refunds(ctx: MessageContext, client_name: str | None) -> str:
    """query_outstanding with detail "refund": the money to give back, of the client named,
    of the booking just cancelled ("dp nya dibalikin brp"), or of every cancelled booking
    whose trip falls in find_bookings' window (said, so "none" is never claimed beyond it)."""
    require(ctx.actor, Action.READ, Resource.PAYMENT)  # drivers: never money
    since = f"trip sejak {day_label(ctx.today - LOOKBACK, ctx.today)}"
    if client_name:
        known = client_named(ctx, client_name)
        if known is None:
            return not_found_client(ctx, client_name)
        lines = _cancelled_open(ctx, client_name)
        if lines:
            return "\n".join(lines)
        called_off = _cancelled(ctx, client_name)
        if called_off:
            # "jd dp pak hendra ga ada yg perlu dibalikin kan?" after his DP was kept.
            return _settled(max(called_off, key=lambda b: b.depart_date))
        return f"Tidak ada uang {known} yang perlu dikembalikan ({since})."
    just = just_saved_booking(ctx)
    # ("yg msh hrs dibalikin siapa aja" right after one was settled: everyone's.)
    of_everyone = _WHO_ALL_RE.search(ctx.text.lower()) is not None
    if just is not None and just.status is BookingStatus.CANCELLED and not of_everyone:
        return _cancelled_line(ctx, just) or _settled(just)
    due = [b for b in _cancelled(ctx, None) if b.refund_due]
    if not due:
        return f"Tidak ada uang yang masih harus dikembalikan ke klien ({since})."
    lines = ["Yang masih harus dikembalikan:"]
    for b in due[:MAX_LINES]:
        day = day_label(b.depart_date, ctx.today)
        lines.append(f"• {b.client_name} ({day}): {format_rupiah(b.refund_due)}")
    if len(due) > MAX_LINES:
        lines.append(f"…dan {len(due) - MAX_LINES} booking lainnya.")
    return "\n".join(lines)


# "siapa aja", "sopo wae": asked of everyone, never only of the record just saved.
_WHO_ALL_RE = re.compile(r"\b(?:siapa|siapa2|sapa|sopo|spa|sp)\s+(?:aja|saja|ae|wae|bae|mawon)\b")


def price_and_paid(price: int, net_paid: int) -> str:
    """ "harga Rp3.800.000, sudah bayar Rp1.500.000": a trip's money so far."""
    return f"harga {format_rupiah(price)}, sudah bayar {format_rupiah(net_paid)}"


# "bu rina sisanya udh masuk blm?", "udh lunas belum": whether the rest is paid, asked (of
# "dp nya udh masuk blm" a DP may have come while a balance is still owed).
_PAID_YET_ASKED_RE = re.compile(
    r"\b(?:udh|udah|sudah|sdh|dah|wis|wes)\s+(?:lunas|dilunasi)\b"
    rf"[^.?!]*\b(?:{news.NOT_YET})\b"
    r"|\bsisa(?:nya|ne|e)?\b[^.?!]*\b(?:udh|udah|sudah|sdh|dah|wis|wes)\s+(?:masuk|msk|mlebu)\b"
    rf"[^.?!]*\b(?:{news.NOT_YET})\b"
)


def _one_client_owes(ctx: MessageContext, client: ClientDebt) -> str:
    """ "pak hendra kurang brp", "udh bayar brp": that client's balance, each booking with
    its price, what was paid and its due date ("Belum." first when whether it came is
    asked)."""
    no = "Belum. " if _PAID_YET_ASKED_RE.search(ctx.text.lower()) else ""
    lines = [f"{no}{client.client_name} masih kurang *{format_rupiah(client.total)}*:"]
    for owed in client.bookings[:MAX_LINES]:
        trip = day_label(owed.depart_date, ctx.today)
        if owed.cancelled:
            # Of a cancelled booking the fee is what is owed: fee = what is left + paid.
            fee = format_rupiah(owed.outstanding + owed.net_paid)
            what = f"Biaya pembatalan trip {trip} (sudah dibatalkan)"
            paid = f"biaya {fee}, sudah bayar {format_rupiah(owed.net_paid)}"
        else:
            what, paid = f"Trip {trip}", price_and_paid(owed.price, owed.net_paid)
        lines.append(f"• {what}: {format_rupiah(owed.outstanding)} ({paid}), {_due(ctx, owed)}")
    return "\n".join(lines)


def _if_paid(ctx: MessageContext, client: ClientDebt) -> str:
    """ "klo ini masuk sisanya jd brp" while that client's payment waits: what is left once
    it is recorded (the balance above is before it)."""
    waiting = ctx.conversation.pending
    if waiting is None or waiting.extraction.intent is not Intent.RECORD_PAYMENT:
        return ""
    f = waiting.extraction.fields
    if f.payments or f.payment_type is PaymentType.REFUND or not f.client_name:
        return ""
    if not same_client(f.client_name, client.client_name):
        return ""
    owed = next((b for b in client.bookings if b.booking_id == waiting.target_id), None)
    if owed is None and len(client.bookings) == 1:
        owed = client.bookings[0]
    if owed is None:
        return ""
    amount = f.amount if f.amount is not None else owed.outstanding  # a pay-off: all of it
    left = max(client.total - amount, 0)
    return (
        f"\nKalau pembayaran {format_rupiah(amount)} yang menunggu itu dicatat, sisanya jadi "
        f"*{format_rupiah(left)}*."
    )


def _if_cancelled(ctx: MessageContext, client: ClientDebt) -> str:
    """Right after what cancelling would cost ("kalo pak hendra batal skrg kena brp"),
    "berarti dia msh kurang brp?" also gets what would be left to pay were it cancelled."""
    topic = ctx.conversation.live_topic(ctx.deps.clock.now())
    if topic is None or topic.asked.intent is not Intent.QUERY_CANCELLATION_FEE:
        return ""
    lines = []
    for owed in client.bookings[:MAX_LINES]:
        if owed.cancelled or owed.depart_date < ctx.today:
            continue
        quote = money.cancellation_quote(ctx.deps, ctx.actor, owed.booking_id)
        if quote.refund:
            left = f"justru dikembalikan {format_rupiah(quote.refund)}"
        elif quote.fee_unpaid:
            left = f"masih kurang {format_rupiah(quote.fee_unpaid)} (biaya pembatalan)"
        else:
            left = "tidak ada yang perlu dibayar lagi"
        lines.append(f"Bila trip {day_label(owed.depart_date, ctx.today)} batal sekarang: {left}.")
    return "\n" + "\n".join(lines) if lines else ""


def aging(ctx: MessageContext, client_name: str | None) -> str:
    """Who owes what, the longest overdue first (the answer to query_outstanding)."""
    report = money.receivables_aging(ctx.deps, ctx.actor)  # refuses drivers: never money
    clients = report.clients
    if client_name:
        clients = [c for c in clients if same_client(c.client_name, client_name)]
        if not clients:
            known = client_named(ctx, client_name)
            if known is None:
                return not_found_client(ctx, client_name)
            cancelled = _cancelled_open(ctx, client_name)
            if cancelled:
                return "\n".join(cancelled)
            if unpriced := _unpriced(ctx, client_name):
                return unpriced
            return f"{known} sudah lunas, tidak ada tagihan."
    if not clients:
        if unpriced := _unpriced(ctx, client_name):
            return f"Tidak ada tagihan yang tercatat.\n{unpriced}"
        return "Semua booking sudah lunas. 👍"
    if client_name and len(clients) == 1:
        # "barusan mrk tf 8jt lg" next pays what was just shown owing.
        ctx.show(b.booking_id for b in clients[0].bookings)
        owes = (
            _one_client_owes(ctx, clients[0])
            + _if_cancelled(ctx, clients[0])
            + _if_paid(ctx, clients[0])
        )
        return "\n".join(filter(None, (owes, _unpriced(ctx, client_name))))
    lines = ["Yang belum lunas, paling lama menunggak dulu:"]
    for client in clients[:MAX_LINES]:
        # One line per client (one client whatever the case, title or phone of the name):
        # the total, and the booking owed longest.
        oldest = client.bookings[0]
        trip = f"{_due(ctx, oldest)}; {_trip_of(ctx, oldest)}"
        if len(client.bookings) > 1:
            trip = f"{len(client.bookings)} booking; paling lama {trip}"
        lines.append(f"• {client.client_name}: {format_rupiah(client.total)} ({trip})")
    if len(clients) > MAX_LINES:
        lines.append(
            f"…dan {len(clients) - MAX_LINES} klien lainnya. Lihat di dashboard, "
            "halaman Keuangan (/keuangan)."
        )
    total = sum(c.total for c in clients)
    lines.append(f"Total: {format_rupiah(total)}" + ("" if client_name else _by_age(report)))
    return "\n".join(filter(None, (*lines, _unpriced(ctx, client_name))))


def _unpriced(ctx: MessageContext, client_name: str | None) -> str:
    """Bookings with no price yet: what they owe is unknown, so they are named apart
    instead of being counted as paid off."""
    found = [
        b
        for b in money.unpriced_bookings(ctx.deps, ctx.actor)
        if client_name is None or same_client(b.client_name, client_name)
    ]
    if not found:
        return ""
    trips = [
        f"{b.client_name} ({day_label(b.depart_date, ctx.today)}"
        + (f", sudah dibayar {format_rupiah(b.net_paid)})" if b.net_paid else ")")
        for b in found[:MAX_LINES]
    ]
    more = f" dan {len(found) - MAX_LINES} lainnya" if len(found) > MAX_LINES else ""
    return f"Harganya belum dicatat, jadi tagihannya belum bisa dihitung: {'; '.join(trips)}{more}."


def trip_costs(ctx: MessageContext, extraction: Extraction) -> str:
    """query_trip_costs: what a trip cost, biggest first (owner and admin), or its uang
    jalan by the PO's rate, the one cost a driver may read (of his own trips)."""
    f = extraction.fields
    if not can(ctx.actor.role, Action.READ, Resource.TRIP_COST):
        # A bus's or a period's spending ("pengeluaran srikandi bulan ini") is no uang jalan.
        spending = f.cost_type is None and _a_period(f)
        if f.cost_type not in (None, CostCategory.UANG_JALAN) or spending:
            require(ctx.actor, Action.READ, Resource.TRIP_COST)  # refused in its own words
        return _own_uang_jalan(ctx, f)
    if f.date and f.date_to and not (f.client_name or f.route_to or f.bus or f.driver):
        return period_costs(ctx, DateRange(start=f.date, end=f.date_to), f.cost_type)
    if f.bus and _a_period(f) and not (f.client_name or f.route_to or f.cost_type):
        assert f.date is not None and f.date_to is not None  # a period has both
        return _bus_costs(ctx, f.bus, DateRange(start=f.date, end=f.date_to))
    trip = _trip_asked(ctx, f)
    if trip is None:
        named = f.client_name or f.route_to
        if f.client_name and client_named(ctx, f.client_name) is None:
            return not_found_client(ctx, f.client_name)
        if named:
            return f"Trip {named} tidak ditemukan."
        return "Trip yang mana? Sebutkan kliennya, misalnya: *biaya trip bu dewi apa aja*."
    ctx.show([trip.id])
    p = money.trip_profit(ctx.deps, ctx.actor, trip.id)
    head = f"trip {trip.client_name} ({days_label(trip.depart_date, trip.return_date, ctx.today)})"
    spent = sorted(p.by_category.items(), key=lambda kv: -kv[1])
    if f.cost_type is not None:
        spent = [(c, a) for c, a in spent if c == f.cost_type]
    if not spent and f.cost_type is CostCategory.UANG_JALAN:
        return _uang_jalan_by_rate(ctx, trip, f"Uang jalan trip {trip.client_name}")
    if not spent:
        what = f.cost_type.label if f.cost_type else "biaya"
        return f"Belum ada {what} tercatat untuk {head}."
    words = [f"{CostCategory(c).label} {format_rupiah(a)}" for c, a in spent]
    if f.cost_type is not None:
        return f"{capitalized(words[0])} untuk {head}."
    text = f"Biaya {head}: total {format_rupiah(p.costs)}.\nPaling besar {words[0]}"
    text += f", lalu {', '.join(words[1:MAX_LINES])}." if len(words) > 1 else "."
    # What is left of the price: the next thing an owner weighing the costs wants.
    verdict = "untung" if p.profit >= 0 else "rugi"
    left = format_rupiah(abs(p.profit))
    return text + f"\nPendapatan {format_rupiah(p.revenue)}, {verdict} {left}."


def _a_period(f: ExtractedFields) -> bool:
    """A week or more asked ("bulan ini", "minggu ini"), not a trip's few days."""
    return bool(f.date and f.date_to and (f.date_to - f.date).days >= 6)


def _bus_costs(ctx: MessageContext, named: str, days: DateRange) -> str:
    """ "pengeluaran bus 02 bulan ini brp": what one bus cost in those days, its share of
    the costs of its trips departing then (as its profit counts them) and its workshop
    bills (maintenance and repairs done then)."""
    found = _bus_and_its_trips(ctx, named, days)
    if isinstance(found, str):
        return found
    bus, trips = found
    when = period_label(days.start, days.end, ctx.today)
    on_trips = money.profit_between(ctx.deps, ctx.actor, days).per_bus.get(bus.id, (0, 0))[1]
    workshop = [s for s in fleet.workshop_spending(ctx.deps, ctx.actor, days) if s.bus.id == bus.id]
    in_workshop = sum(s.cost for s in workshop)
    if not on_trips and not in_workshop:
        nothing = f"Belum ada pengeluaran {bus.name} yang tercatat {when}"
        return f"{nothing}, baik biaya trip maupun bengkel."
    ctx.show(b.id for b in trips)
    lines = [f"Pengeluaran {bus.name}, {when}: total *{format_rupiah(on_trips + in_workshop)}*."]
    trips.sort(key=lambda b: (b.depart_date, b.id))
    names = ", ".join(b.client_name for b in trips[:MAX_TRIPS_LISTED])
    more = f" dan {len(trips) - MAX_TRIPS_LISTED} lagi" if len(trips) > MAX_TRIPS_LISTED else ""
    trip_word = f" ({len(trips)} trip: {names}{more})" if trips else ""
    lines.append(f"• Biaya trip {format_rupiah(on_trips)}{trip_word}")
    jobs = sum(s.jobs for s in workshop)
    lines.append(
        f"• Biaya bengkel {format_rupiah(in_workshop)}" + (f" ({jobs} pekerjaan)" if jobs else "")
    )
    return "\n".join(lines)


def period_costs(ctx: MessageContext, days: DateRange, kind: CostCategory | None) -> str:
    """ "pengeluaran bulan ini brp total": what the PO spent in those days, the costs of
    the trips departing then (per kind, biggest first) and the workshop's (maintenance and
    repairs done then, per bus), with their sum; the dashboard's Keuangan page shows the
    same two. A kind named ("biaya bbm bulan ini") is the trips' costs of that kind."""
    report = money.profit_between(ctx.deps, ctx.actor, days)
    ctx.show(t.booking_id for t in report.trips)
    spent: dict[str, int] = {}
    for t in report.trips:
        for c, a in t.by_category.items():
            spent[c] = spent.get(c, 0) + a
    ranked = sorted(spent.items(), key=lambda kv: -kv[1])
    when = period_label(days.start, days.end, ctx.today)
    words = [f"{CostCategory(c).label} {format_rupiah(a)}" for c, a in ranked if c == kind]
    if kind is not None:
        if not words:
            return f"Belum ada biaya {kind.label} tercatat untuk trip {when}."
        return f"Biaya trip {when}: {words[0]}."
    workshop = fleet.workshop_spending(ctx.deps, ctx.actor, days)
    if not ranked and not workshop:
        return f"Belum ada pengeluaran tercatat {when}, baik biaya trip maupun biaya bengkel."
    trips_total = sum(a for _, a in ranked)
    workshop_total = sum(s.cost for s in workshop)
    lines = [f"Pengeluaran {when}: total *{format_rupiah(trips_total + workshop_total)}*."]
    if ranked:
        words = [f"{CostCategory(c).label} {format_rupiah(a)}" for c, a in ranked]
        line = f"• Biaya trip {format_rupiah(trips_total)}: paling besar {words[0]}"
        lines.append(line + (f", lalu {', '.join(words[1:MAX_LINES])}." if len(words) > 1 else "."))
    else:
        lines.append("• Biaya trip: belum ada yang tercatat.")
    if workshop:
        buses = ", ".join(
            f"{s.bus.name} {format_rupiah(s.cost)} ({s.jobs} pekerjaan)" for s in workshop
        )
        lines.append(
            f"• Biaya bengkel (servis dan perbaikan) {format_rupiah(workshop_total)}: {buses}."
        )
    else:
        lines.append("• Biaya bengkel (servis dan perbaikan): belum ada yang tercatat.")
    return "\n".join(lines)


def _trip_asked(ctx: MessageContext, f: ExtractedFields) -> Booking | None:
    """The trip a cost question names: the latest that ran (as for its profit), else the
    next to go."""
    if not (f.client_name or f.route_to):
        if f.date is not None:
            # "uang jalan trip bsk brp": the one trip of that day (of several, it is asked).
            on_day = find_bookings(
                ctx.uow, ctx.actor.tenant_id, ctx.today, on=f.date, statuses=NOT_CANCELLED
            )
            return on_day[0] if len(on_day) == 1 else None
        shown = shown_bookings(ctx)
        return shown[0] if len(shown) == 1 else None
    ran = _named_trip(ctx, f)
    if ran is not None:
        return ran
    ahead = [
        b
        for b in bookings_named(ctx, f, frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED}))
        if b.depart_date > ctx.today
    ]
    return min(ahead, key=lambda b: (b.depart_date, b.id)) if ahead else None


def _own_uang_jalan(ctx: MessageContext, f: ExtractedFields) -> str:
    """A driver's "uang jalan sy bsk brp": his own trips on the day asked (else the next)."""
    trips = crew_service.upcoming(ctx.deps, ctx.actor, ctx.today)
    shown = [t for t in shown_bookings(ctx) if t in trips]
    if f.route_to:
        trips = [t for t in trips if names_place(t.route_to, f.route_to)]  # "yg ke malang"
        if not trips:
            return f"Anda tidak punya trip ke {f.route_to.title()} dalam 60 hari ke depan."
    elif f.date is None and shown:
        trips = shown  # "uang jalannya brp" right after those trips' cards
    if f.date is not None:
        asked = _period(f, ctx.today)
        trips = [t for t in trips if t.days.overlaps(asked)]
        if not trips:
            return f"Anda tidak punya trip {days_label(asked.start, asked.end, ctx.today)}."
    if not trips:
        return "Belum ada trip Anda dalam 60 hari ke depan."
    trips = trips[:MAX_LINES] if f.date is not None or shown else trips[:1]
    ctx.show(t.id for t in trips)
    lines = [_uang_jalan_by_rate(ctx, t, f"Uang jalan trip {t.client_name}") for t in trips]
    if f.cost_type is None:
        # "total pengeluaran trip ini brp": what he reported spending, beside his uang jalan.
        lines = [_reported(ctx, t) + line for t, line in zip(trips, lines, strict=True)]
    return "\n".join(lines)


def _reported(ctx: MessageContext, trip: Booking) -> str:
    """ "Yang Anda laporkan untuk trip X: solar Rp800.000, tol Rp120.000 (total
    Rp920.000).": a driver's own reported costs of the trip, or nothing."""
    costs = money.reported_by_self(ctx.deps, ctx.actor, trip.id)
    if not costs:
        return ""
    said = ", ".join(f"{c.category.label} {format_rupiah(c.amount)}" for c in costs)
    total = format_rupiah(sum(c.amount for c in costs))
    return f"Yang Anda laporkan untuk trip {trip.client_name}: {said} (total *{total}*).\n"


def _uang_jalan_by_rate(ctx: MessageContext, trip: Booking, head: str) -> str:
    """ "Uang jalan trip PKK Caturtunggal (Selasa, 1 Des, Bus 03): Rp750.000.": per bus, by
    the PO's daily rate (the surat jalan prints the same)."""
    per_bus = crew_service.uang_jalan(ctx.deps, ctx.actor, trip.id)
    when = days_label(trip.depart_date, trip.return_date, ctx.today)
    if ctx.actor.role is Role.DRIVER:
        mine = [a.bus_id for a in trip.assignments if ctx.actor.id in a.crew_ids()]
        buses = [b.name for b in ctx.buses if b.id in mine]
    else:
        buses = [b.name for b in ctx.buses if b.id in trip.bus_ids()]
    where = f"{when}, {', '.join(buses)}" if buses else when
    given = crew_service.uang_jalan_recorded(ctx.deps, ctx.actor, trip.id)
    if given is not None:
        # What the office recorded handing over stands, not the rate.
        return f"{head} ({where}): *{format_rupiah(given)}* (sudah dicatat)."
    if per_bus == 0:
        return f"{head} ({where}) belum ditetapkan PO. Tanyakan ke admin."
    rate = ctx.tenant.settings.uang_jalan_per_day
    text = f"{head} ({where}): *{format_rupiah(per_bus)}*"
    days = trip.days.days()
    if days > 1:
        text += f" ({days} hari × {format_rupiah(rate)})"
    if ctx.actor.role is not Role.DRIVER and len(buses) > 1:
        text += f" per bus, {format_rupiah(per_bus * len(buses))} untuk {len(buses)} bus"
    return text + "."
