from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from keloia.adapters.meta import fit_message, shorten, split_text
from keloia.adapters.meta.split import (
    DEFAULT_PROMPT,
    MAX_INTERACTIVE_BODY,
    MORE_CHOICES_PROMPT,
    clean_template_param,
    utf16_len,
)
from keloia.domain.model.messages import Button, ListRow, MessageKind, OutboundMessage

TO = "+6281234567890"

texts = st.text(alphabet=st.sampled_from("ab \n\n\té🚌"), max_size=400)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=2, max_value=60))
def test_split_text_rejoins_exactly_and_every_piece_fits(body: str, limit: int) -> None:
    pieces = split_text(body, limit)
    assert "".join(pieces) == body
    assert all(0 < utf16_len(piece) <= limit for piece in pieces)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=12), min_size=1, max_size=80))
def test_words_are_never_cut_when_they_fit(words: list[str]) -> None:
    body = " ".join(words)
    pieces = split_text(body, 30)
    assert "".join(pieces) == body
    kept = [word for piece in pieces for word in piece.split()]
    assert kept == words


def test_a_short_text_is_one_piece_and_an_empty_one_none() -> None:
    assert split_text("Selamat pagi") == ["Selamat pagi"]
    assert split_text("") == []


def test_paragraph_breaks_are_preferred() -> None:
    paragraphs = ["Trip " + str(n) + ": " + "Jogja-Semarang, bus 01. " * 80 for n in range(5)]
    body = "\n\n".join(paragraphs)
    pieces = split_text(body)
    assert len(pieces) > 1
    assert all(len(piece) <= 4096 for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert "".join(pieces) == body


def test_lines_then_words_then_a_hard_cut() -> None:
    lines = "\n".join(["baris " * 10] * 10)
    assert all(p.endswith("\n") for p in split_text(lines, 100)[:-1])
    one_line = "kata " * 100
    assert all(p.endswith(" ") for p in split_text(one_line, 100)[:-1])
    one_word = "x" * 250
    assert split_text(one_word, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_emoji_count_as_two_units() -> None:
    pieces = split_text("🚌" * 10, 4)
    assert pieces == ["🚌🚌"] * 5


def test_shorten() -> None:
    assert shorten("Ya", 20) == "Ya"
    assert shorten("Konfirmasi booking Jogja", 20) == "Konfirmasi booking…"
    assert len(shorten("a" * 30, 20)) == 20
    assert shorten("  spasi  ", 20) == "spasi"


def test_a_long_text_becomes_several_texts() -> None:
    message = OutboundMessage.model_construct(to=TO, kind=MessageKind.TEXT, body="kata " * 2000)
    parts = fit_message(message)
    assert len(parts) == 3
    assert all(p.kind == MessageKind.TEXT and len(p.body) <= 4096 for p in parts)
    assert "".join(p.body for p in parts) == "kata " * 2000


def test_an_empty_text_is_nothing_to_send() -> None:
    assert fit_message(OutboundMessage(to=TO, body="")) == []


def test_a_message_that_fits_is_unchanged() -> None:
    message = OutboundMessage(
        to=TO,
        kind=MessageKind.BUTTONS,
        body="Betul?",
        buttons=(Button(id="y", title="Ya"), Button(id="n", title="Tidak")),
    )
    assert fit_message(message) == [message]


def test_long_titles_are_shortened_and_kept_unique() -> None:
    message = OutboundMessage.model_construct(
        to=TO,
        kind=MessageKind.BUTTONS,
        body="Pilih booking:",
        buttons=(
            Button.model_construct(id="b1", title="Booking Pak Agus Jogja 15 Maret"),
            Button.model_construct(id="b2", title="Booking Pak Agus Jogja 16 Maret"),
        ),
        rows=(),
        list_button="Pilih",
        template_name="",
        template_params=(),
    )
    [fitted] = fit_message(message)
    titles = [b.title for b in fitted.buttons]
    assert titles == ["Booking Pak Agus Jo…", "Booking Pak Agus… 2"]
    assert all(len(t) <= 20 for t in titles)
    assert [b.id for b in fitted.buttons] == ["b1", "b2"]


def test_list_rows_are_shortened() -> None:
    message = OutboundMessage.model_construct(
        to=TO,
        kind=MessageKind.LIST,
        body="Pilih bus:",
        buttons=(),
        rows=(
            ListRow.model_construct(
                id="bus:01", title="Bus 01 Jetbus 3+ SHD 59 kursi", description="d" * 100
            ),
        ),
        list_button="Lihat semua pilihan bus",
        template_name="",
        template_params=(),
    )
    [fitted] = fit_message(message)
    [row] = fitted.rows
    assert row.title == "Bus 01 Jetbus 3+ SHD 59…"
    assert len(row.title) == 24
    assert len(row.description) == 72
    assert fitted.list_button == "Lihat semua pilihan…"


def test_more_than_ten_rows_become_several_lists() -> None:
    rows = tuple(ListRow(id=f"bus:{n:02}", title=f"Bus {n:02}") for n in range(1, 24))
    message = OutboundMessage.model_construct(
        to=TO,
        kind=MessageKind.LIST,
        body="Bus mana?",
        buttons=(),
        rows=rows,
        list_button="Pilih",
        template_name="",
        template_params=(),
    )
    parts = fit_message(message)
    assert [len(p.rows) for p in parts] == [10, 10, 3]
    assert [p.body for p in parts] == ["Bus mana?", MORE_CHOICES_PROMPT, MORE_CHOICES_PROMPT]
    assert tuple(r for p in parts for r in p.rows) == rows


def test_more_than_three_buttons_become_a_list() -> None:
    buttons = tuple(Button(id=f"b{n}", title=f"Pilihan {n}") for n in range(5))
    message = OutboundMessage.model_construct(
        to=TO,
        kind=MessageKind.BUTTONS,
        body="Pilih:",
        buttons=buttons,
        rows=(),
        list_button="Pilih",
        template_name="",
        template_params=(),
    )
    [fitted] = fit_message(message)
    assert fitted.kind == MessageKind.LIST
    assert [(r.id, r.title) for r in fitted.rows] == [(b.id, b.title) for b in buttons]


def test_a_long_interactive_body_sends_the_text_first_and_keeps_the_question() -> None:
    summary = "\n".join(f"Trip {n}: Jogja-Semarang, bus 01, Rp15.000.000" for n in range(60))
    question = "Saya catat semua booking di atas, ya?"
    message = OutboundMessage(
        to=TO,
        kind=MessageKind.BUTTONS,
        body=summary + "\n\n" + question,
        buttons=(Button(id="y", title="Ya"), Button(id="n", title="Batal")),
    )
    *texts_first, interactive = fit_message(message)
    assert [t.kind for t in texts_first] == [MessageKind.TEXT]
    assert texts_first[0].body == summary
    assert interactive.kind == MessageKind.BUTTONS
    assert interactive.body == question
    assert interactive.buttons == message.buttons


def test_a_long_interactive_body_without_breaks_gets_a_short_prompt() -> None:
    body = "kata " * 400
    message = OutboundMessage(
        to=TO,
        kind=MessageKind.LIST,
        body=body,
        rows=(ListRow(id="a", title="A"),),
    )
    first, interactive = fit_message(message)
    assert (first.kind, first.body) == (MessageKind.TEXT, body)
    assert interactive.body == DEFAULT_PROMPT


def test_an_interactive_message_without_body_gets_a_prompt() -> None:
    message = OutboundMessage(
        to=TO, kind=MessageKind.BUTTONS, buttons=(Button(id="y", title="Ya"),)
    )
    [fitted] = fit_message(message)
    assert fitted.body == DEFAULT_PROMPT


def test_buttons_or_rows_missing_send_plain_text() -> None:
    for kind in (MessageKind.BUTTONS, MessageKind.LIST):
        [fitted] = fit_message(OutboundMessage(to=TO, kind=kind, body="Info saja"))
        assert (fitted.kind, fitted.body) == (MessageKind.TEXT, "Info saja")


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from([MessageKind.BUTTONS, MessageKind.LIST]))
def test_every_fitted_interactive_message_is_within_limits(body: str, kind: MessageKind) -> None:
    message = OutboundMessage(
        to=TO,
        kind=kind,
        body=body * 8,
        buttons=(Button(id="y", title="Ya"),),
        rows=(ListRow(id="a", title="A"),),
    )
    for part in fit_message(message):
        limit = MAX_INTERACTIVE_BODY if part.kind != MessageKind.TEXT else 4096
        assert 0 < utf16_len(part.body) <= limit
        assert part.body.strip()


def test_template_parameters_are_cleaned() -> None:
    assert clean_template_param("Hari ini:\n- Bus 01\n\n- Bus 02") == (
        "Hari ini: · - Bus 01 · - Bus 02"
    )
    assert clean_template_param("a     b\tc") == "a b · c"
    assert clean_template_param("  ") == "-"
    assert len(clean_template_param("x" * 2000)) == 1024
    message = OutboundMessage(
        to=TO, kind=MessageKind.TEMPLATE, template_name="t", template_params=("a\nb",)
    )
    [fitted] = fit_message(message)
    assert fitted.template_params == ("a · b",)
