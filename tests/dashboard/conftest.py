"""The dashboard over HTTP (Litestar's test client) on the in-memory fakes, with the demo
PO seeded through the same use cases as real data, and a second PO beside it."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from litestar.testing import TestClient

from keloia.adapters.files import LocalFileStore, SignedLinks
from keloia.adapters.local import LocalMessenger
from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks
from keloia.adapters.memory.storage import MemoryUnitOfWorkFactory
from keloia.adapters.pdf import FpdfRenderer
from keloia.adapters.system import SystemClock, UlidIds
from keloia.apps.demo import seed_demo
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import Keloia, build_extractor
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import login, team
from keloia.domain.services.deps import Deps
from keloia.settings import Settings

OWNER_PHONE = "+6281200000001"
ADMIN_PHONE = "+6281200000002"
DRIVER_PHONE = "+6281200000003"
OTHER_OWNER_PHONE = "+6281300000009"


class Ticking:
    """A monotonic clock the test moves: how key-value expiry is tested without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Dash:
    keloia: Keloia
    client: TestClient  # type: ignore[type-arg]
    tenant_id: str
    people: dict[Role, User]
    other_owner: User
    ticking: Ticking
    tokens: dict[str, str] = field(default_factory=dict)

    def session(self, user: User) -> dict[str, str]:
        """Bearer headers of a fresh session for `user` (drivers too: the API must refuse
        them even with a session)."""
        token = secrets.token_urlsafe(16)
        login.open_session(self.keloia.kv, user, token)
        return {"Authorization": f"Bearer {token}"}

    def outbox_code(self, phone: str) -> str:
        with self.keloia.deps.uow() as uow:
            items = uow.outbox.recent(phone, 5)
        codes = [i.message.template_params[0] for i in items if i.message.template_params]
        assert codes, f"no login code sent to {phone}"
        return codes[-1]  # oldest first: the newest is the live one


def make_keloia(ticking: Ticking) -> Keloia:
    settings = Settings()
    # Papers are drawn and kept as in `keloia serve`: the PDF routes answer for real.
    files = LocalFileStore(Path(tempfile.mkdtemp(prefix="keloia-dash-files-")))
    links = SignedLinks(b"d" * 32, "http://testserver")
    deps = Deps(
        storage=MemoryUnitOfWorkFactory(),
        clock=SystemClock(settings.timezone),
        ids=UlidIds(),
        extractor=build_extractor(settings, offline=True),
        files=files,
        renderer=FpdfRenderer(),
        links=links,
    )
    return Keloia(
        settings=settings,
        deps=deps,
        links=links,
        kv=MemoryKeyValueStore(monotonic=ticking),
        locks=MemoryLocks(),
        messenger=LocalMessenger(),
        probe=lambda: None,
    )


@pytest.fixture
def dash() -> Iterator[Dash]:
    yield from build_dash()


@pytest.fixture(scope="module")
def shared_dash() -> Iterator[Dash]:
    """One seeded dashboard for a whole module, for tests that only need it to exist."""
    yield from build_dash()


def build_dash() -> Iterator[Dash]:
    ticking = Ticking()
    app = make_keloia(ticking)
    tenant_id = seed_demo(app)
    _, other_owner = team.create_tenant(app.deps, "PO Lain", OTHER_OWNER_PHONE, "Bu Lain")
    with app.deps.uow() as uow:
        by_phone = {u.phone: u for u in uow.users.all(tenant_id)}
    people = {
        Role.OWNER: by_phone[OWNER_PHONE],
        Role.ADMIN: by_phone[ADMIN_PHONE],
        Role.DRIVER: by_phone[DRIVER_PHONE],
    }
    app = replace(app, queue=DramatiqQueue(), demo_tenant_id=tenant_id)
    with TestClient(create_app(app, simulator=True)) as client:
        yield Dash(app, client, tenant_id, people, other_owner, ticking)
