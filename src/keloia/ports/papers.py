"""Drawing a paper (konfirmasi, kwitansi, surat jalan, kartu kelaikan) as a file."""

from __future__ import annotations

from typing import Protocol

from keloia.domain.model.papers import Paper


class PaperRenderer(Protocol):
    content_type: str

    def render(self, paper: Paper, logo: bytes | None = None) -> bytes:
        """The paper as a finished document (a PDF); `logo` is the PO's image, if any."""
        ...
