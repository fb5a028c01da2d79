"""What every page shares: the layout's context, form reading, redirects with a notice."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import anyio
from litestar import Request, get, post
from litestar.datastructures import FormMultiDict
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.response import Redirect, Response, Template
from pydantic import BaseModel, ValidationError

from keloia.apps.dashboard.controllers.common import path_key
from keloia.apps.dashboard.security import Auth, Guard, keloia_of
from keloia.domain.errors import DomainError, InvalidInput
from keloia.domain.model.bookings import BookingStatus
from keloia.domain.model.common import labels
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.money import CostCategory
from keloia.domain.model.payments import PAYMENT_LABELS, method_label
from keloia.domain.model.tenants import ROLE_LABELS, User
from keloia.domain.model.text import SHORT_MONTHS, format_date, format_km
from keloia.domain.services.deps import Deps

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]


def short_date(day: date) -> str:
    return f"{day.day} {SHORT_MONTHS[day.month - 1]}"


def layout(deps: Deps, auth: Auth) -> dict[str, Any]:
    """The header's PO name and unread alerts, read in one transaction."""
    user = auth.user
    with deps.uow() as uow:
        tenant = uow.tenants.get(user.tenant_id)
        unread = len(uow.alerts.unread(user.tenant_id, user.id))
    return {
        "me": user,
        "csrf": auth.csrf,
        "po_name": tenant.name if tenant else "",
        "unread": unread,
        "today": deps.clock.today(),
    }


BASE: dict[str, Any] = {
    "status_labels": labels(BookingStatus),
    "doc_labels": labels(DocumentKind),
    "bus_labels": labels(BusStatus),
    "work_labels": labels(MaintenanceType),
    "pay_labels": {k.value: v for k, v in PAYMENT_LABELS.items()},
    "role_labels": {k.value: v for k, v in ROLE_LABELS.items()},
    "cost_labels": labels(CostCategory),
    "fmt_date": format_date,
    "fmt_km": format_km,
    "short_date": short_date,
    "method_label": method_label,
    "day_names": DAYS,
}


async def page(
    request: Request[Any, Any, Any],
    auth: Auth | None,
    template: str,
    build: Callable[[], dict[str, Any]] | None = None,
    status_code: int = 200,
    **context: Any,
) -> Template:
    """Render `template` with the layout's context and what `build` reads (in a thread:
    the database calls are blocking)."""
    deps = keloia_of(request).deps

    def read() -> dict[str, Any]:
        values = layout(deps, auth) if auth else {"today": deps.clock.today()}
        if build is not None:
            values |= build()
        return values

    values = await anyio.to_thread.run_sync(read)
    zone = ZoneInfo(keloia_of(request).settings.timezone)

    def when(moment: datetime) -> str:
        local = moment.astimezone(zone)
        return f"{format_date(local.date())} {local:%H.%M}"

    values["when"] = when
    notice = request.query_params.get("ok")
    return Template(
        template_name=template,
        context=BASE | {"notice": NOTICES.get(notice or "", "")} | values | context,
        status_code=status_code,
    )


@dataclass(frozen=True)
class Visit:
    """One request for a page: the request, who is signed in, and the use cases' deps,
    always needed together. Every page handler takes it (the `visit` dependency), and so
    do the helpers that answer for one."""

    request: Request[Any, Any, Any]
    auth: Auth
    deps: Deps

    @property
    def user(self) -> User:
        return self.auth.user

    async def page(
        self,
        template: str,
        build: Callable[[], dict[str, Any]] | None = None,
        status_code: int = 200,
        **context: Any,
    ) -> Template:
        return await page(self.request, self.auth, template, build, status_code, **context)


async def provide_visit(
    request: Request[Any, Any, Any], auth: NamedDependency[Auth], deps: NamedDependency[Deps]
) -> Visit:
    """The page request's `visit`; only reachable behind a guard, which checked `auth`."""
    return Visit(request, auth, deps)


# Notices after a form was saved: keyed, so a link cannot make the page say anything.
NOTICES = {
    "booking": "Booking tersimpan.",
    "bayar": "Pembayaran tercatat.",
    "refund": "Refund tercatat.",
    "status": "Status booking diperbarui.",
    "bus": "Bus tersimpan.",
    "dokumen": "Dokumen tersimpan.",
    "servis": "Catatan servis tersimpan.",
    "interval": "Jadwal servis berkala tersimpan.",
    "tim": "Data tim diperbarui.",
    "undangan": "Kode undangan dibuat. Minta orangnya mengirim kode ini ke nomor WhatsApp Keloia.",
    "cabut": "Kode undangan dicabut.",
    "pengaturan": "Pengaturan tersimpan.",
    "baca": "Peringatan ditandai sudah dibaca.",
    "biaya": "Biaya perjalanan tercatat.",
    "bebas": "Biaya pembatalan dibebaskan. Seluruh uang yang sudah dibayar perlu dikembalikan.",
}


def done(path: str, notice: str) -> Redirect:
    """After a saved form: back to a page, with a notice (post, redirect, get)."""
    return Redirect(path=f"{path}{'&' if '?' in path else '?'}ok={quote(notice)}", status_code=303)


async def form_of(request: Request[Any, Any, Any]) -> FormMultiDict:
    return await request.form()


