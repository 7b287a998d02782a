"""Schemathesis generates requests from the service's own /openapi.json and checks every reply against it."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from qa.app import create_app
from qa.config import Settings
from qa.engine import Engine
from qa.indexer import build_index

from .conftest import SEEDS, FakeEmbedder


def _app():
    embedder = FakeEmbedder()
    config = Settings(model="fake", index=str(Path(tempfile.mkdtemp(prefix="qa-schema-")) / "index"),
                      rate_limit="", api_key="k")
    build_index([SEEDS], config.index, config, lambda: embedder)
    return create_app(config, engine=Engine(config, embedder=embedder))


schema = schemathesis.openapi.from_wsgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_service_keeps_its_own_contract(case):
    case.call_and_validate()
