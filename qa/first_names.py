"""First names, from the 1990 US census lists that the `names` package carries: a name that opens with one is
a person's ("Allen Weiner", not "World Dramatic"), and most say whether "he" or "she" may be them."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

# A name given to both sexes says one of them when this many more of that sex bear it ("Brian": nearly all men).
_MOSTLY = 10.0
# The census lists names that 1 in 100,000 bear: those rarer than this share (in percent) of one sex are as
# often words or surnames ("Le", "Tama", "Santa") as first names, and are left out.
_COMMON = 0.007


@lru_cache(maxsize=1)
def _census() -> dict[str, str | None]:
    """Each first name (lower case): "he", "she", or None where both sexes commonly bear it."""
    share: dict[str, list[float]] = {}
    for column, sex in enumerate(("male", "female")):
        for line in (files("names") / f"dist.{sex}.first").read_text(encoding="ascii").splitlines():
            fields = line.split()
            if fields and float(fields[1]) >= _COMMON:
                share.setdefault(fields[0].lower(), [0.0, 0.0])[column] = float(fields[1])
    return {name: "he" if men >= _MOSTLY * women else "she" if women >= _MOSTLY * men else None
            for name, (men, women) in share.items()}


def is_first_name(word: str) -> bool:
    """Whether a word is a first name in the census lists."""
    return word.lower() in _census()


def pronoun_of(first_name: str) -> str | None:
    """"he" or "she" for a first name that nearly only men or women bear, else None."""
    return _census().get(first_name.lower())
