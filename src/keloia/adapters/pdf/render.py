"""The four papers as A4 PDFs, one column in large type so they read on a phone screen.

fpdf2's built-in Helvetica keeps a PDF small and fast to make (no font embedded); it
speaks Latin-1, so text is folded to it (Indonesian needs nothing more; a stray emoji in a
client's name becomes '?')."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from datetime import time

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from keloia.domain.model.papers import (
    BusLine,
    ConfirmationPaper,
    Paper,
    ReceiptPaper,
    RoadworthinessPaper,
    TripSheetPaper,
)
from keloia.domain.model.payments import format_rupiah
from keloia.domain.model.text import format_date, format_days

FONT = "Helvetica"
LABEL_WIDTH = 55  # mm
_FOLD = str.maketrans({"–": "-", "—": "-", "•": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})
# A price of 0: the booking was written down before a price was agreed.
_NOT_AGREED = "belum ditentukan"


def latin(text: str) -> str:
    text = unicodedata.normalize("NFC", text.translate(_FOLD))
    return text.encode("latin-1", "replace").decode("latin-1")


def _time(value: time | None) -> str:
    return value.strftime("%H.%M") + " WIB" if value else "-"


class _Sheet(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_creator("Keloia")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(110)
        self.cell(0, 5, latin(self.footer_text), align="C")
        self.set_text_color(0)

    # --- pieces -------------------------------------------------------------------

    def letterhead(self, name: str, address: str, phone: str, logo: bytes | None) -> None:
        top = self.get_y()
        text_x = self.l_margin
        if logo:
            try:
                self.image(io.BytesIO(logo), x=self.l_margin, y=top, h=20)
                text_x = self.l_margin + 26
            except Exception:  # a logo that is not an image must not stop the paper
                text_x = self.l_margin
        self.set_xy(text_x, top)
        self.set_font(FONT, "B", 17)
        self.cell(0, 8, latin(name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 10)
        for line in (address, f"Telp/WA {phone}" if phone else ""):
            if line:
                self.set_x(text_x)
                self.multi_cell(0, 5, latin(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(self.get_y(), top + 22))
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(5)

    def heading(self, text: str, subtitle: str = "") -> None:
        self.set_font(FONT, "B", 16)
        self.cell(0, 9, latin(text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FONT, "", 11)
            self.cell(0, 6, latin(subtitle), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def section(self, text: str) -> None:
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.set_fill_color(235, 240, 245)
        self.cell(0, 8, latin(" " + text), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def rows(self, pairs: Sequence[tuple[str, str]], *, bold_last: bool = False) -> None:
        for index, (label, value) in enumerate(pairs):
            bold = bold_last and index == len(pairs) - 1
            self.set_font(FONT, "", 11)
            self.set_text_color(80)
            y = self.get_y()
            self.multi_cell(LABEL_WIDTH, 6.5, latin(label), new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.set_text_color(0)
            self.set_font(FONT, "B" if bold else "", 12 if bold else 11)
            self.set_xy(self.l_margin + LABEL_WIDTH, y)
            self.multi_cell(0, 6.5, latin(value or "-"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, size: int = 10) -> None:
        self.set_font(FONT, "", size)
        self.multi_cell(0, 5.2, latin(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def signature(self, place_date: str, role: str, name: str) -> None:
        self.ln(6)
        x = self.w - self.r_margin - 70
        self.set_font(FONT, "", 11)
        for line in (place_date, role):
            self.set_x(x)
            self.cell(70, 6, latin(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(16)
        self.set_x(x)
        self.set_font(FONT, "B", 11)
        self.cell(70, 6, latin(f"( {name} )"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _bus_text(bus: BusLine) -> str:
    parts = [bus.name]
    if bus.plate:
        parts.append(f"({bus.plate})")
    if bus.seats:
        parts.append(f"{bus.seats} kursi")
    return " ".join(parts)


def _crew_text(bus: BusLine) -> str:
    driver = bus.driver or "belum ditentukan"
    if bus.driver_phone:
        driver += f", {bus.driver_phone}"
    return driver + (f"; kernet {bus.co_driver}" if bus.co_driver else "")


class FpdfRenderer:
    """PaperRenderer with fpdf2."""

    content_type = "application/pdf"

    def render(self, paper: Paper, logo: bytes | None = None) -> bytes:
        head = paper.letterhead
        sheet = _Sheet(f"{head.name} - dibuat dengan Keloia, {format_date(paper.issued_on)}")
        sheet.set_title(latin(f"{paper.kind.value} {head.name}"))
        sheet.set_author(latin(head.name))
        sheet.add_page()
        sheet.letterhead(head.name, head.address, head.phone, logo)
        if isinstance(paper, ConfirmationPaper):
            self._confirmation(sheet, paper)
        elif isinstance(paper, ReceiptPaper):
            self._receipt(sheet, paper)
        elif isinstance(paper, TripSheetPaper):
            self._trip_sheet(sheet, paper)
        else:
            self._roadworthiness(sheet, paper)
        return bytes(sheet.output())

    def _confirmation(self, s: _Sheet, p: ConfirmationPaper) -> None:
        s.heading("KONFIRMASI BOOKING", f"No. {p.booking_id[-8:]} - {format_date(p.issued_on)}")
        s.section("Perjalanan")
        route = " - ".join(x for x in (p.route_from, p.route_to) if x)
        s.rows(
            [
                ("Nama pemesan", p.client_name),
                ("No. telepon", p.client_phone),
                ("Rute", route),
                ("Tanggal", format_days(p.depart_date, p.return_date)),
                ("Berangkat", format_date(p.depart_date, weekday=True)),
                ("Pulang", format_date(p.return_date, weekday=True)),
                ("Jam jemput", _time(p.pickup_time)),
                ("Tempat jemput", p.pickup_place),
                ("Penumpang", f"{p.passengers} orang" if p.passengers else ""),
                ("Status", p.status_label),
            ]
        )
        s.section(f"Armada ({p.bus_count} bus)")
        lines = [(f"Bus {i}", _bus_text(b)) for i, b in enumerate(p.buses, 1)]
        missing = p.bus_count - len(p.buses)
        if missing > 0:
            lines.append(("Belum ditentukan", f"{missing} bus"))
        s.rows(lines)
        s.section("Biaya")
        s.rows(
            [
                ("Harga sewa", format_rupiah(p.price) if p.priced else _NOT_AGREED),
                ("DP diterima", format_rupiah(p.down_payment)),
                ("Total dibayar", format_rupiah(p.paid)),
                ("Sisa pembayaran", format_rupiah(max(p.balance, 0)) if p.priced else "-"),
                ("Batas pelunasan", format_date(p.settlement_due, weekday=True)),
            ],
            bold_last=False,
        )
        if p.cancellation_policy:
            s.section("Ketentuan pembatalan")
            s.paragraph(p.cancellation_policy)
        s.signature(format_date(p.issued_on), "Hormat kami,", p.letterhead.name)

    def _receipt(self, s: _Sheet, p: ReceiptPaper) -> None:
        s.heading("KWITANSI", f"No. {p.code}")
        s.rows(
            [
                ("Telah terima dari", p.client_name),
                ("Uang sejumlah", format_rupiah(p.amount)),
                ("Terbilang", p.amount_words[:1].upper() + p.amount_words[1:]),
                ("Untuk pembayaran", p.purpose),
                ("Cara bayar", p.method),
                ("Tanggal bayar", format_date(p.paid_date)),
            ]
        )
        s.signature(format_date(p.issued_on), "Penerima,", p.received_by or p.letterhead.name)
        s.section("Tagihan" if p.balance > 0 else "Status pembayaran")
        pairs = [
            ("Harga sewa", format_rupiah(p.price) if p.priced else _NOT_AGREED),
            ("Sudah dibayar", format_rupiah(p.paid_total)),
        ]
        if p.balance > 0:
            pairs += [
                ("Jatuh tempo", format_date(p.settlement_due, weekday=True)),
                ("Sisa tagihan", format_rupiah(p.balance)),
            ]
            s.rows(pairs, bold_last=True)
            overdue = p.settlement_due < p.issued_on
            s.paragraph(
                "Jatuh tempo sudah lewat; mohon sisa tagihan segera dilunasi."
                if overdue
                else "Mohon sisa tagihan dilunasi paling lambat pada tanggal jatuh tempo di atas."
            )
        elif p.priced:
            pairs.append(("Status", "LUNAS"))
            s.rows(pairs, bold_last=True)
        else:
            s.rows(pairs, bold_last=False)

    def _trip_sheet(self, s: _Sheet, p: TripSheetPaper) -> None:
        s.heading(
            "SURAT JALAN", f"No. {p.booking_id[-8:]} - {format_days(p.depart_date, p.return_date)}"
        )
        route = " - ".join(x for x in (p.route_from, p.route_to) if x)
        s.section("Perjalanan")
        s.rows(
            [
                ("Rute", route),
                ("Berangkat", format_date(p.depart_date, weekday=True)),
                ("Jam jemput", _time(p.pickup_time)),
                ("Tempat jemput", p.pickup_place),
                ("Pulang", format_date(p.return_date, weekday=True)),
                ("Penumpang", f"{p.passengers} orang" if p.passengers else ""),
            ]
        )
        s.section("Kontak rombongan")
        s.rows([("Nama", p.client_name), ("No. telepon", p.client_phone)])
        s.section("Bus dan kru")
        if p.bus is None:
            s.rows([("Bus", "belum ditentukan")])
        else:
            s.rows([("Bus", _bus_text(p.bus)), ("Sopir", _crew_text(p.bus))])
        s.section("Uang jalan")
        s.rows([("Uang jalan", format_rupiah(p.uang_jalan) if p.uang_jalan else "Rp ...........")])
        if p.notes:
            s.section("Catatan")
            s.paragraph(p.notes, 11)
        s.signature(format_date(p.issued_on), "Mengetahui,", p.letterhead.name)

    def _roadworthiness(self, s: _Sheet, p: RoadworthinessPaper) -> None:
        s.heading("KARTU KELAIKAN KENDARAAN", format_date(p.issued_on))
        s.rows([("Bus", _bus_text(p.bus))])
        s.section("Dokumen kendaraan")
        rows: list[tuple[str, str]] = []
        for doc in p.documents:
            state = "berlaku" if doc.valid else "TIDAK BERLAKU"
            number = f"No. {doc.number}, " if doc.number else ""
            rows.append((doc.label, f"{number}s.d. {format_date(doc.expires_on)} ({state})"))
        rows += [(label, "belum tercatat") for label in p.missing]
        s.rows(rows)
        s.ln(3)
        verdict = (
            "Seluruh dokumen di atas berlaku pada tanggal kartu ini dibuat."
            if p.roadworthy
            else "Ada dokumen yang tidak berlaku atau belum tercatat."
        )
        s.set_font(FONT, "B", 12)
        s.multi_cell(0, 7, latin(verdict), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        s.signature(format_date(p.issued_on), "Hormat kami,", p.letterhead.name)
