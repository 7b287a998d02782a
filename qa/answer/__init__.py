"""The answer: the sentence that answers a question, or none when the articles don't say, with its
speaker, the outlets that carry it too and, for a how-many question, other articles' figures.

Every candidate sentence gets a row of features (features.py); a model fitted by `qa fit` on labelled
questions (model.py) turns each row into the probability that the sentence answers; the most probable
sentence is the answer when that probability reaches the fitted threshold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..attribution import (
    asked_names,
    asked_speakers,
    describes_someone,
    find_speaker,
    is_body,
    is_description,
    people,
    quoted_out,
    reports_saying,
    roles_in,
    surname,
)
from ..corpus import Article
from ..corroboration import corroborating
from ..patterns import compile
from ..store import Store
from ..text import terms, words
from .features import FEATURES, Candidates, Timing, candidate_features
from .figures import figure, other_figures
from .identity import asked_person, describes
from .model import AnswerModel, load_model
from .shapes import ANSWER_SHAPES, expected_type, names_inside, type_match, without_dates
from .statements import MAX_STATEMENTS, asked_topic, statements
from .trim import trim

SAID_BY_NAMED = FEATURES.index("said_by_named")
# What a follow-up's candidate gains when it is of the article that answered the last turn, in the ranker's
# log-odds: the same answer is e^0.5 (1.6) times likelier there. Chosen on bench/seeds-followups*.jsonl,
# where any value from 0.25 to 0.75 answers the same; 1 turns away a right abstention.
SAME_STORY = 0.5
# "What is the name of ...", "What was his full name?": asks for a name (not "Who did they name mayor?")
_ASKS_NAME = compile(r"\b(?:the|his|her|their|its|full)\s+names?\b|['’]s\s+names?\b", ignore_case=True)
# "Which Russian official said Moscow would keep its contracts?", "Who told Reuters ...?": asks who said it
_ASKS_WHICH_SPEAKER = compile(r"^\W*(?:and )?(?:who|(?:which|what) (?:[\pL'’-]+ ){0,3}?(?P<role>\pL+))\s+"
                              r"(?:has |had )?(?:said|says|told|tells|warned|claimed|announced|insisted|argued|"
                              r"admitted|revealed)\b", ignore_case=True)
# "On what date ...", "In which year ...": asks for a date in so many words (a "when" may be answered otherwise);
# a year is not answered by a weekday
_ASKS_DATE = compile(r"\b(?:what|which) (?:date|day|month|(?P<year>year))\b", ignore_case=True)
# "How did the UN's Syria envoy react to the air raids?": whose reaction it asks for, and what may follow the
# word that names them ("the leaders of the city")
_OF = compile(r"\s(?:of|in|at|from|for|on)\s", ignore_case=True)
_ASKS_REACTION = compile(r"\bhow (?:did|does|do|has|have|had|will|would) (?P<who>.+?) (?:react|respond|reply|feel)\b",
                         ignore_case=True)
# "aboard a government plane", "speaking in Moscow": a sentence that says where someone spoke
_SPEAKS_FROM = compile(r"\b(?:aboard|on board|speaking (?:in|at|from|on)|(?:on|during) (?:a|his|her|their) "
                       r"(?:visit|trip|tour)|(?:in|at|from) \p{Lu}\p{Ll}+)\b")
# "told the BBC", "in an interview with", "AFP quoted him": a sentence that says whom someone spoke to
_TELLS = compile(r"\b(?:told|tells|interview|speaking to|talking to|said to|wrote to|quoted|quoting)\b",
                 ignore_case=True)
# "... because it was highly unlikely to happen": a sentence that says why
_GIVES_REASON = compile(r"\b(?:because|due to|owing to|as a result of|in order to|so that|for fear)\b",
                        ignore_case=True)

__all__ = ["ANSWER_SHAPES", "FEATURES", "AnswerModel", "Candidates", "Choice", "Timing", "candidate_features", "choose",
           "describe", "expected_type", "figure", "given_again", "load_model", "names_inside", "source", "trim",
           "type_match", "in_their_words", "naming", "what_follows", "when_said", "whose_words", "why_so"]


@dataclass(frozen=True)
class Choice:
    sentence: int  # global sentence id
    chunk: int  # the passage it was found in
    confidence: float  # the model's probability that it answers
    repeated: bool = False  # an earlier turn gave this sentence already
    figures: tuple[int, ...] = ()  # sentences of other articles that give another figure in answer


def choose(question: str, candidates: Candidates, store: Store, model: AnswerModel,
           answered: frozenset[int] = frozenset(), following: int | None = None,
           context: int | None = None) -> Choice | None:
    """The most probable answering sentence, or None when it is not probable enough.

    A follow-up that asks what came after the last answer, or asks of the last answer itself (who said
    it, their name, when or why), is answered with `following` (see what_follows, whose_words...) when it
    is a candidate, marked `repeated` when the conversation gave it before (`answered`); no other question
    gets a sentence given before. A follow-up's candidates of the article that holds `context` (the last
    answer) gain SAME_STORY.
    """
    ids = candidates.sentences
    if not ids or len(words(question)) < 2 and following is None:  # "Syria?" names a topic but asks nothing
        return None  # (the passages answer it); "Why?" asks of the last answer
    if {surname(name) for name in candidates.unknown_names} & asked_speakers(question):
        return None  # asks what someone said who appears in no article
    asked = [name for name in asked_names(question, words_only=True) if not is_body(name)]
    quoted = {surname(name) for name in asked} & store.corpus.speakers.surnames
    if any(surname(name) not in quoted and (" " in name or _named_in_full(name, candidates, store)) for name in asked):
        return None  # "What did William Hague say?", "What did Zarif say?": named in the articles, quoted nowhere
    scores = model.scores(candidates.features)
    if context is not None:  # a follow-up goes on with the story of the last answer
        story = store.corpus.sentence(context).article
        scores = scores + SAME_STORY * np.array([store.corpus.sentence(i).article == story for i in ids])
    after = [n for n, i in enumerate(ids) if following is not None and i == following]
    if after:  # what came next is answered by what came next: the question itself says an answer exists
        scores[[n for n in range(len(ids)) if n not in after]] = -np.inf
    if not after:  # a follow-up wants something new, unless it asks of the last answer itself
        scores[[i in answered for i in ids]] = -np.inf
    kind = expected_type(question)
    best = None if after else _describing(question, ids, scores, store)
    if best is None:
        best = _best(question, kind, candidates, store, model, scores, quoted, after)
        if best is None:
            return None
        best = _where_named(question, kind, ids, scores, best, store)
        best = _naming_the_speaker(question, ids, best, store)
        best = _reacting(question, candidates, scores, best, store, model)
    if _ASKS_NAME.search(question) and (describes_someone(question) or context is not None) \
            and not _names_someone(store.corpus.sentence_text(ids[best]), store.corpus.speakers[ids[best]], question):
        return None  # "What is the name of Russia's Middle East envoy?" (or, in a conversation, "what's his name")
        # answered by words that only describe him
    if _lacks_what_is_asked(question, kind, store.corpus.sentence_text(ids[best])):
        return None  # "How many Russians were evacuated?" is not answered by "Moscow is preparing to evacuate them"
    confidence = model.probability(scores, candidates.features, best)
    figures = other_figures(question, ids, scores, best, store,
                            lambda n: model.accepts(scores, candidates.features, n))
    return Choice(ids[best], candidates.passages[best].chunk, confidence, ids[best] in answered, figures)


def _best(question: str, kind: str | None, candidates: Candidates, store: Store, model: AnswerModel, scores: np.ndarray,
          quoted: set[str], after: list[int]) -> int | None:
    """The candidate that answers by `scores`, if one is probable enough or is the asked person's statement."""
    ids = candidates.sentences
    best = int(np.argmax(scores))
    if not np.isfinite(scores[best]):
        return None
    theirs = (candidates.features[:, SAID_BY_NAMED] > 0) & np.isfinite(scores)
    asks_for_words = kind is None  # not for a date or a figure
    if theirs.any() and not theirs[best] and (store.corpus.speakers[ids[best]] or asks_for_words):
        # "What did Lavrov tell the BBC?" is not answered in someone else's words when his own would do, nor
        # in the narrator's (who may hold the date or the figure asked for: "When did Lavrov tell the BBC?")
        own = int(np.argmax(np.where(theirs, scores, -np.inf)))
        if model.accepts(scores, candidates.features, own):
            best = own
    speaker = store.corpus.speakers[ids[best]]
    in_other_words = bool(quoted and speaker) and surname(speaker) not in quoted and asks_for_words
    if (not model.accepts(scores, candidates.features, best) or in_other_words) and not after:
        # asked what someone said about something, their best statement on it answers, however unsure the
        # model is (the articles say), and never someone else's words
        return _their_statement(question, kind, ids, scores, store, candidates)
    if asks_for_words and not speaker and not after and quoted & store.corpus.speakers.named_in_full:
        # the narrator's words, where the one asked about is a person the articles quote: their statement on it
        # answers if one is a candidate, and nothing does where they said nothing on it ("What did Putin say
        # about the airstrikes?" is not answered by a report of them)
        if not _said_on_topic(question, store, candidates, ids[best]):
            return None
        own = _their_statement(question, kind, ids, scores, store, candidates)
        return best if own is None else own
    return best


