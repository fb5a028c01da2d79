"""Tim (members, roles, invites, SIM expiry), Pengaturan (the PO's name and policies) and
the first-run checklist."""

from __future__ import annotations

import re
from typing import Any

from litestar import Controller
from litestar.datastructures import FormMultiDict

from keloia.apps.dashboard.pages.common import (
    RecordPage,
    number,
    record_forms,
    required_day,
    shown_at,
    text,
)
from keloia.apps.dashboard.security import (
    ADD_DOCUMENTS,
    CHANGE_SETTINGS,
    CHANGE_TEAM,
    INVITES,
    READ_SETTINGS,
    READ_TEAM,
    Auth,
)
from keloia.apps.dashboard.views import setup, team_with_sims
from keloia.domain.errors import InvalidInput
from keloia.domain.model.cancellation import CancellationPolicy, FeeKind
from keloia.domain.model.fleet import DocumentKind
from keloia.domain.model.tenants import Role, User
from keloia.domain.services import fleet, team
from keloia.domain.services.deps import Deps


def team_view(deps: Deps, auth: Auth) -> dict[str, Any]:
    return {
        "members": team_with_sims(deps, auth.user),
        "invites": team.list_invites(deps, auth.user)[:20],
        "now": deps.clock.now(),
    }


team_page = RecordPage("tim.html", "Tim", "/tim", lambda d, a, _: team_view(d, a))


TIER_ROWS = 6
ON_THE_DAY = -366
FEE_KINDS = {
    FeeKind.ADMIN.value: "Admin (Rp)",
    FeeKind.DP.value: "DP hangus",
    FeeKind.PERCENT.value: "Persen (%)",
}

settings_page = RecordPage(
    "pengaturan.html",
    "Pengaturan",
    "/pengaturan",
    lambda deps, auth, _: {
        "t": team.get_tenant(deps, auth.user),
        "tier_rows": TIER_ROWS,
        "fee_kinds": FEE_KINDS,
    },
)


def days_list(form: FormMultiDict, key: str) -> list[int]:
    """Reminder days as people type them: "7, 3, 1" or "H-7 H-3 H-1"."""
    found = [int(n) for n in re.findall(r"\d+", text(form, key))]
    if not found or re.sub(r"[\d\s,;.Hh+-]", "", text(form, key)):
        raise ValueError(key)
    return sorted(set(found), reverse=True)


def tiers_of_form(form: FormMultiDict) -> list[dict[str, object]]:
    """The cancellation tiers typed in rows (days before departure, kind, amount or
    percent), ordered from the most days before; empty rows are dropped."""
    tiers: dict[int, dict[str, object]] = {}
    for i in range(TIER_ROWS):
        raw = text(form, f"tier_days_{i}")
        if not raw:
            continue
        if not re.fullmatch(r"-?\d{1,3}", raw):
            raise ValueError("cancellation_fees")
        # 0 is the day of departure and after: the tier then also covers a late cancel.
        days = int(raw) if int(raw) > 0 else ON_THE_DAY
        if days in tiers:
            raise InvalidInput("Dua tingkatan biaya pembatalan memakai jumlah hari yang sama.")
        kind = FeeKind(text(form, f"tier_kind_{i}"))
        try:
            value = number(form, f"tier_value_{i}") or 0
        except ValueError:
            raise ValueError("cancellation_fees") from None
        tiers[days] = {"min_days_before": days, "kind": kind}
        if kind is FeeKind.ADMIN:
            tiers[days]["amount"] = value
        elif kind is FeeKind.PERCENT:
            tiers[days]["percent"] = value
    if not tiers:
        raise InvalidInput("Isi paling tidak satu tingkatan biaya pembatalan.")
    return [tiers[d] for d in sorted(tiers, reverse=True)]


def save(deps: Deps, user: User, _: str, form: FormMultiDict) -> object:
    old = team.get_tenant(deps, user).settings
    values: dict[str, object] = {
        "address": text(form, "address"),
        "phone": text(form, "phone"),
        "settlement_reminder_days": days_list(form, "settlement_reminder_days"),
        "document_reminder_days": days_list(form, "document_reminder_days"),
        "cancellation_fees": {"tiers": tiers_of_form(form)},
    }
    if text(form, "briefing_time"):
        values["briefing_time"] = text(form, "briefing_time")
    for key in ("settlement_days_before_departure", "expiry_warning_days", "uang_jalan_per_day"):
        found = number(form, key)
        if found is not None:
            values[key] = found
    # The printed policy opens with the tiers in words: when it still does, it follows them.
    policy, said = text(form, "cancellation_policy"), old.cancellation_fees.describe()
    if policy.startswith(said):
        fees = CancellationPolicy.model_validate(values["cancellation_fees"])
        policy = fees.describe() + policy[len(said) :]
    values["cancellation_policy"] = policy
    return team.update_tenant(deps, user, name=text(form, "name") or None, settings=values)


# The forms of the Tim and Pengaturan pages.
def invite(deps: Deps, user: User, _: str, form: FormMultiDict) -> object:
    return team.create_invite(deps, user, Role(text(form, "role")))


def revoke(deps: Deps, user: User, code: str, _: FormMultiDict) -> object:
    return team.revoke_invite(deps, user, code)


def change_member(deps: Deps, user: User, member_id: str, form: FormMultiDict) -> object:
    if text(form, "remove"):
        return team.update_member(deps, user, member_id, team.MemberChanges(active=False))
    changes = team.MemberChanges(role=Role(text(form, "role")))
    return team.update_member(deps, user, member_id, changes)


def add_sim(deps: Deps, user: User, member_id: str, form: FormMultiDict) -> object:
    expires = required_day(form, "expires_on", "Tanggal habis SIM belum diisi.")
    number = text(form, "number")[:60]
    return fleet.add_document(
        deps, user, DocumentKind.SIM, expires, user_id=member_id, number=number
    )


checklist_page = RecordPage(
    "mulai.html",
    "Persiapan PO",
    "/jadwal",
    lambda deps, auth, _: {"s": setup(deps, auth.user)},
    back="/jadwal",
    back_label="Jadwal",
)

on_team = record_forms(team_page, "/tim")


class SettingsPages(Controller):
    include_in_schema = False

    members = shown_at(team_page, "/tim", READ_TEAM)

    invite = on_team("/tim/undangan", INVITES, "undangan", invite)
    revoke = on_team("/tim/undangan/{code:str}/cabut", INVITES, "cabut", revoke)
    change = on_team("/tim/{member_id:str}", CHANGE_TEAM, "tim", change_member)
    sim = on_team("/tim/{member_id:str}/sim", ADD_DOCUMENTS, "dokumen", add_sim)

    settings = shown_at(settings_page, "/pengaturan", READ_SETTINGS)

    save = record_forms(settings_page, "/pengaturan")(
        "/pengaturan", CHANGE_SETTINGS, "pengaturan", save
    )

    checklist = shown_at(checklist_page, "/mulai", READ_SETTINGS)
