import re

from openapi_spec_validator import validate

from qa.openapi import spec


def test_document_is_valid_openapi_3_1():
    document = spec()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_document_describes_exactly_the_app_routes(make_app):
    app = make_app(engine=None)
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.endswith("static"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        served |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, item in spec()["paths"].items() for method in item}
    assert described == served


def test_served_document_matches(make_app):
    client = make_app(engine=None).test_client()
    assert client.get("/openapi.json").get_json() == spec()


def test_as_of_and_the_period_are_described_and_a_reply_with_them_fits(fake_engine):
    from jsonschema import Draft202012Validator, FormatChecker

    document = spec()
    schemas = document["components"]["schemas"]
    assert schemas["AskRequest"]["properties"]["as_of"]["format"] == "date"
    get_parameters = {p["name"] for p in document["paths"]["/ask"]["get"]["parameters"]}
    assert {"q", "top_k", "outlet", "published_after", "published_before", "as_of"} <= get_parameters
    assert {"as_of", "period", "understood_as", "note"} <= set(schemas["AskReply"]["properties"])
    reply = fake_engine.ask("Who will Lavrov hold talks with this week?", as_of="2013-03-01")
    assert "period" in reply
    resolver_root = {"components": document["components"], **schemas["AskReply"]}
    Draft202012Validator(resolver_root, format_checker=FormatChecker()).validate(reply)
    bad = {**reply, "period": {**reply["period"], "filtered": "yes"}}
    assert not Draft202012Validator(resolver_root, format_checker=FormatChecker()).is_valid(bad)
