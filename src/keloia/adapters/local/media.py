"""Media on the embedded default: with no Cloud API, the simulator's photos and files wait
here (bounded) to be fetched by id, exactly as the Cloud API's would: in the process, or
in a folder when the worker that fetches them is another process (`keloia serve` with
worker processes)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

from ulid import ULID

from keloia.domain.errors import MediaUnavailable
from keloia.ports.messaging import FetchedMedia

KEEP = 50  # files waiting at most; the worker fetches each within a second or two


class LocalMediaSource:
    def __init__(self, folder: Path | None = None) -> None:
        self._files: OrderedDict[str, FetchedMedia] = OrderedDict()
        self._lock = threading.Lock()
        self.folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def put(self, content: bytes, mime_type: str) -> str:
        media_id = f"local{ULID()}"
        if self.folder is not None:
            self._put_file(media_id, content, mime_type)
            return media_id
        with self._lock:
            self._files[media_id] = FetchedMedia(content=content, mime_type=mime_type)
            while len(self._files) > KEEP:
                self._files.popitem(last=False)
        return media_id

    def fetch(self, media_id: str, max_bytes: int) -> FetchedMedia:
        found = self._read_file(media_id) if self.folder is not None else None
        if self.folder is None:
            with self._lock:
                found = self._files.get(media_id)
        if found is None:
            raise MediaUnavailable("no such local media", retryable=False)
        if len(found.content) > max_bytes:
            raise MediaUnavailable("the file is over the limit", retryable=False)
        return found

    def _put_file(self, media_id: str, content: bytes, mime_type: str) -> None:
        assert self.folder is not None
        partial = self.folder / f"{media_id}.part"
        partial.write_bytes(mime_type.encode() + b"\n" + content)
        os.replace(partial, self.folder / media_id)  # whole or not there
        # ULIDs sort by time: the oldest beyond KEEP go.
        for old in sorted(p for p in os.listdir(self.folder) if not p.endswith(".part"))[:-KEEP]:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / old).unlink()

    def _read_file(self, media_id: str) -> FetchedMedia | None:
        assert self.folder is not None
        if not media_id.startswith("local") or not media_id[5:].isalnum():
            return None  # never a path outside the folder
        try:
            raw = (self.folder / media_id).read_bytes()
        except FileNotFoundError:
            return None
        mime_type, _, content = raw.partition(b"\n")
        return FetchedMedia(content=content, mime_type=mime_type.decode())
