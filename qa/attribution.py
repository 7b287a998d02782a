"""Who said it: finds the speaker of quotes and reported speech, resolving "he" and "the minister"."""

from __future__ import annotations

from collections import Counter

from .deadline import check
from .patterns import NAME_PARTICLE, NAME_WORD, NOT_WORD_CHAR, compile, name_pattern

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|insisted|insists|argued|argues|stated|states|reiterated|reiterates|"
    "claimed|claims|warned|warns|noted|notes|explained|explains|urged|urges|announced|announces|declared|"
    "declares|stressed|stresses|suggested|suggests|replied|replies|answered|commented|acknowledged|"
    "admitted|admits|denied|denies|believes|believed|maintained|maintains|asserted|asserts|wrote|writes|"
    "slammed|accused|accuses|called|calls|described|describes|conceded|concedes|predicted|predicts|"
    "pointed out|points out|went on|continued|quoted|promised|promises|vowed|vows|pledged|pledges|"
    "revealed|reveals|recalled|recalls|complained|complains|agreed|agrees|confirmed|confirms"
)
# A speaker may be an organisation in capitals ("BBC", "NATO") as well as a person.
_SPEAKER_WORD = rf"(?:{NAME_WORD}|\p{{Lu}}{{2,}})"
_NAME = name_pattern(_SPEAKER_WORD)
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|President|Minister|Secretary|General|Senator|Governor)\.?"
_DESCRIPTION = (r"(?:the|his|her|their|its|a|an) (?:[\pL\pN_-]+ ){0,3}?(?:minister|president|diplomat|official|"
                r"spokes(?:man|woman|person)|leader|chief|envoy|secretary|ambassador|chairman|head|senator|"
                r"premier|prime minister|chancellor|general|analyst|expert|source|commander|governor)")
_PRONOUNS = ("he", "she", "they", "He", "She", "They")
_PRONOUN = f"(?:{'|'.join(_PRONOUNS)})"
# "Lavrov on Monday insisted", "Lavrov yesterday said"
_WHEN = r"(?:(?:on|last|this|late|early) \pL+ |yesterday |today |earlier |once again )"
_SUBJECT = rf"(?P<subject>(?:{_TITLES} )?{_NAME}|{_DESCRIPTION}|{_PRONOUN})"

# Ordered: the first pattern that matches decides.
_PATTERNS = [
    # AFP quoted Lavrov as saying ...
    compile(rf"\bquoted {_SUBJECT}[^,.;]{{0,40}}\bas saying"),
    # "...," Lavrov said.  /  "...," said Lavrov.  /  "...", he told reporters.
    compile(rf"[\"”’'],?\s+{_SUBJECT}\s+(?:{SPEECH_VERBS})\b"),
    compile(rf"[\"”’'],?\s+(?:{SPEECH_VERBS})\s+{_SUBJECT}"),
    # ... was described by Jobs as ...
    compile(rf"\b(?:described|called|dismissed|hailed|branded) by {_SUBJECT} as\b"),
    # According to Lavrov, ...
    compile(rf"\b[Aa]ccording to {_SUBJECT}"),
    # Lavrov said: "..."  /  Russian Foreign Minister Sergei Lavrov reiterated that ...  /  He told the BBC ...
    compile(rf"(?:^|[,;:]\s+|\b(?:and|but|while|as|when)\s+){_SUBJECT}(?:,[^,]{{1,60}},)?\s+{_WHEN}?(?:has |had |"
               rf"have |also |later |then |again |previously )?(?:{SPEECH_VERBS})\b"),
    # ..., Lavrov said.  /  ..., the Russian minister said on Friday.
    compile(rf",\s+{_SUBJECT}\s+(?:{SPEECH_VERBS})\b[^,.]*[.]?$"),
    # ... chief of staff Selim Idriss said that ...
    compile(rf"(?:^|{NOT_WORD_CHAR})(?P<subject>{_NAME})\s+(?:has |had )?(?:{SPEECH_VERBS})\b"),
]
# Someone named with at least two words ("Sergei Lavrov"; a title alone does not count as one).
_PERSON = compile(rf"(?:{_TITLES} )?(?P<name>{_SPEAKER_WORD}(?:-{_SPEAKER_WORD})* "
                  rf"{NAME_PARTICLE}?{name_pattern(_SPEAKER_WORD)})")
