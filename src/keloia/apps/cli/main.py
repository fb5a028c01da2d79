"""`keloia`: one argparse tree; each subcommand lives in its own module with a
`register(subparsers)` that sets `func` on its parser."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from keloia.apps.cli import admin, jobs, nlu, run
from keloia.apps.cli.errors import OperatorError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="keloia", description="Keloia: operasional PO Bus lewat WhatsApp"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (run, admin, nlu, jobs):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except OperatorError as exc:
        print(f"keloia: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
