"""What a file key and a tenant id may look like: no way out of the tenant's space."""

from __future__ import annotations

import re

_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
META_SUFFIX = ".meta"


class FileKeyInvalid(ValueError):
    """A key or tenant id that could name something outside the tenant's space."""


def check_key(tenant_id: str, key: str) -> tuple[str, list[str]]:
    """The tenant id and the key's parts, or FileKeyInvalid."""
    if not _PART.match(tenant_id):
        raise FileKeyInvalid(f"bad tenant id: {tenant_id!r}")
    parts = key.split("/")
    if (
        not 1 <= len(parts) <= 4
        or not all(_PART.match(p) and ".." not in p for p in parts)
        or key.endswith(META_SUFFIX)
    ):
        raise FileKeyInvalid(f"bad file key: {key!r}")
    return tenant_id, parts
