"""Schemathesis generates requests from the service's own /openapi.json and checks every reply against it."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from qa.openapi import spec

# The document the app serves at /openapi.json (tests/test_openapi.py checks that it is), read without building an
# app at import: each test's app is the `app` fixture below, and every case is sent to it.
# (`schemathesis.pytest.from_fixture` would load it from the app instead, but the installed schemathesis reads the
# pytest node's `_nodeid`, which the installed pytest no longer has.)
schema = schemathesis.openapi.from_dict(spec())


@schemathesis.python.constants
def _the_services_code():
    """Literals schemathesis reuses when it generates requests: loading the schema from the app, it took them from
    the app's modules; here from the package they are in."""
    return "qa"


# Writing is on, so writing requests meet the key check; the key is long enough that no generated Authorization
# header hits it, since schemathesis expects a generated key to be refused (with "k" one sometimes was).
KEY = "a-key-no-generator-guesses"


@pytest.fixture
def app(make_app):
    """No rate limit; writing on behind KEY."""
    return make_app(rate_limit="", api_key=KEY)


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_service_keeps_its_own_contract(case, app):
    case.call_and_validate(app=app)
