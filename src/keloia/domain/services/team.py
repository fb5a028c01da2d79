"""Tenants, their people, and invite codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from keloia.domain.errors import (
    AlreadyRegistered,
    Forbidden,
    InvalidInput,
    InviteInvalid,
    NotFound,
    found,
)
from keloia.domain.model.common import DateRange
from keloia.domain.model.events import (
    InviteCreated,
    InviteRevoked,
    MemberChanged,
    MemberJoined,
    MessageRelayed,
    TenantChanged,
    TenantCreated,
)
from keloia.domain.model.permissions import Action, Resource, can, require
from keloia.domain.model.tenants import Invite, Role, Tenant, TenantSettings, User
from keloia.domain.services.deps import Deps
from keloia.domain.services.validation import Draft, build, changed, created
from keloia.ports.keyvalue import KeyValueStore

INVITE_DEFAULT_DAYS = 7


def create_tenant(deps: Deps, name: str, owner_phone: str, owner_name: str) -> tuple[Tenant, User]:
    """A new PO Bus with its owner. `owner_phone` is already E.164."""

    def attempt() -> tuple[Tenant, User]:
        now = deps.clock.now()
        with deps.uow() as uow:
            if uow.users.by_phone(owner_phone) is not None:
                raise AlreadyRegistered("Nomor ini sudah terdaftar di Keloia.")
            tenant = build(Tenant, id=deps.ids.new_id(), name=name.strip(), created_at=now)
            owner = created(
                deps,
                User,
                tenant.id,
                phone=owner_phone,
                name=owner_name.strip(),
                role=Role.OWNER,
                created_at=now,
            )
            uow.tenants.add(tenant)
            uow.users.add(owner)
            uow.record(TenantCreated(owner=owner, tenant=tenant))
            uow.commit()
        return tenant, owner

    # Two registrations of one number at once: the retry sees the winner and refuses.
    return deps.retry_on_race(attempt)


def owner_of(deps: Deps, tenant_id: str) -> User:
    """The tenant's first active owner: who an operator's command acts as."""
    with deps.uow() as uow:
        found(uow.tenants.get(tenant_id), "PO")
        owners = [u for u in uow.users.all(tenant_id) if u.role is Role.OWNER and u.active]
    if not owners:
        raise NotFound("PO ini tidak punya pemilik aktif.")
    return min(owners, key=lambda u: u.created_at)


def create_invite(
    deps: Deps, actor: User, role: Role, *, valid_days: int = INVITE_DEFAULT_DAYS, max_uses: int = 1
) -> Invite:
    require(actor, Action.CREATE, Resource.INVITE)
    if role is Role.OWNER:
        raise InvalidInput("Undangan hanya untuk admin atau sopir.")
    if not 1 <= valid_days <= 90:
        raise InvalidInput("Masa berlaku undangan 1 sampai 90 hari.")
    now = deps.clock.now()
    invite = build(
        Invite,
        code=deps.ids.new_code(),
        tenant_id=actor.tenant_id,
        role=role,
        created_by=actor.id,
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
        max_uses=max_uses,
    )
    with deps.uow() as uow:
        return uow.save(uow.invites.add, invite, InviteCreated(actor=actor, invite=invite))


NAME_MAX = 120  # User.name

# Guessing invite codes: a message offers at most this many candidates; a number that
# guessed wrong this often today is locked out until tomorrow; all numbers together get
# this many wrong guesses a day (against guessing from many numbers); and a PO takes at
# most this many new members a day by invite (a leaked multi-use code).
MAX_CODE_CANDIDATES = 3
MAX_FAILED_PER_PHONE_DAY = 5
MAX_FAILED_PER_DAY = 300
MAX_JOINS_PER_TENANT_DAY = 20
DAY_SECONDS = 24 * 3600
LOCKED_OUT = (
    "Terlalu banyak kode undangan yang salah dari nomor ini hari ini. Silakan coba lagi "
    "besok, atau minta kode baru kepada pemilik PO."
)
PAUSED = (
    "Pendaftaran dengan kode undangan sedang dibatasi hari ini. Silakan coba lagi besok, "
    "atau minta pemilik PO menambahkan nomor Anda."
)


def redeem_from_message(deps: Deps, codes: list[str], phone: str, name: str) -> tuple[User, Tenant]:
    """Join with one of the codes a stranger wrote, within the guessing limits above
    (the counters live in deps.limits). Raises InviteInvalid (with the reason to tell
    them) or AlreadyRegistered."""
    limits = deps.limits if deps.limits is not None else _NoCounters()
    day = deps.clock.today().isoformat()
    phone_key, all_key = f"invite-fail:{phone}:{day}", f"invite-fail:all:{day}"
    if int(limits.get(phone_key) or 0) >= MAX_FAILED_PER_PHONE_DAY:
        raise InviteInvalid(LOCKED_OUT)
    if int(limits.get(all_key) or 0) >= MAX_FAILED_PER_DAY:
        raise InviteInvalid(PAUSED)
    problem = InviteInvalid("Kode undangan tidak dikenal. Periksa lagi kodenya.")
    for code in codes[:MAX_CODE_CANDIDATES]:
        with deps.uow() as uow:
            invite = uow.invites.by_code(normalize_code(code))
        joins_key = f"invite-join:{invite.tenant_id if invite else ''}:{day}"
        if invite is not None and int(limits.get(joins_key) or 0) >= MAX_JOINS_PER_TENANT_DAY:
            raise InviteInvalid(PAUSED)
        try:
            user, tenant = redeem_invite(deps, code, phone, name)
        except InviteInvalid as invalid:
            problem = invalid
            limits.incr(all_key, DAY_SECONDS)
            if limits.incr(phone_key, DAY_SECONDS) >= MAX_FAILED_PER_PHONE_DAY:
                raise InviteInvalid(LOCKED_OUT) from invalid
            continue
        limits.incr(joins_key, DAY_SECONDS)
        return user, tenant
    raise problem


def redeem_invite(deps: Deps, code: str, phone: str, name: str) -> tuple[User, Tenant]:
    """Link a new phone to the tenant and role the code was made for."""

    def attempt() -> tuple[User, Tenant]:
        now = deps.clock.now()
        with deps.uow() as uow:
            invite = uow.invites.by_code(normalize_code(code))
            if invite is None:
                raise InviteInvalid("Kode undangan tidak dikenal. Periksa lagi kodenya.")
            if uow.users.by_phone(phone) is not None:
                raise AlreadyRegistered("Nomor ini sudah terdaftar di Keloia.")
            invite.use(now)
            tenant = uow.tenants.get(invite.tenant_id)
            if tenant is None:
                raise InviteInvalid("Kode undangan tidak dikenal. Periksa lagi kodenya.")
            user = created(
                deps,
                User,
                invite.tenant_id,
                phone=phone,
                # A WhatsApp profile name has no length limit of ours: kept to what fits.
                name=" ".join(name.split())[:NAME_MAX] or phone,
                role=invite.role,
                created_at=now,
            )
            uow.users.add(user)
            uow.invites.update(invite)
            uow.record(MemberJoined(user=user, invite_code=invite.code))
            uow.commit()
        return user, tenant

    return deps.retry_on_race(attempt)


class _NoCounters:
    """Without a key-value store (some tests), only the per-message limit applies."""

    def get(self, key: str) -> str | None:
        return None

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        return None

    def delete(self, key: str) -> None:
        return None

    def incr(self, key: str, ttl_seconds: int) -> int:
        return 0


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def identify(deps: Deps, phone: str) -> User | None:
    """Who writes from this number, if anyone (inactive users count as nobody)."""
    with deps.read() as uow:
        user = uow.users.by_phone(phone)
    return user if user is not None and user.active else None


IDENTITY_TTL_SECONDS = 300


def identify_cached(deps: Deps, cache: KeyValueStore, phone: str) -> tuple[str, str] | None:
    """(tenant id, user id) of a number, through the key-value cache. For routing and
    logging only: anything that decides what a person may do reads the user afresh."""
    key = "identity:" + phone
    cached = cache.get(key)
    if cached is not None:
        tenant_id, _, user_id = cached.partition(":")
        return tenant_id, user_id
    user = identify(deps, phone)
    if user is None:
        return None
    cache.set(key, f"{user.tenant_id}:{user.id}", IDENTITY_TTL_SECONDS)
    return user.tenant_id, user.id


def list_team(deps: Deps, actor: User) -> list[User]:
    require(actor, Action.READ, Resource.TEAM)
    with deps.uow() as uow:
        return sorted(uow.users.all(actor.tenant_id), key=lambda u: (u.role != Role.OWNER, u.name))


# The order a team is told in: who runs the PO, the office, then the crew on the road.
ROSTER_ORDER = (Role.OWNER, Role.ADMIN, Role.DRIVER)


@dataclass(frozen=True)
class Roster:
    """The team as one of its members may be told it by chat."""

    names: dict[Role, tuple[str, ...]]  # the active members' names by role, A to Z
    manages: bool  # the viewer changes the team (invites, roles: the dashboard's Tim page)


def roster(viewer: User, team: Iterable[User]) -> Roster:
    """Who is on the team, as `viewer` may be told: the active members' names by role.
    Every member may know whom they work with, a driver too (permissions: CREW_ROSTER, as
    who drives which bus on a day): a new driver asks who his teammates are, and the trip
    card names his partner already. Names only: whose number a driver may have is
    contacts.answer's rule (the owner's and the admins', not another crew member's), and
    someone no longer active is no teammate to call on. Another PO's people are never
    anyone's teammates."""
    require(viewer, Action.READ, Resource.CREW_ROSTER)
    active = sorted(
        (u for u in team if u.active and u.tenant_id == viewer.tenant_id),
        key=lambda u: u.name.casefold(),
    )
    return Roster(
        names={role: tuple(u.name for u in active if u.role is role) for role in ROSTER_ORDER},
        manages=can(viewer.role, Action.UPDATE, Resource.TEAM),
    )


