"""The team and the fleet a transaction keeps (transaction._Kept) hand out shallow copies:
sound only while a person's and a bus's fields are immutable values."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum

import pytest
from pydantic import BaseModel

from keloia.domain.model.fleet import Bus
from keloia.domain.model.tenants import User

IMMUTABLE = (str, int, bool, float, date, datetime, type(None))


def _immutable(annotation: object) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return all(_immutable(a) for a in typing.get_args(annotation))
    if typing.get_origin(annotation) is typing.Annotated:
        return _immutable(typing.get_args(annotation)[0])
    return isinstance(annotation, type) and issubclass(annotation, (*IMMUTABLE, Enum))


@pytest.mark.parametrize("model", [User, Bus])
def test_kept_records_have_only_immutable_fields(model: type[BaseModel]) -> None:
    mutable = [n for n, f in model.model_fields.items() if not _immutable(f.annotation)]
    assert mutable == [], f"{model.__name__}: make transaction._Kept copy deeply again"


def test_a_list_field_would_be_caught() -> None:
    class Grouped(BaseModel):
        tags: list[str]

    assert not _immutable(Grouped.model_fields["tags"].annotation)
