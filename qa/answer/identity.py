"""Questions that ask what someone is ("Who is William Hague?", "what's kerry's job"), and the sentences that say
it: the ones that name the person with their role ("Foreign Secretary William Hague", "Kerry, the US secretary of
state,")."""

from __future__ import annotations

import re

from ..attribution import roles_in
from ..patterns import compile

_ASKS_IDENTITY = compile(
    r"^\W*(?:and |so |ok |okay )?(?:who(?:['’]s| is| was)\s+(?P<who>[^?]+?)|"
    r"what(?:['’]s| is| was)\s+(?P<whose>[^?]+?)['’]s?\s+(?:job|role|title|occupation|profession)|"
    r"what does\s+(?P<does>[^?]+?)\s+do(?: for a living)?)(?:\s+(?:anyway|again|exactly))?\W*$",
    ignore_case=True)
# Words that make the asked words a description or a pronoun, not a name: "Who is the president?", "who is he"
_NOT_A_NAME = frozenset("the a an this that these those he she they him her them it his their its our your my "
                        "behind".split())
# Words (one character class each, or a comma): linear
_TOKEN = re.compile(r"[\w'’.-]+|,")
_WITHIN_TITLE = frozenset({"of", "the"})  # "Secretary of State", "Chancellor of the Exchequer"
# How far before a name its title may start ("US Secretary of State John Kerry"), and how long an apposition after
# it may run ("Kerry, the US secretary of state,")
_TITLE_WORDS, _APPOSITION_WORDS = 6, 8
_APPOSITION_OPENS = frozenset("the a an his her its their".split())


def asked_person(question: str) -> str | None:
    """The name whose bearer the question asks about, if it asks who they are or what they do."""
    match = _ASKS_IDENTITY.match(question.strip())
    if not match:
        return None
    name = next(group for group in match.group("who", "whose", "does") if group)
    written = name.split()
    if not 1 <= len(written) <= 4 or written[0].lower() in _NOT_A_NAME or roles_in(name):
        return None
    return name


def describes(text: str, name: str) -> bool:
    """Whether the sentence names the person with what they are: a role in the words right before their
    name, or in an apposition after it."""
    last = name.split()[-1].lower().removesuffix("'s").removesuffix("’s")
    tokens = _TOKEN.findall(text)
    for n, token in enumerate(tokens):
        if token[:1].isupper() and token.lower().removesuffix("'s").removesuffix("’s") == last:
            first = n
            while first > max(0, n + 1 - len(name.split())) and tokens[first - 1][:1].isupper() \
                    and tokens[first - 1].lower() in name.lower():
                first -= 1  # "William" of "William Hague"
            title = first  # the run of title words right before the name: capitalised, "of", or a role
            while title > max(0, first - _TITLE_WORDS) and (tokens[title - 1][:1].isupper()
                                                            or tokens[title - 1] in _WITHIN_TITLE
                                                            or roles_in(tokens[title - 1])):
                title -= 1
            after = tokens[n + 2:n + 2 + _APPOSITION_WORDS] if tokens[n + 1:n + 2] == [","] else []
            if "," in after:
                after = after[:after.index(",")]
            if roles_in(" ".join(tokens[title:first])) or after[:1] and (after[0].lower() in _APPOSITION_OPENS
                                                             or roles_in(after[0])) and roles_in(" ".join(after)):
                return True
    return False
