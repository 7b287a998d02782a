"""Time words in a question ("this week", "recently"), read as a window of days ending at an as-of date.

A reader asking on 16 June 2022 "who won the election this week?" means the week before that day, not
the week the service happens to run in. Explicit ranges ("this week", "last month", "so far this year")
name their days and filter the search to them; vague words ("recently", "latest", "now") only say the
answer is likely recent, so they prefer that window without shutting the rest of the archive out.

Windows are rolling where the words are ("this week" is the seven days up to as-of, as a weekly news
review uses it) and calendar-bound where the words name a calendar unit ("this month", "last year").
Vague words prefer the same seven days as "this week": a week is the span a news archive's "recent"
covers; it was chosen with the words, not fitted to any questions. A weekday named without a date ("on
Tuesday", "Sunday's final") and a past weekend name those seven days too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import patterns
from .errors import BadRequest
from .patterns import starts_word

AS_OF_FORMAT = "a date like 2022-06-16 (yyyy-mm-dd)"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # a single fixed-width token: linear by construction


@dataclass(frozen=True)
class Period:
    """Days `start` to `end` (inclusive) that the words `words` name, read relative to as-of."""

    start: date
    end: date
    words: str
    explicit: bool  # a named range (filters), rather than a vague "recently" (prefers)

    def to_json(self, filtered: bool) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "words": self.words,
                "filtered": filtered}


def _this_week(day: date) -> tuple[date, date]:
    return day - timedelta(days=7), day


def _last_week(day: date) -> tuple[date, date]:
    return day - timedelta(days=14), day - timedelta(days=7)


def _this_month(day: date) -> tuple[date, date]:
    return day.replace(day=1), day


def _last_month(day: date) -> tuple[date, date]:
    end = day.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _this_year(day: date) -> tuple[date, date]:
    return day.replace(month=1, day=1), day


def _last_year(day: date) -> tuple[date, date]:
    return date(day.year - 1, 1, 1), date(day.year - 1, 12, 31)


def _today(day: date) -> tuple[date, date]:
    return day, day


def _yesterday(day: date) -> tuple[date, date]:
    return day - timedelta(days=1), day - timedelta(days=1)


# Phrase (lower case, single spaces) -> its window. Longer phrases come first where one holds another.
EXPLICIT = {
    "so far this year": _this_year, "earlier this year": _this_year, "this year": _this_year,
    "last year": _last_year,
    "this past week": _this_week, "the past week": _this_week, "past seven days": _this_week,
    "past 7 days": _this_week, "this week": _this_week,
    "this past weekend": _this_week, "past weekend": _this_week, "last weekend": _this_week,
    "over the weekend": _this_week,
    "last week": _last_week,
    "this past month": _this_month, "this month": _this_month, "earlier this month": _this_month,
    "last month": _last_month,
    "today": _today, "tonight": _today, "this morning": _today, "yesterday": _yesterday,
}
# Vague words prefer the same seven days as "this week" (see the module's docstring).
VAGUE = dict.fromkeys(("most recently", "most recent", "recently", "recent", "lately", "latest", "newest",
                       "right now", "now", "currently", "at present", "these days", "nowadays"), _this_week)


_EXPLICIT = patterns.compile(patterns.any_phrase(EXPLICIT), ignore_case=True)
_VAGUE = patterns.compile(patterns.any_phrase(VAGUE), ignore_case=True)
# "on Tuesday", "Sunday's awards": a news question naming a weekday without a date means the last one, so
# the seven days up to as-of; not a day in a name ("Cyber Monday", "Super Bowl Sunday"), told by the word
# before it being capitalised inside the sentence. Written capitalised, as a day's name is.
_WEEKDAY = patterns.compile(r"(?:([\pL\pN_'’]+)\s+)?((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:$|[^\pL\pN_])")


def read_period(question: str, as_of: date) -> Period | None:
    """The window the question's time words name relative to `as_of`: an explicit range wins over a
    weekday, which wins over a vague word, the first of each kind over later ones; None when the question
    has no time words."""
    return (_phrase(_EXPLICIT, EXPLICIT, question, as_of, explicit=True) or _weekday(question, as_of)
            or _phrase(_VAGUE, VAGUE, question, as_of, explicit=False))


def _phrase(compiled, table: dict, question: str, as_of: date, explicit: bool) -> Period | None:
    """The window of the first phrase of `table` in the question."""
    found = compiled.search(question)
    if not found:
        return None
    words = " ".join(found.group(1).lower().split())
    return Period(*table[words](as_of), words, explicit)


def _weekday(question: str, as_of: date) -> Period | None:
    """The seven days up to as-of for the first weekday the question names, not in a name."""
    day = next((m for m in _WEEKDAY.finditer(question) if not _in_a_name(m)), None)
    if day is None:
        return None
    # "on Tuesday" is reported whole, so that asking again without the words drops the "on" too
    on = (day.group(1) or "").lower() == "on"
    return Period(*_this_week(as_of), f"{'on ' if on else ''}{day.group(2).lower()}", True)


def _in_a_name(weekday) -> bool:
    """Whether a weekday `_WEEKDAY` found is part of a name: within a word, or after a capitalised word
    that does not open its sentence ("Cyber Monday", not "On Saturday")."""
    text, before = weekday.string, weekday.group(1)
    if not starts_word(text, weekday.start(2)):
        return True
    return bool(before) and before[0].isupper() and starts_word(text, weekday.start(1)) \
        and not _opens_sentence(text, weekday.start(1))


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of its sentence ("On Saturday, ..."), judged from the few
    characters before it (a whole text's prefix for each weekday would take time quadratic in the text)."""
    return text[max(0, start - 20):start].rstrip()[-1:] in ("", ".", "!", "?", '"', "“")


def parse_as_of(value: object) -> date | None:
    """A request's as-of date (None when absent); anything else than a real yyyy-mm-dd day is refused."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise BadRequest(f"as_of must be {AS_OF_FORMAT}, not {_shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"as_of {value!r} is not a day of the calendar; send {AS_OF_FORMAT}") from None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
