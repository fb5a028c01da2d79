"""What every page shares: the layout's context, form reading, redirects with a notice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import anyio
from litestar import Request
from litestar.datastructures import FormMultiDict
from litestar.response import Redirect, Template

from keloia.apps.dashboard.security import Auth, keloia_of
from keloia.domain.model.bookings import STATUS_LABELS
from keloia.domain.model.fleet import BUS_STATUS_LABELS, DOCUMENT_LABELS, MAINTENANCE_LABELS
from keloia.domain.model.payments import PAYMENT_LABELS
from keloia.domain.model.tenants import ROLE_LABELS
from keloia.domain.model.text import format_date
from keloia.domain.services.deps import Deps

T = TypeVar("T")

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def layout(deps: Deps, auth: Auth) -> dict[str, Any]:
    """The header's PO name and unread alerts, read in one transaction."""
    user = auth.user
    with deps.uow() as uow:
        tenant = uow.tenants.get(user.tenant_id)
        unread = len(uow.alerts.for_user(user.tenant_id, user.id))
    return {
        "me": user,
        "csrf": auth.csrf,
        "po_name": tenant.name if tenant else "",
        "unread": unread,
        "today": deps.clock.today(),
    }


BASE: dict[str, Any] = {
    "status_labels": {k.value: v for k, v in STATUS_LABELS.items()},
    "doc_labels": {k.value: v for k, v in DOCUMENT_LABELS.items()},
    "bus_labels": {k.value: v for k, v in BUS_STATUS_LABELS.items()},
    "work_labels": {k.value: v for k, v in MAINTENANCE_LABELS.items()},
    "pay_labels": {k.value: v for k, v in PAYMENT_LABELS.items()},
    "role_labels": {k.value: v for k, v in ROLE_LABELS.items()},
    "fmt_date": format_date,
    "short_date": short_date,
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


# Notices after a form was saved: keyed, so a link cannot make the page say anything.
NOTICES = {
    "booking": "Booking tersimpan.",
    "bayar": "Pembayaran tercatat.",
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


async def run(fn: Callable[[], T]) -> T:
    return await anyio.to_thread.run_sync(fn)
