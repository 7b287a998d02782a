from hypothesis import given
from hypothesis import strategies as st

from qa.text import keyword_terms, sentence_spans, terms


def test_sentences_are_exact_spans_and_lines_end_them():
    text = 'Lavrov said: "Absolutely not. We are against it." Mr. Hague agreed.\nA new line starts here'
    spans = sentence_spans(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces[-1] == "A new line starts here"
    assert all(piece == piece.strip() and piece for piece in pieces)
    assert "Mr. Hague agreed." in pieces  # the abbreviation did not end a sentence


def test_each_sentence_of_a_quotation_is_one_and_keeps_its_closing_mark():
    text = ('He said: "I\'m signed here for two years. There is no situation." "As captain I want to win." '
            'Gerrard looked set to move. She said "no." she insisted. The U.S. agreed.')
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        'He said: "I\'m signed here for two years.', 'There is no situation."', '"As captain I want to win."',
        "Gerrard looked set to move.", 'She said "no." she insisted.', "The U.S. agreed."]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_spans_are_ordered_and_inside_the_text(text):
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        previous_end = end


def test_terms_drop_stopwords_stem_and_join_peoples_with_countries():
    assert terms("What did the Syrians say about Syria's preconditions?") == ["syria", "say", "syria", "precondit"]


def test_keyword_terms_add_neighbouring_pairs():
    assert keyword_terms("foreign minister resigned") == ["foreign", "minist", "resign", "foreign_minist",
                                                           "minist_resign"]


def test_accents_do_not_keep_words_apart():
    assert terms("Beyoncé at the Café") == terms("Beyonce at the Cafe")
