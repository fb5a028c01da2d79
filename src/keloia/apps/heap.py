"""The heap a server process has built by the time it is ready, kept out of the garbage
collector's full passes.

A long-running process allocates on every request, and every so often CPython's
collector walks every container object of the heap (a generation-2 pass). A `keloia`
server holds hundreds of thousands of them from its imports alone (Litestar, SQLAlchemy,
pydantic's schemas, the extractor's vocabularies), so that pass stopped every thread for
50-140 ms under load: the webhook's p99 went from 8 ms to 70-90 ms in the rounds it fell
in (docs/benchmarks.md, "Webhook"). Those objects live as long as the process, so
freezing them once it is ready costs nothing that could ever be collected, and the
passes left walk only what requests allocate.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect once, then move every object alive now out of the collector's passes
    (`gc.freeze`); what is allocated from here on is collected as before."""
    gc.collect()
    gc.freeze()
