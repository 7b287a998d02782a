import json

import numpy as np
import pytest

from qa.errors import IndexNotReady, IndexUnusable, NoArticles, NotFound
from qa.indexer import build_index, open_store, read_manifest, remove_articles


def _build(folder, settings, embedder, **kw):
    return build_index([folder], settings.index, settings, lambda: embedder, **kw)


def test_build_writes_a_manifest_that_names_a_complete_generation(seeds_copy, fake_settings, fake_embedder):
    result = _build(seeds_copy, fake_settings, fake_embedder)
    manifest = read_manifest(fake_settings.index)
    assert result.articles == 5 and result.chunks == manifest["counts"]["chunks"] > 5
    assert manifest["model"] == "fake" and manifest["dimension"] == 64
    assert manifest["chunking"] == fake_settings.chunking()
    assert {"sentence-transformers", "faiss-cpu", "bm25s"} <= set(manifest["versions"])
    store = open_store(fake_settings.index, fake_settings)
    assert {a["path"] for a in store.corpus.catalogue()} == {p.name for p in seeds_copy.iterdir()}
    assert sum(a["chunks"] for a in store.corpus.catalogue()) == result.chunks


def test_unchanged_articles_are_not_embedded_again(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    calls = fake_embedder.calls
    assert _build(seeds_copy, fake_settings, fake_embedder).up_to_date
    assert fake_embedder.calls == calls
    (seeds_copy / "new.txt").write_text("A new article\nSomething happened today.")
    result = _build(seeds_copy, fake_settings, fake_embedder)
    assert not result.up_to_date and result.articles == 6


def test_empty_folder_is_an_error_and_keeps_the_previous_index(seeds_copy, fake_settings, fake_embedder, tmp_path):
    _build(seeds_copy, fake_settings, fake_embedder)
    before = read_manifest(fake_settings.index)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoArticles, match="no readable articles"):
        _build(empty, fake_settings, fake_embedder)
    assert read_manifest(fake_settings.index) == before
    open_store(fake_settings.index, fake_settings)


