"""`keloia migrate`, `tenant create`, `invite create` as an operator runs them: a real
process, a real database, the last line of stdout, one line on stderr when it fails."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

KELOIA = [sys.executable, "-m", "keloia.apps.cli.main"]


def run(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KELOIA_DATABASE_URL": database_url}
    return subprocess.run([*KELOIA, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'keloia.db'}"


@pytest.fixture
def postgres_database(postgres_url: str):
    """A fresh database of its own, dropped afterwards."""
    name = f"keloia_cli_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def operator_session(url: str) -> None:
    migrated = run(url, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert run(url, "migrate").returncode == 0  # idempotent

    created = run(
        url,
        "tenant",
        "create",
        "--name",
        "PO Sinar Jaya",
        "--owner-phone",
        "0812-3456-7890",
        "--owner-name",
        "Pak Budi",
    )
    assert created.returncode == 0, created.stderr
    tenant_id = created.stdout.strip().splitlines()[-1]
    assert len(tenant_id) == 26  # a ULID, alone on the last line

    again = run(
        url,
        "tenant",
        "create",
        "--name",
        "PO Lain",
        "--owner-phone",
        "+6281234567890",
        "--owner-name",
        "Bu Ani",
    )
    assert again.returncode != 0
    assert "sudah terdaftar" in again.stderr and "Traceback" not in again.stderr

    invite = run(url, "invite", "create", "--tenant", tenant_id, "--role", "driver")
    assert invite.returncode == 0, invite.stderr
    code = invite.stdout.strip().splitlines()[-1]
    assert len(code) == 8 and code.isalnum() and code.isupper()

    engine = sa.create_engine(url)
    with engine.connect() as connection:
        owner = connection.execute(sa.text("SELECT phone, role FROM users")).one()
        stored = connection.execute(sa.text("SELECT role, tenant_id FROM invites")).one()
    engine.dispose()
    assert tuple(owner) == ("+6281234567890", "owner")
    assert tuple(stored) == ("driver", tenant_id)

    unknown = run(
        url, "invite", "create", "--tenant", "01NOSUCHTENANT00000000000", "--role", "admin"
    )
    assert unknown.returncode != 0 and len(unknown.stderr.strip().splitlines()) == 1


def test_operator_commands_on_sqlite(sqlite_url: str) -> None:
    operator_session(sqlite_url)


@pytest.mark.postgres
@pytest.mark.xdist_group("shared_services")  # CREATE DATABASE, one at a time
def test_operator_commands_on_postgresql(postgres_database: str) -> None:
    operator_session(postgres_database)


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdb://x/y",
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        "sqlite:////nonexistent-dir/sub/keloia.db",
    ],
)
def test_a_bad_database_url_is_one_line_and_a_nonzero_exit(url: str) -> None:
    result = run(url, "migrate")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("keloia:"), result.stderr
    assert "Traceback" not in result.stderr


def test_bad_arguments_are_refused_without_a_traceback(sqlite_url: str) -> None:
    result = run(
        sqlite_url,
        "tenant",
        "create",
        "--name",
        "PO X",
        "--owner-phone",
        "123",
        "--owner-name",
        "Pak X",
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert run(sqlite_url, "invite", "create", "--tenant", "x", "--role", "owner").returncode != 0
