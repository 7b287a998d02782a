"""What a question asks for (a date, a count, a name...) and whether a sentence holds such a thing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pycountry

from ..patterns import MONTHS, NAME_WORD, NOT_WORD_CHAR, WORD_CHAR, any_phrase, compile
from ..text import words

# months, and days as news names them ("on Monday", "yesterday in Brussels")
_CALENDAR = f"{MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Yy]esterday|[Tt]oday|" \
            "[Tt]omorrow"
# a year, or a coarser one: "in 1998", "the 1990s", "the 2nd century"
_YEAR = r"\b(?:1\d{3}|20\d{2})s?\b|\bcentur(?:y|ies)\b"
NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                 r"hundred|thousand|million|billion|dozen|half|several")
_UNITS = (r"%|percent|per cent|feet|foot|ft|inch|inches|mile|miles|yards?|metres?|meters?|km|kilometres?|"
          r"kilometers?|m|cm|mm|kg|kilograms?|pounds?|lb|lbs|tons?|tonnes?|mph|degrees?|°|acres?|hectares?|"
          r"years?|months?|weeks?|days?|hours?|minutes?|seconds?")

# A capitalised word inside a sentence (at its start every word is capitalised): one greedy class after a
# word boundary, which Python's engine matches in linear time; the small letter that tells a name from
# "NATO" is checked outside the pattern, where it cannot make the engine backtrack.
_CAPITALISED = re.compile(r"(?<![.!?\"“] )(?<!^)\b[A-Z][\w'’-]*")
# A list of names, the first not at a sentence's start (the two characters before it say so).
_NAME_LIST = compile(rf"(?:[^\pL\pN_ ]|[^.!?\"“] )(?P<names>{NAME_WORD}(?:,? {NAME_WORD})*,? "
                     rf"(?:and|or|as well as|along with) {NAME_WORD})")


def names_inside(text: str) -> Iterator[str]:
    """Capitalised words inside a sentence that hold a small letter: names rather than acronyms."""
    return (m.group(0) for m in _CAPITALISED.finditer(text) if any("a" <= c <= "z" for c in m.group(0)[1:]))


# Names news gives countries that ISO 3166 writes otherwise ("Russian Federation", "Türkiye").
_COUNTRY_SHORT_FORMS = ("US", "U.S.", "USA", "America", "UK", "Britain", "Great Britain", "Russia", "Turkey",
                        "Czech Republic", "Ivory Coast", "Vatican", "Brunei")


def _country_names() -> list[str]:
    """Countries as news names them: the ISO name's common form, without its qualifier ("Congo, The
    Democratic Republic of the", "Holy See (Vatican City State)"), and the short forms ISO does not give."""
    named = [getattr(country, "common_name", None) or country.name for country in pycountry.countries]
    return [name.split(",")[0].split(" (")[0] for name in named] + list(_COUNTRY_SHORT_FORMS)


_COUNTRY_NAMES = frozenset(_country_names())  # read once: the pattern below is built from them too


def is_country(name: str) -> bool:
    """Whether a name is a country's, as news writes it ("Russia", "Saudi Arabia", "the UK" without "the")."""
    return name in _COUNTRY_NAMES


_US_STATE_NAMES = [s.name for s in pycountry.subdivisions.get(country_code="US") if s.type != "Outlying area"]
# any of the names, its words spaced as written ("South Korea" before "Korea", and not inside "Koreans")
_COUNTRIES = compile(any_phrase(_COUNTRY_NAMES, between=" "))
_US_STATES = compile(any_phrase(_US_STATE_NAMES, between=" "))


def _matches(pattern, group: int | str = 0):
    """The pieces of a text that `pattern` matches, lazily: the first that will do is often enough."""
    return lambda text: (m.group(group) for m in pattern.finditer(text))


# What each kind of answer looks like in a sentence: the pieces of a sentence that are of that kind. Dates
# and counts are single tokens or fixed words (Python's engine, linear for them); the rest span tokens (RE2).
ANSWER_SHAPES = {
    "date": _matches(re.compile(rf"{_YEAR}|\b(?:{_CALENDAR})\b")),
    "year": _matches(re.compile(rf"{_YEAR}|\b\d+ ?(?:BCE|BC|AD|CE)\b")),
    "count": _matches(re.compile(rf"\b(?:\d[\d,.]*|{NUMBER_WORDS}|dozens|hundreds|thousands|millions|billions|"
                                 rf"a few|none|once|twice|thrice)\b", re.I)),
    # "21 months", "a 21-month war", "10%" (no word boundary after "%")
    "measure": _matches(compile(rf"(\d[\d,.]*|\b({NUMBER_WORDS}))(\s*|-)(%|°|({_UNITS})\b)", ignore_case=True)),
    "money": _matches(compile(r"[$£€¥]\s*\d|\b\d[\d,.]*\s*(dollars|pounds|euros|yen|million|billion)\b",
                              ignore_case=True)),
    "name": names_inside,
    "country": _matches(_COUNTRIES, 1),
    "state": _matches(_US_STATES, 1),
    "names": _matches(_NAME_LIST, "names"),
    "reason": _matches(compile(r"\b(because|since|due to|owing to|in order to|so that|so as to|as a result|"
                               rf"reasons?|therefore|thus|hence|caused?|for fear)\b|[\"“]{WORD_CHAR}",
                               ignore_case=True)),
}