def _describing(question: str, ids: list[int], scores: np.ndarray, store: Store) -> int | None:
    """For "Who is William Hague?" or "What is his job?", the best candidate that names him with what he is
    ("Foreign Secretary William Hague"), however unsure the model is (the articles say), if one does."""
    person = asked_person(question)
    if person is None:
        return None
    return next((int(n) for n in np.argsort(-scores) if np.isfinite(scores[n])
                 and describes(store.corpus.sentence_text(ids[n]), person)), None)


def _named_in_full(name: str, candidates: Candidates, store: Store) -> bool:
    """Whether the passages found name a person with this surname in full ("Mohammad Javad Zarif"), which
    says the name is a person's ("What did Washington think?" asks of a place, which its officials speak for).
    A name ending in "s" may be a people ("Sunni Muslims"): it is not read as one person's."""
    if name.endswith("s"):
        return False
    chunks = dict.fromkeys(passage.chunk for passage in candidates.passages)
    return any(surname(person) == surname(name)
               for chunk in chunks for person in people(store.corpus.chunk_text(chunk)))


def _where_named(question: str, kind: str | None, ids: list[int], scores: np.ndarray, best: int, store: Store) -> int:
    """For a who-question, the candidate where the article names the person that `best` only describes
    ("Who heads Russia's arms export agency?": not "the head of Russia's arms exports agency told Reuters
    ...", but where it names him), else `best`."""
    speaker, text = store.corpus.speakers[ids[best]], store.corpus.sentence_text(ids[best])
    if not (speaker and kind == "name" and "who" in words(question)
            and surname(speaker) not in text.lower() and is_description(find_speaker(text) or "")):
        return best
    named = naming(store, ids[best])
    return next((n for n, i in enumerate(ids) if i == named and np.isfinite(scores[n])), best)


