"""The PostgreSQL store, against a real PostgreSQL with pgvector started for this session."""

import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from qa.app import create_app
from qa.corpus import Article
from qa.engine import Engine
from qa.errors import IndexNotReady, IndexUnusable, NoArticles, NotFound
from qa.filters import Filters
from qa.indexer import add_article, build_index, remove_articles
from qa.serving import Served
from qa.store import backend
from qa.store.postgres import PostgresStore

from .conftest import FIXTURES, SEEDS
from .helpers import assert_error
from .pg_server import PostgresServer, postgres_bin

QUESTIONS = [
    "What did Lavrov say about preconditions?",
    "Who did Lavrov meet in London?",
    "How many people have died in Syria?",
    "What did Berg tell reporters?",
    "What is the capital of Australia?",
]
_databases = itertools.count()


@pytest.fixture(scope="session")
def pg_bindir() -> Path:
    """PostgreSQL's programs: the tests that need them are skipped without them, except in CI."""
    bindir = postgres_bin()
    if bindir is None:
        reason = "PostgreSQL with pgvector is not installed (scripts/install-postgres.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return bindir


@pytest.fixture(scope="session")
def postgres(pg_bindir):
    with PostgresServer(pg_bindir) as server:
        yield server


@pytest.fixture
def database(postgres) -> str:
    """A fresh, empty database on the session's server."""
    name = f"qa_test_{next(_databases)}"
    with psycopg.connect(postgres.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    shutil.copytree(FIXTURES / "news", folder / "news")
    return folder


@pytest.fixture
def pg_settings(fake_settings, database):
    return fake_settings.with_(store=database)


def test_answers_passages_and_scores_match_the_file_store(articles, fake_settings, pg_settings, fake_embedder):
    build_index([articles], fake_settings.index, fake_settings, lambda: fake_embedder)
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    files, database = Engine(fake_settings, fake_embedder), Engine(pg_settings, fake_embedder)
    assert isinstance(database.store, PostgresStore)
    for question in QUESTIONS:
        want, got = files.ask(question), database.ask(question)
        assert (got["answer"] or {}).get("text") == (want["answer"] or {}).get("text"), question
        assert [(p["source"]["path"], p["text"]) for p in got["passages"]] == \
               [(p["source"]["path"], p["text"]) for p in want["passages"]], question
        assert [p["score"] for p in got["passages"]] == pytest.approx([p["score"] for p in want["passages"]], abs=1e-3)
    assert database.sources() == files.sources()
    first = files.ask(QUESTIONS[0])
    history = [{"question": QUESTIONS[0], "answer": first["answer"]["text"]}]
    assert database.store.find_sentence(first["answer"]["text"]) == files.store.find_sentence(
        first["answer"]["text"]) is not None
    for follow_up in ("What did he say next?", "And Hague?"):
        want, got = files.ask(follow_up, history=history), database.ask(follow_up, history=history)
        assert got.get("understood_as") == want.get("understood_as") and got["answer"] == want["answer"]


def test_keyword_scores_are_bm25_as_the_file_store_computes_them(articles, fake_settings, pg_settings,
                                                                 fake_embedder):
    build_index([articles], fake_settings.index, fake_settings, lambda: fake_embedder)
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    files, database = backend(fake_settings, fake_settings.index).open(), backend(pg_settings).open()
    vector = fake_embedder.encode(["Lavrov preconditions Syria"])[0]
    terms = ["lavrov", "precondit", "syria", "lavrov_said", "nosuchterm"]
    want = {c.chunk: c for c in files.search(vector, terms, 10)}
    got = {c.chunk: c for c in database.search(vector, terms, 10)}
    assert set(got) == set(want)
    for chunk, candidate in got.items():
        assert candidate.keyword == pytest.approx(want[chunk].keyword, rel=1e-4)
        assert candidate.dense == pytest.approx(want[chunk].dense, abs=1e-5)
    assert list(database.idf(terms)) == pytest.approx(list(files.idf(terms)))


def test_only_new_and_changed_articles_are_embedded_and_removed_ones_leave_every_index(articles, pg_settings,
                                                                                    fake_embedder):
    first = build_index([articles], None, pg_settings, lambda: fake_embedder)
    assert first.embedded == first.chunks and first.articles == 9
    again = build_index([articles], None, pg_settings, lambda: pytest.fail("nothing should be embedded"))
    assert again.up_to_date

    (articles / "zeppelin.txt").write_text("Zeppelins return\n\nThe zeppelin fleet flew over Geneva on Monday.\n")
    added = build_index([articles], None, pg_settings, lambda: fake_embedder)
    assert added.articles == 10 and added.embedded == 1
    store = backend(pg_settings).open()
    assert store.knows("zeppelin")
    vector = fake_embedder.encode(["zeppelin fleet"])[0]
    top = store.search(vector, ["zeppelin"], 3)
    assert any(store.corpus.articles[store.corpus.chunks[c.chunk][0]].path == "zeppelin.txt" for c in top)

    (articles / "zeppelin.txt").unlink()
    removed = build_index([articles], None, pg_settings, lambda: pytest.fail("removing never embeds"))
    assert removed.articles == 9 and removed.chunks == first.chunks
    store = backend(pg_settings).open()
    assert not store.knows("zeppelin") and not store.knows("zeppelin_fleet")
    found = store.search(vector, ["zeppelin"], 50)
    assert "zeppelin.txt" not in {store.corpus.articles[store.corpus.chunks[c.chunk][0]].path for c in found}
    with psycopg.connect(pg_settings.store) as conn:
        assert conn.execute("SELECT count(*) FROM qa_postings WHERE term LIKE 'zeppelin%'").fetchone()[0] == 0


def test_add_replace_and_remove_one_article(articles, pg_settings, fake_embedder):
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    article = Article("geneva.txt", "Talks in Geneva", "Minister Anna Berg praised the zeppelin treaty.", outlet="Wire")
    assert add_article(article, None, pg_settings, lambda: fake_embedder).articles == 10
    changed = Article("geneva.txt", "Talks in Geneva", "Minister Anna Berg doubted the airship treaty.", outlet="Wire")
    result = add_article(changed, None, pg_settings, lambda: fake_embedder)
    assert result.articles == 10 and result.embedded == 1
    store = backend(pg_settings).open()
    assert store.knows("airship") and not store.knows("zeppelin")
    assert remove_articles(["geneva.txt"], None, pg_settings).articles == 9
    with pytest.raises(NotFound):
        remove_articles(["geneva.txt"], None, pg_settings)
    with pytest.raises(NoArticles):
        remove_articles([a.path for a in backend(pg_settings).open().corpus.articles], None, pg_settings)


def test_filters_are_applied_in_the_database(articles, fake_settings, pg_settings, fake_embedder):
    build_index([articles], fake_settings.index, fake_settings, lambda: fake_embedder)
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    files, database = backend(fake_settings, fake_settings.index).open(), backend(pg_settings).open()
    vector = fake_embedder.encode(["talks in Geneva"])[0]
    for narrowed in (Filters(outlets=frozenset({"bbc"})), Filters(outlets=frozenset({"wire", "nobody"})),
                     Filters(after=__import__("datetime").date(2014, 1, 23)), Filters(outlets=frozenset({"nobody"})),
                     Filters(until=__import__("datetime").date(2014, 1, 22))):
        got = {c.chunk for c in database.search(vector, ["geneva", "talk"], 50, narrowed)}
        assert got == {c.chunk for c in files.search(vector, ["geneva", "talk"], 50, narrowed)}
        assert all(narrowed.admits(database.corpus.articles[database.corpus.chunks[c][0]]) for c in got)
    found = database.search(vector, ["geneva", "talk"], 50, narrowed)  # the last filters: as of 2014-01-22
    as_it_stood = {int(database.corpus.chunks[c.chunk][0]) for c in found}
    assert as_it_stood and all((database.corpus.articles[a].published or "") <= "2014-01-22" for a in as_it_stood)


def test_a_failed_write_leaves_the_previous_index(articles, pg_settings, fake_embedder):
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    store = backend(pg_settings).open()
    before = store.manifest, store.corpus.catalogue()

    class Broken:
        dimension = fake_embedder.dimension

        def encode_passages(self, texts, spans):
            raise RuntimeError("the model crashed")

    (articles / "new.txt").write_text("New\n\nSomething new happened in Geneva.\n")
    (articles / "000_19600c522c1aab53.txt").unlink()
    with pytest.raises(RuntimeError):
        build_index([articles], None, pg_settings, lambda: Broken())
    store = backend(pg_settings).open()
    assert (store.manifest, store.corpus.catalogue()) == before


def test_another_model_is_refused_when_serving_and_starts_afresh_when_indexing(articles, pg_settings, fake_embedder):
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    other = pg_settings.with_(model="other")
    with pytest.raises(IndexUnusable, match="built with model 'fake'"):
        backend(other).open()
    rebuilt = build_index([articles], None, other, lambda: fake_embedder)
    assert rebuilt.embedded == rebuilt.chunks
    assert backend(other).open().manifest["model"] == "other"


def test_the_schema_is_created_versioned_and_a_newer_one_refused(articles, pg_settings, fake_embedder):
    with pytest.raises(IndexNotReady, match="no index in the database"):
        backend(pg_settings).open()
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    with psycopg.connect(pg_settings.store) as conn:
        indexes = {row[0] for row in conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'qa_%'")}
        assert any("USING hnsw (embedding vector_ip_ops)" in d and "qa_chunks" in d for d in indexes)
        conn.execute("UPDATE qa_meta SET value = '99' WHERE key = 'schema'")
    (articles / "new.txt").write_text("New\n\nSomething new happened in Geneva.\n")
    with pytest.raises(IndexUnusable, match="upgrade qa"):
        build_index([articles], None, pg_settings, lambda: fake_embedder)


def test_every_server_sees_a_write_within_a_second(articles, pg_settings, fake_embedder, monkeypatch):
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    monkeypatch.setattr("qa.serving.CHECK_EVERY", 0.0)
    servers = [Served(pg_settings, embedder=fake_embedder) for _ in range(2)]
    geneva = Article("geneva.txt", "Talks in Geneva", "Anna Berg praised the zeppelin treaty.")
    backend(pg_settings).writer().add(geneva, lambda: fake_embedder)
    for served in servers:
        assert "geneva.txt" in {a.path for a in served.current().store.corpus.articles}


def test_the_http_api_writes_and_answers_through_the_database(articles, pg_settings, fake_embedder):
    build_index([articles], None, pg_settings, lambda: fake_embedder)
    settings = pg_settings.with_(api_key="key", rate_limit="")
    client = create_app(settings, engine=Engine(settings, fake_embedder)).test_client()
    auth = {"Authorization": "Bearer key"}
    document = {"path": "geneva.txt", "title": "Talks in Geneva", "outlet": "Wire", "published": "2014-01-22",
                "text": "Minister Anna Berg said the Geneva talks on the zeppelin treaty had made real progress."}
    assert client.post("/documents", json=document, headers=auth).status_code == 201
    reply = client.post("/ask", json={"question": "What did Berg say about the zeppelin treaty?",
                                      "filters": {"outlet": "Wire"}}).get_json()
    assert reply["answer"]["source"]["path"] == "geneva.txt"
    assert client.get("/health").get_json()["articles"] == 10
    assert client.delete("/documents/geneva.txt", headers=auth).status_code == 200
    assert client.get("/sources/geneva.txt").status_code == 404


def test_a_database_that_goes_away_is_a_503_and_the_server_recovers_when_it_returns(pg_bindir, articles,
                                                                                   fake_settings, fake_embedder):
    with PostgresServer(pg_bindir) as server:
        settings = fake_settings.with_(store=server.url, rate_limit="")
        build_index([articles], None, settings, lambda: fake_embedder)
        client = create_app(settings, engine=Engine(settings, fake_embedder)).test_client()
        assert client.get("/ask", query_string={"q": "Lavrov?"}).status_code == 200
        server.stop()
        assert_error(client.get("/ask", query_string={"q": "Lavrov?"}), 503, "index_not_ready")
        assert client.get("/").status_code == 200
        with pytest.raises(IndexNotReady, match="cannot reach the database"):
            backend(settings).open()
        server.start()
        assert client.get("/ask", query_string={"q": "Lavrov?"}).status_code == 200


@pytest.mark.slow
def test_the_lavrov_question_on_the_real_model_through_postgres(database, real_settings, real_embedder):
    settings = real_settings.with_(store=database)
    build_index([SEEDS], None, settings, lambda: real_embedder)
    engine = Engine(settings, real_embedder)
    reply = engine.ask("What did Lavrov say about preconditions?")
    assert "preconditions" in reply["answer"]["text"] and reply["answer"]["speaker"] == "Sergei Lavrov"
    assert engine.ask("What is the capital of Australia?")["answer"] is None


@pytest.mark.slow
def test_sigkill_during_a_database_build_changes_nothing_and_frees_the_lock(database, real_settings, real_embedder,
                                                                          articles):
    settings = real_settings.with_(store=database)
    build_index([SEEDS], None, settings, lambda: real_embedder)
    before = backend(settings).open().manifest
    process = subprocess.Popen([sys.executable, "-c", "from qa.cli import main; main()", "index", str(articles),
                                "--store", database, "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with psycopg.connect(database, autocommit=True) as conn:  # wait until it holds the writer's lock
        deadline = time.monotonic() + 60
        while not conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").fetchone()[0]:
            assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
            time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert backend(settings).open().manifest == before
    added = build_index([articles], None, settings, lambda: real_embedder)  # nobody holds the lock any more
    assert added.articles == 9 and added.embedded < added.chunks


@pytest.mark.slow
def test_gunicorn_workers_forked_after_loading_each_use_their_own_connections(database, real_settings,
                                                                            real_embedder):
    settings = real_settings.with_(store=database)
    build_index([SEEDS], None, settings, lambda: real_embedder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "--preload", "--workers", "2", "--threads", "2",
         "--bind", f"127.0.0.1:{port}", "qa.app:create_app()"],
        env={**os.environ, "QA_STORE": database, "QA_RATE_LIMIT": "", "OMP_NUM_THREADS": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while _status(f"{base}/health") != 200:
            assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        question = urllib.parse.quote("What did Lavrov say about preconditions?")
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: _status(f"{base}/ask?q={question}"), range(64)))
        assert statuses == [200] * 64
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0
