"""What every controller shares: error responses for the OpenAPI document."""

from __future__ import annotations

from litestar.openapi.datastructures import ResponseSpec

from keloia.apps.dashboard.schemas import ErrorOut


def errors(*codes: int) -> dict[int, ResponseSpec]:
    words = {
        400: "malformed request",
        401: "not signed in",
        403: "this role may not do this, or the CSRF token is missing",
        404: "no such record in this PO (another PO's record reads the same)",
        409: "a bus or crew member is already booked, or warnings need acknowledging",
        422: "a business rule refused the values",
        429: "too many attempts",
    }
    return {c: ResponseSpec(ErrorOut, description=words[c]) for c in (400, 401, 403, *codes)}
