"""Long-running commands: serve, api, worker, scheduler."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn

from keloia.apps.cli.admin import connect
from keloia.apps.cli.errors import OperatorError
from keloia.apps.heap import freeze_startup_heap
from keloia.apps.logs import configure
from keloia.settings import Settings

if TYPE_CHECKING:
    from litestar import Litestar

    from keloia.bootstrap import Keloia


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="everything in one process (embedded default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="seed a demo tenant, enable simulator")
    serve.set_defaults(func=_serve)

    api = sub.add_parser("api", help="the HTTP apps only, for scale-out")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8000)
    api.add_argument("--workers", type=int, default=1)
    api.set_defaults(func=_api)

    worker = sub.add_parser("worker", help="dramatiq worker over the Redis broker")
    worker.add_argument("--processes", type=int, default=1)
    worker.add_argument("--threads", type=int, default=4)
    worker.set_defaults(func=_worker)

    scheduler = sub.add_parser("scheduler", help="the cron jobs (safe to run more than once)")
    scheduler.set_defaults(func=_scheduler)


def _serve(args: argparse.Namespace) -> int:
    from apscheduler.schedulers.background import BackgroundScheduler

    from keloia.apps.demo import seed_demo
    from keloia.apps.http.app import create_app
    from keloia.apps.scheduler import add_jobs, start
    from keloia.apps.worker.embedded import ThreadWorkers

    settings = Settings()
    if args.demo and settings.env == "production":
        raise OperatorError("--demo is disabled when KELOIA_ENV=production")
    _logging()
    # Download links point at this server unless the operator says where it is reached.
    os.environ.setdefault("KELOIA_PUBLIC_URL", f"http://{args.host}:{args.port}")
    keloia = connect(run_migrations=True, role="serve")
    demo_tenant = seed_demo(keloia) if args.demo else None
    if settings.serve_worker_processes:
        http = _with_worker_processes(keloia, settings.serve_worker_processes, demo_tenant, args)
    else:
        workers = ThreadWorkers(keloia)
        cron = BackgroundScheduler(timezone=settings.timezone)
        add_jobs(cron, keloia)
        http = create_app(
            replace(keloia, queue=workers, demo_tenant_id=demo_tenant),
            simulator=args.demo,
            on_startup=[workers.start, lambda: start(cron), freeze_startup_heap],
            on_shutdown=[lambda: workers.stop(), lambda: cron.shutdown(wait=False)],
        )
    if args.demo:
        print(f"Keloia demo: http://{args.host}:{args.port}/simulator")
    return _serve_http(http, args)


def _with_worker_processes(
    keloia: Keloia, count: int, demo_tenant: str | None, args: argparse.Namespace
) -> Litestar:
    """The web process of `keloia serve`: the webhook, the dashboard and the simulator;
    the handling, the delivery and the scheduled jobs run in `count` worker processes it
    starts, supervises and stops (apps/worker/processes.py)."""
    from keloia.apps.http.app import create_app
    from keloia.apps.worker.processes import WorkerProcesses, with_shared_media
    from keloia.apps.worker.tasks import take_over

    media = Path(tempfile.mkdtemp(prefix="keloia-media-"))
    workers = WorkerProcesses(count, media)
    # An earlier `keloia serve` with worker threads held its leases as `serve:`.
    take_over(keloia)
    # Started now, so they start up while the web process does; /healthz answers once
    # they are ready. Each stops by itself when this process ends, whatever the way.
    workers.start()

    def stop() -> None:
        workers.stop()
        shutil.rmtree(media, ignore_errors=True)

    return create_app(
        replace(with_shared_media(keloia, media), queue=workers, demo_tenant_id=demo_tenant),
        simulator=args.demo,
        on_startup=[lambda: workers.wait_ready(), freeze_startup_heap],
        on_shutdown=[stop],
    )


def _api(args: argparse.Namespace) -> int:
    # Checked here: a one-line error now rather than in every uvicorn worker.
    _scaled_out("keloia api hands work to `keloia worker`")
    return _serve_http("keloia.apps.http.factory:api_app", args, factory=True, workers=args.workers)


def _worker(args: argparse.Namespace) -> int:
    _scaled_out("keloia worker needs the Redis broker")
    from keloia.apps.worker.supervise import supervise

    return supervise(args.processes, args.threads)


def _scheduler(args: argparse.Namespace) -> int:
    from apscheduler.schedulers.blocking import BlockingScheduler

    from keloia.apps.scheduler import add_jobs, start

    keloia = connect(run_migrations=False)
    _logging()
    cron = BlockingScheduler(timezone=keloia.settings.timezone)
    add_jobs(cron, keloia)
    with contextlib.suppress(KeyboardInterrupt):
        start(cron)
    return 0


def _scaled_out(needs_redis: str) -> None:
    """The scale-out commands: Redis set, the database reachable, logging on."""
    if not Settings().redis_url:
        raise OperatorError(f"{needs_redis}: set KELOIA_REDIS_URL")
    connect(run_migrations=False)
    _logging()


def _serve_http(app: Any, args: argparse.Namespace, **more: Any) -> int:
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        log_config=None,
        access_log=False,  # the webhook logs each request itself; a second line costs
        **more,
    )
    return 0


def _logging() -> None:
    configure(logging.DEBUG if os.environ.get("KELOIA_DEBUG") else logging.INFO)