def text(form: FormMultiDict, key: str) -> str:
    value = form.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def number(form: FormMultiDict, key: str) -> int | None:
    """A whole number as people type it ("15.000.000", "15 000 000", "45")."""
    raw = text(form, key).replace(".", "").replace(" ", "").replace(",", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise ValueError(key)
    return int(raw)


def day(form: FormMultiDict, key: str) -> date | None:
    raw = text(form, key)
    if not raw:
        return None
    value = date.fromisoformat(raw)
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise ValueError(key)
    return value


# Form fields typed as people write money ("1.200.000").
MONEY_FIELDS = {"amount", "price", "cost"}


def draft_of_form(model: type[M], form: FormMultiDict, **fixed: object) -> M:
    """A use case's draft from a form whose fields are named as the draft's: money read
    as people type it, empty fields left to the draft's defaults (or its refusal)."""
    values = dict(fixed)
    for name in model.model_fields.keys() - fixed.keys():
        if name in MONEY_FIELDS:
            values[name] = number(form, name)
        elif text(form, name):
            values[name] = text(form, name)
    return model.model_validate(values)


def required_day(form: FormMultiDict, key: str, missing: str) -> date:
    """A date the form cannot do without; `missing` says so in the page's words."""
    found = day(form, key)
    if found is None:
        raise InvalidInput(missing)
    return found


async def run(fn: Callable[[], T]) -> T:
    return await anyio.to_thread.run_sync(fn)


# What a form may be refused with: a business rule, a schema, a value that does not parse.
FORM_ERRORS = (DomainError, ValidationError, ValueError)

# Fields of the booking and payment forms, as people read them when a value is refused.
FIELD_NAMES = {
    "client_name": "nama klien",
    "depart_date": "tanggal berangkat",
    "return_date": "tanggal pulang",
    "price": "harga",
    "passengers": "jumlah penumpang",
    "pickup_time": "jam jemput",
    "bus_count": "jumlah bus",
    "settlement_due_date": "batas pelunasan",
    "client_phone": "nomor klien",
    "amount": "jumlah",
    "paid_date": "tanggal bayar",
    "method": "cara bayar",
    "category": "jenis biaya",
    "settlement_reminder_days": "hari pengingat pelunasan",
    "document_reminder_days": "hari pengingat dokumen",
    "cancellation_fees": "tingkatan biaya pembatalan",
    "briefing_time": "jam ringkasan pagi",
    "settlement_days_before_departure": "batas pelunasan",
    "expiry_warning_days": "jarak peringatan",
    "uang_jalan_per_day": "uang jalan per hari",
}


def explain(exc: Exception) -> str:
    """A refused form, in the words the page shows."""
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        fields = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        listed = ", ".join(sorted(FIELD_NAMES.get(f, f) for f in fields))
        return f"Periksa isian: {listed}."
    if exc.args and exc.args[0] in FIELD_NAMES:  # `number` and `day` name the field
        return f"Periksa isian: {FIELD_NAMES[exc.args[0]]}."
    return "Periksa kembali isian formulir."


async def submit(
    work: Callable[[], object], saved: Redirect, again: Callable[[str], Awaitable[Template]]
) -> Response[Any]:
    """A form's round trip: `work` (reading the values and the use case, in a thread),
    then `saved`; refused or mistyped, `again` shows the page with the reason (a 4xx,
    never a 500, what was typed is not lost: the page is the one it was typed on)."""
    try:
        await run(work)
    except FORM_ERRORS as exc:
        return await again(explain(exc))
    return saved


# What a record's page reads, given the record's id ("" for a page of no one record).
PageRead = Callable[[Deps, Auth, str], dict[str, Any]]


class RecordPage:
    """A page shown for a record (or for the PO), again with a refusal when one of its
    forms was refused: one way to show the pages the forms go back to."""

    def __init__(self, template: str, title: str, section: str, read: PageRead, **context: Any):
        self.template, self.title, self.section = template, title, section
        self.read, self.context = read, context

    async def __call__(
        self, visit: Visit, record_id: str = "", error: str = "", **extra: Any
    ) -> Template:
        return await visit.page(
            self.template,
            lambda: self.read(visit.deps, visit.auth, record_id),
            status_code=422 if error else 200,
            title=self.title,
            section=self.section,
            error=error,
            **(self.context | extra),
        )


# What a route of a record's page answers, given the record's id (the path's one
# parameter; "" for a page of no one record).
RecordAnswer = Callable[[Visit, str], Awaitable[Response[Any]]]


def record_route(
    method: Callable[..., HTTPRouteHandler], path: str, guard: Guard, answer: RecordAnswer
) -> HTTPRouteHandler:
    """A route (`method`: litestar's `get` or `post`) of a record's page: one handler for
    them all, which reads the record's id from the path and lets `answer` answer."""
    key = path_key(path)

    async def handler(self: Any, visit: NamedDependency[Visit]) -> Response[Any]:
        return await answer(visit, str(visit.request.path_params.get(key, "")))

    return method(path, guards=[guard])(handler)


def shown_at(shown: RecordPage, path: str, guard: Guard) -> HTTPRouteHandler:
    """The route that shows `shown` at `path`."""
    return record_route(get, path, guard, shown)


# What a record's form does: the use case with the record's id (the path's parameter)
# and the form; and the record's page shown again with a refusal.
FormWork = Callable[[Deps, User, str, FormMultiDict], object]
PageAgain = Callable[[Visit, str, str], Awaitable[Template]]


def record_forms(
    again: PageAgain, back: str
) -> Callable[[str, Guard, str, FormWork], HTTPRouteHandler]:
    """The routes of the forms posted from one record's page (a booking, a bus, the team):
    one handler serves them all, so a form is its path, guard, notice and work. Saved:
    back to `back` (formatted with the record's id) with the notice; refused: `again`
    shows the page with the reason."""

    def route(path: str, guard: Guard, notice: str, work: FormWork) -> HTTPRouteHandler:
        async def save(visit: Visit, record_id: str) -> Response[Any]:
            form = await form_of(visit.request)
            return await submit(
                lambda: work(visit.deps, visit.user, record_id, form),
                done(back.format(record_id), notice),
                lambda error: again(visit, record_id, error),
            )

        return record_route(post, path, guard, save)

    return route