# Which kind of answer a question asks for, from its wh-phrase; the first that matches wins.
QUESTION_SHAPES = (
    ("money", compile(r"\bhow much (money|did|does|do|was|is|were|are)\b.*\b(cost|pay|paid|worth|spen[dt]|"
                         r"price|earn|raise|sell|sold|fund)|\bhow much money\b|\bwhat (price|cost)\b|"
                         r"\bwhat (is|was|were|are) the (total |overall |estimated |combined )?"
                         r"(value|cost|price|worth)\b")),
    ("measure", compile(r"\bhow (long|old|far|large|big|tall|high|deep|wide|fast|heavy|hot|cold)\b|"
                           r"\bwhat (percentage|percent|proportion|fraction|size|temperature|speed|distance|"
                           r"height|length|depth|weight)\b|\bhow much\b")),
    ("count", compile(r"\bhow many\b|\bwhat (number|amount|population|score)\b|"
                      r"\b(death|casualty) (toll|count|figure)")),
    ("date", compile(r"\bwhen\b|\b(what|which) (year|years|date|day|month|century|decade|time|period|era|"
                        r"season)\b|\bsince( at least)?:\s*$")),  # a quiz's "... the first time since:"
    ("country", compile(r"\b(what|which) ([a-z-]+ )?(country|nation)\b")),  # "which European nation"
    ("state", compile(r"\b(what|which) (us |u\.s\. )?state\b")),
    ("names", compile(r"\b(what|which|who) (people|persons|men|women|countries|nations|states|companies|teams|"
                         r"groups|organi[sz]ations|cities|places|parties|leaders|players|members|allies)\b")),
    ("reason", compile(r"\bwhy\b|\bwhat (was|is|were|are) the (reason|cause|purpose)")),
    ("name", compile(r"\bwho(m|se)?\b|\bwhere\b|\b(what|which) (person|man|woman|king|president|leader|"
                        r"company|team|organi[sz]ation|group|city|country|state|nation|place|region|location|"
                        r"area|continent|river|island|university|party|church|language|name|venue|stadium)\b|"
                        r"\bwhat (is|was|are|were) (the|its|his|her|their) names?\b")),
)


# A number that dates rather than counts: a day of a month ("13 February", "May 2") or a year ("in 2012", not
# "2000 guests").
_DAY_OR_YEAR = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})\b|\b(?:{MONTHS}) \d{{1,2}}\b|"
                          rf"\b(?:in|since|from|until|during|of|early|late|mid) (?:1[89]|20)\d{{2}}s?\b")


def without_dates(text: str) -> str:
    """The text without its dates, whose numbers count nothing."""
    return _DAY_OR_YEAR.sub(" ", text)


# "when" after a wh-word of its own sentence opens a clause that says which occasion, and asks for no date: "What
# was his answer when asked ...?", "Who fumbled when tackled?"; the question is what comes before it
_OCCASION = compile(rf"(?:^|{NOT_WORD_CHAR})(?:what|which|who|whom|whose|where|why|how)[^\pL\pN_.?!][^.?!]*?"
                    rf"{NOT_WORD_CHAR}when(?:$|{NOT_WORD_CHAR})")


def expected_type(question: str) -> str | None:
    """The kind of thing the question asks for, if its wording says."""
    q = question.lower()
    occasion = _OCCASION.search(q)
    if occasion:
        q = q[: occasion.start() + occasion.group().rindex("when")]
    return next((kind for kind, pattern in QUESTION_SHAPES if pattern.search(q)), None)


def type_match(kind: str | None, sentence: str, question_words: set[str]) -> float:
    """1 when the sentence holds a thing of the asked-for kind that the question does not already name."""
    if kind is None:
        return 0.0
    found = ANSWER_SHAPES[kind](sentence)
    return 1.0 if any(not set(words(f)) <= question_words for f in found) else 0.0
