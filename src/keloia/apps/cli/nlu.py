"""`keloia nlu parse` (docs/contracts.md "Understanding a message"): read WhatsApp text
into intent and fields.

keloia nlu parse --today 2026-03-02 [--role admin] [--pending '{...}'] [--offline] "TEXT"
keloia nlu parse --batch messages.jsonl [--offline]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from keloia.bootstrap import build_extractor
from keloia.domain.model.intents import Extraction, ExtractionContext
from keloia.domain.model.tenants import Role
from keloia.ports.extractor import IntentExtractor
from keloia.settings import Settings


class BadInput(ValueError):
    """An argument or an input line that cannot be read; the message is for the user."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("nlu", help="baca pesan WhatsApp menjadi intent dan field")
    nlu_sub = parser.add_subparsers(dest="nlu_command", required=True, metavar="SUBCOMMAND")
    parse = nlu_sub.add_parser("parse", help="baca satu pesan (atau satu berkas JSONL)")
    parse.add_argument("text", nargs="?", help="isi pesan")
    parse.add_argument("--today", help="tanggal hari ini, YYYY-MM-DD (zona Asia/Jakarta)")
    parse.add_argument("--role", default="admin", help="owner, admin atau driver")
    parse.add_argument("--pending", help="aksi yang menunggu konfirmasi, JSON")
    parse.add_argument("--batch", metavar="FILE", help="berkas JSONL, satu pesan per baris")
    parse.add_argument("--offline", action="store_true", help="hanya aturan, tanpa jaringan")
    parse.set_defaults(func=run_parse)


def jakarta_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()


def parse_today(value: Any) -> dt.date:
    if value is None:
        return jakarta_today()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"tanggal tidak valid (pakai YYYY-MM-DD): {value!r}") from None


def parse_role(value: Any) -> Role:
    if value is None:
        return Role.ADMIN
    try:
        return Role(str(value).lower())
    except ValueError:
        raise BadInput(f"peran tidak dikenal (owner, admin, driver): {value!r}") from None


def parse_pending(value: Any) -> Extraction | None:
    """The pending action: Extraction-shaped JSON where confidence and source may be missing."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):  # RecursionError: nested too deep to read
            raise BadInput("--pending bukan JSON yang valid") from None
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadInput("pending harus berupa objek JSON")
    data = {"confidence": 1.0, "source": "rules", "fields": {}, **value}
    try:
        return Extraction.model_validate(data)
    except RecursionError:
        raise BadInput("pending bersarang terlalu dalam") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadInput(f"pending tidak valid ({where}: {first['msg']})") from None


def context_of(item: dict[str, Any]) -> ExtractionContext:
    """The context a batch line (or a labeled example) gives: today, role, pending."""
    return ExtractionContext(
        today=parse_today(item.get("today")),
        role=parse_role(item.get("role")),
        pending=parse_pending(item.get("pending")),
    )


def parse_one(extractor: IntentExtractor, item: dict[str, Any]) -> dict[str, Any]:
    text = item.get("text")
    if not isinstance(text, str):
        raise BadInput("baris tidak punya 'text' berupa teks")
    return extractor.extract(text, context_of(item)).to_contract()


def _print(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=False)


def run_parse(args: argparse.Namespace) -> int:
    if args.batch is None and args.text is None:
        print("keloia: beri teks pesan atau --batch FILE", file=sys.stderr)
        return 2
    try:
        if args.batch is None:
            item = {"text": args.text, "today": args.today, "role": args.role}
            item["pending"] = args.pending
            # Validate arguments before building anything, so a typo fails fast.
            parse_today(args.today)
            parse_role(args.role)
            parse_pending(args.pending)
            extractor = build_extractor(Settings(), offline=args.offline)
            _print(parse_one(extractor, item))
            return 0
        try:
            with open(args.batch, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except OSError as exc:
            raise BadInput(f"tidak bisa membaca {args.batch}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise BadInput(f"{args.batch} bukan teks UTF-8") from None
    except BadInput as exc:
        print(f"keloia: {exc}", file=sys.stderr)
        return 2
    extractor = build_extractor(Settings(), offline=args.offline)
    for line in lines:
        if not line.strip():
            continue
        run_batch_line(extractor, line)
    sys.stdout.flush()
    return 0


def run_batch_line(extractor: IntentExtractor, line: str) -> None:
    item_id: Any = None
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            raise BadInput("baris bukan objek JSON")
        item_id = item.get("id")
        output = {"id": item_id, **parse_one(extractor, item)}
    except (ValueError, RecursionError) as exc:  # BadInput, json errors, JSON nested too deep
        message = str(exc) if isinstance(exc, BadInput) else "baris bukan JSON yang valid"
        output = {"id": item_id, "error": message}
    try:
        _print(output)
    except (ValueError, RecursionError):  # an "id" nested just too deep to write back
        _print({"id": None, "error": "id baris bersarang terlalu dalam"})
