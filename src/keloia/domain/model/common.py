"""Small value types shared by the whole model."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from keloia.domain.model.text import as_written

# Money is an integer number of rupiah everywhere. No floats.
PositiveRupiah = Annotated[int, Field(strict=True, gt=0)]
NonNegativeRupiah = Annotated[int, Field(strict=True, ge=0)]

# A phone number in E.164 ("+6281234567890"). Normalising raw input is the edges' job.
Phone = Annotated[str, Field(pattern=r"^\+[1-9]\d{6,14}$")]

# A name or place as a person typed it; typed all in lower case, it is written as a name
# ("bu lilis" is kept as "Bu Lilis").
Written = Annotated[str, AfterValidator(as_written)]


def broken(code: str, message: str) -> PydanticCustomError:
    """A model rule refused a value. The code says which rule (what people are told is
    chosen by it, services/validation.py EXPLANATIONS); the message is for engineers."""
    return PydanticCustomError(code, message.replace("{", "{{").replace("}", "}}"))


class Entity(BaseModel):
    """Base of the domain's records: validated on creation and on every assignment."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")


class TenantRecord(Entity):
    """A record of one tenant (a PO): its id, and the tenant every query is scoped by."""

    id: str
    tenant_id: str


class Value(BaseModel):
    """Base of the domain's values: immutable once made, equal when their fields are."""

    model_config = ConfigDict(frozen=True)


class DateRange(Value):
    """Calendar days, both ends included: rental is counted per calendar date."""

    start: date
    end: date

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def days(self) -> int:
        return (self.end - self.start).days + 1

    @classmethod
    def single(cls, day: date) -> DateRange:
        return cls(start=day, end=day)

    @classmethod
    def week_of(cls, day: date) -> DateRange:
        """Monday to Sunday around `day`."""
        start = day - timedelta(days=day.weekday())
        return cls(start=start, end=start + timedelta(days=6))

    @classmethod
    def month_of(cls, day: date) -> DateRange:
        """The calendar month of `day`."""
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return cls(start=start, end=end)


class Labelled(StrEnum):
    """A StrEnum whose members carry their Indonesian label beside their value
    (`BBM = "bbm", "BBM"`): one line per member, so none can lack its label."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


def labels(kind: type[Labelled]) -> dict[str, str]:
    """Each member's label, by its value (for what holds the plain value: the pages)."""
    return {member.value: member.label for member in kind}
