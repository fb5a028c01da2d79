"""Fetching what people send (photos, documents, voice notes) from the Cloud API: first
the media's URL by its id, then the file from that URL, both with the access token.

The token goes only to the Graph API's own host or to an https URL Meta handed out, and
the download stops at the size limit instead of filling memory."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from keloia.domain.errors import MediaUnavailable
from keloia.ports.messaging import FetchedMedia


class CloudApiMedia:
    def __init__(
        self,
        api_url: str,
        access_token: str,
        client: httpx.Client | None = None,
        timeout: float = 20.0,
    ) -> None:
        self._api_url = api_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._client = client or httpx.Client(timeout=timeout, follow_redirects=False)
        self._timeout = timeout

    def fetch(self, media_id: str, max_bytes: int) -> FetchedMedia:
        info = self._info(media_id)
        url = info.get("url")
        if not isinstance(url, str) or not self._trusted(url):
            raise MediaUnavailable("the Cloud API gave no usable media URL", retryable=False)
        declared = info.get("file_size")
        if isinstance(declared, int) and declared > max_bytes:
            raise MediaUnavailable(f"{declared} bytes is over the limit", retryable=False)
        content = self._download(url, max_bytes)
        mime_type = str(info.get("mime_type") or "application/octet-stream")
        return FetchedMedia(content=content, mime_type=mime_type)

    def _info(self, media_id: str) -> dict[str, Any]:
        if not media_id.replace("_", "").replace("-", "").isalnum():
            raise MediaUnavailable("not a media id", retryable=False)
        try:
            response = self._client.get(
                f"{self._api_url}/{media_id}", headers=self._headers, timeout=self._timeout
            )
        except httpx.TransportError as error:
            raise MediaUnavailable(f"Cloud API unreachable: {error!r}", retryable=True) from error
        if not response.is_success:
            retryable = response.status_code >= 500 or response.status_code == 429
            raise MediaUnavailable(f"media info: HTTP {response.status_code}", retryable=retryable)
        try:
            data = response.json()
        except ValueError as error:
            raise MediaUnavailable("media info is not JSON", retryable=True) from error
        return data if isinstance(data, dict) else {}

    def _trusted(self, url: str) -> bool:
        parts, api = urlsplit(url), urlsplit(self._api_url)
        return parts.scheme == "https" or parts.netloc == api.netloc

    def _download(self, url: str, max_bytes: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            with self._client.stream(
                "GET", url, headers=self._headers, timeout=self._timeout
            ) as response:
                if not response.is_success:
                    retryable = response.status_code >= 500 or response.status_code == 429
                    raise MediaUnavailable(
                        f"media download: HTTP {response.status_code}", retryable=retryable
                    )
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise MediaUnavailable("the file is over the limit", retryable=False)
                    chunks.append(chunk)
        except httpx.TransportError as error:
            raise MediaUnavailable(f"media download failed: {error!r}", retryable=True) from error
        return b"".join(chunks)

    def close(self) -> None:
        self._client.close()
