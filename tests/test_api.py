import pytest

from qa.app import create_app


@pytest.fixture
def client(fake_engine, fake_settings):
    return create_app(fake_settings, engine=fake_engine).test_client()


def assert_error(response, status, code):
    """Every error is JSON of one shape, with a message a person can act on."""
    assert response.status_code == status
    assert response.is_json
    error = response.get_json()["error"]
    assert error["code"] == code and isinstance(error["message"], str) and error["message"]


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
    ({"data": "not json", "content_type": "application/json"}, 400, "bad_request"),
    ({"json": ["a list"]}, 400, "bad_request"),
    ({"json": {}}, 400, "bad_request"),
    ({"json": {"question": "   "}}, 400, "bad_question"),
    ({"json": {"question": 7}}, 400, "bad_question"),
    ({"json": {"question": "x" * 1001}}, 400, "bad_question"),
    ({"json": {"question": "ok?", "top_k": 50}}, 400, "bad_request"),
])
def test_bad_requests_get_json_errors(client, kwargs, status, code):
    assert_error(client.post("/ask", **kwargs), status, code)


def test_bad_get_requests_and_unknown_paths(client):
    assert_error(client.get("/ask"), 400, "bad_request")
    assert_error(client.get("/ask", query_string={"q": "hi", "top_k": "many"}), 400, "bad_request")
    assert_error(client.get("/nowhere"), 404, "not_found")
    assert_error(client.delete("/ask"), 405, "method_not_allowed")


def test_without_an_index_the_service_stays_up_and_says_why(tmp_path, fake_settings):
    app = create_app(fake_settings.with_(index=str(tmp_path / "missing")), engine=None)
    client = app.test_client()
    health = client.get("/health")
    assert health.status_code == 503 and "no index" in health.get_json()["reason"]
    assert_error(client.post("/ask", json={"question": "anything?"}), 503, "index_not_ready")
