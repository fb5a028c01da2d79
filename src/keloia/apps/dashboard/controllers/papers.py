"""Papers from the dashboard's JSON API: each POST draws the PDF (or finds the kept one
for the same data) and answers its signed download URL.

`PAPERS` is the one table of the papers drawn for one record: the API routes here and
the page routes (`pages/papers.py`) are both made from it. The trip sheet, which also
takes the bus, is written out on each side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, FromQuery
from pydantic import BaseModel

from keloia.apps.dashboard.controllers.common import api, path_key
from keloia.apps.dashboard.security import READ_MONEY, Guard, allow
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import papers
from keloia.domain.services.deps import Deps
from keloia.domain.services.papers import PaperLink

T = TypeVar("T")


class PaperOut(BaseModel):
    url: str  # signed, expiring, opens without a session (to forward to a client)
    filename: str
    kind: str
    title: str
    version: str

    @classmethod
    def of(cls, link: PaperLink) -> PaperOut:
        return cls(
            url=link.url,
            filename=link.filename,
            kind=link.kind.value,
            title=link.title,
            version=link.version,
        )


@dataclass(frozen=True)
class Paper:
    """A paper of one record, named by the routes' one path parameter."""

    api_path: str  # POST under /api/pdf: answers the signed download URL
    page_path: str  # GET: sends the browser on to that URL
    guard: Guard
    draw: Callable[[Deps, User, str], PaperLink]

    def link(self, request: Request[Any, Any, Any], user: User, deps: Deps) -> PaperLink:
        """The paper of the record the request's path names."""
        return self.draw(deps, user, str(request.path_params[path_key(self.api_path)]))


PAPERS = {
    # The trip confirmation (konfirmasi booking) for the client.
    "trip": Paper(
        "/trip/{booking_id:str}",
        "/booking/{booking_id:str}/konfirmasi.pdf",
        READ_MONEY,
        papers.confirmation,
    ),
    # A payment's kwitansi (with the invoice for what is still due).
    "receipt": Paper(
        "/receipt/{payment_id:str}",
        "/pembayaran/{payment_id:str}/kwitansi.pdf",
        READ_MONEY,
        papers.receipt,
    ),
    # A bus's kartu kelaikan (KIR, STNK, izin angkutan, insurance) as of today.
    "roadworthiness": Paper(
        "/bus/{bus_id:str}",
        "/armada/{bus_id:str}/kelaikan.pdf",
        allow(Action.READ, Resource.DOCUMENT),
        papers.roadworthiness,
    ),
}
TRIP_SHEET_GUARD = allow(Action.READ, Resource.BOOKING, roles=(Role.OWNER, Role.ADMIN, Role.DRIVER))


def paper_route(
    name: str,
    paper: Paper,
    route: HTTPRouteHandler,
    answer: Callable[[PaperLink], T],
    answers: type[T],
) -> HTTPRouteHandler:
    """A route of `paper` (`route`: the API's POST or the page's GET) whose handler draws
    the record's paper and gives the link to `answer`. Litestar reads the handler's name
    (the OpenAPI operation) and return type (the answer's schema) from the function."""

    def handler(
        self: Any,
        request: Request[Any, Any, Any],
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
    ) -> Any:
        return answer(paper.link(request, user, deps))

    handler.__name__ = name
    handler.__annotations__["return"] = answers
    return route(handler)


def paper_api(name: str, paper: Paper) -> HTTPRouteHandler:
    route = api(post, paper.api_path, paper.guard, 404, status_code=200)
    return paper_route(name, paper, route, PaperOut.of, PaperOut)


class PapersController(Controller):
    path = "/api/pdf"
    tags = ("Dokumen",)

    trip = paper_api("trip", PAPERS["trip"])
    receipt = paper_api("receipt", PAPERS["receipt"])
    roadworthiness = paper_api("roadworthiness", PAPERS["roadworthiness"])

    @api(post, "/trip-sheet/{booking_id:str}", TRIP_SHEET_GUARD, 404, status_code=200)
    def trip_sheet(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
        bus: FromQuery[str | None] = None,
    ) -> PaperOut:
        """The surat jalan of one bus of the booking (the first when not named)."""
        return PaperOut.of(papers.trip_sheet(deps, user, booking_id, bus))
