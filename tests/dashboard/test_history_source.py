"""The booking page's history names the WhatsApp sentence an entry came from."""

from __future__ import annotations

from keloia.domain.model.activity import ActivityEntry
from keloia.domain.model.tenants import Role

from .conftest import Dash
from .test_pages import cookie_login
from .test_trip_costs import demo_trip


def test_an_entry_made_from_a_message_shows_the_sentence(dash: Dash) -> None:
    cookie_login(dash)
    booking, _ = demo_trip(dash)
    deps = dash.keloia.deps
    with deps.uow() as uow:
        uow.activity.add(
            ActivityEntry(
                id=deps.ids.new_id(),
                tenant_id=dash.tenant_id,
                actor_id=dash.people[Role.ADMIN].id,
                action="booking.updated",
                entity="booking",
                entity_id=booking,
                snapshot={"changed": ["jam jemput"]},
                at=deps.clock.now(),
                source_message_id="wamid.HBgx",
                source_text="pak agus jemputnya jam 5 <pagi>",
            )
        )
        uow.commit()
    page = dash.client.get(f"/booking/{booking}").text
    assert "lewat WhatsApp" in page
    assert '<q class="said">pak agus jemputnya jam 5 &lt;pagi&gt;</q>' in page
