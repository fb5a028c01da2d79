"""How names and places are written, whoever typed them."""

from __future__ import annotations

from datetime import date

from keloia.domain.model.text import as_written
from keloia.domain.services.bookings import BookingChanges, BookingDraft


def test_a_name_typed_in_lower_case_is_written_as_a_name() -> None:
    assert as_written("bu lilis") == "Bu Lilis"
    assert as_written("sd muhammadiyah kotagede") == "SD Muhammadiyah Kotagede"
    assert as_written("pt sinar abadi, jl. magelang km 5") == "PT Sinar Abadi, Jl. Magelang Km 5"
    assert as_written("") == ""


def test_a_name_with_any_capital_is_kept_as_typed() -> None:
    assert as_written("dr. Rina") == "dr. Rina"
    assert as_written("PT KAI") == "PT KAI"


def test_booking_drafts_and_changes_write_names_and_places() -> None:
    draft = BookingDraft(
        client_name="bu lilis",
        route_from="jogja",
        route_to="pangandaran",
        pickup_place="depan masjid al ikhlas",
        depart_date=date(2026, 12, 19),
    )
    assert (draft.client_name, draft.route_from, draft.route_to) == (
        "Bu Lilis",
        "Jogja",
        "Pangandaran",
    )
    assert draft.pickup_place == "Depan Masjid Al Ikhlas"
    assert BookingChanges(route_to="dieng").route_to == "Dieng"
    assert BookingChanges().route_to is None
