"""GET /files/<token>/<name>: a signed link opens its PDF; a forged, foreign or expired one
is a 404, the same as a missing file."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from litestar.testing import TestClient

from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap
from keloia.settings import Settings


def test_signed_links(tmp_path: Path) -> None:
    app = bootstrap(
        Settings(  # type: ignore[call-arg]
            KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}",
            KELOIA_FILES_DIR=str(tmp_path / "files"),
            KELOIA_PUBLIC_URL="http://testserver",
        ),
        run_migrations=True,
    )
    files, links, now = app.deps.files, app.links, app.deps.clock.now()
    assert files is not None and links is not None
    files.save("TENANTA", "kwitansi/p1.pdf", b"%PDF-1.4 a", "application/pdf")
    files.save("TENANTB", "kwitansi/p1.pdf", b"%PDF-1.4 b", "application/pdf")
    good = links.url("TENANTA", "kwitansi/p1.pdf", "kwitansi.pdf", now + timedelta(hours=1))
    expired = links.url("TENANTA", "kwitansi/p1.pdf", "k.pdf", now - timedelta(seconds=1))
    missing = links.url("TENANTA", "kwitansi/none.pdf", "k.pdf", now + timedelta(hours=1))
    token_b = links.token("TENANTB", "kwitansi/p1.pdf", now + timedelta(hours=1))
    forged = f"{token_b.split('.')[0]}.{good.split('/')[4].split('.')[1]}"
    with TestClient(create_app(replace(app, queue=DramatiqQueue()))) as client:
        response = client.get(good.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert response.content == b"%PDF-1.4 a"
        assert response.headers["content-type"] == "application/pdf"
        assert "inline" in response.headers["content-disposition"]
        for url in (expired, missing, f"http://testserver/files/{forged}/k.pdf"):
            bad = client.get(url.removeprefix("http://testserver"))
            assert bad.status_code == 404
            assert bad.json()["detail"].startswith("Berkas tidak ditemukan")
    # The key was made once and kept in the store: a second process signs alike.
    again = bootstrap(
        Settings(  # type: ignore[call-arg]
            KELOIA_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}",
            KELOIA_FILES_DIR=str(tmp_path / "files"),
        )
    )
    assert again.links is not None
    assert again.links.open(good.split("/")[4], now) == ("TENANTA", "kwitansi/p1.pdf")
