"""Where generated papers (PDFs) and received media are kept, and how people reach them.

Files are keyed by tenant: a key means nothing outside its tenant, and no call reads
another tenant's file. A key is a relative path of safe characters ("kwitansi/01J....pdf");
adapters refuse anything else (FileKeyInvalid)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from keloia.domain.model.common import Value


class StoredFile(Value):
    content: bytes
    content_type: str


class FileStore(Protocol):
    def save(self, tenant_id: str, key: str, content: bytes, content_type: str) -> None:
        """Store (or replace) the file at `key` in the tenant's space."""
        ...

    def read(self, tenant_id: str, key: str) -> StoredFile | None:
        """The file, or None when the tenant has no file under that key."""
        ...

    def exists(self, tenant_id: str, key: str) -> bool: ...


class FileLinks(Protocol):
    """Download links that need no login: signed, bound to one tenant and file, expiring."""

    def url(self, tenant_id: str, key: str, filename: str, expires_at: datetime) -> str:
        """The absolute URL a browser or WhatsApp can open until `expires_at`."""
        ...
