import threading

import pytest

from qa.indexer import build_index

from .conftest import FIXTURES
from .helpers import assert_error

KEY = "s3cret-key"


@pytest.fixture
def app(make_app):
    """Writing on, behind KEY; no rate limit. The shared `client` fixture is this app's."""
    return make_app(api_key=KEY, rate_limit="")


def auth(key=KEY):
    return {"Authorization": f"Bearer {key}"}


def test_every_response_carries_security_headers(client):
    for response in (client.get("/"), client.get("/ask", query_string={"q": "Lavrov?"}), client.get("/nope")):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_oversized_bodies_get_413_json(make_app):
    client = make_app(max_body_bytes=1000).test_client()
    response = client.post("/ask", json={"question": "x" * 2000})
    assert_error(response, 413, "request_entity_too_large")
    assert response.get_json()["error"]["message"] == (
        "the body is larger than 1,000 bytes, the limit of this server (QA_MAX_BODY_BYTES)")


def test_ask_is_rate_limited_per_client_with_retry_after(make_app):
    client = make_app(rate_limit="2 per minute").test_client()
    assert client.get("/ask?q=Lavrov").status_code == 200
    assert client.get("/ask?q=Lavrov").status_code == 200
    limited = client.get("/ask?q=Lavrov")
    assert_error(limited, 429, "too_many_requests")
    assert limited.get_json()["error"]["message"] == (
        "too many requests from this address (at most 2 per 1 minute); try again after Retry-After seconds")
    assert int(limited.headers["Retry-After"]) > 0
    assert client.get("/health").status_code == 200, "only /ask is limited"


def test_writing_is_off_without_a_configured_key(make_app):
    client = make_app().test_client()
    assert_error(client.post("/documents", json={}, headers=auth()), 404, "not_found")
    assert_error(client.post("/admin/reload", headers=auth()), 404, "not_found")


def test_writing_needs_the_right_key(client):
    document = {"path": "new.txt", "title": "T", "text": "Body."}
    assert_error(client.post("/documents", json=document), 401, "unauthorized")
    assert_error(client.post("/documents", json=document, headers={"Authorization": "Basic x"}), 401, "unauthorized")
    assert_error(client.post("/documents", json=document, headers=auth("wrong")), 403, "forbidden")
    assert_error(client.delete("/documents/000_19600c522c1aab53.txt", headers=auth("s3cret-kez")), 403, "forbidden")


def test_a_saved_web_page_is_added_as_its_article(client):
    page = (FIXTURES / "html" / "ledger-bridge.html").read_text(encoding="utf-8")
    added = client.post("/documents", json={"path": "bridge.html", "html": page}, headers=auth())
    assert added.status_code == 201, added.get_json()
    source = client.get("/sources/bridge.html").get_json()
    assert source["title"] == "Old bridge to close for six months of repairs"
    assert source["outlet"] == "The Harbour Ledger" and source["published"].startswith("2023-04-02")
    assert "<" not in source["text"] and "bridge" in source["text"].lower()
    empty = (FIXTURES / "html" / "no-article.html").read_text(encoding="utf-8")
    assert_error(client.post("/documents", json={"path": "empty.html", "html": empty}, headers=auth()),
                 400, "bad_request")
    assert client.get("/sources/empty.html").status_code == 404


def test_add_then_remove_an_article_over_http(client):
    document = {"path": "geneva.txt", "title": "Talks in Geneva", "outlet": "Wire", "published": "2014-01-22",
                "text": "Minister Anna Berg said the Geneva talks on the zeppelin treaty had made real progress."}
    added = client.post("/documents", json=document, headers=auth())
    assert added.status_code == 201 and added.get_json()["articles"] == 6
    reply = client.get("/ask", query_string={"q": "What did Berg say about the zeppelin treaty?"}).get_json()
    assert reply["answer"]["source"]["path"] == "geneva.txt" and reply["answer"]["source"]["outlet"] == "Wire"
    dated = client.post("/documents", json={**document, "path": "bern.txt", "published": "22 January 2014"},
                        headers=auth())
    assert dated.status_code == 201 and client.get("/sources/bern.txt").get_json()["published"] == "2014-01-22"
    removed = client.delete("/documents/geneva.txt", headers=auth())
    assert removed.status_code == 200 and removed.get_json()["articles"] == 6
    assert client.get("/sources/geneva.txt").status_code == 404
    assert_error(client.delete("/documents/geneva.txt", headers=auth()), 404, "not_found")


@pytest.mark.parametrize("document", [
    None, [], {"path": "a.txt", "title": "T"}, {"path": "", "title": "T", "text": "x"},
    {"path": "a\x00.txt", "title": "T", "text": "x"}, {"path": "a.txt", "title": "T", "text": "x", "outlet": 3},
    {"path": "a.txt", "title": "T", "text": "x", "published": "soon"}, {"path": "a.txt", "title": 5, "text": "x"},
])
def test_bad_documents_are_refused(client, document):
    assert_error(client.post("/documents", json=document, headers=auth()), 400, "bad_request")


def test_an_index_rebuilt_on_disk_is_swapped_in_without_a_failed_request(app, client, seeds_copy, fake_settings,
                                                                         fake_embedder):
    failures, answered, stop = [], [], threading.Event()

    def ask_in_a_loop():
        local = app.test_client()
        while not stop.is_set():
            response = local.get("/ask", query_string={"q": "Who will Lavrov hold talks with in London?"})
            (answered if response.status_code == 200 else failures).append(response.status_code)

    workers = [threading.Thread(target=ask_in_a_loop) for _ in range(3)]
    for worker in workers:
        worker.start()
    (seeds_copy / "extra.txt").write_text("Extra article\nHague and Lavrov met in London on Monday.")
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    assert client.post("/admin/reload", headers=auth()).get_json()["articles"] == 6
    stop.set()
    for worker in workers:
        worker.join()
    assert failures == [] and len(answered) > 3
    assert client.get("/health").get_json()["articles"] == 6


@pytest.mark.parametrize("damaged", ["sentence_vectors.npy", "chunk_vectors.npy", "articles.sqlite"])
def test_a_damaged_index_at_start_up_is_a_503_with_the_reason(seeds_copy, fake_settings, fake_embedder, make_app,
                                                              damaged):
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    index = seeds_copy.parent / "index"
    generation = next(index.glob("gen-*"))
    data = (generation / damaged).read_bytes()
    (generation / damaged).write_bytes(b"\0" * 100 + data[100 : len(data) // 2])  # truncated, header gone
    client = make_app(engine=None).test_client()
    health = client.get("/health")
    assert health.status_code == 503 and "damaged" in health.get_json()["reason"]
    assert_error(client.post("/ask", json={"question": "Lavrov?"}), 503, "index_not_ready")
