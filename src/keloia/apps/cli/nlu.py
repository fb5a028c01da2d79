"""`keloia nlu parse` (shared/contracts/nlu.md). Owned by the NLU work."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("nlu", help="baca pesan WhatsApp menjadi intent dan field")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)
