"""Operator commands for the scheduled work: briefing (by hand) and templates."""

from __future__ import annotations

import argparse
import json
from datetime import date

from keloia.apps.cli.admin import connect
from keloia.apps.cli.errors import OperatorError
from keloia.domain.errors import DomainError
from keloia.domain.model.messages import MessageKind
from keloia.domain.model.templates import CATALOGUE
from keloia.domain.services.briefing import Planned, morning


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    briefing = sub.add_parser("briefing", help="build (and queue) a tenant's morning briefing")
    briefing.add_argument("--tenant", required=True)
    briefing.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    briefing.add_argument("--dry-run", action="store_true", help="print only, queue nothing")
    briefing.set_defaults(func=_briefing)

    templates = sub.add_parser(
        "templates", help="print the WhatsApp templates as Meta's template API takes them"
    )
    templates.set_defaults(func=_templates)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _briefing(args: argparse.Namespace) -> int:
    app = connect(run_migrations=False)
    day = args.date or app.deps.clock.today()
    try:
        planned = morning(app.deps, app.calendar, args.tenant, day, dry_run=args.dry_run)
        queued = planned is not None and not args.dry_run
        if planned is None:  # the scheduler (or an earlier run) queued that day already
            planned = morning(app.deps, app.calendar, args.tenant, day, dry_run=True)
            print(f"# the briefing of {day} was already queued; shown, not queued again")
    except DomainError as exc:
        raise OperatorError(exc.message) from exc
    for item in planned or []:
        print(_show(item))
    if not planned:
        print(f"# nobody has anything to hear on {day}")
    elif queued:
        print(f"# {len(planned)} message(s) queued")
    return 0


def _show(item: Planned) -> str:
    user, message = item.briefing.user, item.message
    how = (
        f"template {message.template_name}"
        if message.kind is MessageKind.TEMPLATE
        else "free text (24-hour window open)"
    )
    return f"== {user.name} ({user.role.value}) {user.phone}, {how}\n{message.body}\n"


def _templates(args: argparse.Namespace) -> int:
    print(json.dumps([t.registration() for t in CATALOGUE.values()], indent=2, ensure_ascii=False))
    return 0
