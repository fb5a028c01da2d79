"""In-memory adapters: the fakes the service tests assert on, and the embedded cache."""

from keloia.adapters.memory.keyvalue import MemoryKeyValueStore
from keloia.adapters.memory.locks import MemoryLocks
from keloia.adapters.memory.storage import MemoryState, MemoryUnitOfWork, MemoryUnitOfWorkFactory

__all__ = [
    "MemoryKeyValueStore",
    "MemoryLocks",
    "MemoryState",
    "MemoryUnitOfWork",
    "MemoryUnitOfWorkFactory",
]
