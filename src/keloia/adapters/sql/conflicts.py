"""Which database errors mean "another writer got there first"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from keloia.domain.errors import StorageConflict

# PostgreSQL SQLSTATEs of a write that lost a race: the exclusion constraints against
# double-booking, a unique key another writer took first (a phone number), and the
# deadlock or serialisation failure concurrent writers can meet.
EXCLUSION_VIOLATION = "23P01"
UNIQUE_VIOLATION = "23505"
DEADLOCK_DETECTED = "40P01"
SERIALIZATION_FAILURE = "40001"
RACE_STATES = frozenset(
    {EXCLUSION_VIOLATION, UNIQUE_VIOLATION, DEADLOCK_DETECTED, SERIALIZATION_FAILURE}
)


def lost_race(error: DBAPIError) -> bool:
    return getattr(error.orig, "sqlstate", None) in RACE_STATES


@contextmanager
def races_as_conflicts() -> Iterator[None]:
    """Re-raise a lost race as StorageConflict, so the service can retry and then refuse
    with the domain's own explanation. Anything else is a bug and goes up unchanged."""
    try:
        yield
    except DBAPIError as error:
        if lost_race(error):
            raise StorageConflict(str(error.orig)) from error
        raise
