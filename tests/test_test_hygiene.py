"""Tests share one machine with other people's test runs: a test may use Redis only
through the configured URL (KELOIA_TEST_REDIS_URL) and never wipes a whole database it did
not create."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent
WIPES = re.compile(r"\.(flushdb|flushall)\s*\(")
# A Redis URL assembled with a database number of the test's own choosing.
OWN_DB = re.compile(r"redis://[^\s\"']*/\d+|_replace\(path=f?[\"']/\{?[A-Z_0-9]*\}?[\"']\)")


def sources() -> list[tuple[Path, str]]:
    me = Path(__file__).resolve()
    return [(p, p.read_text("utf-8")) for p in TESTS.rglob("*.py") if p.resolve() != me]


def test_no_test_wipes_a_redis_database() -> None:
    assert [str(p) for p, text in sources() if WIPES.search(text)] == []


def test_no_test_picks_a_redis_database_of_its_own() -> None:
    offenders = [
        str(p)
        for p, text in sources()
        if p.name != "conftest.py" and "redis" in text.lower() and OWN_DB.search(text)
    ]
    assert offenders == []
