"""The simulator's files on the embedded default: handed over in the process, or through a
folder when the worker fetching them is another process."""

from __future__ import annotations

from pathlib import Path

import pytest

from keloia.adapters.local.media import KEEP, LocalMediaSource
from keloia.domain.errors import MediaUnavailable


@pytest.mark.parametrize("shared", [False, True])
def test_a_file_put_is_fetched_by_its_id_with_its_type(tmp_path: Path, shared: bool) -> None:
    web = LocalMediaSource(tmp_path / "media" if shared else None)
    # The worker process has its own instance; only the folder joins them.
    worker = LocalMediaSource(tmp_path / "media") if shared else web
    media_id = web.put(b"\xff\xd8 a photo \n with a newline", "image/jpeg")
    fetched = worker.fetch(media_id, 1000)
    assert fetched.content == b"\xff\xd8 a photo \n with a newline"
    assert fetched.mime_type == "image/jpeg"
    with pytest.raises(MediaUnavailable, match="over the limit"):
        worker.fetch(media_id, 5)


def test_the_folder_keeps_the_newest_files_only(tmp_path: Path) -> None:
    source = LocalMediaSource(tmp_path)
    ids = [source.put(b"x", "image/png") for _ in range(KEEP + 3)]
    assert len(list(tmp_path.iterdir())) == KEEP
    with pytest.raises(MediaUnavailable):
        source.fetch(ids[0], 10)
    assert source.fetch(ids[-1], 10).content == b"x"


@pytest.mark.parametrize("media_id", ["../secret", "local../../etc/passwd", "nope", "local"])
def test_an_id_never_reads_outside_the_folder(tmp_path: Path, media_id: str) -> None:
    (tmp_path / "secret").write_bytes(b"text/plain\nsecret")
    source = LocalMediaSource(tmp_path / "media")
    with pytest.raises(MediaUnavailable, match="no such"):
        source.fetch(media_id, 100)
