"""`keloia serve`'s workers in processes of their own beside the web process, so the
webhook and the handling each have a core (one Python process uses one at most).

The durable inbox and outbox on the one SQLite file stay the queue. The web process
stores a message, answers 200 and names its sender down a pipe to the worker process
that owns that sender (a sender belongs to one process, by a hash of the number): that
process's threads handle the sender's messages one at a time, in order, under its own
in-process lock, so no lock needs to span processes. Each worker process sweeps the
inbox for its own senders (at start, then every few seconds), so a name lost on the
pipe (a process being restarted, a full pipe) only delays a message; it delivers the
outbox under leases named after it (`serve-w0:...`) and, restarted, takes over what its
predecessor held at once. The first one also runs the scheduled jobs.

The web process supervises them: a worker process that exits is started again (after a
growing pause if it keeps exiting), and all of them are stopped with it. A worker
process ignores Ctrl-C (the terminal sends it to the whole group) and stops on SIGTERM
or when its pipe closes, which is also how it notices the web process died.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType

from keloia.adapters.local.media import LocalMediaSource
from keloia.apps.heap import freeze_startup_heap
from keloia.apps.worker.embedded import ThreadWorkers, share_of
from keloia.apps.worker.supervise import HEALTHY_AFTER, RESTART_FIRST, RESTART_MAX
from keloia.bootstrap import Keloia, SetupError, bootstrap

log = logging.getLogger("keloia.worker")

# A pipe write of at most PIPE_BUF bytes is atomic: a line is never split between writes.
CHUNK = 4096
STOP_SECONDS = 10.0
# How long `serve` waits at start for its worker processes (a cold start on a busy
# machine has taken a minute) before it answers /healthz anyway.
READY_SECONDS = 60.0


def role_of(index: int) -> str:
    """The lease holder role of worker process `index` (its outbox claims say it)."""
    return f"serve-w{index}"


class WorkerProcesses:
    """The web process's TaskQueue: senders named to the worker process that owns them."""

    def __init__(self, count: int, media_dir: Path | None = None, threads: int = 2) -> None:
        if count < 1:
            raise ValueError("at least one worker process")
        self.count = count
        self.media_dir = media_dir
        self.threads = threads
        self._children: list[_Child] = []
        self._stop = threading.Event()

    # TaskQueue
    def process_inbound(self, phone: str) -> None:
        self.process_inbound_many([phone])

    def process_inbound_many(self, phones: Collection[str]) -> None:
        by_child: dict[int, list[str]] = {}
        for phone in phones:
            by_child.setdefault(share_of(phone, self.count), []).append(phone)
        for index, mine in by_child.items():
            self._children[index].send(mine)

    def deliver(self) -> None:
        """Nothing to do: each worker process looks at the outbox every second."""

    def start(self) -> None:
        self._children = [_Child(i, self) for i in range(self.count)]
        for child in self._children:
            child.start()

    def wait_ready(self, timeout: float = READY_SECONDS) -> None:
        """Until every worker process has started (imports, database, first sweep), so
        that `serve` answers /healthz when it handles messages, not only stores them;
        after `timeout` it goes on (the webhook stores meanwhile) and says so."""
        deadline = time.monotonic() + timeout
        for child in self._children:
            if not child.ready.wait(max(0.0, deadline - time.monotonic())):
                log.error("worker process not ready in time", extra={"worker": child.index})

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        self._stop.set()
        for child in self._children:
            child.terminate()
        deadline = time.monotonic() + timeout
        for child in self._children:
            child.join(max(0.1, deadline - time.monotonic()))

    def pids(self) -> list[int]:
        return [pid for child in self._children if (pid := child.pid()) is not None]

    def command(self, index: int, ready_fd: int) -> list[str]:
        args = [sys.executable, "-m", "keloia.apps.worker.processes", "--ready-fd", str(ready_fd)]
        args += ["--index", str(index), "--of", str(self.count), "--threads", str(self.threads)]
        if self.media_dir is not None:
            args += ["--media", str(self.media_dir)]
        return args


