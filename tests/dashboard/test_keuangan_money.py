"""The Keuangan page shows money beyond the ledger: profit per trip and per bus (an SVG
chart), bus utilisation, receivables by age (an SVG chart) and the weeks ahead."""

from __future__ import annotations

from xml.etree import ElementTree

from .conftest import Dash
from .test_pages import cookie_login


def test_the_keuangan_page_shows_profit_utilisation_aging_and_the_season(dash: Dash) -> None:
    cookie_login(dash)
    page = dash.client.get("/keuangan")
    assert page.status_code == 200
    html = page.text
    for heading in ("Laba trip", "Pemakaian bus", "Minggu ke depan"):
        assert f"<h2>{heading}" in html
    charts = [
        chunk.split("</svg>")[0] + "</svg>"
        for chunk in html.split('<svg xmlns="http://www.w3.org/2000/svg"')[1:]
    ]
    labels = [
        ElementTree.fromstring('<svg xmlns="http://www.w3.org/2000/svg"' + c).get("aria-label")
        for c in charts
    ]
    assert "Laba per bus" in labels
    assert any(label and label.startswith("Piutang Rp") for label in labels)
    assert "dari 6 bus sudah terisi" in html  # the demo PO has six buses
