"""Papers from the dashboard's JSON API: each POST draws the PDF (or finds the kept one
for the same data) and answers its signed download URL."""

from __future__ import annotations

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from pydantic import BaseModel

from keloia.apps.dashboard.controllers.common import api
from keloia.apps.dashboard.security import allow
from keloia.domain.model.permissions import Action, Resource
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import papers
from keloia.domain.services.deps import Deps
from keloia.domain.services.papers import PaperLink


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


class PapersController(Controller):
    path = "/api/pdf"
    tags = ("Dokumen",)

    @api(post, "/trip/{booking_id:str}", allow(Action.READ, Resource.PAYMENT), 404, status_code=200)
    def trip(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], booking_id: FromPath[str]
    ) -> PaperOut:
        """The trip confirmation (konfirmasi booking) PDF: its download URL."""
        return PaperOut.of(papers.confirmation(deps, user, booking_id))

    @api(
        post,
        "/receipt/{payment_id:str}",
        allow(Action.READ, Resource.PAYMENT),
        404,
        status_code=200,
    )
    def receipt(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], payment_id: FromPath[str]
    ) -> PaperOut:
        """A payment's kwitansi (with the invoice for what is still due)."""
        return PaperOut.of(papers.receipt(deps, user, payment_id))

    @api(
        post,
        "/trip-sheet/{booking_id:str}",
        allow(Action.READ, Resource.BOOKING, roles=(Role.OWNER, Role.ADMIN, Role.DRIVER)),
        404,
        status_code=200,
    )
    def trip_sheet(
        self,
        user: NamedDependency[User],
        deps: NamedDependency[Deps],
        booking_id: FromPath[str],
        bus: FromQuery[str | None] = None,
    ) -> PaperOut:
        """The surat jalan of one bus of the booking (the first when not named)."""
        return PaperOut.of(papers.trip_sheet(deps, user, booking_id, bus))

    @api(post, "/bus/{bus_id:str}", allow(Action.READ, Resource.DOCUMENT), 404, status_code=200)
    def roadworthiness(
        self, user: NamedDependency[User], deps: NamedDependency[Deps], bus_id: FromPath[str]
    ) -> PaperOut:
        """A bus's kartu kelaikan (KIR, STNK, izin angkutan, insurance) as of today."""
        return PaperOut.of(papers.roadworthiness(deps, user, bus_id))
