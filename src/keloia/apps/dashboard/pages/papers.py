"""Papers from the dashboard's pages: a link draws the PDF (or finds the kept one) and
sends the browser on to its signed download URL, which a phone opens in its PDF viewer."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from keloia.apps.dashboard.security import Auth, allow
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role
from keloia.domain.services import papers
from keloia.domain.services.deps import Deps


class PaperPages(Controller):
    @get(
        "/booking/{booking_id:str}/konfirmasi.pdf",
        sync_to_thread=True,
        guards=[allow(Action.READ, Resource.PAYMENT)],
    )
    def confirmation(
        self, auth: NamedDependency[Auth], deps: NamedDependency[Deps], booking_id: FromPath[str]
    ) -> Redirect:
        return Redirect(papers.confirmation(deps, auth.user, booking_id).url, status_code=303)

    @get(
        "/booking/{booking_id:str}/surat-jalan.pdf",
        sync_to_thread=True,
        guards=[allow(Action.READ, Resource.BOOKING, roles=(Role.OWNER, Role.ADMIN, Role.DRIVER))],
    )
    def trip_sheet(
        self,
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
        bus: FromQuery[str | None] = None,
    ) -> Redirect:
        link = papers.trip_sheet(deps, auth.user, booking_id, bus)
        return Redirect(link.url, status_code=303)

    @get(
        "/pembayaran/{payment_id:str}/kwitansi.pdf",
        sync_to_thread=True,
        guards=[allow(Action.READ, Resource.PAYMENT)],
    )
    def receipt(
        self, auth: NamedDependency[Auth], deps: NamedDependency[Deps], payment_id: FromPath[str]
    ) -> Redirect:
        return Redirect(papers.receipt(deps, auth.user, payment_id).url, status_code=303)

    @get(
        "/armada/{bus_id:str}/kelaikan.pdf",
        sync_to_thread=True,
        guards=[allow(Action.READ, Resource.DOCUMENT)],
    )
    def roadworthiness(
        self, auth: NamedDependency[Auth], deps: NamedDependency[Deps], bus_id: FromPath[str]
    ) -> Redirect:
        return Redirect(papers.roadworthiness(deps, auth.user, bus_id).url, status_code=303)
