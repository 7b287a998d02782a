import re

from openapi_spec_validator import validate

from qa.app import create_app
from qa.openapi import spec


def test_document_is_valid_openapi_3_1():
    document = spec()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_document_describes_exactly_the_app_routes(fake_settings):
    app = create_app(fake_settings, engine=None)
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.endswith("static"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        served |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, item in spec()["paths"].items() for method in item}
    assert described == served


def test_served_document_matches(fake_settings):
    client = create_app(fake_settings, engine=None).test_client()
    assert client.get("/openapi.json").get_json() == spec()
