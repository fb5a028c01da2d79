"""Media on the embedded default: with no Cloud API, the simulator's photos and files wait
here (in the process, bounded) to be fetched by id, exactly as the Cloud API's would."""

from __future__ import annotations

import threading
from collections import OrderedDict

from ulid import ULID

from keloia.domain.errors import MediaUnavailable
from keloia.ports.messaging import FetchedMedia

KEEP = 50  # files waiting at most; the worker fetches each within a second or two


class LocalMediaSource:
    def __init__(self) -> None:
        self._files: OrderedDict[str, FetchedMedia] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, content: bytes, mime_type: str) -> str:
        media_id = f"local{ULID()}"
        with self._lock:
            self._files[media_id] = FetchedMedia(content=content, mime_type=mime_type)
            while len(self._files) > KEEP:
                self._files.popitem(last=False)
        return media_id

    def fetch(self, media_id: str, max_bytes: int) -> FetchedMedia:
        with self._lock:
            found = self._files.get(media_id)
        if found is None:
            raise MediaUnavailable("no such local media", retryable=False)
        if len(found.content) > max_bytes:
            raise MediaUnavailable("the file is over the limit", retryable=False)
        return found
