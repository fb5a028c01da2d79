"""Records built from what people typed, with a broken rule told in Indonesian: the
model's rules by their code (domain/model/common.py `broken`), other refusals by field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from keloia.domain.errors import InvalidInput

if TYPE_CHECKING:
    from keloia.domain.model.tenants import User
    from keloia.domain.services.deps import Deps

M = TypeVar("M", bound=BaseModel)


class Draft(BaseModel):
    """What a person asks a use case to record or change (a booking, a payment, a
    service...): a field the use case does not know is refused, never ignored."""

    model_config = ConfigDict(extra="forbid")


class Changes(Draft):
    """New values for a record; a field left None is unchanged."""


def changes_to(draft: type[Draft], name: str) -> type[Changes]:
    """The new values a change to what `draft` records may give: the draft's fields, each
    optional and held to the same limits."""
    fields: dict[str, Any] = {}
    for field, info in draft.model_fields.items():
        kind: Any = info.annotation
        if info.metadata:
            kind = Annotated[(kind, *info.metadata)]
        fields[field] = (kind | None, None)
    return create_model(name, __base__=Changes, __module__=draft.__module__, **fields)


# The model's rules, by code (domain/model/common.py `broken`), as people are told them.
EXPLANATIONS = {
    "return_before_depart": "Tanggal pulang tidak boleh sebelum tanggal berangkat.",
    "trip_too_long": "Satu booking paling lama 31 hari.",
    "bus_assigned_twice": "Satu bus tidak bisa dimasukkan dua kali ke booking yang sama.",
    "crew_assigned_twice": "Satu kru tidak bisa bertugas dua kali di satu booking.",
    "too_many_buses": "Jumlah bus yang ditugaskan melebihi pesanan.",
    "driver_is_co_driver": "Sopir dan kernet harus orang yang berbeda.",
    "refund_over_paid": "Refund tidak boleh melebihi uang yang sudah diterima.",
    "next_due_not_after_work": "Tanggal servis berikutnya harus setelah tanggal pengerjaan.",
    "interval_without_measure": "Interval servis perlu jumlah hari atau kilometer.",
    "document_needs_bus": "Dokumen ini tidak cocok untuk pemiliknya (bus atau orang).",
    "document_needs_person": "Dokumen ini tidak cocok untuk pemiliknya (bus atau orang).",
}


# Field names people may read about when a value is refused.
FIELD_LABELS = {
    "client_name": "nama klien",
    "client_phone": "nomor telepon klien",
    "route_from": "kota asal",
    "route_to": "tujuan",
    "pickup_place": "tempat jemput",
    "passengers": "jumlah penumpang",
    "price": "harga",
    "amount": "jumlah pembayaran",
    "method": "cara bayar",
    "cost": "biaya",
    "description": "keterangan",
    "notes": "catatan",
    "name": "nama",
    "phone": "nomor telepon",
    "plate": "nomor polisi",
    "seats": "jumlah kursi",
    "odometer_km": "angka odometer",
    "km": "angka odometer",
    "max_uses": "batas pemakaian",
    "number": "nomor dokumen",
    "settlement_days_before_departure": "batas pelunasan (H-berapa)",
    "expiry_warning_days": "jarak peringatan dokumen dan servis",
    "uang_jalan_per_day": "uang jalan per hari",
    "briefing_time": "jam ringkasan pagi",
    "settlement_reminder_days": "hari pengingat pelunasan",
    "document_reminder_days": "hari pengingat dokumen",
    "cancellation_fees": "tingkatan biaya pembatalan",
    "cancellation_policy": "teks kebijakan pembatalan",
}


def build(model: type[M], **values: object) -> M:
    """Construct a record, turning a broken rule into a refusal a person can read."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        explanation = EXPLANATIONS.get(first["type"])
        if explanation is not None:
            raise InvalidInput(explanation) from exc
        field = str(first["loc"][0]) if first["loc"] else ""
        label = FIELD_LABELS.get(field)
        detail = f"periksa {label}" if label else "periksa kembali isinya"
        raise InvalidInput(f"Data tidak valid, {detail}.") from exc


def changed(record: M, values: Mapping[str, object]) -> M:
    """`record` with the given `values` in place of its own (a None leaves the field as it
    was), checked again by the model's rules."""
    given = {k: v for k, v in values.items() if v is not None}
    return build(type(record), **(record.model_dump() | given))


def created(deps: Deps, model: type[M], tenant_id: str, **values: object) -> M:
    """A new record of a tenant (a bus, a document, a person...): a new id and `values`,
    checked by the model's rules."""
    return build(model, id=deps.ids.new_id(), tenant_id=tenant_id, **values)


def recorded(
    deps: Deps,
    actor: User,
    model: type[M],
    draft: BaseModel,
    *,
    dated: str | None = None,
    **values: object,
) -> M:
    """A new record `actor` writes from `draft` (a payment, a service, a trip cost): the
    draft's fields, a new id, the actor's tenant and authorship, and when it was written
    if the record keeps that; `dated` names the record's day, today when the draft leaves
    it out; `values` add to or replace the draft's."""
    made: dict[str, object] = {"recorded_by": actor.id}
    if "created_at" in model.model_fields:
        made["created_at"] = deps.clock.now()
    if dated is not None and getattr(draft, dated) is None:
        made[dated] = deps.clock.today()
    return created(deps, model, actor.tenant_id, **(draft.model_dump() | made | values))
