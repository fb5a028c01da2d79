"""Money in asked by chat (owner and admin): what came in over a period, the report of
it, what the trips ahead have paid, and the biggest payments."""

from __future__ import annotations

from datetime import timedelta

from keloia.domain.model.common import DateRange
from keloia.domain.model.intents import Extraction
from keloia.domain.model.payments import PAYERS_ASKED_RE, Payment, PaymentType, format_rupiah
from keloia.domain.model.text import MONTHS, day_label, period_label
from keloia.domain.services import bookings, payments
from keloia.domain.services.assistant import money_answers
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import capitalized

_MAX_PAYERS = 8


def income(ctx: MessageContext, extraction: Extraction) -> str:
    """Money received in a period: owner and admin only (drivers never see money)."""
    f = extraction.fields
    start = f.date or ctx.today.replace(day=1)
    if f.date_to and f.date_to >= start:
        end = f.date_to
    elif f.date:
        end = start  # "kemarin masuk brp": that day ("sejak tgl 20" says up to today)
    else:
        end = max(start, ctx.today)  # this month so far
    if start > ctx.today:
        days = DateRange(start=start, end=end)
        ahead = _income_ahead(ctx, days)
        return _report(ctx, days, ahead) if f.detail == "report" else ahead
    paid = payments.payments_between(ctx.deps, ctx.actor, DateRange(start=start, end=end))
    refunds = sum(p.amount for p in paid if p.type is PaymentType.REFUND)
    received = sum(p.amount for p in paid if p.type is not PaymentType.REFUND)
    count = sum(1 for p in paid if p.type is not PaymentType.REFUND)
    when = period_label(start, end, ctx.today)
    text = (
        f"Uang masuk {when}: *{format_rupiah(received)}* dari {count} pembayaran."
        if count
        else f"Belum ada uang masuk {when} (Rp0)."
    )
    came = [p for p in paid if p.type is not PaymentType.REFUND]
    if PAYERS_ASKED_RE.search(ctx.text.lower()) and count and f.rank != "largest":
        # "minggu ini uang masuk dr sapa aja": each payment with its client, newest first.
        newest = sorted(came, key=lambda p: (p.paid_date, p.created_at), reverse=True)
        lines = [
            f"• {who} {format_rupiah(p.amount)} ({day_label(p.paid_date, ctx.today)})"
            for who, p in _of_clients(ctx, newest[:_MAX_PAYERS])
        ]
        more = f"\n• … dan {count - _MAX_PAYERS} lainnya" if count > _MAX_PAYERS else ""
        text += "\n" + "\n".join(lines) + more
    elif start == end and 0 < count <= 3 and f.rank != "largest":
        # A day's few payments: from whom, as an owner checking the day wants to hear.
        who = ", ".join(f"{c} {format_rupiah(p.amount)}" for c, p in _of_clients(ctx, came))
        text = text[:-1] + f" ({who})."
    if refunds:
        text += f" Refund keluar {format_rupiah(refunds)}."
    if f.rank == "largest" and count:
        return (
            text
            + "\n"
            + _biggest_payments(ctx, [p for p in paid if p.type is not PaymentType.REFUND])
        )
    # "yg masuk cash brp, yg tf brp": how it came, biggest first, when it came more than one way.
    by_channel: dict[str, int] = {}
    for p in paid:
        if p.type is not PaymentType.REFUND:
            by_channel[p.channel] = by_channel.get(p.channel, 0) + p.amount
    if len(by_channel) > 1:
        ways = sorted(by_channel.items(), key=lambda kv: -kv[1])
        text += "\n" + capitalized(", ".join(f"{w} {format_rupiah(a)}" for w, a in ways)) + "."
    elif by_channel:
        # One way only: said too, so "yg cash brp, yg tf brp" is answered either way.
        [way] = by_channel
        text += "\n" + capitalized(f"{'semuanya' if count > 1 else 'lewat'} {way}") + "."
    if f.detail == "report":
        return _report(ctx, DateRange(start=start, end=end), text)
    return text


def _report(ctx: MessageContext, days: DateRange, received: str) -> str:
    """ "rekap bulan november", "bisa bikin laporan bulanan?": the period's money in chat,
    what came in and what was spent (as "pemasukan" and "pengeluaran" answer them), and
    where the dashboard shows the rest."""
    start, end = days.start, days.end
    month = start.day == 1 and (start.year, start.month) == (end.year, end.month)
    title = period_label(start, end, ctx.today)
    if month:
        title = f"{MONTHS[start.month - 1]} {start.year}"
    return "\n".join(
        [
            f"*Rekap keuangan {title}*",
            received,
            money_answers.period_costs(ctx, days, None),
            "Rekap bulan lain: tulis misalnya *rekap bulan oktober*. Lengkapnya (piutang dan "
            "grafik per bulan) ada di dashboard, halaman Keuangan (/keuangan).",
        ]
    )


def _income_ahead(ctx: MessageContext, days: DateRange) -> str:
    """ "desember?" on 30 November right after November's income: no money can have come
    in on days still ahead, so what a person wants to hear is that, and how the period's
    trips stand: what their clients have already paid ahead (DP) and what is still to come."""
    when = period_label(days.start, days.end, ctx.today)
    period = f"Tanggal {when}"
    whole_month = days.start.day == 1 and (days.end + timedelta(days=1)).day == 1
    if whole_month and days.start.month == days.end.month:
        year = f" {days.start.year}" if days.start.year != ctx.today.year else ""
        period = when = f"{MONTHS[days.start.month - 1]}{year}"
    text = f"{period} belum berjalan, jadi belum ada uang masuk."
    trips = [
        b
        for b in bookings.schedule(ctx.deps, ctx.actor, days)
        if days.start <= b.depart_date <= days.end
    ]
    if not trips:
        return text + f"\nBelum ada trip yang berangkat {when}."
    ctx.show_list([b.id for b in trips], 0)
    paid = sum(b.net_paid for b in trips)
    left = sum(max(b.outstanding, 0) for b in trips)
    return (
        text + f"\nUntuk {len(trips)} trip yang berangkat {when}: sudah dibayar di muka "
        f"*{format_rupiah(paid)}*, sisa tagihan {format_rupiah(left)}."
    )


def _biggest_payments(ctx: MessageContext, paid: list[Payment]) -> str:
    """ "yg paling gede dari siapa" after a period's income: its payments, biggest first,
    each with the client who paid it."""
    ranked = sorted(paid, key=lambda p: (-p.amount, p.paid_date))[:5]
    lines = ["Terbesar:"]
    for who, p in _of_clients(ctx, ranked):
        lines.append(f"• {who} {format_rupiah(p.amount)} ({day_label(p.paid_date, ctx.today)})")
    return "\n".join(lines)


def _of_clients(ctx: MessageContext, paid: list[Payment]) -> list[tuple[str, Payment]]:
    """Each payment with the client of its booking (the bookings shown to the person)."""
    tenant = ctx.actor.tenant_id
    clients = {
        i: b.client_name
        for i in {p.booking_id for p in paid}
        if (b := ctx.uow.bookings.get(tenant, i)) is not None
    }
    ctx.show(p.booking_id for p in paid)
    return [(clients.get(p.booking_id, "klien"), p) for p in paid]
