"""Where generated documents (trip PDFs) are kept."""

from __future__ import annotations

from typing import Protocol


class FileStore(Protocol):
    def save(self, tenant_id: str, name: str, content: bytes) -> str:
        """Store and return the key under which it can be read back."""
        ...

    def read(self, tenant_id: str, key: str) -> bytes | None: ...
