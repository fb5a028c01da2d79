"""What the HTTP handlers are given: the wired app and where background work goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from keloia.bootstrap import Keloia
from keloia.ports.messaging import TaskQueue


@dataclass(frozen=True)
class Runtime:
    app: Keloia
    queue: TaskQueue
    demo_tenant_id: str | None = None  # set when the simulator is on


def provide_runtime(runtime: Runtime) -> Callable[[], Runtime]:
    def get() -> Runtime:
        return runtime

    return get
