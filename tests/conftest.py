"""Shared fixtures: a deterministic fake embedder for fast tests, the real model once per session, and the
Flask app, its test client and a CLI runner built on them."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from qa.app import create_app
from qa.config import Settings
from qa.engine import Engine
from qa.indexer import build_index
from qa.text import terms

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class FakeEmbedder:
    """Bag of stemmed words hashed into a small space: texts sharing words get similar vectors."""

    name = "fake"
    dimension = 64

    def __init__(self):
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in terms(text) or ["<empty>"]:
                digest = hashlib.md5(term.encode()).digest()
                vectors[row, digest[0] % self.dimension] += 1.0 if digest[1] % 2 else -1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors[norms[:, 0] == 0, 0] = 1.0
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def encode_passages(self, texts, spans):
        return self.encode(texts), [self.encode([t[a:b] for a, b in s]) for t, s in zip(texts, spans)]


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def fake_answer_model(tmp_path_factory) -> str:
    """An answer model fitted by `qa fit`'s code on the fixture questions, read through the fake embedder
    (the shipped one is fitted on the real model's cosines). Its thresholds are 0: a judge fitted on sixteen
    questions of hashed words says little, so fake engines always give their best candidate; abstention
    is tested on the real model."""
    from qa.answer.fit import DataSet, fit_files
    from qa.answer.model import checksum

    folder = tmp_path_factory.mktemp("fake-model")
    shutil.copytree(SEEDS, folder / "seeds")
    sets = [DataSet("seeds", FIXTURES / "seeds-questions.jsonl", folder / "seeds"),
            DataSet("news", FIXTURES / "news-questions.jsonl", FIXTURES / "news")]
    settings = Settings(model="fake")
    record = fit_files(sets, settings, FakeEmbedder, folder / "indexes", folder / "model.json", progress=False)
    record["threshold"] = record["dated_threshold"] = 0.0
    record["checksum"] = checksum(record)
    (folder / "model.json").write_text(json.dumps(record))
    return str(folder / "model.json")


@pytest.fixture
def fake_settings(tmp_path, fake_answer_model) -> Settings:
    return Settings(model="fake", index=str(tmp_path / "index"), answer_model=fake_answer_model)


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def fake_engine(seeds_copy, fake_settings, fake_embedder) -> Engine:
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    return Engine(fake_settings, embedder=fake_embedder)


# The app, its client and the CLI runner (as in Flask's testing docs). A test module that needs the app otherwise
# configured overrides `app` with `make_app(...)`; `client` then follows its `app`.

_FAKE_ENGINE = object()


@pytest.fixture
def make_app(request, fake_settings):
    """`make_app(**changes)`: an app on `fake_settings.with_(**changes)` answering with `fake_engine`.
    `engine=` gives it another engine, or None to have the app load the index at its settings' `index` itself;
    `fake_engine` (and its index) is only built when it is used."""

    def make(engine=_FAKE_ENGINE, **changes):
        if engine is _FAKE_ENGINE:
            engine = request.getfixturevalue("fake_engine")
        return create_app(fake_settings.with_(**changes), engine=engine)

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    """Runs `qa.cli.main` (a click group, not the app's `flask` commands): `runner.invoke(main, [...])`."""
    return CliRunner()


# The real model: loaded once for the whole session, and the seeds index built with it once.


@pytest.fixture(scope="session")
def real_embedder():
    from qa.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory) -> Settings:
    return Settings(index=str(tmp_path_factory.mktemp("real") / "index"))


@pytest.fixture(scope="session")
def real_engine(real_embedder, real_settings) -> Engine:
    build_index([SEEDS], real_settings.index, real_settings, lambda: real_embedder)
    return Engine(real_settings, embedder=real_embedder)


# Screenshots the browser tests take: written under build/ (git-ignored), listed at the end of the run.

SCREENSHOTS_DIR = ROOT / "build" / "screenshots"
SCREENSHOTS: list[Path] = []


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS:
        terminalreporter.section(f"screenshots ({len(SCREENSHOTS)})")
        for path in SCREENSHOTS:
            terminalreporter.write_line(str(path.relative_to(ROOT)))
