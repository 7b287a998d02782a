"""Questions that ask what someone is ("Who is William Hague?", "what's kerry's job"), and the sentences that say
it: the ones that name the person with their role ("Foreign Secretary William Hague", "Kerry, the US secretary of
state,")."""

from __future__ import annotations

import re

from ..attribution import roles_in
from ..patterns import compile

_ASKS_IDENTITY = compile(
    r"^\W*(?:and |so |ok |okay )?(?:who(?:['’]s| is| was)\s+(?P<who>[^?]+?)|"
    r"what(?:['’]s| is| was)\s+(?P<whose>[^?]+?)['’]s?\s+(?:job|role|title|occupation|profession|post)|"
    r"what does\s+(?P<does>[^?]+?)\s+do(?: for a living)?|"
    # "What post does Sergei Lavrov hold in the Russian government?"
    r"(?:what|which) (?:post|position|office|job|role|title) (?:does|did)\s+(?P<holds>[^?]+?)\s+(?:hold|have|occupy)"
    r"(?:\s+(?:in|at)\s[^?]*)?)(?:\s+(?:anyway|again|exactly))?\W*$",
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
    name = next(group for group in match.group("who", "whose", "does", "holds") if group)
    written = name.split()
    if not 1 <= len(written) <= 4 or written[0].lower() in _NOT_A_NAME or roles_in(name) \
            or len(written) > 1 and written[0].islower() and written[0].endswith("ing"):
        return None  # "who is leading the talks", "who's saying that": a deed, not a name
    return name


def describes(text: str, name: str) -> bool:
    """Whether the sentence names the person with what they are: a role in the words right before their
    name, or in an apposition after it."""
    written, lowered = name.split(), name.lower()
    last = _bare(written[-1])
    tokens = _TOKEN.findall(text)
    for n, token in enumerate(tokens):
        if token[:1].isupper() and _bare(token) == last:
            first = n
            while first > max(0, n + 1 - len(written)) and tokens[first - 1][:1].isupper() \
                    and _bare(tokens[first - 1]) in lowered:
                first -= 1  # "William" of "William Hague"
            if roles_in(" ".join(_title_before(tokens, first))) or roles_in(" ".join(_apposition_after(tokens, n))):
                return True
    return False


def _bare(token: str) -> str:
    """A word as a name is compared: in small letters, without a full stop or a possessive after it."""
    return token.lower().rstrip(".").removesuffix("'s").removesuffix("’s")


def _title_before(tokens: list[str], first: int) -> list[str]:
    """The run of title words right before a name: capitalised, "of", "the", or a role ("opposition leader")."""
    start = first
    while start > max(0, first - _TITLE_WORDS) and (tokens[start - 1][:1].isupper() or tokens[start - 1]
                                                    in _WITHIN_TITLE or roles_in(tokens[start - 1])):
        start -= 1
    return tokens[start:first]


def _apposition_after(tokens: list[str], last: int) -> list[str]:
    """The words in commas after a name that say what its bearer is ("Kerry, the US secretary of state,"), if
    they open as such words do."""
    after = tokens[last + 2:last + 2 + _APPOSITION_WORDS] if tokens[last + 1:last + 2] == [","] else []
    if "," in after:
        after = after[:after.index(",")]
    opens = after[:1] and (after[0].lower() in _APPOSITION_OPENS or roles_in(after[0]))
    return after if opens else []