_IS_DESCRIPTION = compile(_DESCRIPTION, ignore_case=True)
_LEADING_TITLE = compile(rf"^{_TITLES} ")
_ROLE_WORDS = {"Foreign", "Minister", "Secretary", "President", "Prime", "Deputy", "General", "State", "Defence",
               "Defense", "Interior", "Finance", "Chief", "Chancellor", "Senator", "Governor", "Ambassador",
               "Envoy", "Spokesman", "Spokeswoman", "Leader", "Head", "Director", "Commander", "Vice", "UK",
               "US", "UN", "EU", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Lord", "Lady", "of", "the"}
# Capitalised words that open a sentence before the name: "Earlier Foreign Secretary Jack Straw said".
_LEAD_WORDS = {"Earlier", "Meanwhile", "Later", "Yesterday", "Today", "Now", "Separately", "Also", "But", "And",
               "However", "Speaking", "Last", "On", "In", "At", "Then"}
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "Asked", "However",
              "Meanwhile", "Earlier", "Yesterday", "Media", "More", "Image"}


def find_speaker(sentence: str) -> str | None:
    """The words that name who says this sentence ("Lavrov", "he", "the Russian minister"), if anyone."""
    for pattern in _PATTERNS:
        match = pattern.search(sentence)
        if match:
            words = match.group("subject").split()
            while len(words) > 1 and words[0] in _LEAD_WORDS:  # "Earlier Foreign Secretary Jack Straw said"
                words.pop(0)
            if words[0] not in _NOT_NAMES:
                return " ".join(words)
    return None


def speakers(sentences: list[str]) -> list[str | None]:
    """The speaker of each sentence of one article, named in full where the article names them.

    "He" or "she" is whoever spoke in the sentence before, else the person it named, else the last
    speaker; "the minister" is the last speaker; "a State Department official" is a new, unnamed one.
    A sentence that is only a quotation right after an attributed one continues that speaker's words.
    """
    full_names: dict[str, str] = {}  # surname -> the longest form of the name seen so far
    first_full: dict[str, str] = {}  # surname -> the first full name given

    def remember(name: str) -> str:
        known = _remember(name, full_names)
        key = surname(known)
        if key not in first_full and _first_name(known):
            first_full[key] = known
        return known

    last_speaker: str | None = None
    previous_people: list[str] = []
    result: list[str | None] = []
    for sentence in sentences:
        check()
        subject = find_speaker(sentence)
        speaker: str | None = None
        if subject is None:
            if sentence.startswith(('"', "“")) and result and result[-1]:
                speaker = result[-1]
        elif subject in _PRONOUNS:
            previous = result[-1] if result else None
            speaker = previous or (previous_people[-1] if previous_people else last_speaker)
        elif _IS_DESCRIPTION.match(subject):
            speaker = subject if subject.split()[0].lower() in ("a", "an") else last_speaker
        else:
            speaker = remember(_strip_title(subject))
        previous_people = [remember(name) for name in people(sentence)]
        if speaker:
            speaker = full_names.get(surname(speaker), speaker)
            last_speaker = speaker
        result.append(speaker)
    # a bare surname said before any full name is given takes the first one given; a full name stays whose it is
    return [display_name(s if _first_name(s) else first_full.get(surname(s), s)) if s else None for s in result]


def same_names_everywhere(names: list[str | None]) -> list[str | None]:
    """One spelling per person across articles: the fullest one any article gives ("Lavrov" -> "Sergei Lavrov").

    People who share a surname stay apart by first name ("Dick Pound", "Stephen Pound"); a bare surname
    goes to whoever of them is named most often."""
    by_surname: dict[str, Counter[str]] = {}
    for name in filter(None, names):
        by_surname.setdefault(surname(name), Counter())[name] += 1
    canonical: dict[str, str] = {}
    for counts in by_surname.values():
        people: dict[str, list[str]] = {}  # first name -> that person's names
        for name in counts:
            if _first_name(name):
                people.setdefault(_first_name(name), []).append(name)
        fullest = {first: max(forms, key=len) for first, forms in people.items()}
        for first, forms in people.items():
            canonical.update({form: fullest[first] for form in forms})
        named_most = max(people, key=lambda first: sum(counts[f] for f in people[first]), default=None)
        for name in counts:
            if not _first_name(name):
                canonical[name] = fullest[named_most] if named_most else max(counts, key=len)
    return [canonical[name] if name else None for name in names]


