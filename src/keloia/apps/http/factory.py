"""`keloia api`'s app, built in each uvicorn worker process."""

from __future__ import annotations

from dataclasses import replace

from litestar import Litestar

from keloia.apps.heap import freeze_startup_heap
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap


def api_app() -> Litestar:
    return create_app(replace(bootstrap(), queue=DramatiqQueue()), on_startup=[freeze_startup_heap])
