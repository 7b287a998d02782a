"""Random input at every endpoint and at the CLI: never a 5xx or a traceback, always the error shape."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.cli import main

from .helpers import assert_clean, assert_cli_error, assert_exited

# Derandomized: the same examples on every run, so CI does not depend on luck.
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
unicode_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200)


@pytest.fixture
def app(make_app):
    """No rate limit, and writing on behind the key "k" so that /documents reads what it is sent. Hypothesis runs
    every example of a test on one app (one index): the shared `client` fixture is this app's."""
    return make_app(rate_limit="", api_key="k")


@FUZZ
@given(body=json_values)
def test_random_json_at_ask(client, body):
    assert_clean(client.post("/ask", data=json.dumps(body), content_type="application/json"))


@FUZZ
@given(question=unicode_text, top_k=json_values, history=json_values, filters=json_values)
def test_random_fields_at_ask(client, question, top_k, history, filters):
    body = {"question": question, "top_k": top_k, "history": history, "filters": filters}
    assert_clean(client.post("/ask", data=json.dumps(body), content_type="application/json"))


@FUZZ
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(["application/json", "text/plain", ""]))
def test_random_bytes_at_ask_and_documents(client, raw, content_type):
    assert_clean(client.post("/ask", data=raw, content_type=content_type))
    assert_clean(client.post("/documents", data=raw, content_type=content_type, headers={"Authorization": "Bearer k"}))


@FUZZ
@given(q=unicode_text, top_k=st.text(max_size=5), path=st.text(max_size=40))
def test_random_query_strings_and_paths(client, q, top_k, path):
    assert_clean(client.get("/ask", query_string={"q": q, "top_k": top_k}))
    assert_clean(client.get("/sources/" + path.replace("?", "").replace("#", "")))
    assert_clean(client.delete("/documents/x" + path.replace("?", "").replace("#", ""),
                               headers={"Authorization": "Bearer wrong"}))


def test_deeply_nested_and_huge_bodies(client):
    assert_clean(client.post("/ask", data="[" * 200000 + "]" * 200000, content_type="application/json"))
    assert_clean(client.post("/ask", data='{"question": "' + "x" * 3_000_000 + '"}', content_type="application/json"))


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # a CliRunner keeps nothing between runs
@given(args=st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20),
                     max_size=4))
def test_random_cli_arguments_end_in_one_line(runner, args, tmp_path_factory):
    result = runner.invoke(main, ["ask", *args, "--index", str(tmp_path_factory.getbasetemp() / "none")])
    assert_exited(result, 0, 1, 2)
    if result.exit_code == 1:
        assert_cli_error(result)
