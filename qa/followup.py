"""Follow-up questions: "what did he say next?" read in the light of the conversation so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from .answer.shapes import is_country
from .attribution import (
    SAYING_WORDS,
    describes_someone,
    display_name,
    is_body,
    is_description,
    named_as_a_person,
    roles_in,
    same_role,
    surname,
)
from .patterns import compile, name_pattern, starts_word
from .spelling import with_capitalised_names, with_known_names
from .store import Corpus
from .text import words

_REFERS_BACK = compile(r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those)\b",
                       ignore_case=True)
_GOES_ON = compile(r"^\W*(?:and|so|but|what about|how about)\b", ignore_case=True)
_SHORT_ANSWER_WORDS = 8  # an answer of more words is a sentence, or most of one
_WITHIN_NAMES = frozenset("the of and de al bin van von".split())  # "the Free Syrian Army", "Staffan de Mistura"
_PERSON_PRONOUN = compile(r"\b(he|she|him|his)\b", ignore_case=True)
_SUBJECT_PRONOUN = compile(r"\b(he|she|his)\b", ignore_case=True)
_GROUP_PRONOUN = compile(r"\b(they|them|their)\b", ignore_case=True)
# "How do Russian officials describe their stance?", "and the americans? where do they stand": the question names
# whom "their" means, a group before it ("How many people have fled their homes?")
_OWN_GROUP = compile(r"(?:\b(?:(?:the|these|those|other|several|both|all)\s+\pL|\p{Lu}\p{Ll}+\s+\p{Ll})\p{Ll}{2,}s\b|"
                     r"\b(?:people|ppl|children|men|women)\b)[^!.]*?\b(?:they|them|their)\b")
# "the rebels could defeat Assad", "as the rebels gain ground": a group that does something (a word after it
# that joins nothing on), whom "they" may mean when no two people are named
_GROUP = compile(r"\b(?P<group>(?:the|several|many|other) \p{Ll}{3,}s) (?P<next>\p{Ll}+)\b")
# "Russia and China, Al-Assad's staunchest allies, vetoed ...": the two an answer opens with, whom "they" means
_PAIR = compile(r"^\W*(?P<pair>\p{Lu}[\pL'’-]+ and \p{Lu}[\pL'’-]+)\b(?:,| \p{Ll})")
_JOINING = frozenset("in of and or on at to for from with by as than that who which whose but nor".split())
# "their stance on him": "him" after a word like "on" is whom the last answer named last, not its speaker
_OBJECT_PRONOUN = compile(r"\b(?:on|about|to|with|for|against|from|at)\s+(?:him|her)\b", ignore_case=True)
_ASKS_WHAT_NEXT = compile(r"\b(next|then|after that|afterwards|went on|go on|else|also|more|add|adds|added)\b|"
                          r"^\W*(?:such as|like what|for (?:example|instance))\W", ignore_case=True)
# "How did the rebels respond?", "What was the reaction?", "Did anyone disagree?": a reaction to what was just
# said, which comes after it
_ASKS_REACTION = compile(r"\b(?:react|reacted|respond|responded|reply|replied|reaction|response|disagree|"
                         r"disagreed|object|objected)\W*$", ignore_case=True)
# "next week", "next Monday": a time, not what came after
_NEXT_TIME = compile(r"\bnext\s+(?:week|weekend|month|year|day|time|season|"
                     r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?\b", ignore_case=True)
# "Who else backs him?", "where else": asks for someone or somewhere besides, not for what came next
_SOMEONE_ELSE = compile(r"\b(?:who|whom|where)\s+else\b", ignore_case=True)
# "about preconditions": the topic a question names; "about it": one it takes from the last question
_ABOUT = compile(r"\b(?:about|on|regarding|concerning|over)\s+(?P<topic>[^?!.]*\pL[^?!.]*)", ignore_case=True)
_BACK = "it|that|this|them|those|these"  # words that point back at what was said
_THIS = compile(rf"(?:{_BACK}|the same)\b", ignore_case=True)
_ABOUT_IT = compile(rf"\b(?P<about>about|on|regarding|concerning|over)\s+(?:{_BACK})\b", ignore_case=True)
# "According to whom?", "Who said that?", "Source?": asks whose words the last answer was
_ASKS_WHO_SAID = compile(r"^\W*(?:and )?(?:according to whom|says who|who says so|(?:what(?:'s|’s| is| was) the )?"
                         r"sources?|who (?:said|says|claimed|claims|reported|reports|estimated|estimates)"
                         r"(?: (?:that|this|it|so))?|where (?:is|was|does|did) (?:that|this|it) (?:from|come from))"
                         r"\W*$", ignore_case=True)
# "What is his name?", "Who is she?", "whats he called": asks who the last answer's speaker is
_ASKS_NAME = compile(r"^\W*(?:and )?(?:what(?:'s|’s|s| is| was) (?:(?:his|her|their) (?:full )?names?|(?:he|she) "
                     r"called)|who (?:is|was) (?:he|she)|who are they)\W*$", ignore_case=True)
# "When did he say that?", "When was that?", "When?", "What date was that?": asks when the last answer was said
# ("when did he give that interview?", "when did he tell reuters this, what date", "and the date on that?")
_ASKS_WHEN = compile(r"^\W*(?:and )?(?:(?:what(?:'s|’s| is| was) )?the date (?:on|of|for) (?:that|this|it)|"
                     r"when|(?:on )?what (?:date|day))(?: (?:did (?:he|she|they) "
                     r"(?:(?:say|tell|claim|announce|write|add|warn)(?: \pL+)?(?: (?:it|that|this|so))?"
                     r"(?:,? what date)?|"
                     r"(?:give|make|deliver) (?:that|this|the|his|her|their) (?:interview|speech|statement|remarks))|"
                     r"(?:was|were) (?:that|this|it|the interview|that interview|the speech|that speech)"
                     r"(?: said| given)?|did (?:that|this|it) happen))?\W*$", ignore_case=True)
# "Why?", "Why not?", "Why would it do that?", "Did he give a reason?", "What was his reasoning?": asks why the
# last answer is so (a "why" with words of its own asks about them: "Why did Russia veto the resolution?")
_ASKS_WHY = compile(r"^\W*(?:and |so )?(?:why(?: (?:not|so|is|was|are|were|would|will|did|does|do|doing|has|have|"
                    r"had|should|could|can|might|he|she|it|they|that|this|say|said|think|believe))*|how come|"
                    r"did (?:he|she|they) (?:give|say|explain) (?:a reason|why)|"
                    r"what(?:'s|’s| is| was) (?:his|her|their) (?:reasoning|reason|rationale|argument|"
                    r"explanation))\W*$", ignore_case=True)
# "Who did he say that to?", "Who did he tell?", "To whom?", "According to which news agency?", "who was the minister
# talking to when he said it": asks whom the last answer was said to, or who carried it
_TALKING_TO = r"(?:was|were) (?:he|she|they|the \p{Ll}+) (?:talking|speaking) to"  # "was the minister talking to"
_ASKS_TO_WHOM = compile(r"^\W*(?:and |so )?(?:(?:who|whom) did (?:he|she|they) "
                        r"(?:(?:say|tell) (?:that |this |it |so )?to|tell(?: that| this| it| so)?)|"
                        r"according to (?:which|what) (?:news )?(?:agency|newspaper|paper|outlet|media|broadcaster)|"
                        r"(?:which|what) (?:news )?(?:agency|newspaper|paper|outlet|broadcaster|network|channel) "
                        r"(?:(?:quoted|reported|interviewed) (?:him|her|them|it|that|this|(?:his|her|their) "
                        rf"(?:remarks|comments|words|statement))|{_TALKING_TO})|"
                        rf"to whom(?: did (?:he|she|they) say (?:that|this|it|so))?|who {_TALKING_TO})"
                        r"(?: when (?:he|she|they) said (?:that|this|it|so))?\W*$", ignore_case=True)
# "Where was he when he said that?", "Where did she say it?", "where was he speaking": asks where the last answer
# was said
_ASKS_WHERE = compile(r"^\W*(?:and |so )?where (?:(?:(?:was|were) (?:he|she|they) when (?:he|she|they) said|"
                      r"did (?:he|she|they) say) (?:that|this|it|so)|(?:was|were) (?:he|she|they) (?:speaking|talking)"
                      r"(?: from)?)\W*$", ignore_case=True)
# "What were his exact words?", "What exactly did she say?", "Can you quote him?": asks for the last answer's
# speaker in their own words
_ASKS_QUOTE = compile(r"^\W*(?:and |so )?(?:what (?:were|are) (?:his|her|their) (?:exact|actual|own|precise) words|"
                      r"what (?:exactly|actually|precisely) did (?:he|she|they) say|"
                      r"what did (?:he|she|they) (?:exactly|actually|precisely) say|"
                      r"what did (?:he|she|they) say (?:exactly|precisely)|"
                      r"(?:can|could) you quote (?:him|her|them|that|it)|in (?:his|her|their) own words|"
                      r"how did (?:he|she|they) put it|quote)\W*$", ignore_case=True)
# What a follow-up may ask of the last answer itself, rather than of the articles
_ASKS_OF_LAST = (("source", _ASKS_WHO_SAID), ("name", _ASKS_NAME), ("time", _ASKS_WHEN), ("reason", _ASKS_WHY),
                 ("audience", _ASKS_TO_WHOM), ("place", _ASKS_WHERE), ("quote", _ASKS_QUOTE))
# "Who is trying to bridge differences?": asks who did something, whom the answer names (not "Who did Lavrov
# meet?", which asks about Lavrov)
_ASKS_WHO = compile(r"^\W*(?:and )?who\s+(?P<next>\S+)(?:\s+(?P<after>\S+))?", ignore_case=True)
_AUXILIARIES = frozenset("did does do will would had has have is was are were should could can may might must".split())
_NAME = compile(name_pattern())
# "Did the official say anything else?": someone named by what they are, who may be the last answer's speaker
_THE_ROLE = compile(r"\bthe (?P<words>\p{Ll}+(?: \p{Ll}+){0,2})\b", ignore_case=True)
_NOT_NAMES = {"What", "Who", "Why", "When", "Where", "How", "Which", "Did", "Does", "Do", "Is", "Are", "Was", "Were",
              "Has", "Have", "Had", "Will", "Would", "Should", "Could", "Can", "May", "Might", "Must",
              "The", "A", "An", "And", "But", "In", "On", "It", "He", "She", "They", "Mr", "Mrs", "Ms"}


MAX_CONTEXT_NAMES = 4


class _Turn(NamedTuple):
    speaker: str | None  # who said the sentence that answered it
    sentence: int | None  # that sentence
    asked: list[str]  # names in its question
    answered: list[str]  # names in its answer
    said: str  # its question and answer, in small letters


@dataclass(frozen=True)
class Understood:
    question: str  # what to search for: the question, with the people and topics it refers back to
    previous: int | None = None  # the sentence that answered the last turn, when this one asks what came next
    answered: frozenset[int] = frozenset()  # sentences earlier turns already gave as answers
    # what this one asks of the last answer ("source": who said it, "name": their name, "time": when,
    # "reason": why, "audience": to whom, "place": where) and the sentence that gave it
    about_last: tuple[str, int] | None = None
    context: int | None = None  # the sentence that answered the last turn, when this one leans on it
    # the question as asked, where `question` adds the people of the last turns to it ("and what do the
    # rebels want? (Lavrov, Assad)"): the other way to read it, which may answer it better
    as_asked: str | None = None


def understand(question: str, history: list[dict], corpus: Corpus, find_sentence: Callable[[str, str], int | None],
               knows: Callable[[str], bool]) -> Understood:
    """The question, completed from the last turns when it leans on them; untouched when it stands alone.
    Earlier answers are found with `find_sentence` (the answer's text and the question it answered), and words
    of the articles told by `knows` (the store's). A sentence counts as given when the reader was shown most of
    it: after "William Hague", the sentence it came from may still tell when they meet."""
    question = with_known_names(with_capitalised_names(question, corpus, knows), corpus, knows)
    located = [find_sentence(turn["answer"], turn.get("question", "")) if turn.get("answer") else None
               for turn in history]
    answered = frozenset(sentence for sentence, turn in zip(located, history) if sentence is not None
                         and len(turn["answer"].strip()) * 2 >= len(corpus.sentence_text(sentence)))
    last_speaker = corpus.speakers[located[-1]] if history and located[-1] is not None else None
    role = _by_role(question, history[-1], last_speaker) if history else None
    # "whats the agency boss called", "when did the minister say that?": asked of the last speaker, as of "him"
    of_them = f"{question[:role[0]]}he{question[role[1]:]}" if role else question
    asks = next((kind for kind, pattern in _ASKS_OF_LAST if pattern.search(of_them)), None)
    if not history or not (asks or _leans_on_history(question) or role):
        return Understood(question, None, answered)
    return replace(_completed(question, asks, history, corpus, located, answered), context=located[-1])


def _completed(question: str, asks: str | None, history: list[dict], corpus: Corpus, located: list[int | None],
               answered: frozenset[int]) -> Understood:
    """`understand` for a question that leans on the history: `asks` is what it asks of the last answer, if it
    does (see _ASKS_OF_LAST), and `located` holds each turn's answer sentence."""
    if asks and located[-1] is not None and (asks not in ("name", "quote") or corpus.speakers[located[-1]]):
        return Understood(question, None, answered, about_last=(asks, located[-1]))
    swapped = _swapped(question, history[-1]["question"], corpus.speakers.surnames)
    if swapped:
        return Understood(swapped, None, answered)
    turns = [_Turn(corpus.speakers[sentence] if sentence is not None else None, sentence,
                   _named_in(turn["question"], corpus), _named_in(turn.get("answer") or "", corpus, answer=True),
                   f"{turn['question']} {turn.get('answer') or ''}".lower())
             for turn, sentence in reversed(list(zip(history, located))[-2:])]

    def names_someone(turn: _Turn) -> bool:  # "Syrian" is no one: "the two sides" are further back
        return bool(turn.speaker) or any(
            not is_body(name) and (" " in name or surname(name) in corpus.speakers.surnames)
            for name in turn.asked + turn.answered)

    # the last turn that names someone, else anything
    speaker, previous, asked, answered_names, said = next(filter(names_someone, turns), None) or next(
        (turn for turn in turns if turn.asked or turn.answered), turns[-1])

    def fresh(found: list[str | None]) -> list[str]:  # one name per person, none the question names
        by_surname = {}
        for name in found:
            if name and surname(name) not in question.lower():
                by_surname.setdefault(surname(name), name)
        return list(by_surname.values())

    # "he" is whoever just spoke, else the person the last question was about (someone, before a word
    # like "Russian" that names no one the articles know); "they" are the people
    # of the last question and its answer (after "Which minister did Lavrov meet?", Lavrov and the
    # minister): names the articles know as someone who speaks, then other full names, then the rest.
    known = corpus.speakers.surnames

    def personhood(name: str) -> int:
        if is_body(name) or name.isupper() or is_country(name) or f"the {name.lower()}" in said:
            return 3  # an outlet ("..., BBC said"), "the United Kingdom", "Russia" (never "he", though it speaks)
        return 0 if surname(name) in known else 1 if " " in name else 2

    question = _with_last_topic(question, history[-1]["question"])
    last = turns[0].speaker  # the last turn's
    role = _by_role(question, history[-1], last)
    if role:  # "What did the minister say next?": Lavrov, whose words the last answer was
        named = question if is_description(last) else f"{question[:role[0]]}{last}{question[role[1]:]}"
        return Understood(named, located[-1] if _asks_next(question) else None, answered)
    pronoun = _SUBJECT_PRONOUN.search(question)
    if pronoun and describes_someone(question[:pronoun.start()]):
        return Understood(question, None, answered)  # "And Iran's foreign minister, what did he say?"
    # after "Who is trying to bridge differences?", "he" is whom the answer names, not whom the question did
    who = _ASKS_WHO.search(history[-1]["question"])
    asks_who_did = who and not (who.group("next").lower() in _AUXILIARIES and (who.group("after") or "")[:1].isupper()
                                or (who.group("after") or "").lower() in ("he", "she", "they", "the"))
    new = [name for name in answered_names if name not in asked and personhood(name) < 2] if asks_who_did else []
    people = fresh(sorted([*filter(None, [speaker]), *asked, *answered_names], key=personhood))
    if new:
        people = fresh([*sorted([name for name in [speaker] if name and personhood(name) < 2] + new, key=personhood),
                        *people])
    own = _named_before_pronoun(question, known)
    if own:  # "And Putin, what did he say in Brussels?": the question says who "he" is
        people = [own, *people]
    # "what did he say next?" after the answer "Russia's Middle East envoy": that envoy
    described = None if own else _only_describing(history[-1].get("answer") or "")
    if not people and not described:
        return Understood(question, None, answered)
    person = described or people[0]
    pronoun = _PERSON_PRONOUN.search(question)
    if pronoun and _OBJECT_PRONOUN.search(question) and pronoun.group(0).lower() == "him" and not own \
            and not described:
        # someone: not a body, nor a country the articles quote only by its name ("Russia said")
        person = next((p for p in reversed(answered_names) if p in people and p != speaker and personhood(p) < 2
                       and (" " in p or surname(p) in corpus.speakers.named_in_full)), person)
    named = question if person != described and personhood(person) > 2 else \
        _PERSON_PRONOUN.sub(lambda m: f"{person}'s" if m.group(0).lower() == "his" else person, question, 1)
    if named == question and not people:
        return Understood(question, None, answered)
    if named == question and not _OWN_GROUP.search(question):
        persons = [p for p in people if personhood(p) < 2]
        pronoun = _GROUP_PRONOUN.search(question)
        # "What did Moscow tell them?", "Who carried them out?" (after "... condemned the bombings as ..."): an
        # object is the group or the things the last answer names, whatever follows them, not who spoke of them
        object_ = bool(pronoun) and pronoun.group(0).lower() == "them"
        # a short answer's words are read in the sentence it came from ("Earlier this month": "... the rebels could
        # defeat Assad")
        told = corpus.sentence_text(located[-1]) if located[-1] is not None else history[-1].get("answer") or ""
        group = next((m for m in _GROUP.finditer(told) if object_ or m.group("next") not in _JOINING), None)
        pair = _PAIR.match(told)
        if pair:  # "Russia and China, Assad's allies, vetoed ...": they
            both = pair.group("pair")
        elif group and (len(persons) < 2 or object_):
            both = group.group("group")
        else:
            both = " and ".join(people[:2])
        named = _GROUP_PRONOUN.sub(lambda m: f"{both}'s" if m.group(0).lower() == "their" else both, question, 1)
    as_asked = None
    if named == question:
        named, as_asked = f"{question} ({', '.join(people[:MAX_CONTEXT_NAMES])})", question
    return Understood(named, previous if _asks_next(question) else None, answered, as_asked=as_asked)


def _only_describing(answer: str) -> str | None:
    """A short answer that names someone only by what they are ("Russia's Middle East envoy", "a State Department
    official"), as a question names them ("the State Department official"); None for any other answer."""
    answer = " ".join(answer.split()).rstrip(".")
    if len(answer.split()) > _SHORT_ANSWER_WORDS or not is_description(answer) \
            or any(named_as_a_person(name) for name in names(answer)):
        return None
    first, _, rest = answer.partition(" ")
    return f"the {rest}" if first.lower() in ("a", "an") else answer


def _asks_next(question: str) -> bool:
    """Whether a follow-up asks what came after the last answer ("What did he add?", "How did they react?"); "else
    about X" asks about X ("anything else on that flight?" about what was just said)."""
    about = _ABOUT.search(question)
    new_topic = about and not _THIS.match(about.group("topic"))
    return bool(_ASKS_WHAT_NEXT.search(_SOMEONE_ELSE.sub("", _NEXT_TIME.sub("", question))) and not new_topic
                or _ASKS_REACTION.search(question))


def _by_role(question: str, last: dict, speaker: str | None) -> tuple[int, int] | None:
    """Where the question names the last answer's speaker by what they are ("the official" after "..., a State
    Department official said"; "the minister" after "Foreign Minister Sergei Lavrov said"; "the agency boss" after
    "the head of the agency told Reuters"), where that naming starts and ends."""
    if not speaker:
        return None
    answer = last.get("answer") or ""
    if is_description(speaker):
        said = roles_in(speaker)
    elif surname(speaker) in answer.lower():
        said = roles_in(" ".join(answer[:answer.lower().find(surname(speaker))].split()[-4:]))
    else:  # named in another sentence: described in this one before it says ("the head of the agency told")
        written = words(answer)
        said = roles_in(" ".join(written[:next((n for n, w in enumerate(written) if w in SAYING_WORDS), 0)]))
    for the in _THE_ROLE.finditer(question):
        written = the.group("words").split()
        role = next((n for n, word in enumerate(written) if same_role(word.lower(), said)), None)
        if role is not None:
            return the.start(), the.start() + len(" ".join(["the", *written[:role + 1]]))
    return None


def _with_last_topic(question: str, last: str) -> str:
    """"What else did he say about it?" after "What did Lavrov say about preconditions?": about preconditions."""
    refers = _ABOUT_IT.search(question)
    topic = _ABOUT.search(last)
    if not refers or not topic or _ABOUT_IT.search(last):
        return question
    return f"{question[:refers.start()]}{refers.group('about')} {topic.group('topic').strip()}{question[refers.end():]}"


def _swapped(question: str, last: str, speakers: frozenset[str]) -> str | None:
    """"And Putin?" after "What did Lavrov say about Assad?" (or "What did he say about Assad?"): the last
    question about the one person this short one names instead, someone the articles know as a speaker
    ("And Syria?" asks something else)."""
    new = [name for name in names(question) if name.lower() not in last.lower()]
    if len(question.split()) > 3 or len(new) != 1 or surname(new[0]) not in speakers:
        return None
    pronoun = _PERSON_PRONOUN.search(last)
    if pronoun:
        said = f"{new[0]}'s" if pronoun.group(0).lower() == "his" else new[0]
        return f"{last[:pronoun.start()]}{said}{last[pronoun.end():]}"
    person = next((match for match in _NAME.finditer(last) if match.start() > 0), None)  # the first named
    return f"{last[:person.start()]}{new[0]}{last[person.end():]}" if person else None


def _named_before_pronoun(question: str, speakers: frozenset[str]) -> str | None:
    """The person a question names before its "he" or "his", someone the articles know as a speaker ("him"
    after a name is someone else: "What did Lavrov say about him?")."""
    pronoun = _SUBJECT_PRONOUN.search(question)
    before = [name for name in names(question[:pronoun.start()]) if surname(name) in speakers
              and not is_body(name)] if pronoun else []
    return before[-1] if before else None


def _leans_on_history(question: str) -> bool:
    """Refers back ("he", "they", "that"), goes on from the last turn ("And how many have fled?"), asks how
    someone reacted to it ("How did the rebels respond?") or is too short to stand alone ("Hague?"). (One that
    asks something of the last answer, "According to which news agency?", leans on it too: see `understand`.)"""
    return bool(_REFERS_BACK.search(question) or _GOES_ON.search(question) or _ASKS_REACTION.search(question)) \
        or len(question.split()) <= 3


def _named_in(text: str, corpus: Corpus, answer: bool = False) -> list[str]:
    """The names in an earlier turn: capitalised ones (an answer that is a name, whole: "Zarif"), and the people the
    articles quote written in small letters, as readers type them ("who did lavrov meet")."""
    speakers = corpus.speakers.surnames
    written = text.split()
    a_name = answer and len(written) <= _SHORT_ANSWER_WORDS and all(
        word[:1].isupper() or word in _WITHIN_NAMES for word in written)  # not "Earlier this month"
    found = names(text, speakers, phrase=a_name)
    small = [corpus.speakers.spelling(word) for word in words(text)
             if word in speakers and word.capitalize() not in text]
    return found + [name for name in dict.fromkeys(small) if name[:1].isupper() and name not in found]


def names(text: str, speakers: frozenset[str] = frozenset(), phrase: bool = False) -> list[str]:
    """Capitalised names in a text, without the role words in front ("Foreign Minister Sergei Lavrov"); a word
    opening it counts when it is the name of one of the `speakers` (surnames) ("Lavrov is headed to ..."), or
    when the text is a `phrase`, not a sentence ("Zarif", a short answer)."""
    found = []
    for match in _NAME.finditer(text):
        if not starts_word(text, match.start()) or text[match.start() - 1:match.start()] == "-":
            continue  # within a word, or "a post-Assad Syria"
        written = match.group(0).split()
        kept = [w for w in written if w not in _NOT_NAMES]
        name = " ".join(kept).removesuffix("'s").removesuffix("’s")
        # a word opening the text or a quotation may be capitalised for that alone: "Where", '"We are ...',
        # not "And Hague"
        opens = not text[:match.start()].rstrip()[-1:].strip('"“‘\'(') and kept[:1] == written[:1]
        if name and (phrase or not opens or " " in name or name.lower() in speakers):
            found.append(display_name(name))
    return found
