"""The embedded file store: a folder per tenant under KELOIA_FILES_DIR."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from keloia.ports.files import StoredFile

from .keys import META_SUFFIX, check_key


class LocalFileStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, tenant_id: str, key: str) -> Path:
        tenant, parts = check_key(tenant_id, key)
        return self.root.joinpath(tenant, *parts)

    def save(self, tenant_id: str, key: str, content: bytes, content_type: str) -> None:
        path = self._path(tenant_id, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # The type first, then the file: a reader that finds the file finds its type too.
        _write_atomically(
            path.with_name(path.name + META_SUFFIX),
            json.dumps({"content_type": content_type}).encode(),
        )
        _write_atomically(path, content)

    def read(self, tenant_id: str, key: str) -> StoredFile | None:
        path = self._path(tenant_id, key)
        try:
            content = path.read_bytes()
            meta = json.loads(path.with_name(path.name + META_SUFFIX).read_bytes())
        except FileNotFoundError:
            return None
        return StoredFile(content=content, content_type=str(meta["content_type"]))

    def exists(self, tenant_id: str, key: str) -> bool:
        return self._path(tenant_id, key).is_file()


def _write_atomically(path: Path, content: bytes) -> None:
    """Whole or not at all: a crash mid-write never leaves half a PDF under the key."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
