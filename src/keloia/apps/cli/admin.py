"""Operator commands: migrate, tenant create, invite create."""

from __future__ import annotations

import argparse

from keloia.adapters.phones import to_e164
from keloia.apps.cli.errors import OperatorError
from keloia.bootstrap import Keloia, SetupError, bootstrap
from keloia.domain.errors import DomainError
from keloia.domain.model.tenants import Role
from keloia.domain.services import team
from keloia.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    migrate = sub.add_parser("migrate", help="apply database migrations and exit")
    migrate.set_defaults(func=_migrate)

    tenant = sub.add_parser("tenant", help="manage tenants").add_subparsers(
        dest="tenant_command", required=True, metavar="ACTION"
    )
    create = tenant.add_parser("create", help="create a tenant with its owner")
    create.add_argument("--name", required=True)
    create.add_argument("--owner-phone", required=True)
    create.add_argument("--owner-name", required=True)
    create.set_defaults(func=_tenant_create)

    invite = sub.add_parser("invite", help="manage invite codes").add_subparsers(
        dest="invite_command", required=True, metavar="ACTION"
    )
    code = invite.add_parser("create", help="create an invite code for a role")
    code.add_argument("--tenant", required=True)
    code.add_argument("--role", required=True, choices=[Role.ADMIN.value, Role.DRIVER.value])
    code.add_argument("--days", type=int, default=team.INVITE_DEFAULT_DAYS)
    code.add_argument("--uses", type=int, default=1)
    code.set_defaults(func=_invite_create)


def connect(*, run_migrations: bool = True, role: str = "cli") -> Keloia:
    try:
        return bootstrap(Settings(), run_migrations=run_migrations, role=role)
    except SetupError as exc:
        raise OperatorError(str(exc)) from exc


def _migrate(args: argparse.Namespace) -> int:
    connect(run_migrations=True)
    print("database is up to date")
    return 0


def _tenant_create(args: argparse.Namespace) -> int:
    phone = to_e164(args.owner_phone)
    if phone is None:
        raise OperatorError(f"not a valid phone number: {args.owner_phone}")
    keloia = connect()
    try:
        tenant, owner = team.create_tenant(keloia.deps, args.name, phone, args.owner_name)
    except DomainError as exc:
        raise OperatorError(exc.message) from exc
    print(f"tenant {tenant.name!r} created, owner {owner.name} {owner.phone}")
    print(tenant.id)
    return 0


def _invite_create(args: argparse.Namespace) -> int:
    keloia = connect()
    try:
        owner = team.owner_of(keloia.deps, args.tenant)
        invite = team.create_invite(
            keloia.deps, owner, Role(args.role), valid_days=args.days, max_uses=args.uses
        )
    except DomainError as exc:
        raise OperatorError(exc.message) from exc
    print(f"invite for {invite.role.value}, valid until {invite.expires_at:%Y-%m-%d %H:%M} UTC")
    print(invite.code)
    return 0
