"""The morning nudge asks a driver for the odometer with an example reply: that example,
sent back as it is, must be read as a reading of the same bus."""

from __future__ import annotations

from datetime import date

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import ExtractionContext, Intent
from keloia.domain.model.reminders import odometer_example
from keloia.domain.model.tenants import Role


@pytest.mark.parametrize("bus_name", ["Bus 01", "Bus 5", "Srikandi"])
def test_the_nudge_example_is_read_as_a_reading_of_that_bus(bus_name: str) -> None:
    result = RulesExtractor().extract(
        odometer_example(bus_name), ExtractionContext(today=date(2026, 11, 30), role=Role.DRIVER)
    )
    assert result.intent is Intent.RECORD_ODOMETER
    assert result.fields.odometer_km == 125_000
    assert result.fields.bus is not None
    assert bus_name.lower() in result.fields.bus.lower()
