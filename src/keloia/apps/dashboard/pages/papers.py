"""Papers from the dashboard's pages: a link draws the PDF (or finds the kept one) and
sends the browser on to its signed download URL, which a phone opens in its PDF viewer.
The routes are those of the API's table (`controllers/papers.py` `PAPERS`)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from keloia.apps.dashboard.controllers.papers import (
    PAPERS,
    TRIP_SHEET_GUARD,
    Paper,
    paper_route,
)
from keloia.apps.dashboard.security import Auth
from keloia.domain.services import papers
from keloia.domain.services.deps import Deps
from keloia.domain.services.papers import PaperLink


def paper_page(name: str, paper: Paper) -> HTTPRouteHandler:
    route = get(paper.page_path, sync_to_thread=True, guards=[paper.guard])
    return paper_route(name, paper, route, to_download, Redirect)


def to_download(link: PaperLink) -> Redirect:
    return Redirect(link.url, status_code=303)


class PaperPages(Controller):
    confirmation = paper_page("confirmation", PAPERS["trip"])
    receipt = paper_page("receipt", PAPERS["receipt"])
    roadworthiness = paper_page("roadworthiness", PAPERS["roadworthiness"])

    @get(
        "/booking/{booking_id:str}/surat-jalan.pdf", sync_to_thread=True, guards=[TRIP_SHEET_GUARD]
    )
    def trip_sheet(
        self,
        auth: NamedDependency[Auth],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
        bus: FromQuery[str | None] = None,
    ) -> Redirect:
        return to_download(papers.trip_sheet(deps, auth.user, booking_id, bus))