def _reacting(question: str, candidates: Candidates, scores: np.ndarray, best: int, store: Store,
              model: AnswerModel) -> int:
    """For "How did X react to Y?", where `best` does not name X (nor is X's), the best candidate the model
    accepts that does: the reaction, not the event reacted to, else `best`. X is named by its head word, which
    English puts last, before what it is of ("the UN's Syria envoy", "the leaders of the city")."""
    asked = _ASKS_REACTION.search(question)
    who = terms(_OF.split(asked.group("who"))[0])[-1:] if asked else []
    corpus = store.corpus

    def names_them(n: int) -> bool:
        sentence = candidates.sentences[n]
        return bool(set(who) & {*corpus.sentence_terms(sentence), *terms(corpus.speakers[sentence] or "")})

    if not who or names_them(best):
        return best
    return int(next((n for n in np.argsort(-scores) if np.isfinite(scores[n]) and names_them(n)
                     and model.accepts(scores, candidates.features, n)), best))


def _lacks_what_is_asked(question: str, kind: str | None, text: str) -> bool:
    """Whether a how-many question's sentence gives no count, a how-much one's no sum (or share: "how much did
    the price rise?"), an "on what date" one's no date, or an "in what year" one's no year (`kind`: what the
    question asks for, by expected_type)."""
    asks_date = _ASKS_DATE.search(question)
    needed = ((kind,) if kind == "count" else ("money", "measure") if kind == "money"
              else ("year",) if asks_date and asks_date.group("year") else ("date",) if asks_date else ())
    asked = set(words(question))
    text = without_dates(text) if kind == "count" else text  # "told Reuters on 13 February" counts nothing
    return bool(needed) and not any(type_match(shape, text, asked) for shape in needed)


