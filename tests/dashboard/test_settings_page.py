"""Pengaturan: the morning briefing's time, the H-N reminders (pelunasan, documents) and
the cancellation fee tiers, by form and by API; a wrong value is told in Indonesian on
the page (422), never a 500, and nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest

from keloia.domain.model.cancellation import FeeKind
from keloia.domain.model.tenants import Role
from keloia.domain.services import team

from .conftest import Dash
from .test_pages import cookie_login


def filled(csrf: str, **changes: str) -> dict[str, str]:
    form = {
        "csrf_token": csrf,
        "name": "PO Demo",
        "settlement_days_before_departure": "3",
        "expiry_warning_days": "30",
        "briefing_time": "06:15",
        "settlement_reminder_days": "10, 5, 1",
        "document_reminder_days": "H-45, H-7",
        "cancellation_policy": "",
        "tier_days_0": "8",
        "tier_kind_0": "dp",
        "tier_days_1": "31",
        "tier_kind_1": "admin",
        "tier_value_1": "300.000",
        "tier_days_2": "0",
        "tier_kind_2": "percent",
        "tier_value_2": "100",
    }
    return form | changes


def test_the_owner_sets_briefing_time_reminders_and_fee_tiers(dash: Dash) -> None:
    csrf = cookie_login(dash)
    page = dash.client.get("/pengaturan").text
    assert 'name="briefing_time"' in page and 'value="05:00"' in page
    assert 'value="7, 3, 1"' in page and 'value="30, 14, 7, 1"' in page
    assert 'name="tier_days_5"' in page  # room for six tiers
    saved = dash.client.post("/pengaturan", data=filled(csrf))
    assert saved.status_code == 200 and "Pengaturan tersimpan." in saved.text
    settings = team.get_tenant(dash.keloia.deps, dash.people[Role.OWNER]).settings
    assert settings.briefing_time.strftime("%H:%M") == "06:15"
    assert settings.settlement_reminder_days == (10, 5, 1)
    assert settings.document_reminder_days == (45, 7)
    tiers = settings.cancellation_fees.tiers
    assert [(t.min_days_before, t.kind) for t in tiers] == [
        (31, FeeKind.ADMIN),
        (8, FeeKind.DP),
        (-366, FeeKind.PERCENT),  # 0: on the day of departure or later
    ]
    assert tiers[0].amount == 300_000 and tiers[2].percent == 100
    assert "biaya admin Rp300.000" in saved.text  # the tiers in words


@pytest.fixture(scope="module")
def owner_csrf(shared_dash: Dash) -> str:
    """One sign-in for the module: login codes are rate limited per phone."""
    return cookie_login(shared_dash)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"briefing_time": "25:00"}, "jam ringkasan pagi"),
        ({"settlement_reminder_days": "seminggu"}, "hari pengingat pelunasan"),
        ({"document_reminder_days": "0"}, "hari pengingat dokumen"),
        ({"tier_days_1": "8"}, "jumlah hari yang sama"),
        ({"tier_value_2": "150"}, "tingkatan biaya pembatalan"),
        ({"tier_days_0": "dua"}, "tingkatan biaya pembatalan"),
        ({"tier_kind_0": "gratis"}, "Periksa"),
        ({"tier_days_0": "", "tier_days_1": "", "tier_days_2": ""}, "paling tidak satu"),
    ],
)
def test_a_wrong_setting_is_told_in_indonesian_and_nothing_is_saved(
    shared_dash: Dash, owner_csrf: str, changes: dict[str, str], words: str
) -> None:
    dash, csrf = shared_dash, owner_csrf
    before = team.get_tenant(dash.keloia.deps, dash.people[Role.OWNER]).settings
    refused = dash.client.post("/pengaturan", data=filled(csrf, **changes))
    assert refused.status_code == 422, refused.text[:300]
    assert words in refused.text
    assert team.get_tenant(dash.keloia.deps, dash.people[Role.OWNER]).settings == before


def test_the_same_settings_by_api(dash: Dash) -> None:
    owner = dash.session(dash.people[Role.OWNER])
    body: dict[str, Any] = {
        "briefing_time": "04:45",
        "settlement_reminder_days": [5, 2],
        "document_reminder_days": [60, 30],
        "cancellation_fees": [
            {"min_days_before": 0, "kind": "percent", "percent": 100},
            {"min_days_before": 14, "kind": "dp"},
        ],
    }
    changed = dash.client.put("/api/settings/tenant", headers=owner, json=body)
    assert changed.status_code == 200, changed.text
    out = changed.json()
    assert out["briefing_time"] == "04:45" and out["document_reminder_days"] == [60, 30]
    assert [t["min_days_before"] for t in out["cancellation_fees"]] == [14, 0]
    twice = body | {"cancellation_fees": [{"min_days_before": 3, "kind": "dp"}] * 2}
    refused = dash.client.put("/api/settings/tenant", headers=owner, json=twice)
    assert refused.status_code == 422 and "tingkatan biaya pembatalan" in refused.json()["detail"]
    for wrong in ({"briefing_time": "7 pagi"}, {"settlement_reminder_days": [0]}):
        bad = dash.client.put("/api/settings/tenant", headers=owner, json=wrong)
        assert bad.status_code == 400, bad.text
