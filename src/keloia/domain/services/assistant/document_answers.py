"""Papers asked by chat: a bus's or a driver's papers, one kind across the fleet, and
what runs out within the PO's warning window (KIR, STNK, insurance, permits, SIM)."""

from __future__ import annotations

from collections.abc import Sequence

from keloia.domain.errors import Forbidden
from keloia.domain.model.common import DateRange
from keloia.domain.model.fleet import BUS_DOCUMENTS, PERSON_DOCUMENTS, Bus, Document, DocumentKind
from keloia.domain.model.intents import Extraction, Intent
from keloia.domain.model.permissions import (
    OWN_DOCUMENTS_ONLY,
    Action,
    Resource,
    Scope,
    can,
    not_carried,
    require,
)
from keloia.domain.model.tenants import Role, User
from keloia.domain.model.text import day_label, period_label
from keloia.domain.services import fleet
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.replies import MAX_LIST_LINES, capitalized
from keloia.domain.services.assistant.resolve import find_bus, find_driver


def documents(ctx: MessageContext, extraction: Extraction) -> str:
    """ "stnk bus 02 habis kapan?": that paper of that bus (or a driver's SIM); a bus's or a
    driver's papers, or one kind across the fleet; without either, what expires soon. A
    driver reads his own papers only ("sim saya habis kapan")."""
    f = extraction.fields
    holder: Bus | User | None = None
    if require(ctx.actor, Action.READ, Resource.DOCUMENT) is Scope.OWN:
        mine = _own_holder(ctx, extraction)
        if isinstance(mine, str):
            return mine
        holder = mine
    elif f.date and f.date_to and not (f.bus or f.driver):
        # "kir yg habis januari apa aja", "surat2 yg mau abis bulan dpn": over that period.
        asked = [f.document_kind, *_kinds(extraction.more)] if f.document_kind else []
        return _expiring_between(ctx, DateRange(start=f.date, end=f.date_to), asked)
    elif not (f.bus or f.driver or f.document_kind):
        return _expiring(ctx)
    elif f.driver:
        holder = find_driver(ctx.team, f.driver)
        if holder is None:
            return f"{f.driver} tidak ada di tim sopir."
    elif f.bus:
        holder = find_bus(ctx.buses, f.bus)
        if holder is None:
            return f'Bus "{f.bus}" tidak ada di armada.'
    every = fleet.documents(ctx.deps, ctx.actor)
    docs = [d for d in every if f.document_kind in (None, d.kind)]
    if holder is None and f.detail == "expiring" and f.document_kind is not None:
        if extraction.more:
            return _expiring_of_kinds(ctx, [f.document_kind, *_kinds(extraction.more)], every)
        return _expiring(ctx, f.document_kind, docs)
    if holder is None:
        return _documents_of_kind(ctx, f.document_kind, docs)
    docs = [d for d in docs if holder.id in (d.bus_id, d.user_id)]
    kinds = PERSON_DOCUMENTS if isinstance(holder, User) else BUS_DOCUMENTS
    # "sim sy abis kapan": one's own paper is "SIM Anda".
    whose = "Anda" if holder is ctx.actor else holder.name
    if f.document_kind is not None:
        paper = f"{f.document_kind.label} {whose}"
        if not docs and not can(ctx.actor.role, Action.CREATE, Resource.DOCUMENT):
            return f"{capitalized(paper)} belum tercatat. Mohon kabari pemilik atau admin."
        if not docs:
            return (
                f"{capitalized(paper)} belum tercatat. Untuk mencatatnya, kirim misalnya: "
                f"*{paper} habis 31 Des {ctx.today.year + 1}*."
            )
        return "\n".join(f"{capitalized(paper)} {validity(ctx, d)}." for d in docs)
    lines = [f"Dokumen {whose}:"]
    lines += [f"• {capitalized(d.kind.label)}: {validity(ctx, d)}" for d in docs]
    missing = [k.label for k in DocumentKind if k in kinds - {d.kind for d in docs}]
    if missing:
        lines.append(f"Belum tercatat: {', '.join(missing)}.")
    return "\n".join(lines)