def _names_someone(text: str, speaker: str | None, question: str) -> bool:
    """Whether a sentence names someone, its speaker or a name of two words, whom the question does not
    ("Russia's Middle East envoy" describes someone, and "Russia's Middle East" is no one's name)."""
    asked = set(words(question))
    named = [name for name in [*people(text, opening=True), *filter(None, [speaker])]
             if not is_description(name) and "'s " not in name and "’s " not in name]
    return any(not set(words(name)) <= asked for name in named)


def _their_statement(question: str, kind: str | None, ids: list[int], scores: np.ndarray, store: Store,
                     candidates: Candidates) -> int | None:
    """The best-scored candidate that is a statement of the person asked about on the topic asked about,
    if the question asks what someone said about something; one that holds the date or count asked for
    (`kind`), where one does ("When did Lavrov say ...?": "Lavrov said in December ...")."""
    said = _said_on_topic(question, store, candidates)
    theirs = [n for n, sentence in enumerate(ids) if sentence in said and np.isfinite(scores[n])]
    if kind in ("date", "count"):
        asked = set(words(question))
        theirs = [n for n in theirs if type_match(kind, store.corpus.sentence_text(ids[n]), asked)] or theirs
    return max(theirs, key=lambda n: scores[n]) if theirs else None


def _said_on_topic(question: str, store: Store, candidates: Candidates, answer: int | None = None) -> set[int]:
    """The sentences of the asked person's statements on the asked topic (see statements, which reads what is close
    to `answer`), if the question asks what someone said about something."""
    topic = asked_topic(question)
    return {s for group in statements(topic, store, answer, question=candidates.vector, about=candidates.about)
            for run in group for s in run} if topic else set()


def given_again(store: Store, answered: int, question: str) -> list[int]:
    """The copies of an answer given before (see corroborating) that add nothing of the kind the question asks
    for: a follow-up wants something new, but a copy that names what the answer did not ("London", where it said
    "the United Kingdom") may answer "Which city will they meet in?"."""
    copies = corroborating(store, answered)
    kind = expected_type(question)
    if kind in (None, "reason"):  # (a reason is read from the words' shape, which any quotation has)
        return copies
    text = store.corpus.sentence_text
    known = set(words(question)).union(*(words(found) for found in ANSWER_SHAPES[kind](text(answered))))
    return [c for c in copies if not type_match(kind, text(c), known)]


def what_follows(store: Store, previous: int, question: str) -> int | None:
    """The sentence a follow-up asking what came after `previous` wants: the next statement, in the same
    article, of the person it asks about ("What did he say next?"; None when that article has no more of
    them, and the model looks everywhere), else simply the next sentence ("What happened next?")."""
    corpus = store.corpus
    last = corpus.article_sentences(corpus.sentence(previous).article).stop
    asked = asked_speakers(question)
    if not asked:
        return previous + 1 if previous + 1 < last else None
    return next((sentence for sentence in range(previous + 1, last)
                 if corpus.speakers[sentence] and surname(corpus.speakers[sentence]) in asked), None)


