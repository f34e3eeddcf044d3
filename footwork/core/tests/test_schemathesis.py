"""Schemathesis over every API operation, as a runner and as their coach, against the WSGI app in this process.

Generated requests (valid and invalid ones, a few per operation) must never answer 5xx, and every answer must be one
the OpenAPI schema lists, in the shape it states.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.constants import NOT_SET
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from footwork.accounts.services import create_api_token
from footwork.activities.services import create_shoe, record_manual_run
from footwork.api import api
from footwork.config.wsgi import application
from footwork.core.clock import today_for
from footwork.programs.services import create_program, enroll
from footwork.training.services import check_in

# Generated examples per operation and person (the fuzzing phase's budget; the coverage phase adds its boundary
# cases). Ten keeps `make test` about a minute longer; FOOTWORK_SCHEMATHESIS_EXAMPLES=200 hunts harder by hand.
EXAMPLES = int(os.environ.get("FOOTWORK_SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": EXAMPLES, "mode": "all"},
        # Stateful runs chain operations through links, which the schema does not declare.
        "phases": {"stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_transaction():
    # Django's test client does the same: the WSGI handler's request signals would otherwise close the test's
    # connection, and with it the transaction every test runs in.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["runner", "coach"])
def headers(request, cast, programs, one_transaction) -> dict[str, str]:
    """A demo-like world (a plan, runs, a shoe, a check-in, a coach's program) and the token of one of its people."""
    today = today_for(cast.runner)
    enroll(actor=cast.runner, program_slug="test-daily", start_date=today - timedelta(days=7))
    create_program(actor=cast.coach, name="Clinic calves", goal="Calves")
    create_shoe(actor=cast.runner, brand="Acme", model="Glide", drop_mm=8)
    for days in range(0, 14, 2):
        record_manual_run(actor=cast.runner, day=today - timedelta(days=days), duration_min=30, distance_km=5)
    check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=1, stiffness=2)
    _token, raw = create_api_token(actor=getattr(cast, request.param), name="schemathesis")
    return {"Authorization": f"Bearer {raw}"}


@schema.parametrize()
@settings(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)


def response_models():
    for router in api._routers:
        for path_view in router[1].path_operations.values():
            for operation in path_view.operations:
                yield from (
                    model for model in operation.response_models.values() if model not in (None, NOT_SET)
                )


def test_each_component_name_is_one_model():
    # Ninja names a schema component after its class: two classes of one name (ChangeOut in programs and in
    # assessments) silently share one component, and an answer then violates its own schema.
    components = api.get_openapi_schema()["components"]["schemas"]
    for model in response_models():
        own = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
        for name, definition in own.get("$defs", {}).items():
            assert components[name] == definition, f"two models are named {name}"