def available_crew(deps: Deps, actor: User, days: DateRange) -> list[User]:
    """Drivers (who also go as kernet) free on every day of `days`: active and on no live
    booking then."""
    require(actor, Action.READ, Resource.TEAM)
    with deps.uow() as uow:
        people = uow.users.all(actor.tenant_id)
        running = uow.bookings.overlapping(actor.tenant_id, days)
    held = {person for b in running if b.is_live for person in b.crew_ids()}
    return sorted(
        (u for u in people if u.role is Role.DRIVER and u.active and u.id not in held),
        key=lambda u: u.name,
    )


class MemberChanges(Draft):
    """New values for a member of the team; a field left None is unchanged."""

    role: Role | None = None
    active: bool | None = None
    name: str | None = None


def update_member(deps: Deps, actor: User, user_id: str, changes: MemberChanges) -> User:
    require(actor, Action.UPDATE, Resource.TEAM)
    role, active, name = changes.role, changes.active, changes.name
    with deps.uow() as uow:
        member = found(uow.users.get(actor.tenant_id, user_id), "Anggota tim")
        team = uow.users.all(actor.tenant_id)
        other_owners = [u for u in team if u.role is Role.OWNER and u.active and u.id != user_id]
        losing_owner = member.role is Role.OWNER and (
            (role is not None and role is not Role.OWNER) or active is False
        )
        if losing_owner and not other_owners:
            raise Forbidden("PO harus tetap punya minimal satu pemilik aktif.")
        member = changed(member, {"role": role, "active": active, "name": name and name.strip()})
        return uow.save(uow.users.update, member, MemberChanged(actor=actor, member=member))


