"""One contract for both file stores: the local folder and an S3-compatible bucket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from keloia.adapters.files import FileKeyInvalid, SignedLinks
from keloia.adapters.files.links import shared_signing_key
from keloia.ports.files import FileStore

A, B = "01TENANTAAAAAAAAAAAAAAAAAA", "01TENANTBBBBBBBBBBBBBBBBBB"


def test_saved_file_reads_back_with_its_type(file_store: FileStore) -> None:
    file_store.save(A, "kwitansi/p1.pdf", b"%PDF-1.4 one", "application/pdf")
    found = file_store.read(A, "kwitansi/p1.pdf")
    assert found is not None
    assert found.content == b"%PDF-1.4 one"
    assert found.content_type == "application/pdf"
    assert file_store.exists(A, "kwitansi/p1.pdf")


def test_saving_again_replaces(file_store: FileStore) -> None:
    file_store.save(A, "media/x.jpg", b"old", "image/jpeg")
    file_store.save(A, "media/x.jpg", b"new", "image/png")
    found = file_store.read(A, "media/x.jpg")
    assert found is not None and (found.content, found.content_type) == (b"new", "image/png")


def test_another_tenants_file_is_not_there(file_store: FileStore) -> None:
    file_store.save(A, "konfirmasi/b1.pdf", b"secret", "application/pdf")
    assert file_store.read(B, "konfirmasi/b1.pdf") is None
    assert not file_store.exists(B, "konfirmasi/b1.pdf")
    assert file_store.read(A, "konfirmasi/none.pdf") is None


@pytest.mark.parametrize(
    "key", ["../x.pdf", "a/../../b", "/etc/passwd", "", "a//b", ".hidden", "x.pdf.meta"]
)
def test_keys_cannot_leave_the_tenant(file_store: FileStore, key: str) -> None:
    with pytest.raises(FileKeyInvalid):
        file_store.save(A, key, b"x", "text/plain")
    with pytest.raises(FileKeyInvalid):
        file_store.read("../" + A, "ok.pdf")


def test_empty_and_large_files(file_store: FileStore) -> None:
    big = bytes(range(256)) * 8192  # 2 MiB
    file_store.save(A, "media/big.bin", big, "application/octet-stream")
    file_store.save(A, "media/empty.bin", b"", "application/octet-stream")
    assert file_store.read(A, "media/big.bin").content == big  # type: ignore[union-attr]
    assert file_store.read(A, "media/empty.bin").content == b""  # type: ignore[union-attr]


def test_processes_sharing_a_store_share_the_signing_key(file_store: FileStore) -> None:
    first = shared_signing_key(file_store)
    assert len(first) == 32
    assert shared_signing_key(file_store) == first


def test_links_open_only_while_genuine_and_unexpired() -> None:
    links = SignedLinks(b"k" * 32, "http://127.0.0.1:8600/")
    now = datetime(2026, 3, 1, 8, tzinfo=UTC)
    url = links.url(A, "kwitansi/p1.pdf", "kwitansi pak agus.pdf", now + timedelta(hours=1))
    assert url.startswith("http://127.0.0.1:8600/files/")
    assert url.endswith("/kwitansi%20pak%20agus.pdf")
    token = url.split("/")[4]
    assert links.open(token, now) == (A, "kwitansi/p1.pdf")
    assert links.open(token, now + timedelta(hours=1)) is None  # expired
    assert SignedLinks(b"x" * 32, "http://h").open(token, now) is None  # another key
    body, mac = token.split(".")
    other = links.token(B, "kwitansi/p1.pdf", now + timedelta(hours=1)).split(".")[0]
    assert links.open(f"{other}.{mac}", now) is None  # forged: tenant swapped
    assert links.open("garbage", now) is None
    assert links.open(f"{body}.", now) is None
