"""Long-running commands: serve, api, worker, scheduler."""

from __future__ import annotations

import argparse

from keloia.apps.cli.errors import OperatorError

Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def register(sub: Sub) -> None:
    serve = sub.add_parser("serve", help="everything in one process (embedded default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="seed a demo tenant, enable simulator")
    serve.set_defaults(func=_not_built)

    api = sub.add_parser("api", help="the HTTP apps only, for scale-out")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8000)
    api.add_argument("--workers", type=int, default=1)
    api.set_defaults(func=_not_built)

    worker = sub.add_parser("worker", help="dramatiq worker over the Redis broker")
    worker.add_argument("--processes", type=int, default=1)
    worker.add_argument("--threads", type=int, default=4)
    worker.set_defaults(func=_not_built)

    scheduler = sub.add_parser("scheduler", help="the cron jobs")
    scheduler.set_defaults(func=_not_built)


def _not_built(args: argparse.Namespace) -> int:
    raise OperatorError(f"'{args.command}' is not available yet: the HTTP apps are being built")