class _Child:
    """One worker process, started again whenever it exits until the queue stops."""

    def __init__(self, index: int, owner: WorkerProcesses) -> None:
        self.index = index
        self.owner = owner
        self._proc: subprocess.Popen[bytes] | None = None
        self.ready = threading.Event()
        self._lock = threading.Lock()  # the pipe: one writer at a time, never mid-restart
        self._thread = threading.Thread(
            target=self._supervise, name=f"keloia-worker-{index}", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def send(self, phones: Sequence[str]) -> None:
        """Name senders to the process; dropped when it cannot take them now (restarting,
        or its pipe full): its sweep finds them in the inbox."""
        chunks, chunk = [], b""
        for phone in phones:
            line = phone.encode() + b"\n"
            if len(chunk) + len(line) > CHUNK:
                chunks.append(chunk)
                chunk = b""
            chunk += line
        chunks.append(chunk)
        with self._lock:
            proc = self._proc
            if proc is None or proc.stdin is None or proc.poll() is not None:
                return
            for data in chunks:
                try:
                    os.write(proc.stdin.fileno(), data)
                except OSError as exc:  # full (BlockingIOError) or closed (BrokenPipeError)
                    log.warning(
                        "senders not handed to a worker process; its sweep takes them",
                        extra={"worker": self.index, "error": type(exc).__name__},
                    )
                    return

    def _spawn(self) -> subprocess.Popen[bytes]:
        read, write = os.pipe()
        try:
            proc = subprocess.Popen(
                self.owner.command(self.index, write), stdin=subprocess.PIPE, pass_fds=[write]
            )
        except BaseException:
            os.close(read)
            raise
        finally:
            os.close(write)
        assert proc.stdin is not None
        os.set_blocking(proc.stdin.fileno(), False)  # the web process never waits on it
        threading.Thread(
            target=self._await_ready, args=(read,), name=f"keloia-ready-{self.index}", daemon=True
        ).start()
        return proc

    def _await_ready(self, read: int) -> None:
        """The worker process writes a byte once ready (none if it dies before)."""
        try:
            if os.read(read, 1):
                self.ready.set()
        finally:
            os.close(read)

    def _supervise(self) -> None:
        delay = RESTART_FIRST
        while not self.owner._stop.is_set():
            started = time.monotonic()
            with self._lock:
                if self.owner._stop.is_set():
                    return
                self._proc = proc = self._spawn()
            log.info("worker process started", extra={"worker": self.index, "pid": proc.pid})
            code = proc.wait()
            if self.owner._stop.is_set():
                return
            if time.monotonic() - started > HEALTHY_AFTER:
                delay = RESTART_FIRST
            log.error(
                "worker process exited; starting it again",
                extra={"worker": self.index, "exit_code": code, "restart_in_s": delay},
            )
            self.owner._stop.wait(delay)
            delay = min(delay * 2, RESTART_MAX)

    def terminate(self) -> None:
        with self._lock:
            proc = self._proc
            if proc is None:
                return
            with contextlib.suppress(OSError):
                if proc.stdin is not None:
                    proc.stdin.close()  # end of its pipe: it stops
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGTERM)

    def join(self, timeout: float) -> None:
        proc = self._proc
        if proc is not None:
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log.error("worker process did not stop; killed", extra={"worker": self.index})
                proc.kill()
                proc.wait()
        self._thread.join(1.0)


# --- the worker process (python -m keloia.apps.worker.processes) ---------------------------


def with_shared_media(keloia: Keloia, media_dir: Path | None) -> Keloia:
    """The simulator's files go through a folder both processes see (on the embedded
    default without the Cloud API, media is handed over locally)."""
    if media_dir is None or not isinstance(keloia.media, LocalMediaSource):
        return keloia
    return replace(keloia, media=LocalMediaSource(media_dir))


def run_child(
    index: int, count: int, threads: int, media_dir: Path | None, ready_fd: int | None = None
) -> int:
    from apscheduler.schedulers.background import BackgroundScheduler

    from keloia.apps.scheduler import add_jobs, start

    reading = [True]

    def on_term(signum: int, frame: FrameType | None) -> None:
        if reading[0]:  # out of the blocking read of the pipe; never out of the cleanup
            reading[0] = False
            raise SystemExit(0)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the web process says when to stop
    signal.signal(signal.SIGTERM, on_term)
    try:
        keloia = bootstrap(role=role_of(index))
    except SetupError as exc:
        log.error("worker process cannot start", extra={"worker": index, "error": str(exc)})
        return 2
    keloia = with_shared_media(keloia, media_dir)
    workers = ThreadWorkers(keloia, threads=threads, share=(index, count))
    cron = BackgroundScheduler(timezone=keloia.settings.timezone) if index == 0 else None
    try:
        workers.start()
        if cron is not None:
            add_jobs(cron, keloia)
            start(cron)
        freeze_startup_heap()  # apps/heap.py: no long full collections while it works
        log.info("worker process ready", extra={"worker": index, "of": count})
        if ready_fd is not None:
            with contextlib.suppress(OSError):
                os.write(ready_fd, b"1")
                os.close(ready_fd)
        for line in sys.stdin.buffer:  # until the web process closes the pipe (or dies)
            phone = line.strip().decode(errors="replace")
            if phone:
                workers.process_inbound(phone)
    except SystemExit:
        pass
    finally:
        reading[0] = False
        if cron is not None:
            with contextlib.suppress(Exception):
                cron.shutdown(wait=False)
        workers.stop()
    log.info("worker process stopped", extra={"worker": index})
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from keloia.apps.logs import configure

    parser = argparse.ArgumentParser(prog="keloia-serve-worker")
    parser.add_argument("--index", type=int, required=True)
    parser.add_argument("--of", type=int, required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--media")
    parser.add_argument("--ready-fd", type=int)
    args = parser.parse_args(argv)
    configure(logging.DEBUG if os.environ.get("KELOIA_DEBUG") else logging.INFO)
    media = Path(args.media) if args.media else None
    return run_child(args.index, args.of, args.threads, media, args.ready_fd)


if __name__ == "__main__":
    sys.exit(main())
