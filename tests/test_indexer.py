import json

import numpy as np
import pytest

from qa.errors import IndexNotReady, IndexUnusable, NoArticles, NotFound
from qa.indexer import build_index, remove_articles
from qa.store import backend
from qa.store.files.layout import read_manifest


def _build(folder, settings, embedder, **kw):
    return build_index([folder], settings.index, settings, lambda: embedder, **kw)


def test_build_writes_a_manifest_that_names_a_complete_generation(seeds_copy, fake_settings, fake_embedder):
    result = _build(seeds_copy, fake_settings, fake_embedder)
    manifest = read_manifest(fake_settings.index)
    assert result.articles == 5 and result.chunks == manifest["counts"]["chunks"] > 5
    assert manifest["model"] == "fake" and manifest["dimension"] == 64
    assert manifest["chunking"] == fake_settings.chunking()
    assert {"sentence-transformers", "faiss-cpu", "bm25s"} <= set(manifest["versions"])
    store = backend(fake_settings, fake_settings.index).open()
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
    backend(fake_settings, fake_settings.index).open()


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
    assert len(backend(fake_settings, fake_settings.index).open().corpus.articles) == 5
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
        backend(fake_settings.with_(model="other-model"), fake_settings.index).open()
    with pytest.raises(IndexUnusable, match="chunking"):
        backend(fake_settings.with_(chunk_words=50), fake_settings.index).open()


def test_an_index_built_by_older_text_rules_is_rebuilt_from_its_vectors(seeds_copy, fake_settings, fake_embedder):
    assert _build(seeds_copy, fake_settings, fake_embedder).embedded > 0
    manifest_file = seeds_copy.parent / "index" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["chunking"]["rules"] -= 1
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(IndexUnusable, match="rebuild it"):
        backend(fake_settings, fake_settings.index).open()
    rebuilt = _build(seeds_copy, fake_settings, fake_embedder)
    assert not rebuilt.up_to_date and rebuilt.embedded == 0, "the same texts keep their vectors"
    assert _build(seeds_copy, fake_settings, fake_embedder).up_to_date