def _first_name(name: str) -> str | None:
    """"Sergei" for "Sergei Lavrov" or "Russian Foreign Minister Sergei Lavrov"; None for "Lavrov", "Mr Lavrov"."""
    words = display_name(name).split()
    return words[0].lower() if len(words) > 1 else None


def display_name(name: str) -> str:
    """A name without the role in front of it: "Russian Foreign Minister Sergei Lavrov" (or "Russia's ...")
    -> "Sergei Lavrov"."""
    words = name.split()
    roles = [n for n, word in enumerate(words[:-1]) if word.capitalize() in _ROLE_WORDS and word not in ("of", "the")]
    if roles and all(word[:1].isupper() for word in words[roles[-1] + 1:]):  # "Trade Minister Helena Varga"
        words = words[roles[-1] + 1:]
    while len(words) > 2 and (words[0] in _ROLE_WORDS or words[0].endswith(("an", "ese", "ish", "i", "'s", "’s"))):
        words.pop(0)
    return " ".join(words)


def surname(name: str) -> str:
    """The part of a name that other mentions share: "Sergei Lavrov", "Mr Lavrov", "Lavrov" -> "lavrov"."""
    return name.split()[-1].lower().strip(".,'’")


def _strip_title(name: str) -> str:
    return _LEADING_TITLE.sub("", name)


def _remember(name: str, full_names: dict[str, str]) -> str:
    """The fullest name of this person so far; a full name with another first name is someone new, who
    from now on is the one this surname means."""
    key = surname(name)
    known = full_names.get(key, "")
    if len(name) > len(known):
        full_names[key] = name
    elif name != known and " " in name and " " in known:
        first, other = _first_name(name), _first_name(known)
        if first and other and first != other:
            full_names[key] = name
    return full_names[key]


def people(sentence: str) -> list[str]:
    """Names of people and bodies mentioned after a title or as capitalised words mid-sentence."""
    found = []
    for match in _PERSON.finditer(sentence):
        name = _strip_title(match.group(0))
        if match.start() > 0 and name.split()[0] not in _NOT_NAMES and " " in name:
            found.append(name)
    return found




_ASKED_VERBS = (r"say|says|said|tell|told|add|added|insist|argue|state|claim|warn|note|explain|urge|announce|"
                r"declare|stress|suggest|reply|comment|admit|deny|believe|describe|predict|think|want|mean|promise")
_ASKED_SPEAKER = [
    compile(rf"\b(?:did|does|do|has|have|had|will|would|is|was)\s+(?P<name>{_NAME})\s+(?:{_ASKED_VERBS})\b"),
    compile(rf"\b(?:[Aa]ccording to|by)\s+(?P<name>{_NAME})"),
    compile(rf"{NOT_WORD_CHAR}(?P<name>{_NAME})\s+(?:{SPEECH_VERBS})\b"),  # not the question's first word
    compile(rf"\b(?P<name>{_NAME})['’]s\s+(?:view|views|position|stance|opinion|comments|remarks|words|take|"
            rf"response|reaction|thoughts|warning|claim|claims)\s+(?:on|about|of|to|over|regarding)\b"),
]


def asked_names(question: str) -> list[str]:
    """Names of the people whose words a question asks for ("What has Sergei Lavrov said on Syria?",
    "Lavrov's view on Syria?")."""
    found = []
    for pattern in _ASKED_SPEAKER:
        for match in pattern.finditer(question):
            if match.group("name").split()[0] not in _NOT_NAMES:
                found.append(_strip_title(match.group("name")))
    return list(dict.fromkeys(found))


def asked_speakers(question: str) -> set[str]:
    """Surnames of the people whose words a question asks for ("What did Lavrov tell the BBC?" -> lavrov)."""
    return {surname(name) for name in asked_names(question)}
