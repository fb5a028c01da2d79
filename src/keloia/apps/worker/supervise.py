"""`keloia worker`: dramatiq's worker processes under a supervisor, and the sweeper beside
them, so that neither a crashed child nor a crashed dramatiq takes the other down.

dramatiq's own main process stops every worker process and exits as soon as one of them
dies (a SIGKILL, an out-of-memory kill): alone, one crash stopped all handling while
`keloia api` kept answering Meta 200. Here dramatiq runs as a child that is started again
whenever it exits, and the sweeper (which re-queues what is left in the inbox and outbox)
is a thread of the supervisor, independent of dramatiq's lifetime.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from types import FrameType

log = logging.getLogger("keloia.worker")

# After a crash, start again at once, then back off to this (a crash loop stays visible in
# the log without spinning).
RESTART_FIRST = 0.5
RESTART_MAX = 30.0
# A child that lived this long is taken as healthy: the next crash restarts at once again.
HEALTHY_AFTER = 60.0


def dramatiq_command(processes: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dramatiq",
        "keloia.apps.worker.actors",
        "--processes",
        str(processes),
        "--threads",
        str(threads),
    ]


def supervise(processes: int, threads: int, sweep_seconds: float = 5.0) -> int:
    """Run until SIGTERM or SIGINT; returns the exit status."""
    from keloia.apps.worker.actors import sweep_forever

    stop = threading.Event()
    child: list[subprocess.Popen[bytes]] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()
        for proc in child:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    sweeper = threading.Thread(
        target=sweep_forever, args=(sweep_seconds, stop), name="keloia-sweeper", daemon=True
    )
    sweeper.start()
    delay = RESTART_FIRST
    while not stop.is_set():
        started = time.monotonic()
        proc = subprocess.Popen(dramatiq_command(processes, threads))
        child[:] = [proc]
        log.info("worker processes started", extra={"pid": proc.pid, "processes": processes})
        code = proc.wait()
        if stop.is_set():
            break
        if time.monotonic() - started > HEALTHY_AFTER:
            delay = RESTART_FIRST
        log.error(
            "worker processes exited; starting them again",
            extra={"exit_code": code, "restart_in_s": delay},
        )
        stop.wait(delay)
        delay = min(delay * 2, RESTART_MAX)
    stop.set()
    sweeper.join(sweep_seconds + 5)
    log.info("worker stopped")
    return 0