def test_missing_damaged_or_incomplete_index_is_reported(seeds_copy, fake_settings, fake_embedder, tmp_path):
    with pytest.raises(IndexNotReady, match="no index at"):
        backend(fake_settings, tmp_path / "nowhere").open()
    _build(seeds_copy, fake_settings, fake_embedder)
    index = seeds_copy.parent / "index"
    generation = index / read_manifest(index)["generation"]
    (generation / "chunks.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexUnusable, match="damaged"):
        backend(fake_settings, index).open()
    (generation / "chunks.faiss").unlink()
    with pytest.raises(IndexUnusable, match="missing chunks.faiss"):
        backend(fake_settings, index).open()
    (index / "manifest.json").write_text("{not json")
    with pytest.raises(IndexUnusable, match="manifest"):
        backend(fake_settings, index).open()


def test_counts_that_disagree_with_the_manifest_are_refused(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    path = seeds_copy.parent / "index" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["counts"]["chunks"] += 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexUnusable, match="disagree"):
        backend(fake_settings, path.parent).open()


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
    a, b = backend(fake_settings, fake_settings.index).open(), backend(fresh, fresh.index).open()
    assert [x.path for x in a.corpus.articles] == [x.path for x in b.corpus.articles]
    ids = list(range(len(a.corpus.chunks)))
    np.testing.assert_allclose(a.chunk_vectors(ids), b.chunk_vectors(ids), atol=1e-6)
    sentences = list(range(len(a.corpus.sentences)))
    np.testing.assert_allclose(a.sentence_vectors(sentences), b.sentence_vectors(sentences), atol=1e-6)


def test_removed_and_deleted_articles_leave_both_indexes(seeds_copy, fake_settings, fake_embedder):
    _build(seeds_copy, fake_settings, fake_embedder)
    putin = fake_embedder.encode(["Vladimir Putin urged talks"])[0]
    before = backend(fake_settings, fake_settings.index).open().search(putin, ["putin"], 50)
    assert any(c.keyword > 0 for c in before), "only the article about to go mentions Putin"
    result = remove_articles(["004_e34a817462c4ace7.txt"], fake_settings.index, fake_settings)
    assert result.articles == 4 and result.embedded == 0
    store = backend(fake_settings, fake_settings.index).open()
    after = store.search(putin, ["putin"], 50)
    assert all(c.keyword == 0 for c in after)
    assert all("Putin" not in store.corpus.chunk_text(c.chunk) for c in after)
    (seeds_copy / "003_2fda47d1d964f0ff.txt").unlink()
    rebuilt = _build(seeds_copy, fake_settings, fake_embedder)  # the folder still holds 004, not 003
    corpus = backend(fake_settings, fake_settings.index).open().corpus
    paths = [a.path for a in corpus.articles]
    assert "003_2fda47d1d964f0ff.txt" not in paths and "004_e34a817462c4ace7.txt" in paths
    returned = paths.index("004_e34a817462c4ace7.txt")
    assert rebuilt.embedded == int((corpus.chunks[:, 0] == returned).sum()), "only the returning article"
    with pytest.raises(NotFound):
        remove_articles(["nope.txt"], fake_settings.index, fake_settings)


def test_writers_take_turns(seeds_copy, fake_settings, fake_embedder):
    import threading

    from qa.corpus import Article
    from qa.indexer import add_article
    from qa.store.files.writer import index_lock

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
    assert "late.txt" in {a.path for a in backend(fake_settings, fake_settings.index).open().corpus.articles}


# The chunk cache: what one forward pass reads (a chunk's text and its sentences' places in it) is embedded
# once, in one build and across builds.

def _paragraph(topic, n=7):
    return " ".join(f"The {topic} report number {i} says officials met again today in the old city hall."
                    for i in range(n))


class RecordingEmbedder:
    """The fake embedder, with sentence vectors that depend on the whole chunk (as the real model's do),
    recording every passage it reads."""

    def __init__(self, fake):
        self.fake, self.name, self.dimension = fake, fake.name, fake.dimension
        self.passages: list[str] = []

    def encode(self, texts):
        return self.fake.encode(texts)

    def encode_passages(self, texts, spans):
        self.passages.extend(texts)
        vectors, per_chunk = self.fake.encode_passages(texts, spans)
        return vectors, [s + 0.5 * v for s, v in zip(per_chunk, vectors)]


def _store_vectors(settings, path):
    store = backend(settings, settings.index).open()
    number = store.corpus.articles.number(path)
    chunks = np.flatnonzero(store.corpus.chunks[:, 0] == number)
    first, last = store.corpus.sentence_offsets[number], store.corpus.sentence_offsets[number + 1]
    return ([store.corpus.chunk_text(c) for c in chunks], store.chunk_vectors(chunks),
            store.sentence_vectors(list(range(first, last))))


def test_a_paragraph_two_articles_share_is_embedded_once(tmp_path, fake_settings, fake_embedder):
    folder = tmp_path / "wire"
    folder.mkdir()
    shared = _paragraph("wire")
    (folder / "a.txt").write_text(f"Outlet A\n\n{_paragraph('first')}\n\n{shared}")
    (folder / "b.txt").write_text(f"Outlet B\n\n{shared}\n\n{_paragraph('second')}")
    embedder = RecordingEmbedder(fake_embedder)
    result = _build(folder, fake_settings, embedder)
    assert result.chunks == 4 and result.embedded == 3
    assert sorted(embedder.passages) == sorted([_paragraph("first"), shared, _paragraph("second")])
    texts_a, chunks_a, sentences_a = _store_vectors(fake_settings, "a.txt")
    texts_b, chunks_b, sentences_b = _store_vectors(fake_settings, "b.txt")
    assert texts_a[1] == texts_b[0] == shared
    np.testing.assert_array_equal(chunks_a[1], chunks_b[0])
    np.testing.assert_array_equal(sentences_a[-7:], sentences_b[:7])
    assert not np.allclose(sentences_a[-7:], sentences_a[:7]), "the paragraphs differ"


def test_an_edit_re_embeds_only_the_chunks_it_changed(tmp_path, fake_settings, fake_embedder):
    folder = tmp_path / "edits"
    folder.mkdir()
    paragraphs = [_paragraph(topic) for topic in ("budget", "strike", "flood")]
    (folder / "a.txt").write_text("Story\n\n" + "\n\n".join(paragraphs))
    (folder / "b.txt").write_text("Other story\n\n" + _paragraph("election"))
    embedder = RecordingEmbedder(fake_embedder)
    assert _build(folder, fake_settings, embedder).embedded == 4
    embedder.passages.clear()
    edited = paragraphs[1].replace("officials", "ministers", 1)
    (folder / "a.txt").write_text("Story\n\n" + "\n\n".join([paragraphs[0], edited, paragraphs[2]]))
    (folder / "b.txt").rename(folder / "moved-and-retitled.txt")
    (folder / "moved-and-retitled.txt").write_text("A new headline\n\n" + _paragraph("election"))
    result = _build(folder, fake_settings, embedder)
    assert result.embedded == 1 and embedder.passages == [edited]


def test_cached_vectors_are_the_vectors_an_uncached_build_makes(tmp_path, fake_settings, fake_embedder):
    """Within a long paragraph neighbouring chunks share a sentence: its vector is read in both chunks, so
    it is reused only when both are unchanged, and the unchanged neighbour of an edit is read again."""
    folder = tmp_path / "long"
    folder.mkdir()
    sentences = [f"Sentence {i} of the long story tells of event {i} in the harbour district." for i in range(60)]
    (folder / "a.txt").write_text("Long story\n\n" + " ".join(sentences))
    (folder / "b.txt").write_text("Copy\n\n" + " ".join(sentences[:30]) + "\n\nA closing line of its own, here.")
    embedder = RecordingEmbedder(fake_embedder)
    first = _build(folder, fake_settings, embedder)
    assert first.embedded < first.chunks
    sentences[25] = sentences[25].replace("harbour", "market")
    (folder / "a.txt").write_text("Long story\n\n" + " ".join(sentences))
    embedder.passages.clear()
    again = _build(folder, fake_settings, embedder)
    store = backend(fake_settings, fake_settings.index).open()
    changed = [store.corpus.chunk_text(c) for c in range(len(store.corpus.chunks))
               if "event 25 in the market" in store.corpus.chunk_text(c)]
    assert 0 < again.embedded <= len(changed) + 2 < again.chunks // 2
    assert set(changed) <= set(embedder.passages)
    fresh = fake_settings.with_(index=str(tmp_path / "fresh"))
    _build(folder, fresh, RecordingEmbedder(fake_embedder), share=False, reuse=False)
    plain = backend(fresh, fresh.index).open()
    assert len(store.corpus.chunks) == len(plain.corpus.chunks)
    chunks, all_sentences = list(range(len(store.corpus.chunks))), list(range(len(store.corpus.sentences)))
    np.testing.assert_allclose(store.chunk_vectors(chunks), plain.chunk_vectors(chunks), atol=1e-6)
    np.testing.assert_allclose(store.sentence_vectors(all_sentences), plain.sentence_vectors(all_sentences),
                               atol=1e-6)


def test_sentences_the_model_cut_off_are_embedded_alone_once_a_text(tmp_path, fake_settings, fake_embedder):
    folder = tmp_path / "cut-off"
    folder.mkdir()
    (folder / "a.txt").write_text(f"A\n\n{_paragraph('wire')}")
    (folder / "b.txt").write_text(f"B\n\n{_paragraph('wire')}\n\n{_paragraph('local')}")

    class CutOff(RecordingEmbedder):
        """Reads no sentence within its chunk, as when a chunk runs past the model's length limit."""

        alone: list[str] = []

        def encode(self, texts):
            self.alone.extend(texts)
            return super().encode(texts)

        def encode_passages(self, texts, spans):
            vectors, per_chunk = super().encode_passages(texts, spans)
            return vectors, [np.zeros_like(s) for s in per_chunk]

    embedder = CutOff(fake_embedder)
    _build(folder, fake_settings, embedder)
    assert len(embedder.alone) == len(set(embedder.alone)) == 14
    store = backend(fake_settings, fake_settings.index).open()
    first = store.corpus.sentence_text(0)
    np.testing.assert_allclose(store.sentence_vectors([0])[0], fake_embedder.encode([first])[0], atol=1e-6)


def test_who_says_each_sentence_reads_the_articles_paragraphs(tmp_path, fake_settings, fake_embedder):
    folder = tmp_path / "unclosed"
    folder.mkdir()
    # the first quotation is never closed: the next paragraph, opening without a quotation mark, ends it
    (folder / "games.txt").write_text(
        "Studios brace for new consoles\n\n"
        'Tom Lund, chief of Orbit, said the move was hard. He added: "Each move has cost us staff.\n\n'
        'Anna Berg, president of Quay Studio, said: "We are investing in tools."\n')
    _build(folder, fake_settings, fake_embedder)
    corpus = backend(fake_settings, fake_settings.index).open().corpus
    said = {corpus.sentence_text(s): corpus.speakers[s] for s in range(len(corpus.sentences))}
    assert said['Anna Berg, president of Quay Studio, said: "We are investing in tools."'] == "Anna Berg"
    assert said['He added: "Each move has cost us staff.'] == "Tom Lund"
