"""Signed download links: /files/<token>/<filename>, where the token names the tenant, the
file and the expiry, sealed with an HMAC. Nothing else is needed to open it (a client on
WhatsApp has no login); a link that was changed, expired, or names a file that is not
there is a 404, the same answer as for a file of another tenant."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime
from urllib.parse import quote

from keloia.ports.files import FileStore

from .keys import FileKeyInvalid, check_key

SYSTEM_SPACE = "system"  # not a tenant id (those are ULIDs): where the link key is kept
KEY_FILE = "signing-key"


class SignedLinks:
    def __init__(self, secret: bytes, base_url: str) -> None:
        if len(secret) < 16:
            raise ValueError("the link signing key needs at least 16 bytes")
        self._secret = secret
        self.base_url = base_url.rstrip("/")

    def token(self, tenant_id: str, key: str, expires_at: datetime) -> str:
        check_key(tenant_id, key)
        claims = json.dumps([tenant_id, key, int(expires_at.timestamp())], separators=(",", ":"))
        body = _b64(claims.encode())
        return f"{body}.{self._mac(body)}"

    def url(self, tenant_id: str, key: str, filename: str, expires_at: datetime) -> str:
        name = quote(filename or key.rsplit("/", 1)[-1], safe="")
        return f"{self.base_url}/files/{self.token(tenant_id, key, expires_at)}/{name}"

    def open(self, token: str, now: datetime) -> tuple[str, str] | None:
        """(tenant id, key) of a genuine, unexpired token; None for anything else."""
        body, _, mac = token.partition(".")
        if not body or not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            tenant_id, key, expires = json.loads(base64.urlsafe_b64decode(body + "=="))
            check_key(str(tenant_id), str(key))
        except (ValueError, TypeError, FileKeyInvalid):
            return None
        if not isinstance(expires, int) or now.timestamp() >= expires:
            return None
        return str(tenant_id), str(key)

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._secret, body.encode(), hashlib.sha256).digest()
        return _b64(digest[:20])


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def shared_signing_key(store: FileStore) -> bytes:
    """The link key kept in the file store itself, so every process that shares the store
    (one folder, or one bucket when scaled out) signs and checks with the same key. Made
    on first use; reading it back after writing lets two first starts agree on one."""
    found = store.read(SYSTEM_SPACE, KEY_FILE)
    if found is None:
        store.save(SYSTEM_SPACE, KEY_FILE, secrets.token_bytes(32), "application/octet-stream")
        found = store.read(SYSTEM_SPACE, KEY_FILE)
    assert found is not None
    return found.content