def list_invites(deps: Deps, actor: User) -> list[Invite]:
    require(actor, Action.CREATE, Resource.INVITE)
    with deps.uow() as uow:
        return uow.invites.for_tenant(actor.tenant_id)


def revoke_invite(deps: Deps, actor: User, code: str) -> Invite:
    """An invite that can no longer be used: it expires now."""
    require(actor, Action.CREATE, Resource.INVITE)
    now = deps.clock.now()
    with deps.uow() as uow:
        invite = uow.invites.by_code(normalize_code(code))
        if invite is None or invite.tenant_id != actor.tenant_id:
            raise NotFound("Kode undangan tidak ditemukan.")
        if invite.expires_at > now:
            invite.expires_at = now
            return uow.save(uow.invites.update, invite, InviteRevoked(actor=actor, invite=invite))
    return invite  # already expired: nothing to change


def get_tenant(deps: Deps, actor: User) -> Tenant:
    require(actor, Action.READ, Resource.SETTINGS)
    with deps.uow() as uow:
        return found(uow.tenants.get(actor.tenant_id), "PO")


def update_tenant(
    deps: Deps, actor: User, *, name: str | None = None, settings: dict[str, object] | None = None
) -> Tenant:
    """The PO's name and policies (pelunasan H-N, reminder window, cancellation policy)."""
    require(actor, Action.UPDATE, Resource.SETTINGS)
    with deps.uow() as uow:
        tenant = found(uow.tenants.get(actor.tenant_id), "PO")
        new_settings = build(TenantSettings, **(tenant.settings.model_dump() | (settings or {})))
        values = tenant.model_dump() | {"settings": new_settings}
        if name is not None:
            values["name"] = name.strip()
        tenant = build(Tenant, **values)
        return uow.save(uow.tenants.update, tenant, TenantChanged(actor=actor, tenant=tenant))


# How long a message passed on to a teammate may be (a WhatsApp text holds far more).
RELAYED_MAX = 1000


def relay_message(
    deps: Deps, actor: User, recipient_id: str, text: str, *, dry_run: bool = False
) -> User:
    """`actor` has Keloia pass `text` on to `recipient_id`, an active teammate of the same
    PO other than themself: the message is queued to them with the change (MessageRelayed,
    domain/services/handlers.py). On a dry run, only checked. Returns the recipient."""
    require(actor, Action.CREATE, Resource.TEAM_MESSAGE)
    said = " ".join(text.split())
    if not said:
        raise InvalidInput("Pesannya kosong. Apa yang mau disampaikan?")
    if len(said) > RELAYED_MAX:
        raise InvalidInput(f"Pesannya terlalu panjang (paling banyak {RELAYED_MAX} huruf).")
    if recipient_id == actor.id:
        raise InvalidInput("Pesan itu untuk Anda sendiri, jadi tidak saya kirim.")
    with deps.uow() as uow:
        recipient = next((u for u in uow.team(actor.tenant_id) if u.id == recipient_id), None)
        if recipient is None or not recipient.active:
            raise NotFound("Orang itu tidak ada di tim PO ini.")
        if not dry_run:
            uow.record(MessageRelayed(actor=actor, recipient=recipient, text=said))
            uow.commit()
    return recipient
