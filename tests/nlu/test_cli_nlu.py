"""`keloia nlu parse`, single and --batch, as the contract says."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from keloia.apps.cli import nlu


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a key the rules answer alone, whatever the developer's shell holds.
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)


def cli(argv: list[str]) -> int:
    """The `nlu` subcommand exactly as `keloia` registers it."""
    parser = argparse.ArgumentParser(prog="keloia")
    nlu.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_single_message(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(
        ["nlu", "parse", "--today", "2026-03-02", "--offline", "Pak Agus besok jogja - solo 5jt"]
    )
    out = capsys.readouterr()
    assert code == 0
    [result] = lines(out.out)
    assert result["intent"] == "create_booking"
    assert result["source"] == "rules"
    assert 0 <= result["confidence"] <= 1
    assert result["fields"] == {
        "client_name": "Pak Agus",
        "depart_date": "2026-03-03",
        "route_from": "jogja",
        "route_to": "solo",
        "price": 5000000,
    }


def test_output_keeps_non_ascii(capsys: pytest.CaptureFixture[str]) -> None:
    cli(
        [
            "nlu",
            "parse",
            "--today",
            "2026-10-20",
            "CV Jaya sewa bus 1 besok solo - jogja 5jt\nket: bawa sound ✓",
        ]
    )
    assert "✓" in capsys.readouterr().out


def test_unknown_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["nlu", "parse", "--today", "2026-03-02", "siang pak, sudah makan?"]) == 0
    assert lines(capsys.readouterr().out)[0]["intent"] == "unknown"


def test_pending_correction(capsys: pytest.CaptureFixture[str]) -> None:
    pending = json.dumps(
        {
            "intent": "create_booking",
            "fields": {"client_name": "Pak Agus", "depart_date": "2026-03-15"},
        }
    )
    code = cli(
        ["nlu", "parse", "--today", "2026-03-02", "--pending", pending, "bukan tgl 15, tgl 16"]
    )
    assert code == 0
    [result] = lines(capsys.readouterr().out)
    assert result["intent"] == "correct"
    assert result["fields"] == {"depart_date": "2026-03-16"}


def test_pending_confirm_and_role(capsys: pytest.CaptureFixture[str]) -> None:
    pending = (
        '{"intent": "update_bus_status", "fields": {"bus": "Bus 12", "bus_status": "retired"}}'
    )
    cli(["nlu", "parse", "--today", "2026-03-02", "--role", "owner", "--pending", pending, "gas"])
    assert lines(capsys.readouterr().out)[0]["intent"] == "confirm"


def test_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch = tmp_path / "messages.jsonl"
    pending = {"intent": "record_payment", "fields": {"amount": 1500000}}
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "jadwal besok?", "today": "2026-03-02"}),
                "this is not json",
                json.dumps({"id": 7, "text": "nominalnya 1,6jt", "pending": pending}),
                json.dumps({"id": "c", "text": "halo", "today": None, "role": None}),
                json.dumps({"id": "d", "today": "2026-03-02"}),
                json.dumps({"id": "e", "text": "ok", "today": "kemarin"}),
                "",
            ]
        ),
        encoding="utf-8",
    )
    code = cli(["nlu", "parse", "--batch", str(batch), "--offline"])
    out = lines(capsys.readouterr().out)
    assert code == 0
    assert len(out) == 6
    assert out[0]["id"] == "a"
    assert out[0]["intent"] == "query_schedule"
    assert out[0]["fields"] == {"date": "2026-03-03"}
    assert "error" in out[1]
    assert out[2]["id"] == 7
    assert out[2]["intent"] == "correct"
    assert out[2]["fields"] == {"amount": 1600000}
    assert out[3]["intent"] == "unknown"
    assert out[4]["id"] == "d"
    assert "error" in out[4]
    assert "error" in out[5]


def test_batch_survives_deeply_nested_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # json.loads raises RecursionError (not ValueError) on input nested this deep.
    batch = tmp_path / "messages.jsonl"
    deep = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "jadwal besok?", "today": "2026-03-02"}),
                deep,
                json.dumps({"id": "b", "text": "jadwal besok?", "today": "2026-03-02"}),
            ]
        ),
        encoding="utf-8",
    )
    code = cli(["nlu", "parse", "--batch", str(batch), "--offline"])
    out = lines(capsys.readouterr().out)
    assert code == 0
    assert len(out) == 3
    assert [out[0]["id"], out[2]["id"]] == ["a", "b"]
    assert out[0]["intent"] == out[2]["intent"] == "query_schedule"
    assert "error" not in out[0] and "error" not in out[2]
    assert "error" in out[1]


@pytest.mark.parametrize(
    "argv",
    [
        ["nlu", "parse", "--today", "2026-13-45", "halo"],
        ["nlu", "parse", "--today", "besok", "halo"],
        ["nlu", "parse", "--today", "2026-03-02", "--pending", "{not json", "ya"],
        ["nlu", "parse", "--today", "2026-03-02", "--pending", '{"intent": "fly"}', "ya"],
        ["nlu", "parse", "--today", "2026-03-02", "--role", "king", "halo"],
        ["nlu", "parse", "--batch", "/nonexistent/messages.jsonl"],
        ["nlu", "parse"],
    ],
)
def test_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
