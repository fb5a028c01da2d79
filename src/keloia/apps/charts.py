"""Small SVG charts drawn on the server for the dashboard (no JavaScript, no Node build):
bars per bus or per month, and the receivables' aging as one stacked bar. Every label is
escaped; every amount is integer rupiah, shown the Indonesian way."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from keloia.domain.model.money import AgeBucket, AgingReport
from keloia.domain.model.payments import format_rupiah

# The dashboard's palette: calm for money in, warm for money late.
BAR = "#2f6f4f"
NEGATIVE = "#b3412f"
BUCKET_COLOURS = {
    AgeBucket.NOT_DUE: "#9bb7a8",
    AgeBucket.DAYS_0_7: "#e0b44c",
    AgeBucket.DAYS_8_30: "#d9823b",
    AgeBucket.DAYS_31_PLUS: "#b3412f",
}


def short_rupiah(amount: int) -> str:
    """Rp14,8 jt / Rp950 rb: fits under a bar."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 1_000_000_000:
        whole, part = divmod(value * 10 // 1_000_000_000, 10)
        return f"{sign}Rp{whole},{part} M" if part else f"{sign}Rp{whole} M"
    if value >= 1_000_000:
        whole, part = divmod(value * 10 // 1_000_000, 10)
        return f"{sign}Rp{whole},{part} jt" if part else f"{sign}Rp{whole} jt"
    if value >= 1_000:
        return f"{sign}Rp{value // 1_000} rb"
    return f"{sign}Rp{value}"


def bar_chart(title: str, items: Sequence[tuple[str, int]], width: int = 640) -> str:
    """Horizontal bars, one per (label, amount); negative amounts (a loss) in red."""
    row, left, pad = 28, 140, 8
    height = pad * 2 + 24 + row * max(1, len(items))
    top = max([abs(v) for _, v in items] + [1])
    span = width - left - 110
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{pad}" y="{pad + 14}" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    if not items:
        parts.append(f'<text x="{pad}" y="{pad + 44}" font-size="13">Belum ada data.</text>')
    for n, (label, value) in enumerate(items):
        y = pad + 24 + n * row
        length = abs(value) * span // top
        colour = NEGATIVE if value < 0 else BAR
        parts += [
            f'<text x="{pad}" y="{y + 17}" font-size="13">{escape(label)}</text>',
            f'<rect x="{left}" y="{y + 4}" width="{length}" height="{row - 10}" '
            f'fill="{colour}"><title>{escape(label)}: {format_rupiah(value)}</title></rect>',
            f'<text x="{left + length + 6}" y="{y + 17}" font-size="12">'
            f"{escape(short_rupiah(value))}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)


def aging_chart(report: AgingReport, width: int = 640) -> str:
    """One bar split by age bucket, with a legend: how much is late, and how late."""
    title = f"Piutang {format_rupiah(report.total)} menurut umur"
    pad, bar_y, bar_h = 8, 30, 26
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} 120" '
        f'width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{pad}" y="{pad + 14}" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    span = width - 2 * pad
    x = pad
    total = report.total
    for bucket, amount in report.buckets.items():
        if total and amount:
            length = amount * span // total
            parts.append(
                f'<rect x="{x}" y="{bar_y}" width="{length}" height="{bar_h}" '
                f'fill="{BUCKET_COLOURS[bucket]}"><title>{bucket.label}: '
                f"{format_rupiah(amount)}</title></rect>"
            )
            x += length
    if not total:
        parts.append(f'<text x="{pad}" y="{bar_y + 18}" font-size="13">Semua sudah lunas.</text>')
    for n, (bucket, amount) in enumerate(report.buckets.items()):
        lx = pad + n * (span // 4)
        parts += [
            f'<rect x="{lx}" y="{bar_y + bar_h + 16}" width="12" height="12" '
            f'fill="{BUCKET_COLOURS[bucket]}"/>',
            f'<text x="{lx + 16}" y="{bar_y + bar_h + 26}" font-size="12">'
            f"{escape(bucket.label)}</text>",
            f'<text x="{lx + 16}" y="{bar_y + bar_h + 42}" font-size="12">'
            f"{escape(short_rupiah(amount))}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
