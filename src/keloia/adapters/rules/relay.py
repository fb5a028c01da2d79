"""Word to pass on to a teammate: "tolong kabarin pak budi sy telat 30 menit", "bilangin joko
jemputnya jam 5 ya", "sampaikan ke admin: bus 03 ban bocor". Whom (as written) and what, in
the sender's words. Not the notice of a trip ("kabari wahyu trip malang tgl 2", "kasih tau
joko soal trip ke bandung": the assistant sends that notice itself), nor the speaker's own
promise ("nanti sy kabari"), nor a bare "tolong sampaikan ke pak budi" (nothing to pass on)."""

from __future__ import annotations

import re
from typing import Any

from keloia.adapters.rules.text import STOP_WORDS, words

_VERB_RE = re.compile(
    r"(?<!\bsaya )(?<!\bsy )(?<!\baku )(?<!\bnanti )(?<!\bntar )(?<!\bnti )(?<!\btak )"
    r"\b(?:sampaikan|sampein|sampaiin|sampekan|kabari|kabarin|kabarkan|bilangin|bilangi"
    r"|bilang(?=\s+(?:ke|sama|sm|kpd|kepada)\s)|infokan|infoin|teruskan|terusin|beritahu"
    r"|beritahukan|beri\s+tahu|kasih\s+tau|kasi\s+tau|kasih\s+tahu|ingetin|ingatkan"
    r"|titip\s+pesan|pesenin|pesanin)"
    r"(?:\s+(?:pesan|pesen)(?:nya)?)?"
    r"\s+(?:(?:ke|sama|sm|kpd|kepada|buat|utk|untuk)\s+)?"
    r"(?P<who>(?:(?:pak|bu|bapak|ibu|mas|mbak|mba|bang|kang|om|bpk|dek)\.?\s+)?[a-z]+)\b"
)
# Words after the verb that are nobody of the team by name.
_NOBODY = words(
    """
    semua smua semuanya orang orangnya klien kliennya customer tamu tamunya rombongan crew
    kru krunya driver drivernya sopir supir kernet kernetnya anak anak2 tim
    sy saya aku aq gw gue gua ane kami kita terima caranya cara
    """
)
# Everyone of a role: "semua sopir", "smua admin".
_EVERYONE_OF_RE = re.compile(r"(?:semua|smua)\s+(?:sopir|supir|driver|admin)\b")
# What comes between the person and the message: "kalau", "bahwa", a colon.
_LEAD_RE = re.compile(
    r"^[\s,:;\-–—]*(?:(?:kalau|kalo|klo|kl|klw|bahwa|bhw|bahwasanya)\b[\s,:]*)?[\"“']?"
)
# A polite ending addressed to the assistant, not part of the message.
_TAIL_RE = re.compile(
    r"(?:[\s,.!🙏]*\b(?:ya|yaa|yah|yak|y|nggih|ngih|njih|ok|oke|makasih|mksh|mks|thx|tks|trims"
    r"|terima\s+kasih|pak|mas|mbak|mba|bu|min|kak|dong|deh)\b)*[\s,.!🙏\"”']*$"
)
# The notice of a trip, which the assistant sends itself (crew_answers.tell).
_TRIP_NOTICE_RE = re.compile(
    r"^(?:(?:soal|tentang|ttg|mengenai|untuk|utk|buat)\s+)?(?:trip|tripnya|jadwal|jadwalnya"
    r"|tugas|tugasnya|info\s+trip|notif|pemberitahuan|surat\s+jalan)\b"
)
# A teammate told to do something: "suruh sari tagih sisanya", "sari suruh tagih sisanya ke
# pak hendra" (the name first, as said to the assistant). Only a teammate by name or role:
# "pak hendra suruh jemput jam 5" is what a client asked for, and "pak budi suruh sy ke
# kantor" what the speaker was told.
_ORDER_RES = (
    re.compile(r"\bsuruh\s+(?P<who>[a-z]+)\s+"),
    re.compile(r"^\W*(?:(?:tolong|tlg|mas|mbak|min)\s+)?(?P<who>[a-z]+)\s+(?:suruh|disuruh)\s+"),
)
_OWN_RE = re.compile(r"^\W*(?:sy|saya|aku|aq|gw|gue|kami|kita)\b")
_ROLES = words("admin mimin bos boss owner pemilik juragan")