def test_a_build_that_fails_midway_leaves_the_previous_index_whole(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    before = read_manifest(fake_settings.index)
    (seeds_copy / "new.txt").write_text("A new article\nSomething happened today.")

    class Exploding(type(fake_embedder)):
        def encode_passages(self, texts, spans):
            raise RuntimeError("out of memory")

    with pytest.raises(RuntimeError):
        _build(seeds_copy, fake_settings, Exploding())
    assert read_manifest(fake_settings.index) == before
    assert len(open_store(fake_settings.index, fake_settings).corpus.articles) == 5
    leftovers = [p.name for p in (seeds_copy.parent / "index").iterdir() if p.name.startswith(".building")]
    assert leftovers == []


def test_old_generations_are_removed(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    _build(seeds_copy, fake_settings, fake_embedder, force=True)
    index = seeds_copy.parent / "index"
    assert [p.name for p in index.iterdir() if p.name.startswith("gen-")] == [read_manifest(index)["generation"]]


def test_index_built_with_other_settings_is_refused(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    with pytest.raises(IndexUnusable, match="built with model 'fake'"):
        open_store(fake_settings.index, fake_settings.with_(model="other-model"))
    with pytest.raises(IndexUnusable, match="chunking"):
        open_store(fake_settings.index, fake_settings.with_(chunk_words=50))


def test_missing_damaged_or_incomplete_index_is_reported(seeds_copy, fake_settings, fake_embedder, tmp_path):
    with pytest.raises(IndexNotReady, match="no index at"):
        open_store(tmp_path / "nowhere", fake_settings)
    _build(seeds_copy, fake_settings, fake_embedder)
    index = seeds_copy.parent / "index"
    generation = index / read_manifest(index)["generation"]
    (generation / "chunks.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexUnusable, match="damaged"):
        open_store(index, fake_settings)
    (generation / "chunks.faiss").unlink()
    with pytest.raises(IndexUnusable, match="missing chunks.faiss"):
        open_store(index, fake_settings)
    (index / "manifest.json").write_text("{not json")
    with pytest.raises(IndexUnusable, match="manifest"):
        open_store(index, fake_settings)


def test_counts_that_disagree_with_the_manifest_are_refused(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    path = seeds_copy.parent / "index" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["counts"]["chunks"] += 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexUnusable, match="disagree"):
        open_store(path.parent, fake_settings)


def test_adding_an_article_embeds_only_that_article(seeds_copy, fake_settings, fake_embedder):
    first = _build(seeds_copy, fake_settings, fake_embedder)
    assert first.embedded == first.chunks
    (seeds_copy / "new.txt").write_text("A new article\nSomething happened today. Then more happened.")
    second = _build(seeds_copy, fake_settings, fake_embedder)
    assert second.embedded == 1 and second.chunks == first.chunks + 1
    again = _build(seeds_copy, fake_settings, fake_embedder, force=True, reuse=False)
    assert again.embedded == again.chunks


def test_reused_vectors_are_the_vectors_a_fresh_build_makes(seeds_copy, fake_settings, fake_embedder, tmp_path):
    _build(seeds_copy, fake_settings, fake_embedder)
    (seeds_copy / "new.txt").write_text("A new article\nSomething happened today.")
    _build(seeds_copy, fake_settings, fake_embedder)
    fresh = fake_settings.with_(index=str(tmp_path / "fresh"))
    _build(seeds_copy, fresh, fake_embedder)
    a, b = open_store(fake_settings.index, fake_settings), open_store(fresh.index, fresh)
    assert [x.path for x in a.corpus.articles] == [x.path for x in b.corpus.articles]
    ids = list(range(len(a.corpus.chunks)))
    np.testing.assert_allclose(a.chunk_vectors(ids), b.chunk_vectors(ids), atol=1e-6)
    sentences = list(range(len(a.corpus.sentences)))
    np.testing.assert_allclose(a.sentence_vectors(sentences), b.sentence_vectors(sentences), atol=1e-6)


def test_removed_and_deleted_articles_leave_both_indexes(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    putin = fake_embedder.encode(["Vladimir Putin urged talks"])[0]
    before = open_store(fake_settings.index, fake_settings).search(putin, ["putin"], 50)
    assert any(c.keyword > 0 for c in before), "only the article about to go mentions Putin"
    result = remove_articles(["004_e34a817462c4ace7.txt"], fake_settings.index, fake_settings)
    assert result.articles == 4 and result.embedded == 0
    store = open_store(fake_settings.index, fake_settings)
    after = store.search(putin, ["putin"], 50)
    assert all(c.keyword == 0 for c in after)
    assert all("Putin" not in store.corpus.chunk_text(c.chunk) for c in after)
    (seeds_copy / "003_2fda47d1d964f0ff.txt").unlink()
    rebuilt = _build(seeds_copy, fake_settings, fake_embedder)  # the folder still holds 004, not 003
    corpus = open_store(fake_settings.index, fake_settings).corpus
    paths = [a.path for a in corpus.articles]
    assert "003_2fda47d1d964f0ff.txt" not in paths and "004_e34a817462c4ace7.txt" in paths
    returned = paths.index("004_e34a817462c4ace7.txt")
    assert rebuilt.embedded == int((corpus.chunks[:, 0] == returned).sum()), "only the returning article"
    with pytest.raises(NotFound):
        remove_articles(["nope.txt"], fake_settings.index, fake_settings)


def test_writers_take_turns(seeds_copy, fake_settings, fake_embedder):
    import threading

    from qa.corpus import Article
    from qa.indexer import add_article, index_lock

    _build(seeds_copy, fake_settings, fake_embedder)
    done = threading.Event()
    article = Article("late.txt", "Late", "Arrived while another writer held the index.")
    writer = threading.Thread(target=lambda: (add_article(article, fake_settings.index, fake_settings,
                                                          lambda: fake_embedder), done.set()))
    with index_lock(fake_settings.index):
        writer.start()
        assert not done.wait(0.5), "a second writer waits for the first"
    writer.join(10)
    assert done.is_set()
    assert "late.txt" in {a.path for a in open_store(fake_settings.index, fake_settings).corpus.articles}
