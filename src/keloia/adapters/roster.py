"""How an adapter's repository classes join its units of work: each names the unit of
work's attribute it fills (ports.storage.REPOSITORIES) when it is declared."""

from __future__ import annotations

from typing import Any, ClassVar


class RosterMember:
    """Subclass with `roster=""` to start a registry (an adapter's repository base), then
    with `roster="tenants"` (and so on) for each repository it makes."""

    roster: ClassVar[dict[str, type[Any]]]

    def __init_subclass__(cls, roster: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "roster" in cls.__dict__ or not hasattr(cls, "roster"):
            cls.roster = {}
        elif roster:
            cls.roster[roster] = cls
