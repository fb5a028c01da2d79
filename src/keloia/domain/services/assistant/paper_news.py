"""A paper's renewal spoken of with no new expiry to record (record_document):

- from someone who may not record papers (a driver: "stnk bus 03 udah diperpanjang"), the
  word goes to the owner and admins, who record the new expiry (fleet.report_paper);
- a renewal still in hand ("stnk bus 03 lagi diurus", detail "underway") is acknowledged
  with the expiry on record; nothing is renewed yet, so no new expiry is asked;
- a renewal asked of someone ("tolong perpanjang kir bus 02", detail "requested") is, from
  the owner, word proposed to the admins (who handle the paperwork), else acknowledged.

Never recorded as renewed: a paper is renewed only with its new expiry (fleet_plans.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keloia.domain.model.fleet import PERSON_DOCUMENTS, Document, DocumentKind
from keloia.domain.model.intents import ExtractedFields, Extraction, Intent
from keloia.domain.model.moves import MonthSaid, month_without_day
from keloia.domain.model.permissions import Action, Resource, can
from keloia.domain.model.tenants import Role
from keloia.domain.model.text import SHORT_MONTHS, day_label, names_joined
from keloia.domain.services import fleet
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.document_answers import validity
from keloia.domain.services.assistant.resolve import find_bus, find_driver

# The details of a paper spoken of with nothing renewed: in hand, asked for, not renewed.
IN_HAND = ("underway", "requested", "not_renewed")


def noted(ctx: MessageContext, extraction: Extraction) -> tuple[list[str], Extraction]:
    """The papers said in hand beside one renewed ("kir bus 02 udah diperpanjang sampai 20
    jan 2028, stnk nya masih proses": the STNK), each said in a line of its own and taken
    out of what is proposed; the renewal is proposed as usual."""
    said: list[str] = []
    kept: list[Extraction] = []
    if extraction.intent is not Intent.RECORD_DOCUMENT or not can(
        ctx.actor.role, Action.CREATE, Resource.DOCUMENT
    ):
        return said, extraction
    for one in extraction.more:
        f = one.fields
        held = _held(ctx, f.document_kind, f.bus, f.driver) if f.detail in IN_HAND else None
        if one.intent is not Intent.RECORD_DOCUMENT or held is None:
            kept.append(one)
            continue
        state = {
            "underway": "sedang diurus",
            "requested": "belum diperpanjang",
            "not_renewed": "tidak diperpanjang",
        }[f.detail or "underway"]
        said.append(f"{held.label} {state}, jadi tidak saya ubah. {_on_record(ctx, held)}")
    return said, extraction.model_copy(update={"more": tuple(kept)})


@dataclass(frozen=True)
class Answer:
    """What is said back; with `relay`, word to propose passing on (said before it)."""

    said: str
    relay: Extraction | None = None


@dataclass(frozen=True)
class _Held:
    kind: DocumentKind
    holder: str  # "Bus 03", "Joko"
    entity: str  # "bus" or "user"
    entity_id: str
    existing: Document | None

    @property
    def label(self) -> str:
        return f"{self.kind.label} {self.holder}"


def answer(ctx: MessageContext, extraction: Extraction, text: str, told: str) -> Answer | None:
    """The answer to a paper's renewal that records nothing, or None when the message is a
    renewal to propose as usual (or names no paper it can find: the action says why)."""
    if extraction.intent is not Intent.RECORD_DOCUMENT:
        return None
    f = extraction.fields
    records = can(ctx.actor.role, Action.CREATE, Resource.DOCUMENT)
    if records and f.detail not in IN_HAND:
        return None
    held = [_held(ctx, kind, bus, driver) for kind, bus, driver in _said(ctx, f)]
    papers = [p for p in held if p is not None]
    if not papers or len(papers) != len(held):
        return None
    names = names_joined([p.label for p in papers])
    if not records:
        month = None if f.date else month_without_day(text, ctx.today)
        for paper in papers:
            expires = f.date or _a_year_on(paper, ctx.today)
            example = f"{paper.kind.label.lower()} {paper.holder.lower()} berlaku sampai "
            if month is not None:
                # "udah diperpanjang sampai des 2027": his month, its day to ask him.
                example += f"… {SHORT_MONTHS[month.month - 1]} {month.year}"
            else:
                example += f"{expires.day} {SHORT_MONTHS[expires.month - 1]} {expires.year}"
            fleet.report_paper(
                ctx.deps, ctx.actor, paper.label, (paper.entity, paper.entity_id), text, example
            )
        if f.detail in IN_HAND:
            # "kir bus 02 blm diperpanjang": word passed on, nothing renewed to record.
            return Answer(
                f"Terima kasih, kabar soal {names} sudah saya teruskan ke {told}. "
                "Belum ada yang saya ubah."
            )
        # The day he said, so he can see it was read right ("smp 25 des 2031").
        until = f" (berlaku sampai {day_label(f.date, ctx.today)})" if f.date else ""
        return Answer(
            f"Terima kasih, kabar soal {names}{until} sudah saya teruskan ke {told}. "
            "Masa berlakunya yang baru dicatat oleh pemilik atau admin."
        )
    on_record = " ".join(_on_record(ctx, p) for p in papers)
    how = (
        "kirim masa berlakunya yang baru, misalnya: "
        f"*{papers[0].kind.label.lower()} {papers[0].holder.lower()} berlaku sampai …*."
    )
    later = f"Setelah selesai diperpanjang, {how}"
    admins = [u for u in ctx.team if u.role is Role.ADMIN and u.active and u.id != ctx.actor.id]
    if f.detail == "requested" and ctx.actor.role is Role.OWNER and admins:
        # The admin handles the KIR and STNK paperwork: the request is word for them.
        word = ExtractedFields(recipient="admin", message=" ".join(text.split())[:1000])
        relay = extraction.model_copy(
            update={"intent": Intent.RELAY_MESSAGE, "fields": word, "more": ()}
        )
        return Answer(f"Perpanjangan {names} belum saya catat. {on_record}", relay)
    if f.detail == "requested":
        return Answer(f"Baik, perpanjangan {names} belum saya catat. {on_record} {later}")
    if f.detail == "not_renewed":
        # "kir bus 02 blm diperpanjang", "kir bus 05 ga diperpanjang": no paperwork claimed,
        # nothing changed; how to record it once it is renewed after all.
        return Answer(
            f"Baik, tidak ada yang saya ubah untuk {names}. {on_record} "
            f"Kalau nanti diperpanjang, {how}"
        )
    return Answer(f"Baik, {names} sedang diurus; belum ada yang saya catat. {on_record} {later}")


def _said(
    ctx: MessageContext, f: ExtractedFields
) -> list[tuple[DocumentKind | None, str | None, str | None]]:
    """Each paper named: its kind and holder (a driver's SIM with no one named is his own)."""
    said: list[tuple[DocumentKind | None, str | None, str | None]]
    said = [(d.document_kind, d.bus, d.driver) for d in f.documents or []]
    said = said or [(f.document_kind, f.bus, f.driver)]
    own = ctx.actor.name if ctx.actor.role is Role.DRIVER else None
    return [(k, b, d or (own if k in PERSON_DOCUMENTS else None)) for k, b, d in said]


def _held(
    ctx: MessageContext, kind: DocumentKind | None, bus_named: str | None, driver: str | None
) -> _Held | None:
    if kind is None:
        return None
    tenant_id = ctx.actor.tenant_id
    if kind in PERSON_DOCUMENTS:
        person = find_driver(ctx.team, driver) if driver else None
        if person is None:
            return None
        entity, entity_id, holder = "user", person.id, person.name
    else:
        bus = find_bus(ctx.buses, bus_named) if bus_named else None
        if bus is None:
            return None
        entity, entity_id, holder = "bus", bus.id, bus.name
    existing = next(
        (
            d
            for d in ctx.uow.documents.all(tenant_id)
            if d.kind is kind and (d.bus_id if entity == "bus" else d.user_id) == entity_id
        ),
        None,
    )
    return _Held(kind, holder, entity, entity_id, existing)


def _on_record(ctx: MessageContext, paper: _Held) -> str:
    if paper.existing is None:
        return f"{paper.label} belum tercatat masa berlakunya."
    return f"Yang tercatat: {paper.label} {validity(ctx, paper.existing)}."


def _a_year_on(paper: _Held, today: date) -> date:
    """An example expiry for how to record it: a year after the one on record."""
    base = paper.existing.expires_on if paper.existing is not None else today
    try:
        return base.replace(year=base.year + 1)
    except ValueError:  # 29 February
        return base.replace(year=base.year + 1, day=28)


# --- an expiry said by its month alone --------------------------------------------------


def asks_day(ctx: MessageContext, f: ExtractedFields, month: MonthSaid) -> str | None:
    """ "KIR Bus 03 berlaku sampai tanggal berapa di Desember 2027?": the day asked, once,
    for a paper whose expiry was said by its month; None when the paper is not one to ask
    of (several, not found, not recordable here)."""
    if f.documents or f.detail or not can(ctx.actor.role, Action.CREATE, Resource.DOCUMENT):
        return None
    [(kind, bus, driver)] = _said(ctx, f)
    paper = _held(ctx, kind, bus, driver)
    if paper is None:
        return None
    return (
        f"{paper.label} berlaku sampai tanggal berapa di {month.label}? "
        "Cukup balas tanggalnya, misalnya *15*."
    )


def end_of_month_note(month: MonthSaid, today: date) -> str:
    return (
        f"Tanggalnya tidak disebut, jadi saya pakai akhir bulan "
        f"({day_label(month.last_day, today)}); kalau tanggalnya lain, tulis koreksinya."
    )
