"""docs/operations.md says what every alert means and how to run the worker supervised:
a new alert kind without its row there fails here."""

from __future__ import annotations

from pathlib import Path

from keloia.domain.model.alerts import AlertKind

DOC = (Path(__file__).parents[1] / "docs" / "operations.md").read_text("utf-8")


def test_every_alert_kind_is_explained() -> None:
    missing = [kind.value for kind in AlertKind if f"| `{kind.value}` |" not in DOC]
    assert missing == []


def test_the_worker_supervision_is_documented() -> None:
    assert "## Running the worker supervised" in DOC
    assert "ExecStart=" in DOC and "keloia worker" in DOC
