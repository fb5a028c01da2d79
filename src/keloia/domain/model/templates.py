"""The WhatsApp message templates Keloia uses: what Meta must approve before a business may
write to someone whose 24-hour window is closed. Listed here once; `keloia templates`
prints them for registration and the senders fill them from here."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from keloia.domain.model.common import Value

LANGUAGE = "id"  # every template is registered in Indonesian
# Meta refuses a parameter with a line break, a tab or more than four spaces in a row; a
# template's whole body may not pass 1,024 characters.
PARAM_MAX = 700
BODY_MAX = 1024
SEPARATOR = " · "


class TemplateCategory(StrEnum):
    UTILITY = "UTILITY"
    AUTHENTICATION = "AUTHENTICATION"


class MessageTemplate(Value):
    name: str
    category: TemplateCategory
    body: str  # the text with {{1}}, {{2}}...; for authentication, Meta writes it
    examples: tuple[str, ...] = ()  # one per parameter, as Meta asks when reviewing
    quick_replies: tuple[str, ...] = ()
    code_expiration_minutes: int | None = None

    @property
    def param_count(self) -> int:
        return len(set(re.findall(r"\{\{(\d+)\}\}", self.body))) or len(self.examples)

    def render(self, params: tuple[str, ...]) -> str:
        """What the person reads, for our own records and the simulator."""
        text = self.body
        for n, value in enumerate(params, start=1):
            text = text.replace("{{" + str(n) + "}}", value)
        return text

    def registration(self) -> dict[str, Any]:
        """The JSON body Meta's template API (POST /{waba-id}/message_templates) takes."""
        components: list[dict[str, Any]]
        if self.category is TemplateCategory.AUTHENTICATION:
            components = [
                {"type": "BODY", "add_security_recommendation": True},
                {"type": "FOOTER", "code_expiration_minutes": self.code_expiration_minutes},
                {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]},
            ]
        else:
            body: dict[str, Any] = {"type": "BODY", "text": self.body}
            if self.examples:
                body["example"] = {"body_text": [list(self.examples)]}
            components = [body]
            if self.quick_replies:
                components.append(
                    {
                        "type": "BUTTONS",
                        "buttons": [{"type": "QUICK_REPLY", "text": t} for t in self.quick_replies],
                    }
                )
        return {
            "name": self.name,
            "language": LANGUAGE,
            "category": self.category.value,
            "components": components,
        }


def one_line(text: str, limit: int = PARAM_MAX) -> str:
    """A template parameter from any text: lines joined, spaces squeezed, cut with '…'."""
    line = SEPARATOR.join(" ".join(part.split()) for part in text.splitlines() if part.strip())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


NOTICE = MessageTemplate(
    name="keloia_pemberitahuan",
    category=TemplateCategory.UTILITY,
    body="Ada pemberitahuan untuk Anda:\n\n{{1}}\n\nSilakan balas pesan ini bila perlu "
    "ditindaklanjuti.",
    examples=("STNK Bus 02 (AB 7012 KL) berakhir pada 30 Maret 2026.",),
)
LOGIN_CODE = MessageTemplate(
    name="keloia_kode_masuk",
    category=TemplateCategory.AUTHENTICATION,
    body="{{1}} adalah kode verifikasi Anda. Demi keamanan, jangan bagikan kode ini.",
    examples=("482913",),
    code_expiration_minutes=5,  # the code itself lives 5 minutes (services/login.py)
)
BRIEFING = MessageTemplate(
    name="keloia_briefing_pagi",
    category=TemplateCategory.UTILITY,
    body="Selamat pagi, {{1}}. Ringkasan untuk {{2}}:\n\n{{3}}\n\n"
    "Balas pesan ini untuk melihat rinciannya.",
    examples=(
        "Sari",
        "Senin, 30 Nov",
        "Berangkat: Bus 01 Bantul - Magelang 05.30 (Slamet) · Pelunasan Pak Hendra "
        "Rp8.000.000, berangkat Rabu, 2 Des",
    ),
    quick_replies=("Lihat rincian",),
)
# A trip notice to a driver or kernet outside the 24-hour window: the trip on one line and
# the two answers as quick replies (each message sets their payloads to its booking).
TRIP_NOTICE = MessageTemplate(
    name="keloia_kabar_trip",
    category=TemplateCategory.UTILITY,
    body="Ada kabar trip untuk Anda:\n\n{{1}}\n\nTekan Siap bila bisa bertugas, atau "
    "Tidak bisa bila berhalangan.",
    examples=(
        "Anda dijadwalkan untuk trip Bu Dewi · Tanggal: Jumat, 4 Des, jam 05.30 · Bus: Bus 04 "
        "(AB 7004 KA) · Jemput: Terminal Giwangan · Rute: Jogja – Pangandaran",
    ),
    quick_replies=("Siap", "Tidak bisa"),
)
# When Meta refuses the full briefing (too long, paused, not approved yet): still a word
# that something is waiting, never silence.
BRIEFING_SHORT = MessageTemplate(
    name="keloia_briefing_singkat",
    category=TemplateCategory.UTILITY,
    body="Selamat pagi, {{1}}. Ada {{2}} hal untuk {{3}}. Balas pesan ini untuk melihatnya.",
    examples=("Sari", "3", "Senin, 30 Nov"),
    quick_replies=("Lihat rincian",),
)

CATALOGUE: dict[str, MessageTemplate] = {
    t.name: t for t in (NOTICE, LOGIN_CODE, BRIEFING, BRIEFING_SHORT, TRIP_NOTICE)
}