def whose_words(store: Store, sentence: int) -> int:
    """The sentence that says who said `sentence` ("According to whom?"): itself when it names its speaker or
    reports who says it ("The UN also says ..."); for a quotation that runs on without naming them, the
    nearest sentence of its article that does (the one before, where there is one); else a copy in another
    article that has a speaker, else one that reports it."""
    corpus = store.corpus
    speaker = corpus.speakers[sentence]
    # "a State Department official" is named where those words are, not by "the official added"
    naming = (speaker.lower() if is_description(speaker) else surname(speaker)) if speaker else ""
    if speaker and naming not in corpus.sentence_text(sentence).lower():
        naming_them = [s for s in corpus.article_sentences(corpus.sentence(sentence).article)
                       if corpus.speakers[s] == speaker and naming in corpus.sentence_text(s).lower()]
        return min(naming_them, key=lambda s: (s > sentence, abs(s - sentence)), default=sentence)  # before, first
    if speaker or reports_saying(corpus.sentence_text(sentence)):
        return sentence
    copies = corroborating(store, sentence)
    return next((c for c in copies if store.corpus.speakers[c]), None) or next(
        (c for c in copies if reports_saying(store.corpus.sentence_text(c))), sentence)


def _naming_the_speaker(question: str, ids: list[int], best: int, store: Store) -> int:
    """For a question asking who said something, the candidate that names the speaker of the best one where
    that only describes them ("the head of Russia's arms exports agency told Reuters"), else the best."""
    asks = _ASKS_WHICH_SPEAKER.search(question)
    speaker = store.corpus.speakers[ids[best]]
    if not asks or asks.group("role") and not roles_in(asks.group("role")) or not speaker or is_description(speaker) \
            or surname(speaker) in words(store.corpus.sentence_text(ids[best])):
        return best
    named = naming(store, ids[best])
    return ids.index(named) if named in ids else best


def naming(store: Store, sentence: int) -> int:
    """The first sentence of its article that names the speaker of `sentence` in full ("What is his name?"
    after "the head of Russia's arms exports agency told Reuters ..."), else `sentence`."""
    corpus = store.corpus
    name = corpus.speakers[sentence]
    return next((s for s in corpus.article_sentences(corpus.sentence(sentence).article)
                 if name in corpus.sentence_text(s)), sentence)


def in_their_words(store: Store, sentence: int) -> int:
    """The sentence that gives the words of `sentence`'s speaker as they said them ("What were his exact
    words?"): itself when it is mostly quotation, else the nearest of theirs in its article that is, else
    `sentence`."""
    corpus = store.corpus
    speaker = corpus.speakers[sentence]

    def quotes(s: int) -> bool:
        text = corpus.sentence_text(s)
        return len(quoted_out(text)[0]) <= len(text) / 2

    if not speaker or quotes(sentence):
        return sentence
    theirs = [s for s in corpus.article_sentences(corpus.sentence(sentence).article)
              if corpus.speakers[s] == speaker and quotes(s)]
    return min(theirs, key=lambda s: abs(s - sentence), default=sentence)


def when_said(store: Store, sentence: int) -> int:
    """The sentence that says when `sentence` was said ("When did he say that?"): the nearest that holds a date
    or a day ("Lavrov on Monday insisted ...", see `_nearest_telling`); else `sentence` (its source's date, if
    any, says the rest)."""
    return _nearest_telling(store, sentence, lambda text: any(ANSWER_SHAPES["date"](text)))


def told_whom(store: Store, sentence: int) -> int:
    """The sentence that says whom `sentence` was said to ("Who did he say that to?"): the nearest that tells of
    the telling ("told the BBC", "in an interview with", see `_nearest_telling`), else `sentence`."""
    return _nearest_telling(store, sentence, lambda text: bool(_TELLS.search(text)))


def where_said(store: Store, sentence: int) -> int:
    """The sentence that says where `sentence` was said ("Where was he when he said that?"): the nearest that
    names a place of speaking ("aboard a government plane", "speaking in Moscow", see `_nearest_telling`),
    else `sentence`."""
    return _nearest_telling(store, sentence, lambda text: bool(_SPEAKS_FROM.search(text)))


