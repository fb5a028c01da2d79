"""GET /files/<token>/<filename>: a paper or a received file, by signed link.

The link is the key: whoever holds it may open it until it expires (a client on WhatsApp
has no login). A changed, expired or foreign link is a 404, exactly like a missing file."""

from __future__ import annotations

from urllib.parse import quote

from litestar import get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Response

from keloia.bootstrap import Keloia

NOT_FOUND = "Berkas tidak ditemukan atau tautannya sudah kedaluwarsa."


@get("/files/{token:str}/{filename:str}", sync_to_thread=True, include_in_schema=False)
def download(
    keloia: NamedDependency[Keloia], token: FromPath[str], filename: FromPath[str]
) -> Response[bytes]:
    links, files = keloia.links, keloia.deps.files
    opened = links.open(token, keloia.deps.clock.now()) if links else None
    if opened is None or files is None:
        raise NotFoundException(detail=NOT_FOUND)
    tenant_id, key = opened
    stored = files.read(tenant_id, key)
    if stored is None:
        raise NotFoundException(detail=NOT_FOUND)
    # inline: a phone opens the PDF in its viewer rather than only saving it.
    disposition = f"inline; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(
        stored.content,
        media_type=stored.content_type,
        headers={
            "Content-Disposition": disposition,
            "Cache-Control": "private, max-age=300",
            "X-Content-Type-Options": "nosniff",
        },
    )