def _own_holder(ctx: MessageContext, extraction: Extraction) -> Bus | User | str:
    """Whose papers a driver asks (Scope.OWN): his own SIM, or the papers of a bus he
    carries on a trip today or soon (permissions.carried_buses), named or, with a bus's
    paper asked of no bus ("kir nya abis kapan, rabu sy bawa ke malang"), the bus of his
    trips. Any other bus, or another driver, is refused saying why. A str: the answer."""
    f = extraction.fields
    carried = fleet.carried(ctx.deps, ctx.actor)
    if f.bus:
        bus = find_bus(ctx.buses, f.bus)
        if bus is None:
            return f'Bus "{f.bus}" tidak ada di armada.'
        if bus.id not in carried or (f.document_kind and f.document_kind in PERSON_DOCUMENTS):
            raise Forbidden(not_carried(bus.name))
        return bus
    asked = find_driver(ctx.team, f.driver) if f.driver else ctx.actor
    if asked is None:
        return f"{f.driver} tidak ada di tim sopir."
    if asked.id != ctx.actor.id:
        raise Forbidden(OWN_DOCUMENTS_ONLY)
    if f.document_kind is None or f.document_kind in PERSON_DOCUMENTS:
        return ctx.actor
    buses = [b for b in ctx.buses if b.id in carried]
    if not buses:
        raise Forbidden(OWN_DOCUMENTS_ONLY)
    if len(buses) == 1:
        return buses[0]
    each = [
        documents(
            ctx, extraction.model_copy(update={"fields": f.model_copy(update={"bus": b.name})})
        )
        for b in buses
    ]
    return "\n".join(each)


def _documents_of_kind(ctx: MessageContext, kind: DocumentKind | None, docs: list[Document]) -> str:
    """ "kir kapan habis?": that paper of every bus (or every driver's SIM), soonest first."""
    assert kind is not None
    holders = _holder_names(ctx)
    lines = [f"{capitalized(kind.label)}:"]
    lines += [
        f"• {holders.get(d.bus_id or d.user_id or '', '')}: {validity(ctx, d)}"
        for d in docs[:MAX_LIST_LINES]
    ]
    held = {d.bus_id or d.user_id for d in docs}
    if kind in BUS_DOCUMENTS:
        missing = [b.name for b in ctx.buses if b.id not in held]
    else:
        missing = [u.name for u in ctx.team if u.role is Role.DRIVER and u.id not in held]
    if missing:
        lines.append(f"Belum tercatat: {', '.join(missing)}.")
    return "\n".join(lines)


def validity(ctx: MessageContext, doc: Document) -> str:
    """ "berlaku sampai Minggu, 18 Jul 2027", "berlaku sampai Jumat, 4 Des (4 hari lagi)"."""
    today = ctx.today
    day = day_label(doc.expires_on, today)
    left = (doc.expires_on - today).days
    if left < 0:
        return f"sudah habis sejak {day} ⚠️"
    if left == 0:
        return f"berlaku sampai hari ini ({day}) ⚠️"
    if left <= ctx.tenant.settings.expiry_warning_days:
        return f"berlaku sampai {day} ({left} hari lagi) ⚠️"
    return f"berlaku sampai {day}"


