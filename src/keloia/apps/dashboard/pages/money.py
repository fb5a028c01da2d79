"""Keuangan: receivables per client with aging, payments in a period, and a chart of
monthly money in and money still owed (an SVG drawn here, no script)."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template
from markupsafe import Markup

from keloia.apps.charts import aging_chart, bar_chart
from keloia.apps.dashboard.pages.common import Visit
from keloia.apps.dashboard.schemas import MonthOut
from keloia.apps.dashboard.security import READ_MONEY
from keloia.apps.dashboard.views import financials, month_of
from keloia.domain.model.common import DateRange
from keloia.domain.model.tenants import User
from keloia.domain.model.text import SHORT_MONTHS
from keloia.domain.services import fleet, money, season
from keloia.domain.services.deps import Deps

WIDTH, HEIGHT, TOP, BOTTOM = 360, 190, 16, 28


def chart(months: list[MonthOut]) -> dict[str, Any]:
    """Bars for each month: received (left) and outstanding (right), scaled to the tallest,
    with the value in millions over each bar."""
    tallest = max([m.received for m in months] + [m.outstanding for m in months] + [1])
    slot = WIDTH / len(months)
    bar = slot * 0.32
    usable = HEIGHT - TOP - BOTTOM
    bars = []
    for i, m in enumerate(months):
        x = i * slot + slot * 0.14
        for j, (value, kind) in enumerate(((m.received, "in"), (m.outstanding, "owed"))):
            h = round(usable * max(value, 0) / tallest, 1)
            bars.append(
                {
                    "x": round(x + j * (bar + 2), 1),
                    "y": round(HEIGHT - BOTTOM - h, 1),
                    "w": round(bar, 1),
                    "h": h,
                    "kind": kind,
                    "label": f"{value / 1_000_000:.1f}".replace(".", ",") if value else "",
                }
            )
    labels = [
        {"x": round(i * slot + slot / 2, 1), "text": SHORT_MONTHS[m.month.month - 1]}
        for i, m in enumerate(months)
    ]
    return {"bars": bars, "labels": labels, "w": WIDTH, "h": HEIGHT, "base": HEIGHT - BOTTOM}


def beyond_the_ledger(deps: Deps, user: User, period: DateRange) -> dict[str, Any]:
    """Profit per bus and per trip, what was spent (trips and workshop), bus utilisation,
    receivables by age and the weeks ahead (domain/services/money.py), with their SVG
    charts (apps/charts.py)."""
    with deps.uow() as uow:
        names = {b.id: b.name for b in uow.buses.all(user.tenant_id)}
    profit = money.profit_between(deps, user, period)
    use = money.utilisation(deps, user, period)
    aging = money.receivables_aging(deps, user)
    # What was spent in the period, as the chat tells it ("pengeluaran bulan ini brp"): the
    # trips' costs and the workshop's.
    workshop = fleet.workshop_spending(deps, user, period)
    per_bus = [
        (names.get(bus, bus) if bus else "belum ditentukan", revenue - costs)
        for bus, (revenue, costs) in sorted(
            profit.per_bus.items(), key=lambda kv: kv[1][1] - kv[1][0]
        )
    ]
    return {
        "profit": profit,
        "workshop": workshop,
        "workshop_total": sum(w.cost for w in workshop),
        "profit_chart": Markup(bar_chart("Laba per bus", per_bus)),
        "aging_chart": Markup(aging_chart(aging)),
        "use": use,
        "bus_names": names,
        "season": season.outlook(deps, user, deps.calendar, weeks=4),
        "unpriced": money.unpriced_bookings(deps, user),
    }


class MoneyPages(Controller):
    include_in_schema = False

    @get("/keuangan", guards=[READ_MONEY])
    async def money(
        self,
        visit: NamedDependency[Visit],
        dari: FromQuery[date | None] = None,
        sampai: FromQuery[date | None] = None,
    ) -> Template:
        deps, user = visit.deps, visit.user

        def read() -> dict[str, Any]:
            period = month_of(dari, sampai, deps.clock.today())
            figures = financials(deps, user, period)
            return {
                "f": figures,
                "chart": chart(figures.months),
                "period": period,
                **beyond_the_ledger(deps, user, period),
            }

        return await visit.page("keuangan.html", read, title="Keuangan", section="/keuangan")
