import pytest

from .helpers import assert_error


def test_post_and_get_give_the_same_answer(client):
    posted = client.post("/ask", json={"question": "Who will Lavrov hold talks with in London?", "top_k": 2})
    got = client.get("/ask", query_string={"q": "Who will Lavrov hold talks with in London?", "top_k": 2})
    assert posted.status_code == got.status_code == 200
    assert posted.get_json()["answer"] == got.get_json()["answer"]
    assert len(posted.get_json()["passages"]) == 2


def test_health_reports_the_loaded_index(client):
    body = client.get("/health").get_json()
    assert body["status"] == "ready" and body["articles"] == 5 and body["model"] == "fake"


@pytest.mark.parametrize("kwargs, status, code", [
    ({}, 400, "bad_request"),
    ({"data": "question=hi", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
    ({"data": "not json", "content_type": "application/json"}, 400, "bad_request"),
    ({"json": ["a list"]}, 400, "bad_request"),
    ({"json": {}}, 400, "bad_request"),
    ({"json": {"question": "   "}}, 400, "bad_question"),
    ({"json": {"question": 7}}, 400, "bad_question"),
    ({"json": {"question": "x" * 1001}}, 400, "bad_question"),
    ({"data": "[" * 100000 + "]" * 100000, "content_type": "application/json"}, 400, "bad_request"),
    ({"json": {"question": "ok?", "top_k": 50}}, 400, "bad_request"),
    ({"json": {"question": "ok?", "top_k": "5"}}, 400, "bad_request"),
    ({"json": {"question": "ok?", "history": "earlier"}}, 400, "bad_request"),
    ({"json": {"question": "ok?", "history": [{"answer": "no question"}]}}, 400, "bad_request"),
    ({"json": {"question": "ok?", "history": [{"question": "q", "answer": 3}]}}, 400, "bad_request"),
    ({"json": {"question": "ok?", "history": [{"question": "q", "answer": None}] * 21}}, 400, "bad_request"),
])
def test_bad_requests_get_json_errors(client, kwargs, status, code):
    assert_error(client.post("/ask", **kwargs), status, code)


def test_bad_get_requests_and_unknown_paths(client):
    assert_error(client.get("/ask"), 400, "bad_request")
    assert_error(client.get("/ask", query_string={"q": "hi", "top_k": "many"}), 400, "bad_request")
    assert_error(client.get("/nowhere"), 404, "not_found")
    assert_error(client.delete("/ask"), 405, "method_not_allowed")


# What werkzeug says by itself; the service says what to do instead.
WERKZEUG_WORDS = ("The requested URL", "The method is not allowed", "The data value transmitted",
                  "The browser (or proxy)", "server cannot understand")


def message(response) -> str:
    text = response.get_json()["error"]["message"]
    assert not any(words in text for words in WERKZEUG_WORDS), text
    return text


def test_errors_raised_before_a_view_are_in_the_services_own_words(client):
    assert message(client.get("/nowhere")) == (
        "there is nothing at /nowhere; the chat page is at / and the API is described at /openapi.json")
    assert message(client.delete("/ask")) == "DELETE is not allowed on /ask; use GET, POST"
    assert message(client.put("/health")) == "PUT is not allowed on /health; use GET"
    assert "/" + "x" * 199 + "…;" in message(client.get("/" + "x" * 500))


@pytest.mark.parametrize("body", ["null", "[]", '"question"', "7", "true"])
def test_a_body_that_is_json_but_not_an_object_is_named(client, body):
    response = client.post("/ask", data=body, content_type="application/json")
    assert_error(response, 400, "bad_request")
    assert message(response).startswith("the body must be a JSON object")


def test_broken_json_is_named(client):
    response = client.post("/ask", data='{"question": ', content_type="application/json")
    assert_error(response, 400, "bad_request")
    assert message(response) == "the body is not valid JSON"


def test_without_an_index_the_service_stays_up_and_says_why(tmp_path, make_app):
    client = make_app(engine=None, index=str(tmp_path / "missing")).test_client()
    health = client.get("/health")
    assert health.status_code == 503 and "no index" in health.get_json()["reason"]
    assert_error(client.post("/ask", json={"question": "anything?"}), 503, "index_not_ready")


def test_an_earlier_answer_may_be_sent_back_as_the_answer_object_the_reply_gave(client):
    first = client.post("/ask", json={"question": "Who will Lavrov hold talks with in London?"}).get_json()
    history = [{"question": first["question"], "answer": first["answer"]}]
    again = client.post("/ask", json={"question": "When are they meeting?", "history": history})
    as_text = client.post("/ask", json={"question": "When are they meeting?", "history": [
        {"question": first["question"], "answer": first["answer"]["text"]}]})
    assert again.status_code == 200 and again.get_json()["answer"] == as_text.get_json()["answer"]
    assert_error(client.post("/ask", json={"question": "When?", "history": [{"question": "q", "answer": {"t": 1}}]}),
                 400, "bad_request")


def test_history_is_accepted(client):
    history = [{"question": "Who is Lavrov?", "answer": "Russia's foreign minister."},
               {"question": "And Hague?", "answer": None}]
    response = client.post("/ask", json={"question": "Who will Lavrov hold talks with?", "history": history})
    assert response.status_code == 200 and response.get_json()["answer"] is not None


def test_sources_list_every_article_and_open_one(client):
    sources = client.get("/sources").get_json()["sources"]
    assert len(sources) == 5 and all(s["chunks"] > 0 for s in sources)
    first = sources[0]
    article = client.get(f"/sources/{first['path']}").get_json()
    assert article["title"] == first["title"] and len(article["text"]) > 500


@pytest.mark.parametrize("path", ["nope.txt", "../pyproject.toml", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd"])
def test_only_indexed_articles_can_be_read(client, path):
    response = client.get(f"/sources/{path}")
    assert response.status_code == 404 and response.is_json


def test_passage_span_locates_the_passage_in_its_article(client):
    reply = client.post("/ask", json={"question": "Who will Lavrov hold talks with in London?"}).get_json()
    for passage in reply["passages"]:
        article = client.get(f"/sources/{passage['source']['path']}").get_json()
        start, end = passage["span"]
        assert article["text"][start:end] == passage["text"]


def test_page_is_served_with_its_script_and_style(client):
    page = client.get("/")
    assert page.status_code == 200 and b'id="question"' in page.data
    assert b"<script>" not in page.data, "no inline script"
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200


def test_filters_by_query_string_and_body(client):
    got = client.get("/ask", query_string={"q": "Who is Lavrov?", "published_after": "2020-01-01"})
    assert got.status_code == 200 and got.get_json()["passages"] == []
    assert_error(client.get("/ask", query_string={"q": "Who?", "published_after": "soon"}), 400, "bad_request")
    assert_error(client.post("/ask", json={"question": "Who?", "filters": {"colour": "red"}}), 400, "bad_request")


def test_lone_surrogates_are_replaced_not_fatal(client):
    response = client.post("/ask", data='{"question": "\\ud800 Who will Lavrov meet in London?", '
                                        '"history": [{"question": "\\udfff", "answer": null}]}',
                           content_type="application/json")
    assert response.status_code == 200 and response.get_json()["question"].startswith("\ufffd")


def test_as_of_is_taken_by_post_and_get_and_reported_with_the_period(client):
    question = "Who will Lavrov hold talks with this week?"
    posted = client.post("/ask", json={"question": question, "as_of": "2013-03-01"}).get_json()
    got = client.get("/ask", query_string={"q": question, "as_of": "2013-03-01"}).get_json()
    assert posted["as_of"] == got["as_of"] == "2013-03-01"
    assert posted["period"] == got["period"] == {"from": "2013-02-22", "to": "2013-03-01", "words": "this week",
                                                 "filtered": False}
    assert posted["passages"] == got["passages"]
    assert "as_of" not in client.post("/ask", json={"question": question, "as_of": None}).get_json()


@pytest.mark.parametrize("as_of", ["2013/03/01", "March 1", "", "2013-02-29", 20130301, ["2013-03-01"], {}])
def test_a_bad_as_of_is_a_json_error_that_names_it(client, as_of):
    response = client.post("/ask", json={"question": "Who is Lavrov?", "as_of": as_of})
    assert_error(response, 400, "bad_request")
    assert message(response).startswith("as_of")
    if isinstance(as_of, str):
        response = client.get("/ask", query_string={"q": "Who is Lavrov?", "as_of": as_of})
        assert_error(response, 400, "bad_request")
        assert message(response).startswith("as_of")