def _nearest_telling(store: Store, sentence: int, tells: Callable[[str], bool]) -> int:
    """The nearest sentence of `sentence`'s article whose text `tells`, by the same speaker where one does,
    else by the narrator, else `sentence`: someone else's words tell nothing of when or where this was said."""
    corpus = store.corpus
    speaker = corpus.speakers[sentence]
    telling = [s for s in corpus.article_sentences(corpus.sentence(sentence).article)
               if corpus.speakers[s] in (speaker, None) and tells(corpus.sentence_text(s))]
    theirs = [s for s in telling if speaker and corpus.speakers[s] == speaker]
    return min(theirs or telling, key=lambda s: abs(s - sentence), default=sentence)


def why_so(store: Store, sentence: int) -> int:
    """The sentence that says why `sentence` is so ("Why?", "Why not?"): itself when it gives a reason
    ("because ..."), else the next of its article, where a report goes on to explain; else itself."""
    if _GIVES_REASON.search(store.corpus.sentence_text(sentence)):
        return sentence
    return what_follows(store, sentence, "") or sentence


def source(article: Article) -> dict:
    return {"path": article.path, "title": article.title, "outlet": article.outlet, "published": article.published}


def describe(question: str, choice: Choice, store: Store, vector: np.ndarray, about: np.ndarray | None = None
             ) -> tuple[dict, tuple[int, int, int]]:
    """The reply's answer object for the question (embedded as `vector`; what it asks about, if it asks what
    someone said, as `about`), and where its text lies: (article, start, end) in the article's text."""
    corpus = store.corpus
    article_id, sentence_start, _ = corpus.sentence(choice.sentence)
    sentence = corpus.sentence_text(choice.sentence)
    start, end = trim(sentence, question)
    answer = {
        "text": sentence[start:end],
        "source": source(corpus.articles[article_id]),
        "speaker": corpus.speakers[choice.sentence],
        "corroboration": [_carrying([other], store) for other in corroborating(store, choice.sentence)],
        "confidence": round(choice.confidence, 3),
    }
    topic = asked_topic(question)
    if topic is not None:  # asks what someone said about something: everything they said on it
        found = statements(topic, store, choice.sentence, vector, about)
        answer["statements"] = [_statement(group, store) for group in found[:MAX_STATEMENTS]]
        answer["statements_more"] = max(0, len(found) - MAX_STATEMENTS)
    if choice.repeated:
        answer["repeated"] = True  # the conversation had this sentence already: it answers this question too
    if choice.figures:  # the articles disagree on the number asked for: show each with its date
        answer["figures"] = sorted((_figure(question, s, store) for s in (choice.sentence, *choice.figures)),
                                   key=lambda f: (f["published"] is None, f["published"] or ""))
    return answer, (article_id, sentence_start + start, sentence_start + end)


def _statement(group: list[list[int]], store: Store) -> dict:
    """One statement: its first passage (a run of sentences), where it lies in its article, and the other
    articles carrying it."""
    article, start, end = _passage(group[0], store)
    return {"text": article.text[start:end], "speaker": store.corpus.speakers[group[0][0]],
            "source": source(article), "span": [start, end],
            "corroboration": [_carrying(run, store) for run in group[1:]]}


def _passage(run: list[int], store: Store) -> tuple[Article, int, int]:
    """The article of a run of its sentences, and where the run starts and ends in its text."""
    corpus = store.corpus
    first = corpus.sentence(run[0])
    return corpus.articles[first.article], first.start, corpus.sentence(run[-1]).end


def _carrying(run: list[int], store: Store) -> dict:
    """Another article that carries a statement, with its sentences (a run of them) that carry it."""
    article, start, end = _passage(run, store)
    return {**source(article), "text": article.text[start:end]}


def _figure(question: str, sentence: int, store: Store) -> dict:
    corpus = store.corpus
    text = corpus.sentence_text(sentence)
    found = figure(text, set(words(question)))
    return {"value": found[0] if found else None, "text": text,
            **source(corpus.sentence_article(sentence))}