def _ordered(lower: str, team: tuple[str, ...]) -> tuple[int, int, int] | None:
    """Where the teammate told to do something is named, and where what to do begins."""
    known = {w.casefold() for person in team for w in person.split()[:1]} | _ROLES
    for pattern in _ORDER_RES:
        m = pattern.search(lower)
        if m and m.group("who") in known and not _OWN_RE.match(lower[m.end() :]):
            return m.start("who"), m.end("who"), m.end()
    return None


def relay_request(text: str, team: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """{"recipient", "message"} when the message asks to pass word on to someone named;
    None otherwise. `team`: the PO's people by name, who may be told to do something."""
    lower = text.lower()
    m = _VERB_RE.search(lower)
    if m is not None:
        start, end, said_from = m.start("who"), m.end("who"), m.end()
    elif (ordered := _ordered(lower, team)) is not None:
        start, end, said_from = ordered
    else:
        return None
    everyone = _EVERYONE_OF_RE.match(lower, start)
    if everyone is not None:
        # "bilangin semua sopir besok rapat jam 8": everyone of that role.
        end = said_from = everyone.end()
    who = lower[start:end]
    if everyone is None and (who.split()[-1] in _NOBODY or who in STOP_WORDS):
        return None
    rest = text[said_from:]
    rest = rest[_LEAD_RE.match(rest.lower()).end() :]  # type: ignore[union-attr]
    tail = _TAIL_RE.search(rest)
    said = rest[: tail.start()] if tail else rest
    said = " ".join(said.split()).strip(" ,.;:-")
    if not re.search(r"[a-zA-Z0-9]", said) or _TRIP_NOTICE_RE.match(said.lower()):
        return None
    # In the sender's words, as written ("sy telat 30 menit"): the teammate reads them
    # under the sender's name.
    return {"recipient": text[start:end], "message": said[:1000]}


# The answer to "Ke Sari atau ke Rina?": a teammate's name, a title and a "ke"/"aja" around.
_ANSWER_WORDS = words(
    """
    ke sama sm kpd kepada buat utk untuk yg yang aja saja ya yaa dong deh pak bu bapak ibu
    mas mbak mba bang kang om kak min
    """
)


def recipient_answer(text: str, member: str | None) -> str | None:
    """`member` (the teammate the message names) when the message is only that name, as an
    answer to whom word is passed on to ("ke rina aja", "sari"); None otherwise."""
    if member is None:
        return None
    said = re.findall(r"[a-z]+", text.lower())
    own = set(member.lower().split())
    if said and all(w in own or w in _ANSWER_WORDS for w in said) and own & set(said):
        return member
    return None


# The answer "dua-duanya" / "semua" / "dua2nya aja" to "Ke Sari atau ke Rina?": everyone of
# the role the word was for.
_ALL_ANSWER_RE = re.compile(
    r"^\W*(?:(?:ke|sama|sm|buat|utk|untuk|kirim)\s+)*"
    r"(?:dua\W*duanya|dua2nya|dua2|duanya|keduanya|kedua\W*nya|semua|smua|semuanya|smuanya"
    r"|sekalian|dua\W*dua)"
    r"(?:\W+(?:aja|saja|aj|ya|yaa|dong|deh|admin|adminnya|sekalian|pak|bu|mas|mbak|min|kak))*\W*$"
)


def all_of_role(text: str, recipient: str | None) -> str | None:
    """ "semua admin" when the message answers "dua-duanya" / "semua" while word for a role
    ("bilangin admin ...") waits to be sent; None otherwise."""
    role = (recipient or "").strip().lower()
    if role not in _ROLES or not _ALL_ANSWER_RE.match(text.lower()):
        return None
    return f"semua {role}"
