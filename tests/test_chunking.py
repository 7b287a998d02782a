from qa.chunking import chunk_article
from qa.text import sentence_spans

TEXT = "\n\n".join(
    " ".join(f"Paragraph {p} sentence {s} has exactly eight words." for s in range(6)) for p in range(3)
)


def _chunks(words=30, overlap=1):
    spans = sentence_spans(TEXT)
    return spans, chunk_article(0, TEXT, spans, words, overlap)


def test_every_sentence_is_covered_and_chunks_fit():
    spans, chunks = _chunks()
    covered = set()
    for c in chunks:
        covered.update(range(c.first_sentence, c.last_sentence))
        assert len(TEXT[c.start:c.end].split()) <= 30
        assert (c.start, c.end) == (spans[c.first_sentence][0], spans[c.last_sentence - 1][1])
    assert covered == set(range(len(spans)))
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_neighbours_share_a_sentence_within_a_paragraph():
    _, chunks = _chunks()
    shared = [a.last_sentence - b.first_sentence for a, b in zip(chunks, chunks[1:])]
    assert 1 in shared


def test_no_chunk_mixes_the_end_of_one_paragraph_with_the_next():
    _, chunks = _chunks(words=80)
    assert len(chunks) == 3
    assert all("\n\n" not in TEXT[c.start:c.end] for c in chunks)


def test_a_sentence_longer_than_the_limit_is_a_chunk_of_its_own():
    text = "word " * 50 + "end."
    spans = sentence_spans(text)
    [chunk] = chunk_article(0, text, spans, 10, 1)
    assert (chunk.first_sentence, chunk.last_sentence) == (0, 1)


def test_a_chunk_never_spans_a_furniture_break_nor_overlaps_across_it():
    text = "One two three. Four five six. Seven eight nine. Ten eleven twelve."
    spans = [(0, 14), (15, 29), (30, 47), (48, 66)]
    plain = chunk_article(0, text, spans, chunk_words=100, overlap=1)
    assert [(c.first_sentence, c.last_sentence) for c in plain] == [(0, 4)]
    cut = chunk_article(0, text, spans, chunk_words=100, overlap=1, breaks={2})
    assert [(c.first_sentence, c.last_sentence) for c in cut] == [(0, 2), (2, 4)]
    assert cut[0].end == 29 and cut[1].start == 30


def test_worker_processes_cut_the_articles_exactly_as_one_process_does(tmp_path):
    from dataclasses import replace

    from qa.config import Settings
    from qa.corpus import load_articles
    from qa.pipeline import cut_corpus
    from tests.conftest import SEEDS

    # the same sign-up line under every page: furniture, which both must leave out alike
    articles = [replace(a, path=f"{n}-{a.path}", text=a.text + "\n\nSign up for our daily newsletter")
                for n, a in enumerate(load_articles([SEEDS]) * 2)]
    settings = Settings(model="fake", index=str(tmp_path / "index"))
    alone, spread = cut_corpus(articles, settings, workers=0), cut_corpus(articles, settings, workers=2)
    assert len(alone.chunks) > 20
    assert (alone.chunks == spread.chunks).all() and (alone.sentences == spread.sentences).all()
    assert list(alone.speakers) == list(spread.speakers) and "Sergei Lavrov" in list(alone.speakers)
    assert not any("newsletter" in alone.sentence_text(i) for i in range(len(alone.sentences)))
