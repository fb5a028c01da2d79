"""A bus of the fleet changed by chat (the owner): "bus 03 ganti nama jadi Arjuna", "plat bus
02 sekarang AB 7788 KL", "bus 04 kursinya sekarang 39", "bus 01 servis tiap 10rb km".
Proposed with old -> new, applied on "ya" through the fleet use cases."""

from __future__ import annotations

from keloia.domain.model.fleet import MaintenanceType
from keloia.domain.model.intents import ExtractedFields
from keloia.domain.model.permissions import Action, Resource, require
from keloia.domain.model.text import format_km
from keloia.domain.services import fleet
from keloia.domain.services.assistant.context import MessageContext
from keloia.domain.services.assistant.plans import NeedMore, Plan
from keloia.domain.services.assistant.replies import capitalized
from keloia.domain.services.assistant.targets import named_bus

_WORDS = {"name": "bernama {}", "plate": "berplat {}", "seats": "{} kursi"}
_ASK = (
    "Apa yang diubah dari {bus}? Misalnya: *{bus} ganti nama jadi Arjuna*, *plat {bus} "
    "sekarang AB 1234 CD*, *{bus} 45 seat* atau *{bus} servis tiap 10rb km*."
)


def update_bus(ctx: MessageContext, f: ExtractedFields, target_id: str | None) -> Plan:
    """The bus's name, plate and seats, and how often it is serviced (by km or days,
    whichever first; a measure not said is kept)."""
    require(ctx.actor, Action.UPDATE, Resource.BUS)
    bus = named_bus(ctx, f.bus)
    interval = f.every_km is not None or f.every_days is not None
    if not (f.new_name or f.plate or f.seats or interval):
        raise NeedMore(_ASK.format(bus=bus.name))
    kind = f.maintenance_type or MaintenanceType.GENERAL_SERVICE
    old = next(
        (
            i
            for i in ctx.uow.maintenance.intervals(ctx.actor.tenant_id)
            if i.bus_id == bus.id and i.type is kind
        ),
        None,
    )
    every_km = f.every_km or (old.every_km if old else None)
    every_days = f.every_days or (old.every_days if old else None)
    said = {"name": f.new_name, "plate": f.plate, "seats": f.seats}
    changes = {k: v for k, v in said.items() if v is not None}
    edit = fleet.BusChanges(name=f.new_name, plate=f.plate, seats=f.seats)

    def summary() -> str:
        lines = [f"Saya ubah data *{bus.name}*:"]
        shown = {"name": ("Nama", bus.name), "plate": ("Plat", bus.plate or "-")}
        shown["seats"] = ("Kursi", str(bus.seats or "-"))
        lines += [f"• {shown[k][0]}: {shown[k][1]} → *{v}*" for k, v in changes.items()]
        if interval:
            was = _every(old.every_km, old.every_days) if old else "belum diatur"
            now = _every(every_km, every_days)
            first = " (mana yang lebih dulu)" if every_km and every_days else ""
            lines.append(f"• {capitalized(kind.label)}: {was} → *{now}*{first}")
        return "\n".join(lines)

    def check() -> None:
        if changes:
            fleet.update_bus(ctx.deps, ctx.actor, bus.id, edit, dry_run=True)
        if interval:
            fleet.set_service_interval(
                ctx.deps, ctx.actor, bus.id, kind, every_days, every_km, dry_run=True
            )

    def apply() -> str:
        done = []
        if changes:
            fleet.update_bus(ctx.deps, ctx.actor, bus.id, edit)
            done += [_WORDS[k].format(v) for k, v in changes.items()]
        if interval:
            fleet.set_service_interval(ctx.deps, ctx.actor, bus.id, kind, every_days, every_km)
            done.append(f"{kind.label} {_every(every_km, every_days)}")
        return f"Sudah diubah: {bus.name} sekarang " + ", ".join(done) + "."

    return Plan(summary, check, apply)


def _every(km: int | None, days: int | None) -> str:
    """ "tiap 10.000 km atau 60 hari"."""
    said = [format_km(km)] if km else []
    if days:
        said.append(f"{days} hari")
    return "tiap " + " atau ".join(said) if said else "-"
