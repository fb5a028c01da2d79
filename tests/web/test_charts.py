"""The dashboard's SVG charts: well-formed, proportional, escaped, integer rupiah."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from keloia.apps.charts import aging_chart, bar_chart, short_rupiah
from keloia.domain.model.money import AgeBucket, AgingReport

SVG = "{http://www.w3.org/2000/svg}"


def rects(svg: str) -> list[ElementTree.Element]:
    return list(ElementTree.fromstring(svg).iter(f"{SVG}rect"))


def test_bars_are_proportional_and_a_loss_is_red() -> None:
    svg = bar_chart("Laba per bus", [("Bus 01", 14_800_000), ("Bus <02>", -7_400_000)])
    first, second = rects(svg)
    assert int(first.get("width", "0")) == 2 * int(second.get("width", "0"))
    assert second.get("fill") == "#b3412f"
    assert "Bus &lt;02&gt;" in svg  # escaped, and still parses
    assert "Rp14,8 jt" in svg


def test_an_empty_chart_says_so() -> None:
    assert "Belum ada data." in bar_chart("Laba", [])


def test_aging_bar_splits_by_bucket() -> None:
    report = AgingReport(
        today=date(2026, 12, 31),
        bookings=[],
        clients=[],
        buckets={
            AgeBucket.NOT_DUE: 0,
            AgeBucket.DAYS_0_7: 0,
            AgeBucket.DAYS_8_30: 11_000_000,
            AgeBucket.DAYS_31_PLUS: 10_000_000,
        },
    )
    svg = aging_chart(report)
    bars = [r for r in rects(svg) if r.get("height") == "26"]
    assert len(bars) == 2
    assert int(bars[0].get("width", "0")) > int(bars[1].get("width", "0"))
    assert "Piutang Rp21.000.000 menurut umur" in svg


def test_short_rupiah() -> None:
    assert short_rupiah(950_000) == "Rp950 rb"
    assert short_rupiah(14_800_000) == "Rp14,8 jt"
    assert short_rupiah(2_000_000) == "Rp2 jt"
    assert short_rupiah(1_250_000_000) == "Rp1,2 M"
    assert short_rupiah(-500) == "-Rp500"
