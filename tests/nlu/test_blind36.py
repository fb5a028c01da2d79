"""Readings fixed after blind round 36 (tests/conversations/scripts/blind36.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.domain.model.tenants import Role
from keloia.domain.model.undo import RecordKind

TODAY = dt.date(2026, 11, 30)
EXTRACTOR = RulesExtractor()
BUSES = ("Bus 01", "Bus 02", "Bus 03", "Bus 04", "Bus 05", "Srikandi")


def read(text: str, role: Role = Role.ADMIN) -> Extraction:
    return EXTRACTOR.extract(text, ExtractionContext(today=TODAY, role=role, bus_names=BUSES))


@pytest.mark.parametrize(
    "text",
    [
        "oh iya ban blkg bus 02 udh tipis pak, prlu ganti sblm ke malang",
        "rem bus 03 agak blong, prlu dicek",
    ],
)
def test_prlu_is_perlu_in_a_drivers_report(text: str) -> None:
    got = read(text, Role.DRIVER)
    assert got.intent is Intent.REPORT_PROBLEM
    assert got.fields.bus is not None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mbak sy sari admin baru 🙏 klo mau nyatet booking baru caranya gmn ya?", "booking"),
        ("cara catat pembayaran dp gimana?", "payment"),
        ("kalau mau input km bus caranya gmn", "odometer"),
        ("formatnya buat catat servis bus gimana", "maintenance"),
        ("cara pakai bot ini gimana", None),
        ("cara catat booking sama pembayaran gimana", None),
    ],
)
def test_a_how_to_about_one_record_names_it(text: str, kind: str | None) -> None:
    got = read(text)
    assert got.intent is Intent.HELP
    assert got.fields.record_kind == (RecordKind(kind) if kind else None)
