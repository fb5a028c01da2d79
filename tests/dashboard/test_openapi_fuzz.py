"""schemathesis against the dashboard's own /schema/openapi.json, signed in as the owner:
whatever the generated requests hold, no answer is a 5xx and every documented answer
matches its schema. Kept small (a few examples per operation) to stay fast."""

from __future__ import annotations

from dataclasses import replace

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import response_schema_conformance

from keloia.apps.demo import seed_demo
from keloia.apps.http.app import create_app
from keloia.apps.worker.actors import DramatiqQueue
from keloia.domain.services import login

from .conftest import OWNER_PHONE, Ticking, make_keloia

TOKEN = "schemathesis-session-token"


def _app():  # type: ignore[no-untyped-def]
    keloia = make_keloia(Ticking())
    tenant_id = seed_demo(keloia)
    with keloia.deps.uow() as uow:
        owner = uow.users.by_phone(OWNER_PHONE)
    assert owner is not None
    login.open_session(keloia.kv, owner, TOKEN)
    return create_app(replace(keloia, queue=DramatiqQueue(), demo_tenant_id=tenant_id))


APP = _app()
# Logging out would end the session the other operations use.
schema = schemathesis.openapi.from_asgi("/schema/openapi.json", APP).exclude(
    path="/api/auth/logout"
)


# One test per operation, parametrized by pytest itself: `schema.parametrize()` gives
# every operation the same node id, and pytest-xdist runs only one of a shared id. Sorted:
# every worker must collect them in the same order.
OPERATIONS = sorted((result.ok() for result in schema.get_all_operations()), key=lambda o: o.label)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_no_5xx_and_answers_match_the_schema(operation: APIOperation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    def answered(case: schemathesis.Case) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    answered()
