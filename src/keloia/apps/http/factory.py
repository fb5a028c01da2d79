"""`keloia api`'s app, built in each uvicorn worker process."""

from __future__ import annotations

from litestar import Litestar

from keloia.apps.http.app import create_app
from keloia.apps.http.runtime import Runtime
from keloia.apps.worker.actors import DramatiqQueue
from keloia.bootstrap import bootstrap


def api_app() -> Litestar:
    return create_app(Runtime(app=bootstrap(), queue=DramatiqQueue()))