def _expiring(
    ctx: MessageContext, kind: DocumentKind | None = None, docs: Sequence[Document] = ()
) -> str:
    """ "dokumen yg mau abis", or of one kind "kir yg mau abis apa aja": the papers of the
    buses and drivers running out within the PO's warning window (expiry_warning_days: the
    same 30 days as the first morning reminder, document_reminder_days, by default; what
    the ⚠️ marks say), or that none does, with the nearest of `docs` (that kind's papers,
    soonest first) to come."""
    days = ctx.tenant.settings.expiry_warning_days
    holders = _holder_names(ctx)
    due = [
        d
        for d in fleet.expiring_documents(ctx.deps, ctx.actor, ctx.today)
        if kind in (None, d.kind)
    ]
    if kind is not None and not docs:
        # None recorded is no paper "not running out": said so, with how to record one.
        whose = "bus" if kind in BUS_DOCUMENTS else "sopir"
        return f"{capitalized(kind.label)} belum tercatat untuk {whose} mana pun."
    if not due:
        paper = kind.label if kind else "dokumen"
        text = f"Tidak ada {paper} yang habis dalam {days} hari ke depan. 👍"
        if docs:
            d = docs[0]
            name = holders.get(d.bus_id or d.user_id or "", "")
            text += f"\nPaling dekat: {name}, {day_label(d.expires_on, ctx.today)}."
        return text
    if kind is not None:
        lines = [f"{capitalized(kind.label)} yang habis dalam {days} hari ke depan:"]
        lines += [
            f"• {holders.get(d.bus_id or d.user_id or '', '')}: {validity(ctx, d)}"
            for d in due[:MAX_LIST_LINES]
        ]
        return "\n".join(lines)
    lines = ["Dokumen yang segera habis:"]
    for d in due[:MAX_LIST_LINES]:
        who = holders.get(d.bus_id or d.user_id or "", "")
        late = " ⚠️ sudah lewat" if d.expires_on < ctx.today else ""
        lines.append(f"• {d.kind.label} {who}: {day_label(d.expires_on, ctx.today)}{late}")
    return "\n".join(lines)


def _expiring_between(ctx: MessageContext, days: DateRange, kinds: list[DocumentKind]) -> str:
    """The papers (of `kinds`, or every kind) running out over `days`, soonest first, or that
    none does."""
    holders = _holder_names(ctx)
    due = sorted(
        (
            d
            for d in fleet.documents(ctx.deps, ctx.actor)
            if days.start <= d.expires_on <= days.end and (not kinds or d.kind in kinds)
        ),
        key=lambda d: d.expires_on,
    )
    paper = ", ".join(k.label for k in kinds) if kinds else "Dokumen"
    when = period_label(days.start, days.end, ctx.today)
    if not due:
        return f"Tidak ada {paper if kinds else 'dokumen'} yang habis {when}. 👍"
    lines = [f"{capitalized(paper)} yang habis {when}:"]
    for d in due[:MAX_LIST_LINES]:
        who = holders.get(d.bus_id or d.user_id or "", "")
        lines.append(f"• {d.kind.label} {who}: {day_label(d.expires_on, ctx.today)}")
    if len(due) > MAX_LIST_LINES:
        lines.append(f"…dan {len(due) - MAX_LIST_LINES} lainnya.")
    return "\n".join(lines)


def _holder_names(ctx: MessageContext) -> dict[str, str]:
    """Whose a paper is, by the id it holds: a bus's name or a teammate's."""
    return {b.id: b.name for b in ctx.buses} | {u.id: u.name for u in ctx.team}


def _expiring_of_kinds(ctx: MessageContext, kinds: list[DocumentKind], docs: list[Document]) -> str:
    """ "surat2 yg mau abis? kir stnk": each kind asked, in the order asked, answered as
    that kind alone is ("KIR yang habis dalam 30 hari ke depan: ...", or none with the
    nearest to come)."""
    return "\n\n".join(_expiring(ctx, k, [d for d in docs if d.kind is k]) for k in kinds)


def papers_together(asked: list[Extraction]) -> list[Extraction]:
    """Papers of several kinds running out, asked at once ("kir stnk yg mau abis"): one
    answer, the first kind's question carrying the others (`more`), never one reply each."""
    expiring = [
        e
        for e in asked
        if e.intent is Intent.QUERY_DOCUMENTS
        and e.fields.detail == "expiring"
        and e.fields.document_kind is not None
        and not (e.fields.bus or e.fields.driver)
    ]
    if len(expiring) < 2:
        return asked
    first, *others = expiring
    merged = first.model_copy(update={"more": tuple(others)})
    return [merged if e is first else e for e in asked if all(e is not o for o in others)]


def _kinds(asked: Sequence[Extraction]) -> list[DocumentKind]:
    return [k for e in asked if (k := e.fields.document_kind) is not None]
