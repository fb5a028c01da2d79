"""Conversations played through the real assistant: the demo PO seeded through its use
cases on the in-memory storage, the offline extractor, a fixed clock, and every message
stored and handled as the webhook and the worker do. What the bot sent is read back from
the outbox, the records from the fake database."""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from keloia.adapters.files.links import SignedLinks
from keloia.adapters.files.local import LocalFileStore
from keloia.adapters.local import LocalMessenger
from keloia.adapters.memory import MemoryKeyValueStore, MemoryLocks, MemoryUnitOfWorkFactory
from keloia.adapters.memory.storage import MemoryState
from keloia.adapters.pdf import FpdfRenderer
from keloia.adapters.rules import RulesExtractor
from keloia.adapters.system.holidays import IndonesianHolidays
from keloia.apps.demo import OWNER_PHONE, PEOPLE, seed_demo
from keloia.bootstrap import Keloia
from keloia.domain.model.messages import InboundKind, InboundMessage, OutboundMessage
from keloia.domain.model.tenants import Role
from keloia.domain.services import channel, team
from keloia.domain.services.assistant import handle_inbound
from keloia.domain.services.deps import Deps
from keloia.settings import Settings

HERE = Path(__file__).parent
# A Monday, 10.00 in Jakarta: the demo's bookings are seeded relative to it.
START = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
TODAY = date(2026, 11, 30)
PHONES = {
    "owner": OWNER_PHONE,
    **{name.lower(): phone for phone, name, _ in PEOPLE},
    "admin": PEOPLE[0][0],
    "stranger": "+6285700001111",
}


class Clock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return (self.at + timedelta(hours=7)).date()


class Ids:
    def __init__(self) -> None:
        self._n = itertools.count(1)

    def new_id(self) -> str:
        return f"c{next(self._n):07d}"

    def new_code(self) -> str:
        n = f"{next(self._n):04d}".translate(str.maketrans("01", "ZY"))
        return f"DEMQ{n}"


# Papers are drawn and kept as in `keloia serve` (a folder, signed links): each
# conversation writes into its own folder under one temporary root, removed at exit.
_FILES = Path(tempfile.mkdtemp(prefix="keloia-conversations-"))
atexit.register(shutil.rmtree, _FILES, ignore_errors=True)
_FOLDERS = itertools.count(1)


@cache
def _seeded() -> tuple[MemoryState, int]:
    """The demo seeded once; each conversation starts from a copy of it."""
    uow = MemoryUnitOfWorkFactory()
    ids = Ids()
    deps = Deps(storage=uow, clock=Clock(), ids=ids, extractor=RulesExtractor())
    seed_demo(_keloia(deps))
    return uow.state, next(ids._n)


def _keloia(deps: Deps) -> Keloia:
    return Keloia(
        settings=Settings(),
        deps=deps,
        kv=MemoryKeyValueStore(),
        locks=MemoryLocks(),
        messenger=LocalMessenger(),
        probe=lambda: None,
    )


@dataclass
class Demo:
    """One conversation's world: its own copy of the demo PO."""

    uow: MemoryUnitOfWorkFactory
    clock: Clock
    deps: Deps
    counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    last_buttons: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def start(cls) -> Demo:
        state, next_id = _seeded()
        uow = MemoryUnitOfWorkFactory()
        uow.state = state.copy()  # isolated as a deep copy would be (MemoryState.copy)
        clock = Clock()
        ids = Ids()
        ids._n = itertools.count(next_id)
        deps = Deps(
            storage=uow,
            clock=clock,
            ids=ids,
            extractor=RulesExtractor(),
            calendar=IndonesianHolidays(),
            files=LocalFileStore(_FILES / str(next(_FOLDERS))),
            renderer=FpdfRenderer(),
            links=SignedLinks(b"k" * 32, "http://127.0.0.1:8000"),
        )
        return cls(uow=uow, clock=clock, deps=deps)

    @property
    def state(self) -> MemoryState:
        return self.uow.state

    def join(self, phone: str, name: str, role: str) -> None:
        """A new teammate joins as people do: the owner makes an invite code, the person
        sends it on WhatsApp (their profile name becomes their name)."""
        [owner] = [u for u in self.state.users.values() if u.phone == OWNER_PHONE]
        invite = team.create_invite(self.deps, owner, Role(role))
        self.send(phone, f"halo, ini kode undangan saya {invite.code}", profile_name=name)
        assert any(u.phone == phone for u in self.state.users.values()), f"{name} did not join"

    def send(
        self,
        phone: str,
        text: str = "",
        *,
        reply_id: str = "",
        title: str = "",
        profile_name: str = "Tamu",
    ) -> list[OutboundMessage]:
        """Store a message as the webhook does, handle it as the worker does; return
        everything the bot queued because of it (to anybody)."""
        wa_id = f"wamid.conv.{next(self.counter)}"
        kind = InboundKind.TEXT
        if reply_id:
            kind = (
                InboundKind.LIST_REPLY
                if reply_id.startswith("pilih:")
                else InboundKind.BUTTON_REPLY
            )
        message = InboundMessage(
            wa_message_id=wa_id,
            from_phone=phone,
            sent_at=self.clock.now(),
            kind=kind,
            text=text or title,
            reply_id=reply_id,
            profile_name=profile_name,
        )
        before = set(self.state.outbox)
        channel.receive(self.deps, [message], [])
        handle_inbound(self.deps, wa_id)
        sent = [i for k, i in self.state.outbox.items() if k not in before]
        sent.sort(key=lambda i: i.created_at)
        out = [i.message for i in sent]
        for m in out:
            if m.buttons:
                self.last_buttons[m.to] = [b.id for b in m.buttons]
            elif m.rows:
                self.last_buttons[m.to] = [r.id for r in m.rows]
        return out


# libyaml's loader when PyYAML was built with it: the scripts are read at every collection
# (in every worker), and the pure-Python loader spends seconds on them.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_conversations() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted((HERE / "scripts").glob("*.yaml")):
        for convo in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER):
            convo["file"] = path.stem
            found.append(convo)
    return found
