"""A local S3-compatible server (moto's, in a thread: real HTTP, real boto3 client)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from keloia.adapters.files import LocalFileStore
from keloia.adapters.files.s3 import S3FileStore


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def make_s3_store(endpoint: str) -> S3FileStore:
    bucket = f"keloia-{secrets.token_hex(4)}"
    store = S3FileStore(endpoint=endpoint, bucket=bucket, access_key="test", secret_key="test")
    store.client.create_bucket(Bucket=bucket)
    return store


@pytest.fixture(params=["local", "s3"])
def file_store(request: pytest.FixtureRequest, tmp_path: Path) -> LocalFileStore | S3FileStore:
    if request.param == "local":
        return LocalFileStore(tmp_path / "files")
    return make_s3_store(request.getfixturevalue("s3_endpoint"))
