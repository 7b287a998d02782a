"""Who said it: finds the speaker of quotes and reported speech, resolving "he" and "the minister"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from .deadline import check
from .first_names import is_first_name, pronoun_of
from .patterns import MONTHS, NAME_PARTICLE, NAME_WORD, NOT_WORD_CHAR, compile, name_pattern
from .text import words

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|insisted|insists|argued|argues|stated|states|reiterated|reiterates|"
    "claimed|claims|warned|warns|noted|notes|explained|explains|urged|urges|announced|announces|declared|"
    "declares|stressed|stresses|suggested|suggests|replied|replies|answered|commented|acknowledged|"
    "admitted|admits|denied|denies|believes|believed|maintained|maintains|asserted|asserts|wrote|writes|"
    "slammed|accused|accuses|called|calls|described|describes|conceded|concedes|predicted|predicts|"
    "pointed out|points out|went on|continued|quoted|promised|promises|vowed|vows|pledged|pledges|"
    "revealed|reveals|recalled|recalls|complained|complains|agreed|agrees|confirmed|confirms"
)
# Verbs of saying read here besides SPEECH_VERBS (which the answer model reads as saying nothing by itself).
_MORE_SPEECH_VERBS = ("responded|responds|hinted|hints|hailed|hails|praised|praises|criticised|criticises|"
                      "criticized|criticizes|condemned|condemns|welcomed|welcomes|dismissed|dismisses|"
                      # a stance taken in words: "has again refused to retract", "also backed use of"
                      "repeated|rejected|rejects|defended|defends|backed|refused|refuses|demanded|demands|"
                      "ordered|questioned|attacked|asked|asks|"
                      "forecast|forecasts|observed|observes|cautioned|cautions|remarked|remarks|joked|jokes|"
                      "boasted|boasts|reckoned|reckons|expressed|advised|advises|thinks|concluded|concludes|"
                      "cited|cites|highlighted|highlights|spoke|speaks|countered|counters|retorted|retorts|"
                      "quipped|quips|lamented|laments|likened|likens|derided|derides|rubbished|rubbishes|"
                      "confessed|confesses|thanked|blamed|blames|issued a statement|issued a warning|"
                      # "Mr Bush indicated there would be strict discipline", "Mr Brown outlined his view"
                      "indicated|indicates|outlined|outlines|speculated|speculates|feels|hit out|hits out|"
                      "anticipated that|anticipates that|alleged|alleges|felt that|acknowledges|lauded|lauds|"
                      "appealed for|appeals for")
# Phrases of saying whose first word says nothing by itself ("voiced concerns", not "voiced a cartoon cat";
# "played down fears", not "played for Chelsea"): read as saying, but left out of SAYING_WORDS
_SPEECH_PHRASES = ("voiced concern|voiced concerns|voices concern|voices concerns|voiced fears|voiced doubts|"
                   "played down|plays down|downplayed|downplays|joined calls|joins calls|joined the calls|"
                   "joins the calls")
# What a speech will say: "Mr Brown will say", "he is expected to tell the conference"
_FUTURE_VERBS = "say|tell|warn|urge|argue|ask|insist|stress"
_FUTURE_SPEECH = rf"(?:will|(?:is|are|was|were) (?:(?:set|expected|due) )?to) (?:{_FUTURE_VERBS})"
_VERBS = f"{SPEECH_VERBS}|{_MORE_SPEECH_VERBS}|{_SPEECH_PHRASES}|{_FUTURE_SPEECH}"
# The words of every verb of saying: a sentence without one outside its quotations says nobody speaks.
SAYING_WORDS = frozenset(verb.split()[0] for verb in f"{SPEECH_VERBS}|{_MORE_SPEECH_VERBS}|{_FUTURE_VERBS}".split("|"))
# "..., said Mr Blair." / "..., added the minister.": the verbs that come before their subject.
_INVERTED_VERBS = ("said|says|added|adds|explained|explains|insisted|insists|argued|argues|warned|warns|claimed|"
                   "claims|noted|notes|wrote|writes|continued|stressed|admitted|conceded|replied|acknowledged|"
                   "declared|announced|asked|countered|retorted|quipped|predicts|predicted|believes|believed|thinks|"
                   "reckons|reckoned|suggests|suggested|commented|cautioned|concluded|remarked|observed|forecast|"
                   "forecasts|admits|concedes|recalled")
# A speaker may be an organisation in capitals ("BBC", "NATO") as well as a person.
_SPEAKER_WORD = rf"(?:{NAME_WORD}|\p{{Lu}}{{2,}})"
_NAME = name_pattern(_SPEAKER_WORD)
# American news writes offices short: "Rep. Bennie Thompson", "Gov. Kim Reynolds", "Sgt. Paul Parizek"
_TITLES = (r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|President|Minister|Secretary|General|Senator|Governor|"
           r"Rep|Sen|Gov|Col|Lt|Sgt|Capt)\.?")
_CLERGY = frozenset("Rev Revd Reverend Rt Right Very".split())  # "the Rt Rev Michael Scott-Joynt"
# What a person is, in "the foreign secretary said" or "London mayor Ken Livingstone".
_ROLES = ("minister|president|diplomat|official|spokesman|spokeswoman|spokesperson|leader|chief|envoy|secretary|"
          "ambassador|chairman|chairwoman|head|senator|premier|chancellor|general|analyst|expert|source|commander|"
          "governor|mayor|manager|boss|coach|director|adviser|advisor|aide|executive|founder|captain|editor|"
          "economist|consultant|mp|judge|actor|actress|comedian|singer|musician|presenter|player|striker|"
          "midfielder|defender|goalkeeper|winger|skipper|champion|athlete|designer|producer|writer|lawyer|"
          "prosecutor|campaigner|activist|scientist|professor|owner|investor|referee|correspondent|"
          "journalist|columnist|commentator|commissioner|medallist|medalist|cardinal|archbishop|bishop|rabbi|imam|"
          "vicar|priest|ceo|cfo")
_ROLE_NOUNS = frozenset(_ROLES.split("|"))
_HEADS = frozenset("head chief boss leader chairman chairwoman director executive".split())  # one role, many words
# "the minister" may be the education secretary, "the chief executive" the CEO
_ALSO_CALLED = {"minister": {"minister", "secretary"}, "executive": {"executive", "ceo"}, "ceo": {"ceo", "executive"}}
# How many sentences after "the firm's chief said" the article may name them as they speak.
NAMED_AFTER = 2
QUOTE_RESUMES = 3  # a quotation with no one named in it is the last speaker's up to this many sentences on
# Words that describe anyone, not what they do: "said the 34-year-old", "the Scot added", "the world number
# 14". They are whom the article is about.
_ANYONE = (r"\d+-year-old|(?:world|British|European) number (?:one|two|three|four|five|\d+)|"
           r"Scot|Briton|Spaniard|Kiwi|Swede|Dane|Finn|Frenchman|Welshman|Englishman|Irishman|"
           r"Scotsman|Dutchman|Frenchwoman|Welshwoman|Englishwoman|Irishwoman|Scotswoman|Dutchwoman|American|"
           r"Australian|Canadian|German|Italian|Russian|Brazilian|Argentine|Belgian|Croatian|Serbian|Swiss")
_ENDS_WITH_ANYONE = compile(rf"(?:^| )(?:{_ANYONE})$")  # "the world number one"
# What joins a first name to a family name, written with a capital: "Fathi Bin Shatwan", "Abu Bakar Bashir"
_CAPITAL_PARTICLES = frozenset("Bin Ben Ibn Abu Al El Van Von De Da Di Du Le La Del Dos".split())
# "the Russian minister", "its chief executive", "the head of Russia's arms exports agency", "the 34-year-old",
# "our correspondent"
_DESCRIBED_ROLES = ("|".join(role for role in _ROLES.split("|") if role != "mp")
                   + "|MP|MEP|MSP|star")  # "mp" only capitalised; "the Two Ronnies star said"
# a spokesman for a body speaks for it: "a spokesman for Dell" is Dell
_ROLES_FOR_PLACES = "|".join(role for role in _DESCRIBED_ROLES.split("|")
                             if role not in ("spokesman", "spokeswoman", "spokesperson"))
_DESCRIPTION = (rf"(?:[Tt]he|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]|[Aa]n|{NAME_WORD}['’]s) "
                rf"(?:[\pL\pN_'’-]+ ){{0,6}}?"
                # "the Labour MP for Birkenhead", "the health minister for Wales"
                rf"(?:(?:{_ROLES_FOR_PLACES}) for (?:the )?\p{{Lu}}[\pL'’-]*(?: (?:and )?\p{{Lu}}[\pL'’-]*){{0,3}}|"
                rf"(?:prime minister|{_ANYONE}|{_DESCRIBED_ROLES})\b(?: of (?:[\pL\pN_'’-]+ ){{0,4}}?[\pL\pN_'’-]+)?)")
_PRONOUNS = ("he", "she", "they", "He", "She", "They")
_PRONOUN = f"(?:{'|'.join(_PRONOUNS)})"
_MONTH_NAMES = frozenset(MONTHS.split("|")) - {"May"}  # Theresa May speaks
# "Lavrov on Monday insisted", "Lavrov yesterday said", "Geldof in July said"
_WHEN = (rf"(?:(?:on|last|this|late|early) \pL+ |in (?:{MONTHS})(?: [0-9]{{4}})? |yesterday |today |"
         r"earlier |once again )")
# "Straw has also said", "the foreign secretary meanwhile said", "Henson himself says"
_BEFORE_VERB = (r"(?:(?:has|had|have|did|does|also|later|then|again|previously|meanwhile|earlier|now|recently|"
                r"once again|once|yesterday|today|repeatedly|publicly|still|reportedly|simply|himself|herself|though|"
                r"however|already|strongly|firmly|flatly|openly|clearly|strenuously|privately|"
                r"categorically|formally|officially|angrily|bluntly|initially|"
                # "Mr Houston is alleged to have said", "she was reported to have told"
                r"(?:is|was|are|were) (?:alleged|reported|said|understood|believed|thought) to have) )*")
# What someone did before "and said": words within the sentence, and a few quoted words among them ("…" once
# quoted_out has read them) that the sentence goes on from ('he called it "…" and said', not 'he said "…", but')
_CLAUSE = r"(?:[^.;:!?\"“”]|[\"“]…[\"”] \p{Ll}){0,120}?(?:[\"“]…[\"”])?"
# "Mr Blair, who was instrumental in returning Mr Livingstone to the Labour Party, insisted" / "Florian Hamm -
# Dortmund's largest investor - said"
_APPOSITIVE = r"(?:,[^,;:]{1,150}(?:,[^,;:]{1,50}){0,2},| [-–—] [^-–—,;:]{1,100} [-–—])?"
# More words for what a person is, read after a verb ("said Wales physio Mark Davies") and before an asked name
_MORE_ROLES = (r"officer|strategist|entrepreneur|artist|researcher|author|partner|physio|physiotherapist|doctor|"
               r"surgeon|agent|publicist|star|organiser|organizer|worker|biographer|teenager|veteran|pundit|critic|"
               r"historian|curator|banker|trader|engineer|developer|architect|novelist|drummer|guitarist|bassist|"
               r"vocalist|frontman|rapper|trainer|chef")
# What a person is, between a verb and their name: "said Swedish trades union official Ulf Carlsson"
_A_ROLE = (r"(?:(?:[\pL'’-]+ ){0,4}(?:co-|vice-)?(?i:" + _ROLES + "|" + _MORE_ROLES +
           r"|company|firm|group|watchdog|newspaper|magazine)s?|(?:the|a|an) \d+-year-old)")  # "the 28-year-old X"
_ROLE_BEFORE_NAME = _A_ROLE + " "
# What may follow the name of a speaker after their verb: the end of a clause, or when and where they said it.
_AFTER_INVERTED = (r"(?:[,.;:!?]|$|\s+(?:on|in|at|to|of|from|for|yesterday|today|last|this|earlier|who|after|"
                   r"before|when|while)\b)")
# "chief financial officer Peter Gregg." after the verb, or "EEF chief economist, Steve Radley."
_NAMED_AFTER_ROLE = rf"{_A_ROLE},? (?P<subject>(?:{_TITLES} )?{_NAME}){_AFTER_INVERTED}"
# What a person is, before their name in a caption: "Brentford boss Martin Allen: ..." (not "He told Czech
# newspaper Daily Sport: ...")
_CAPTION_ROLE = rf"(?:(?:\p{{Lu}}[\pL'’-]*|assistant|caretaker|former|interim|acting) ){{0,4}}(?i:{_ROLES}) "
# A stance taken in words, read as saying when it opens a sentence about someone: "was upbeat about the draw",
# "is not convinced", "has made it clear", "has given his backing to"
_STANCE = (r"(?:(?:is|was|remained|remains|seemed|seems|appeared|appears)\s+(?:(?:also|still|not|clearly|"
           r"very|particularly|equally|quietly|cautiously|visibly|increasingly|deeply|far from|less than|more than|"
           r"so|rather|understandably|publicly|less|more|unduly|too|overly|always) )*(?:content|worried|concerned|"
           r"confident|convinced|unconvinced|upbeat|cautious|relieved|furious|delighted|disappointed|keen|adamant|"
           r"unhappy|pleased|optimistic|pessimistic|sceptical|skeptical|critical|angry|satisfied|frustrated|bullish|"
           r"hopeful|defiant|unrepentant|scathing|dismissive|unimpressed|happy|proud|surprised|impressed|saddened|"
           r"shocked|thrilled|ecstatic|elated|jubilant|gutted|dejected|full of praise|at a loss)\b|"
           r"(?:has|had) (?:(?:also|now|since|already|not) )?ruled out\b|rules out\b|"
           r"(?:(?:does|did|would|will) not|(?:does|did|would)n['’]t|refused to|refuses to) rule out\b|"
           r"(?:made|makes) it clear\b|(?:paid|pays) tribute\b|(?:given|gave|gives) (?:his|her|their) "
           r"(?:backing|support|blessing)\b)")
# What someone hopes, expects or wants, as reported ("Allardyce hopes Candela's arrival will ..."): firms and
# countries want and expect too, so it is read only of a person (see `_stance_taker`); "had hoped to compete" is
# the story's, not theirs
_WISH = r"(?P<wish>(?:hopes|expects|wants|estimates|estimated|applauds|applauded)\b|(?:accepts|accepted) that\b)"
# Words that open a sentence before its subject: "But the prime minister said", "Later, he told MPs".
_OPENING = r"(?:(?:But|And|However|Later|Earlier|Meanwhile|Yesterday|Today|Separately|Now|Also),? )?"
# "But the 25-year-old did not rule out a return": a sentence about whom the article is about
_OPENS_WITH_ANYONE = compile(rf"^{_OPENING}[Tt]he (?:{_ANYONE})\b")
_SUBJECT = rf"(?P<subject>(?:{_TITLES} )?{_NAME}|{_DESCRIPTION}|{_PRONOUN})"

# Ordered: the first pattern that matches decides (but see `find_speaker` on pronouns).
_PATTERNS = [
    # Sergei Lavrov: "It is not for us ..."  (a caption or a headline quoting its speaker, named in full or
    # with a title, not "Update:"; BBC pages glue the caption's label to it: "Media captionSergei Lavrov: ...")
    compile(rf"^(?:(?:Media|Image|Video) caption ?)?(?:[-–•] )?(?:{_CAPTION_ROLE})?"
            rf"(?P<subject>(?:{_TITLES} )?{NAME_WORD}[ -]{NAME_PARTICLE}?{name_pattern()}):\s*[\"“]"),
    # AFP quoted Lavrov as saying ...  /  The Australian quoted Qantas chief executive Geoff Dixon as saying ...
    compile(rf"\bquoted {_ROLE_BEFORE_NAME}(?P<subject>(?:{_TITLES} )?{_NAME}) as saying"),
    compile(rf"\bquoted {_SUBJECT}[^,.;]{{0,40}}\bas saying"),
    # Dixon was quoted as saying ...
    compile(rf"(?:^|{NOT_WORD_CHAR})(?P<subject>{_NAME}){_APPOSITIVE} (?:was|is|has been|had been) quoted\b"),
    # "...," Lavrov said.  /  "...," said Lavrov.  /  "...", he told reporters.
    compile(rf"[\"”’'],?\s+{_SUBJECT}\s+{_BEFORE_VERB}(?:{_VERBS})\b"),
    # "...," Kirsten Pfeifer from the Consumer Electronics Association, told the BBC.  /  "...," Jeff Joseph, from the
    # Consumer Electronics Association (CEA) told the BBC.
    compile(rf"[\"”’'],?\s+(?P<subject>{NAME_WORD} {_NAME})(?:\s+(?:from|of|at)\s[^,;:\"“]{{1,60}}?,|"
            rf",\s+(?:from|of|at)\s[^,;:\"“]{{1,60}}?,?)\s+{_BEFORE_VERB}"
            rf"(?:{_VERBS})\b"),
    # "...," said chief financial officer Peter Gregg.
    compile(rf"[\"”’'],?\s+(?:{_INVERTED_VERBS})\s+{_NAMED_AFTER_ROLE}"),
    # "...," said the chairman of the Commons education select committee, Labour MP Barry Sheerman.
    compile(rf"[\"”’'],?\s+(?:{_INVERTED_VERBS})\s+(?:the|a|an) [^,;:\"“]{{1,100}}?,\s+(?:{_A_ROLE},? )?"
            rf"(?P<subject>(?:{_TITLES} )?{_NAME}){_AFTER_INVERTED}"),
    compile(rf"[\"”’'],?\s+(?:{_VERBS})\s+{_SUBJECT}"),
    # ... was described by Jobs as ...
    compile(rf"\b(?:described|called|dismissed|hailed|branded) by {_SUBJECT} as\b"),
    # ... was strongly denied by Shepherd, who ...  /  ... heavily criticised by Scotland coach Matt Williams
    # ... was denounced as a "racket" by Smedley Butler, an American general
    compile(rf"\b(?:was|were|been|being|is|are) (?:\p{{Ll}}+ly )?(?:denied|dismissed|criticised|criticized|praised|"
            rf"welcomed|condemned|denounced|attacked|hailed|slammed|announced|described|branded)"
            rf"(?: as [^,;:]{{1,60}}?)? by (?:{_ROLE_BEFORE_NAME})?"
            rf"(?P<subject>(?:{_TITLES} )?{_NAME})"
            rf"(?:[,.;:]|$|\s+(?:who|after|on|in|at|during|as|when|before|and|for)\b)"),
    # According to Lavrov, ...  /  ..., according to his Newcastle boss Rob Andrew.  (the name, not its description)
    compile(rf"\b[Aa]ccording to {_NAMED_AFTER_ROLE}"),
    compile(rf"\b[Aa]ccording to {_SUBJECT}"),
    # ..., said Graham Cluley, senior consultant for Sophos.
    # ..., said race director David Bedford.
    compile(rf",\s+(?:{_INVERTED_VERBS})\s+{_NAMED_AFTER_ROLE}"),
    compile(rf",\s+(?:{_INVERTED_VERBS})\s+(?P<subject>(?:{_TITLES} )?{_NAME}|{_DESCRIPTION}){_AFTER_INVERTED}"),
    # ..., says the BBC's Louisa Lim in Beijing.  (whose reporter, then the reporter's name)
    compile(rf",\s+(?:{_INVERTED_VERBS})\s+the (?P<subject>{_SPEAKER_WORD}['’]s {NAME_WORD} {_NAME}){_AFTER_INVERTED}"),
    # the Liberal Democrats' home affairs spokesman, Mark Oaten, said ...  /  UKIP's leader, Roger Knapman, said  /
    # The United Nation's Syria envoy, Staffan de Mistura, on Monday condemned ...
    compile(rf"{_DESCRIPTION},\s+(?P<subject>{_NAME}),\s+{_WHEN}?{_BEFORE_VERB}(?:{_VERBS})\b"),
    compile(rf"^{_OPENING}[^,;:\"“]{{1,60}},\s+(?P<subject>{_NAME}),\s+{_BEFORE_VERB}(?:{_VERBS})\b"),
    # The Secretary of State for Culture, Media and Sport, Tessa Jowell, said ...  (an office naming several things)
    compile(rf"^{_OPENING}[Tt]he [^;:\"“]{{1,80}}?,\s+(?P<subject>{NAME_WORD} {_NAME}),\s+{_BEFORE_VERB}"
            rf"(?:{_VERBS})\b"),
    # shadow chief secretary to the Treasury, George Osborne, said ...  (a name in full, in commas after a body;
    # not "the University of California, San Francisco, told")
    compile(rf"\bthe \p{{Lu}}[\pL'’-]+,\s+(?P<subject>(?:{_TITLES} )?{NAME_WORD} {_NAME}),\s+{_WHEN}?"
            rf"{_BEFORE_VERB}(?:{_VERBS})\b"),
    # Mr Galloway, who on Thursday won £150,000 in libel damages from the Daily Telegraph said ...  (the same)
    compile(rf"^{_OPENING}(?P<subject>(?:{_TITLES} )?{_NAME}),\s+who\s[^;:\"“]{{1,150}}?\s{_BEFORE_VERB}"
            rf"(?:said|says|told|tells|added|warned|insisted|argued|claimed)\b"),
    # Mark Serwotka, from the Public and Commercial Services union said ...  /  ..., Andrew Burke, chief of BT's
    # new Entertainment unit told the forum.  (the aside left open)
    compile(rf"(?:^{_OPENING}|[;:]\s+)(?P<subject>{_NAME}),\s+(?:from|of|at)\s[^,;:\"“]{{1,80}}?\s+{_BEFORE_VERB}"
            rf"(?:{_VERBS})\b"),
    # Scott Stanzel, a spokesman for the Bush-Cheney campaign said ...
    compile(rf"^{_OPENING}(?P<subject>{NAME_WORD} {_NAME}),\s+(?:a|an|the)\s{_ROLE_BEFORE_NAME}(?:of|at|for|to|with)\s"
            rf"[^,;:\"“]{{1,60}}?\s+{_BEFORE_VERB}(?:said|says|told|tells|added|warned|insisted|argued|claimed)\b"),
    # ..., but Christoph Caselitz, president of the networks division at the firm says ...
    compile(rf",\s+(?:(?:and|but)\s+)?(?P<subject>{_NAME}),\s+{_ROLE_BEFORE_NAME}(?:of|at|for)\s[^,;:\"“]{{1,60}}?\s+"
            rf"{_BEFORE_VERB}(?:said|says|told|tells|added|warned|insisted|argued|claimed)\b"),
    # Lavrov said: "..."  /  Russian Foreign Minister Sergei Lavrov reiterated that ...  /  He told the BBC ...
    compile(rf"(?:^{_OPENING}|[,;:]\s+|\b(?:and|but|while|as|when)\s+){_SUBJECT}{_APPOSITIVE}\s+{_WHEN}?"
            rf"{_BEFORE_VERB}(?:{_VERBS})\b"),
    # ..., Lavrov said.  /  ..., the Russian minister said on Friday.
    compile(rf",\s+{_SUBJECT}\s+{_BEFORE_VERB}(?:{_VERBS})\b[^,.]*[.]?$"),
    # At his weekly press conference he said ...
    compile(rf"(?:^|{NOT_WORD_CHAR})(?P<subject>he|she)\s+{_BEFORE_VERB}(?:{_VERBS})\b"),
    # ... chief of staff Selim Idriss said that ...  /  Mr Brown's former adviser Ed Balls, now an MP, said ...
    compile(rf"(?:^|{NOT_WORD_CHAR})(?P<subject>{_NAME})(?:{_APPOSITIVE}\s+|\s+{_WHEN})"
            rf"{_BEFORE_VERB}(?:{_VERBS})\b"),
    # ... backed by Tessa Jowell who said ...  /  ... for Staunton, 49, who told BBC News ...  /  ... George W Bush
    # himself, who told the summit ...  (not "Steve Brown, who wrote the musical")
    compile(rf"(?:^|{NOT_WORD_CHAR})(?P<subject>{_NAME})(?:, \d+| himself| herself)?,? who\s+{_BEFORE_VERB}"
            rf"(?:said|says|told|tells|added|warned|insisted|argued|claimed|called|described)\b"),
    # Mr Negroponte wants the laptops to sell widely but conceded this was ambitious.  /  He wants to make it "the
    # Next Big Thing" and says ...  /  Redknapp, 57, quit his post and vowed: "..."
    compile(rf"^{_OPENING}{_SUBJECT}(?:, \d+,)?\s+\p{{Ll}}{_CLAUSE}\s(?:and|but)\s+(?:also\s+)?(?:{_VERBS})\b"),
    # Bill Gates has opened the show in Las Vegas, saying that gadgets are working together.  /  Souness has
    # reopened his dispute with Bellamy after claiming the Welshman was "not good enough".  /  Mr Spitzer sued
    # the company, accusing it of rigging bids.
    compile(rf"^{_OPENING}(?:{_ROLE_BEFORE_NAME})?{_SUBJECT}\s+\p{{Ll}}[^.;:!?\"“”]{{0,150}}?"
            rf"(?:,?\s+(?:after |while |by )?(?:saying|claiming|insisting|arguing|adding|admitting)|,\s+accusing)\b"),
    # ... just the tip of the iceberg thinks Tim Danton, editor of PC Pro.  (a clause, then its speaker in full)
    compile(rf"(?:\S+ ){{3}}\p{{Ll}}[\pL\pN%]* (?:{_INVERTED_VERBS}|thinks|believes) "
            rf"(?P<subject>{_TITLES} {_NAME}|{NAME_WORD} {_NAME})(?:,|[.!?]?$| [-–—] )"),
    # Mr Dean is confident though: "..."  (a sentence about them that opens their quotation)
    compile(rf"^{_OPENING}(?P<subject>(?:{_TITLES} )?{NAME_WORD} {_NAME}|{_TITLES} {_NAME}|{_PRONOUN})"
            rf"{_APPOSITIVE}\s+{_BEFORE_VERB}(?:is|was|are|were|will|would|could|can|may|might|must|\p{{Ll}}+ed|"
            rf"\p{{Ll}}+s)(?:\s+[^\s:;,…\"“]+){{0,8}}?:\s*[\"“]"),
]
_SUBJECT_GROUPS = [pattern.groupindex["subject"] for pattern in _PATTERNS]  # by number: quicker than by name
# Someone named with at least two words ("Sergei Lavrov"; a title alone does not count as one).
_PERSON = compile(rf"(?:{_TITLES} )?(?P<name>{_SPEAKER_WORD}(?:-{_SPEAKER_WORD})* "
                  rf"{NAME_PARTICLE}?{name_pattern(_SPEAKER_WORD)})")
# Anyone named, "Mr Straw" as well as "Jack Straw", with any title in front.
_MENTION = compile(rf"(?:^|[\s(])(?P<title>{_TITLES} )?(?P<name>{_NAME})")
_MENTION_TITLE, _MENTION_NAME = _MENTION.groupindex["title"], _MENTION.groupindex["name"]
# "Real Madrid, Barcelona and Valencia": a name that opens a list of names, of clubs or places as often as not
_LIST_GOES_ON = compile(rf"^(?:, {NAME_WORD}(?: {NAME_WORD})?)+,? (?:and|or) ")
# "Realising his error, Mr Campbell then e-mailed ...", "Despite his defeat, Ljubicic was pleased": a clause
# before the subject
_LEAD_CLAUSE = (r"(?:(?:\p{Lu}\p{Ll}+ing|Despite|After|Before|Having|Asked|Following|When|Although|Though|While|"
                r"Since|Unlike|With|Without) [^,.;:!?\"“”]{1,100}, )")
# The past of verbs that do not end in -ed: "Collins ran in Birmingham in 2003." is about Collins
_IRREGULAR_PAST = ("felt|thought|went|had|ran|won|lost|made|took|came|gave|got|left|began|became|beat|held|led|met|"
                   "saw|kept|set|put|hit|broke|spoke|wrote|chose|fell|drove|rose|sold|bought|brought|found|paid|"
                   "spent|built|sent|struck|threw|stood|sat|shot|fought|caught|taught|knew|grew|flew|drew|wore|"
                   "fled|quit|sang|swam|rang|ate|forgot|froze|hid|shook|stole|sought|withdrew|overcame")
# Who a sentence is about: "He" opening it, or the name (after "But", a clause or a role, with an aside in
# commas) before its verb: "Liberal Democrat spokesman Mark Oaten also backed ...".
_OPENING_SUBJECT = compile(rf"^{_OPENING}(?P<lead>{_LEAD_CLAUSE})?(?:(?P<pronoun>{_PRONOUN})|"
                           rf"(?:(?:{_NAME}|\p{{Ll}}[\pL'’-]*) ){{0,3}}?"
                           rf"(?P<name>(?:{_TITLES} )?{_NAME}){_APPOSITIVE})\s+{_BEFORE_VERB}"
                           rf"(?:(?:is|was|will|would|could|can|may|must|might|did|does|do)(?: not|n['’]t)? "
                           rf"{_BEFORE_VERB}\p{{Ll}}|"
                           rf"\p{{Ll}}\pL*(?:ed|s)\b|(?:{_IRREGULAR_PAST})\b)")
_OPENING_PRONOUN, _OPENING_NAME = _OPENING_SUBJECT.groupindex["pronoun"], _OPENING_SUBJECT.groupindex["name"]
_OPENING_LEAD = _OPENING_SUBJECT.groupindex["lead"]
# "Addressing claims that the law was unenforceable, Mr Michael said": a clause a participle opens, which can read
# as a name and its verb ("Addressing claims", "Having said"); the one who speaks follows it
_PARTICIPLE_LEAD = compile(r"^(?P<word>\p{Lu}\p{Ll}+ing) [^,.;:!?\"“”]{1,100}(?P<comma>, )")
_PARTICIPLE_COMMA = _PARTICIPLE_LEAD.groupindex["comma"]
# Mr Myers is not convinced a rental model will work.  /  Safin has ruled out any chance of winning.  (someone
# taking a stance in words, read where nothing else in the sentence names a speaker: see `speakers`)
_STANCE_TAKEN = compile(rf"^{_OPENING}(?P<role>{_ROLE_BEFORE_NAME})?(?P<subject>(?:{_TITLES} )?{name_pattern()}|"
                        rf"{_DESCRIPTION}|[Hh]e|[Ss]he){_APPOSITIVE}"
                        rf"(?:\s+\p{{Ll}}{_CLAUSE},?\s(?:and|but))?\s+{_BEFORE_VERB}(?:{_STANCE}|{_WISH})")
# Who speaks where the name found before the verb is a place or a firm that the words right before it tie to
# them: a peer, whose title names a place after "of" ("Lord Nicholls of Birkenhead said"), and a person whose
# aside lacks its closing comma ("John Houlihan, editor of Computerandvideogames.com told BBC News", "Patricia
# Sanders, spokeswoman for the Disaster Emergency Committee said")
_NAMED_BEFORE = (compile(rf"\b(?P<name>{NAME_WORD} {_NAME}), (?:an? |the )?(?:[\p{{Ll}}'’-]+ ){{1,4}}"
                         rf"(?:of|at|for|from) (?:the )?$"),
                 compile(rf"\b(?P<name>(?:Lord|Lady|Baroness|Baron) {NAME_WORD}) of $"))
# "The Archbishop of ": a role of a place, written capitalised
_ROLE_OF = compile(r"\b[Tt]he (?P<role>\p{Lu}\p{Ll}+) of $")
# "the chief executive of Tesco, Terry Leahy": the role set before the name, with a comma
_ROLE_BEFORE_COMMA = compile(r"\b[Tt]he (?:[\pL'’-]+ ){0,3}?(?P<role>\pL+) of [^,;:.]{1,40}, ?$")
_ROLE_REACH = 80  # how far before a name its role is looked for
# ", Justin Welby," right after whom a sentence names first
_APPOSED_NAME = compile(rf", (?P<name>(?:{_TITLES} )?{NAME_WORD} {_NAME}),")
# "Simon Hart of the Countryside Alliance said", "Curt Hopkins of the Committee to Protect Bloggers said": the
# person before the body they are of speaks (not "National Bureau of Statistics chief Li Deshui"), as does the
# one before the place they report from ("The BBC's David Willey in Rome says")
_PERSON_OF = compile(rf"\b(?P<name>{NAME_WORD} {_NAME}) (?:(?:of|from|at) (?P<body>(?:[\pL\pN'’&-]+ ){{0,4}})|in )$")
_COMMA_BEFORE_WORD = compile(r",(\p{Ll})")
# A verb of saying that tells of doing: "continued to increase his holding", "responded by using his shares",
# "went on to become", "agreed to assist" (not "continued to deny", "went on to say")
_DOING_NOT_SAYING = compile(r"\b(?:continued to|continues to|went on to|goes on to|agreed to|agrees to|responded by|"
                            r"responds by)(?P<then> (?P<verb>\p{Ll}+))")
# A credit line that closes a column or a correspondent's report: "Bill Thompson is a regular commentator on the
# BBC World Service programme Go Digital." Its writer says what no one else is given in the piece.
_CREDIT_LINE = compile(rf"^(?P<name>{NAME_WORD}(?: (?:\p{{Lu}}\. )?{NAME_WORD}){{1,2}}) (?:is|was) (?:an? |the )?"
                       r"(?:[\pL'’-]+ ){0,4}(?:correspondent|commentator|columnist|editor|writer|journalist|reporter|"
                       r"contributor|analyst|critic)\b")
_HE_OR_SHE_OPENS = compile(rf"^\s*{_OPENING}(?:He|She)\b")
_STATEMENT_ENDS = (".", "!", '"', "”", "'", "’")
_CREDIT_WITHIN = 3  # a credit line is one of an article's last this many sentences (contact lines may follow it)
_RETRIES = 2  # how many later matches of a pattern are tried when one names no one
# A verb right after a name, not a noun of theirs ("Foster's said", not "Syria's alleged involvement")
_VERB_NEXT = compile(r" (?:said|says|told|tells|\pL+ed)\b")
_OF_THEIRS = (" alleged", " reported", " suspected")  # words in -ed that say what is theirs
# "Sources close to Mr Hockney said", "friends of the singer said", "a letter sent to Martin Mubanga said": others
# speak, or something does, not the one named
_OTHERS_SPEAK = compile(r"\b(?:(?i:sources|friends|aides|allies|relatives|people|those|someone) (?:close to|of|around)|"
                        r"(?:sent|addressed|written|handed|delivered) to) $")
# "... were held for three years, accused of al-Qaeda links": others accuse them
_ACCUSED_OF = compile(r"\baccused of\b")
# "claimed the coaching award", "claims top spot", "claimed the lives of four people": won or took, not said (a
# victory claimed may be one declared)
_CLAIMED_A_PRIZE = compile(r"\bclaim(?:ed|s)?(?P<won> (?:(?:the|a|an|his|her|their|its|\p{Lu}[\pL'’-]*['’]s) )?"
                           r"(?:[\p{Ll}-]+ ){0,2}(?:title|titles|crown|trophy|award|awards|prize|prizes|"
                           r"medal|medals|gold|silver|bronze|spot|place|seat|seats|lead|record|points|lives|life|"
                           r"scalp|wicket|wickets|pole|honours)\b)")
_IS_DESCRIPTION = compile(rf"{_DESCRIPTION}$", ignore_case=True)
# A description that ends in a name after a word in small letters names its person ("chief of staff Selim
# Idriss"), unlike "the head of the Foreign Office"
_NAMED_LAST = compile(rf" (?P<word>\p{{Ll}}[\pL'’-]*) (?P<name>{NAME_WORD} {_NAME})$")
_NAMED_LAST_WORD, _NAMED_LAST_NAME = _NAMED_LAST.groupindex["word"], _NAMED_LAST.groupindex["name"]
_LEADING_TITLE = compile(rf"^{_TITLES} ")
_TITLED = compile(rf"(?:^| ){_TITLES} ")
_CAPITALISED = compile(r"\p{Lu}[\pL'’-]+")
_POST_NOMINALS = frozenset("QC KC MP MEP MSP OBE MBE CBE Jr Sr".split())  # "Guy Mansfield QC" is a Mansfield
_ROLE_WORDS = {"Foreign", "Minister", "Secretary", "President", "Prime", "Deputy", "General", "State", "Defence",
               "Defense", "Interior", "Finance", "Chief", "Chancellor", "Senator", "Governor", "Ambassador", "Envoy",
               "Spokesman", "Spokeswoman", "Leader", "Head", "Director", "Commander", "Vice", "Mayor", "Attorney",
               "UK", "US", "UN", "EU", "FM", "PM", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Lord", "Lady", "of", "the"}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Capitalised words that open a sentence before the name: "Earlier Foreign Secretary Jack Straw said".
_LEAD_WORDS = {"Earlier", "Meanwhile", "Later", "Afterwards", "Yet", "Yesterday", "Today", "Now", "Separately", "Also",
               "But", "And", "However", "Speaking", "Last", "On", "In", "At", "Then", "For", "With", "To", "Like",
               "Unlike", *_WEEKDAYS}
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "Asked", "However", "Meanwhile",
              "Earlier", "Yesterday", "Media", "More", "Image", "When", "If", "Once", "After", "Before", "While",
              "Although", "Since", "Despite", "Both", "Under", *_WEEKDAYS, "Breaking", "Live", "Watch", "Exclusive",
              "Opinion", "Analysis", "Editorial", "Update", "During", "Following", "Amid", "Among", "Unlike",
              "Throughout", "Within", "Without", "Through", "Its", "His", "Her", "Their", "Our", "My", "Your",
              "Several", "Some", "Many", "Most", "Which", "Afterwards", "Yet", "Having", "Being"}
_MEN, _WOMEN = {"Mr", "Sir", "Lord"}, {"Mrs", "Ms", "Miss", "Lady", "Dame"}
_FIRST_NAME_TITLES = frozenset(("Sir", "Dame"))  # "Sir Ian" is Sir Ian Blair
# The last words of names of bodies, places and events, which "he" or "she" never is: "PC Pro Magazine".
_BODY_WORDS = frozenset("""foundation magazine games street union council party association federation commission
    committee agency bank office ministry department institute university college school court house group company
    corporation corp inc ltd plc club league cup championship championships festival awards times news post journal
    telegraph mail express service services organisation organization network society trust fund board authority
    parliament assembly airlines airways motors records studios pictures police army industry industries
    exchange market markets forum conference summit expo open classic trophy masters olympics democrats dems
    republicans conservatives tories liberals socialists nationalists unionists greens chambers""".split())
_POSSESSIVE = ("his", "her", "their", "its")
# What a quotation is said by when it is not a person the article has named: "it said", "one trader said".
_SOMEONE_ELSE = frozenset(("it", "one", "a", "an", "another", "others"))
_CLAUSE_AFTER_QUOTE = compile(r'["“]…["”,.;:!? ]*(?P<said>[^"“”,.;:!?()]*)')
# Words that make a clause of a description ("her client was likely to sue the comedian").
_CLAUSE_WORDS = frozenset("is was are were be been has have had will would could should can may might must to that "
                          "who which".split())
# Words after which a subject has been named: "one analyst quoted by AFP", "the agency was quoted".
_SUBJECT_ENDS = frozenset("from in on to by at of for who which quoted as was is were has had have will would".split())
# The last word of what says a quotation when that is no one person: a body, or a writing ("the report said").
_NO_ONE = _BODY_WORDS | frozenset("""statement statements report reports study survey document documents letter
    paper note release website site suit lawsuit ruling judgement judgment verdict filing memo research
    researchers authors analysts firm firms company companies government ministry newspaper station institution
    team""".split())
_OFFICE_WORDS = frozenset(w.lower() for w in _ROLE_WORDS) - _ROLE_NOUNS - {"of", "the", "mr", "mrs", "ms", "dr", "prof"}
_QUALIFIERS = frozenset("deputy vice assistant former ex shadow junior acting".split())
_RELATIVES = frozenset("who whose whom which that where when while".split())
_SMALL_WORDS = frozenset("the a an to of and or by for with in on at from as that this his her their its is was has "
                         "had said says told than but who which".split())


def find_speaker(sentence: str) -> str | None:
    """The words that name who says this sentence ("Lavrov", "he", "the Russian minister"), if anyone."""
    return _find_speaker(quoted_out(sentence)[0])


def _find_speaker(text: str) -> str | None:
    """`find_speaker` on a sentence whose quotations are blanked out (a name inside one says nothing).

    A pronoun gives way to a name that speaks earlier in the same sentence: in 'Mr Johnson told Today:
    "...," he said.' the "he" is Mr Johnson."""
    found: tuple[int, str] | None = None
    text = _COMMA_BEFORE_WORD.sub(r", \1", text)  # "Mr Kilroy-Silk, who quit the party,said": as if spaced
    text = _DOING_NOT_SAYING.sub(_doing, text)  # "Mr Glazer continued to increase his holding" says nothing
    text = _ACCUSED_OF.sub("suspected of", text)  # what they are accused of, not what they accuse
    text = _CLAIMED_A_PRIZE.sub(r"took\g<won>", text)
    lead = _PARTICIPLE_LEAD.match(text)
    for pattern, group in zip(_PATTERNS, _SUBJECT_GROUPS):
        match = pattern.search(text)
        subject = _subject(match.group(group)) if match else None
        for _ in range(_RETRIES):  # "When asked ... Owen said": past a subject that names no one
            if not match or subject is not None:
                break
            match = pattern.search(text, match.end(group))
            subject = _subject(match.group(group)) if match else None
        if not match:
            continue
        if lead and match.start(group) == 0 and subject == lead.group("word"):
            # its verb is not theirs: whoever the rest of the sentence names speaks
            later = pattern.search(text, lead.start(_PARTICIPLE_COMMA))
            named_later = _subject(later.group(group)) if later else None
            if named_later:
                match, subject = later, named_later
        before = text[max(0, match.start(group) - 80):match.start(group)]
        if _OTHERS_SPEAK.search(before):
            continue
        named = next(filter(None, (pattern.search(before) for pattern in _NAMED_BEFORE)), None)
        if named and subject not in _PRONOUNS:
            subject = named.group("name")
        elif subject and subject not in _PRONOUNS:
            subject = _person_of(before, subject) or subject
        if subject and subject.lower() in _ROLE_NOUNS and before.endswith(("the ", "The ")):
            subject = "the " + subject.lower()  # "the Cardinal will ask": the one named before, not a "Cardinal"
        role_of = _ROLE_OF.search(before) if subject and subject not in _PRONOUNS else None
        if role_of and role_of.group("role").lower() in _ROLE_NOUNS:  # "The Archbishop of Canterbury said"
            subject = f"the {role_of.group('role').lower()} of {subject}"  # a role, not the place it is of
        end = match.end(group)
        apposed = _APPOSED_NAME.match(text, end) if subject and subject not in _PRONOUNS else None
        if apposed and _looks_like_a_person(_strip_title(apposed.group("name"))) and (
                subject.split()[-1].lower() in _ROLE_NOUNS or _role_before(text, end + 1)):
            subject = apposed.group("name")  # "the Archbishop of Canterbury, Justin Welby, said": the one named
        possessive = subject is not None and (subject.endswith(("'s", "’s")) or text[end - 1] in "'’")
        if subject is None or possessive and (not _VERB_NEXT.match(text, end) or text.startswith(_OF_THEIRS, end)):
            continue  # "Gordon Brown's forecast", "Kidman's publicist said": what is theirs speaks ("Foster's said")
        if subject not in _PRONOUNS:
            if found is None or match.start(group) < found[0]:
                return subject
            continue
        if found is None:
            found = (match.start(group), subject)
    return found[1] if found else None


def _stance_taker(text: str, full_names: dict[str, str], people: Collection[str]) -> str | None:
    """Who opens a sentence taking a stance in words ("Mr Myers is not convinced", "Safin is hopeful"): someone
    named with a title, in full here or before in the article, described by their role, or "he" or "she"; not
    a firm ("Apple is keen to find the source"). What they hope or want is read only of someone named with
    their role or known as a person (`people`: surnames), since firms want things too."""
    match = _STANCE_TAKEN.search(text)
    subject = _subject(match.group("subject")) if match else None
    if subject is None or subject in _PRONOUNS or _IS_DESCRIPTION.match(subject) or _LEADING_TITLE.match(subject):
        return subject
    if match.group("wish") and not match.group("role") and surname(subject) not in people:
        return None
    return subject if " " in subject or " " in full_names.get(surname(subject), "") else None


def _doing(match) -> str:
    """ "kept" for a verb of saying followed by one of doing, else the words as they were."""
    verb = match.group("verb").removesuffix("ing")  # "responded by accusing": "accused"
    stem = verb[:-1] + "i" if verb.endswith("y") else verb  # "continued to deny": "denied"
    saying = any(word.startswith(stem) for word in SAYING_WORDS)
    return match.group(0) if saying else "kept" + match.group("then")


def _subject(written: str) -> str | None:
    if _IS_DESCRIPTION.match(written):  # "the minister", not "France's" minister
        described = _described_as(written)
        if _CLAUSE_WORDS.intersection(described[1:-1]) or described[-1] == "Star":
            return None  # a clause, not someone: "said her client was likely to sue the comedian"; "the Daily Star"
        named = _NAMED_LAST.search(written)
        if named and named.group(_NAMED_LAST_WORD).lower() not in _SMALL_WORDS:
            return named.group(_NAMED_LAST_NAME)  # "the rebel army's chief of staff Selim Idriss"
        return written if written.split()[0].endswith(("'s", "’s")) else written[0].lower() + written[1:]
    words = written.split()
    while len(words) > 1 and words[0] in _LEAD_WORDS:  # "Earlier Foreign Secretary Jack Straw said"
        words.pop(0)
    if words[0] in _NOT_NAMES or len(words) == 1 and words[0] in _MONTH_NAMES:  # "in September this year said"
        return None
    return " ".join(words)


def reports_saying(sentence: str) -> bool:
    """Whether a verb of saying stands outside the sentence's quotations ('"We will," he added.', "The UN
    also says ..."), unlike a quotation running on ('Why not?"')."""
    return not SAYING_WORDS.isdisjoint(words(quoted_out(sentence)[0]))


def quoted_out(sentence: str, inside: bool = False) -> tuple[str, bool, bool]:
    """The sentence with the words of its quotations replaced by "…", whether it starts with words of a
    quotation opened in a sentence before (`inside`: one is open), and whether it ends inside one.

    A straight quote mark opens a quotation before a word and closes one after a word, whatever the
    count says: a sentence cut from a paragraph can start with the mark that closes the one before, and a
    paragraph that goes on quoting opens again without closing."""
    starts_inside, seen = inside, False
    kept: list[str] = []
    for n, char in enumerate(sentence):
        if char not in '"“”':
            if not inside:
                kept.append(char)
            elif not kept or kept[-1] != "…":
                kept.append("…")
            continue
        before = sentence[n - 1] if n else " "
        after = sentence[n + 1] if n + 1 < len(sentence) else " "
        if char != '"':
            opens = char == "“"
        elif before.strip() or after.strip():
            opens = not before.strip() and after not in ".,;:!?"
        else:  # a mark alone between spaces
            opens = not inside
        if not opens and not seen:
            if n == 0:  # the mark that closes the quotation before: nothing quoted here
                starts_inside = False
            elif not inside:  # it closes a quotation this sentence started inside
                starts_inside, kept = True, ["…"]
        seen = True
        inside = opens
        kept.append(char)
    return "".join(kept), starts_inside, inside


def speakers(sentences: list[str], paragraphs: Collection[int] = ()) -> list[str | None]:
    """The speaker of each sentence of one article, named in full where the article names them (`paragraphs`:
    the numbers of the sentences that open a paragraph, where they are known).

    "He" or "she" is whom the sentence before was about when it too opened with "he" or "she", else
    whoever spoke in it, else the person it named, else the last speaker, never someone known to be of
    the other sex; "the minister" is the last person named as a minister (or secretary), else the last
    speaker if nothing says what they are, else whom the article is about ("the defender said"); "a State
    Department official" is a new, unnamed one. A quotation is its speaker's to its end, over as many
    sentences as it runs (the ones before the "he said" too), and so is a quotation right after a sentence
    of theirs, or about them, or a few sentences after theirs with no one else named between, unless its end
    names someone else. A paragraph that goes on quoting opens with a quotation mark: one that does not
    closes a quotation the paragraph before left open. In a piece that a credit line closes ("Tom Lund is a
    regular commentator on ..."), a statement that no one else says is its writer's.
    """
    full_names: dict[str, str] = {}  # surname -> the longest form of the name seen so far
    first_full: dict[str, str] = {}  # surname -> the first full name given
    context: dict[str, set[str]] = {}  # surname (or an unnamed speaker) -> the words around their names
    sex: dict[str, str] = {}  # surname -> "he" or "she", where a title or a pronoun has told
    recent: dict[str, int] = {}  # surname -> the last sentence naming them
    by_first: dict[str, set[str]] = {}  # first name -> the people named in full with it
    surnamed: set[str] = set()  # words named with a title that goes before a surname

    def remember(name: str) -> str:
        shown = display_name(name)  # "John Stevens" for "Metropolitan Police Commissioner Sir John Stevens"
        if _first_name(shown) and len(shown.split()) <= 3 and _looks_like_a_person(shown):
            by_first.setdefault(_first_name(shown), set()).add(shown)
        known = _remember(name, full_names)
        key = surname(known)
        if key not in first_full and _first_name(known):
            first_full[key] = known
        return known

    def fits(person: str | None, pronoun: str) -> bool:
        if not person or is_body(person):
            return False
        first = _first_name(person)
        return sex.get(surname(person), pronoun_of(first) if first else None) in (pronoun, None)

    def resolve(subject: str, number: int) -> str | None:
        if subject in _PRONOUNS:
            pronoun = subject.lower()
            previous = result[-1] if result else None
            if pronoun == "they":
                return previous or (previous_people[-1] if previous_people else last_speaker)
            # of the people the sentence before named, those who have spoken first ("Lee co-created the Fantastic
            # Four characters. He said ...")
            named = sorted(reversed(previous_people), key=lambda p: surname(p) not in spoken)
            # the last speaker, a few sentences back, before what the sentence named that may not be a person
            # ("... at the Mercury Music Prize." "He told the audience ...")
            lately = last_speaker if last_speaker and number - last_spoke <= QUOTE_RESUMES \
                and _looks_like_a_person(last_speaker) else None
            people_named = [p for p in named if surname(p) in spoken or surname(p) in sex or named_as_a_person(p)]
            candidates = [about if about_pronoun == pronoun else None, previous, about, *people_named, lately,
                          *named, last_speaker, last_about]
            found = next((c for c in candidates if fits(c, pronoun)), None)
            if found:
                sex.setdefault(surname(found), pronoun)
            return found
        if _IS_DESCRIPTION.match(subject):
            words = _described_as(subject)
            if words[0] in ("a", "an"):
                context[subject] = {w.lower() for w in words}
                recent[subject] = number
                return subject
            # the last speaker, if known as a person: named in full or with a title ("Japan said" is not one)
            person = last_speaker if last_speaker and (" " in last_speaker or surname(last_speaker) in sex) else None
            # "the 34-year-old", "the world number 14": whom the article is about, else the last speaker
            if _ENDS_WITH_ANYONE.search(" ".join(words)):
                return last_about if last_about and _looks_like_a_person(last_about) else person
            if person is None and last_about and _looks_like_a_person(last_about):
                person = last_about  # "Richard Dunne is ready to stay ..." "the defender said": whom it is about
            return _described(words, context, recent, full_names, person)
        return remember(_strip_title(subject))

    last_speaker: str | None = None
    last_spoke = -QUOTE_RESUMES  # the number of the last sentence with a speaker
    named_since: set[str] = set()  # the people named after it
    spoken: set[str] = set()  # the surnames of the people (named in full) who have spoken so far
    previous_people: list[str] = []
    about: str | None = None  # whom the sentence before was about
    about_pronoun: str | None = None  # the pronoun that named them there, if one did
    last_about: str | None = None  # whom the last sentence about someone was about
    inside = False  # within a quotation opened in an earlier sentence
    quoting: list[int] = []  # the unattributed sentences of the quotation still open
    quote_speaker: str | None = None  # whose words the open quotation holds
    quote_guessed = False  # whether its speaker was only guessed from the sentences before, not named
    quote_before: str | None = None  # who spoke before the sentence about someone that a guessed quotation follows
    unnamed: list[tuple[int, str]] = []  # sentences said by "the firm's chief" before anyone is named so: its role
    named_at_lead: set[str] = set()  # who the article had named by the first of them
    result: list[str | None] = []
    for number, sentence in enumerate(sentences):
        check()
        first = sentence.lstrip()[:1]  # (a line that opens in small letters goes on the sentence before)
        if number in paragraphs and first not in "\"“'‘" and not first.islower():
            inside = False  # "...people.  /  Simon Gardner, president of Climax, said: "We are investing..."
        text, started_inside, inside = quoted_out(sentence, inside)
        mentioned = []
        for name, title, around, thing in _mentions(text):
            key = surname(remember(name) if " " in name else name)
            if not thing:  # who "he" may be
                mentioned.append(full_names.get(key, f"{title} {name}" if title else name))
            recent[key] = number
            context.setdefault(key, set()).update(around)
            if title in _MEN | _WOMEN:
                sex.setdefault(key, "he" if title in _MEN else "she")
            if title and title not in _FIRST_NAME_TITLES:  # "Mr Howard" is a surname, "Sir Ian" a first name
                surnamed.add(key)
        # someone who has spoken, named by surname alone ("Lee co-created ...")
        mentioned += [full_names.get(key, key) for key in (surname(m.group(0)) for m in _CAPITALISED.finditer(text))
                      if key in spoken]
        subject = _find_speaker(text) or _stance_taker(text, full_names, spoken | sex.keys())
        speaker = resolve(subject, number) if subject else None
        guessed = False
        if speaker is None and started_inside:  # a quotation running on
            if quote_guessed and _quotes_name(sentence, text, quote_speaker):  # naming whom it was given to
                for earlier in quoting:
                    result[earlier] = quote_before
                quote_speaker, quote_guessed = quote_before, False
            speaker = quote_speaker or (result[-1] if result else None)
        elif speaker is None and subject is None and text.startswith(('"…', "“…")) and not _said_by_other(text):
            # a quotation after a sentence of theirs, or about them; one naming them is someone else's: whoever
            # spoke right before that sentence ("...," Woodward said. / And Taylor looks certain to get the call. /
            # "Taylor is an outstanding player.")
            before = result[-2] if len(result) > 1 and about else None
            speaker = (result[-1] if result else None) or (
                before if about and _quotes_name(sentence, text, about) else about)
            if speaker is None and last_speaker and number - last_spoke <= QUOTE_RESUMES and not named_since \
                    and _looks_like_a_person(last_speaker) and not _quotes_name(sentence, text, last_speaker):
                # a quotation of its own a sentence or two after the last speaker's, no one else named between
                speaker, before = last_speaker, None
            guessed, quote_before = speaker is not None, before
        attributed = subject is not None and speaker is not None  # by its own words of saying
        if speaker and started_inside and (not quote_speaker or quote_guessed and attributed):
            # the "he said" at the end of a long quotation
            for earlier in quoting:
                result[earlier] = speaker
        opening = _OPENING_SUBJECT.search(text)
        if opening and opening.group(_OPENING_LEAD) and text[opening.end(_OPENING_LEAD)].islower():
            opening = None  # "Returning to his old university, which educates ...": a clause, not whom it is about
        now_about, now_pronoun = None, None
        pronoun, name = (opening.group(_OPENING_PRONOUN), opening.group(_OPENING_NAME)) if opening else (None, None)
        name = name and _subject(name)  # "Tony Blair" of "On Monday Tony Blair insisted"
        if name and name.endswith(("'s", "’s")):
            name = None  # "Mr Prater's sentiments were echoed by ...": about what is his, not about him
        if pronoun:
            now_pronoun = pronoun.lower()
            now_about = speaker if subject in _PRONOUNS else resolve(pronoun, number)
        elif name and (surname(name) in full_names or _LEADING_TITLE.match(name)):
            now_about = remember(_strip_title(name))
        elif _OPENS_WITH_ANYONE.match(text) and last_about and _looks_like_a_person(last_about):
            now_about = last_about
        about, about_pronoun = now_about, now_pronoun
        last_about = now_about or last_about
        previous_people = list(dict.fromkeys(mentioned))  # "Mr Kilroy-Silk" as well as "Oona King"
        if speaker:
            speaker = full_names.get(surname(speaker), speaker)
            last_speaker, last_spoke, named_since = speaker, number, set()
            if _looks_like_a_person(speaker):
                spoken.add(surname(speaker))
            recent[surname(speaker)] = number
        elif last_speaker:
            named_since |= {surname(person) for person in mentioned} - {surname(last_speaker)}
        if subject and _IS_DESCRIPTION.match(subject) and (speaker is None and subject.split()[0] not in _POSSESSIVE
                                                           or number == 0 and subject.split()[0] in ("a", "an")):
            # "the firm's chief has told BBC News", or a lead's "..., a Home Office minister has said": named next
            if not unnamed:
                named_at_lead = set(full_names)
            unnamed.append((number, _described_as(subject)[-1].lower()))
        elif speaker is None and (subject or "").lower() in ("he", "she") and unnamed and unnamed[-1][0] == number - 1:
            unnamed.append((number, unnamed[-1][1]))  # "the attorney general has denied ..." "..., he insisted"
        elif unnamed and speaker and not _IS_DESCRIPTION.match(speaker) and surname(speaker) not in named_at_lead \
                and not is_body(speaker) and not speaker.isupper() and (" " in speaker or surname(speaker) in sex):
            # a lead that describes someone ("the firm's chief has told BBC News") names them as they speak next,
            # though they were named in between ('Richard Thomas "totally condemned" ...')
            roles = context.get(surname(speaker), set()) & _ROLE_NOUNS
            for earlier, role in unnamed:
                if number - earlier <= NAMED_AFTER and (not roles or same_role(role, roles)):
                    result[earlier] = speaker
            unnamed = []
        if not inside:
            quoting, quote_speaker, quote_guessed = [], None, False
        elif not started_inside or speaker and (not quote_speaker or quote_guessed and attributed):
            quote_speaker, quote_guessed = speaker, guessed
            quoting = [number] if guessed or not speaker else []
        elif speaker is None or quote_guessed and subject is None:
            quoting.append(number)
        result.append(speaker)
    # a bare surname said before any full name is given takes the first one given; a full name stays whose it is;
    # a first name alone ("His wife Sharon said") is the one person of the article named in full with it, and a
    # name with a title ("Mr Wang") the one person named in two words that start with it ("Wang Yan": the family
    # name written first), where no one's name ends with it and it is no first name ("Mr Howard" is not "Howard
    # Flight")
    def fullest(name: str) -> str:
        if _first_name(name):
            return name
        key = surname(name)
        if key in first_full:
            return first_full[key]
        owners = by_first.get(key, set())
        if key in surnamed:
            owners = set() if is_first_name(key) else {owner for owner in owners if len(owner.split()) == 2}
        return next(iter(owners)) if len(owners) == 1 else name

    named = [display_name(fullest(s)) if s else None for s in result]
    credit = _credit_line(sentences, paragraphs)
    if credit:  # what no one else says in a credited piece is its writer's (not the contact lines after it)
        writer, at = credit
        named[:at] = [s or (writer if _writers_own(sentence) else None) for s, sentence in zip(named[:at], sentences)]
    return named


def _credit_line(sentences: list[str], paragraphs: Collection[int]) -> tuple[str, int] | None:
    """The writer a credit line names near an article's end, and its number, if one does."""
    for number in reversed(range(max(0, len(sentences) - _CREDIT_WITHIN), len(sentences))):
        found = (not paragraphs or number in paragraphs) and _CREDIT_LINE.match(sentences[number].strip())
        if found:
            return found.group("name"), number
    return None


def _writers_own(sentence: str) -> bool:
    """Whether a credited writer may be given a sentence no one else says: a statement, not a heading or a
    question, and not one that goes on about someone else ("He wanted to make it easier ...")."""
    return sentence.rstrip().endswith(_STATEMENT_ENDS) and not _HE_OR_SHE_OPENS.match(sentence)


def _quotes_name(sentence: str, text: str, person: str) -> bool:
    """Whether the quotations of a sentence (`text` is the sentence without them) name the person."""
    name = surname(person).lower()
    return name in words(sentence) and name not in words(text)


def _said_by_other(text: str) -> bool:
    """Whether a quotation's words of saying name a body, a document or someone new rather than whoever
    spoke last: '"…," said an FA statement.', '"…" it said.', '"…," the report said.' ('"…," the 36-year-old
    said.' is the one the article is about)."""
    clause = words(_CLAUSE_AFTER_QUOTE.match(text).group("said"))
    verb = next((n for n, word in enumerate(clause) if word in SAYING_WORDS), None)
    if verb is None:
        return False
    subject = clause[:verb] or clause[verb + 1:]  # "the report said", "said the report"
    subject = subject[:next((n for n, word in enumerate(subject) if n and word in _SUBJECT_ENDS), len(subject))]
    return bool(subject) and (subject[0] in _SOMEONE_ELSE or subject[-1] in _NO_ONE)


def _described_as(description: str) -> list[str]:
    """The words of a description up to its role: "the head of the agency" is a head."""
    return description.split(" of ")[0].split()


def same_role(role: str, roles: set[str]) -> bool:
    """Whether someone described by `role` ("head") can be one known by `roles` ({"chief"})."""
    return role in roles or role in _HEADS and bool(roles & _HEADS)


def _person_of(before: str, subject: str) -> str | None:
    """The person named right before "of the ..." that ends `before`, where `subject` names a body, if any:
    "Simon Hart", not "The Bishop", "Prime Minister" nor "National Bureau" (of Statistics chief ...); or right
    before "in", where `subject` names a place ("David Willey in Rome", not "Special Agent in Charge Matthew ...")."""
    if _ROLE_WORDS.intersection(subject.split()):  # "Florida Division of Emergency Management Director Kevin ..."
        return None
    match = _PERSON_OF.search(before)
    if match and match.group("body") is None and _looks_like_a_person(subject):
        return None
    written = match and match.group("name")
    # "The BBC's David Willey" is David Willey; a title stays ("President Musharraf of Pakistan")
    name = written and _subject(_after_role(written) if ("'s " in written or "’s " in written) else written)
    if not name or not _looks_like_a_person(name):
        return None
    body = (match.group("body") or "").split()
    if any(word in _ROLE_NOUNS if word.islower() else word in _ROLE_WORDS for word in body):
        return None
    return None if _ROLE_WORDS.intersection(_strip_title(name).split()) else name


def _role_before(text: str, at: int) -> str | None:
    """The role that `text` ends on at `at`, set before a name with a comma: "the chief executive of Tesco," is a
    chief executive."""
    found = _ROLE_BEFORE_COMMA.search(text[max(0, at - _ROLE_REACH):at])
    return found.group("role") if found and found.group("role").lower() in _ROLE_NOUNS else None


def _looks_like_a_person(name: str) -> bool:
    """Whether a name has a first name and nothing of a body or a title: "Richard Dunne" or "Britain's Jason
    Gardener", not "BBC Scotland" or "Michelle Paver's Wolf Brother"."""
    written = name.split()
    written = written[1:] if written[0].endswith(("'s", "’s")) else written
    return len(written) > 1 and not is_body(name) and not any(w.isupper() or w.endswith(("'s", "’s")) for w in written)


def named_as_a_person(name: str) -> bool:
    """Whether a name, its role aside, opens with a title or a first name: "Mr Weiner", "Attorney General Lord
    Goldsmith", "Allen Weiner", not "World Dramatic"."""
    shown = display_name(name).split()
    return _TITLED.search(name) is not None or bool(shown) and is_first_name(shown[0])


def is_body(name: str) -> bool:
    """Whether a name is of a body, a place or an event rather than a person: "BBC", "Downing Street"."""
    last = name.split()[-1]
    head = name.split(" of ")[0].split()[-1]  # "Bank of Japan"
    return last.isupper() or last.lower() in _BODY_WORDS or head.lower() in _BODY_WORDS


def _described(words: list[str], context: dict[str, set[str]], recent: dict[str, int], full_names: dict[str, str],
               last_speaker: str | None) -> str | None:
    """Who "the foreign secretary" or "the Russian minister" is: the last one named as such (the one named
    with most of the other words first, and with one of its capitalised words if it has any), else the last
    speaker when the article has not said what they are ("his adviser" is someone else)."""
    role, office = words[-1].lower(), {w.lower() for w in words[1:-1]} & _OFFICE_WORDS
    # "the prime minister" is not the finance minister
    # "the Glasgow Kelvin MP" is not "Labour MP Oona King", nor the mention of these very words
    capitalised = {w.lower() for w in words[1:-1] if w[:1].isupper()}
    roles = _ALSO_CALLED.get(role, {role})
    said = {w.lower() for w in words}
    # "the chancellor" is not the shadow one
    named = [key for key, around in context.items() if roles & around and office <= around and key in recent
             and key not in _ROLE_NOUNS and (not capitalised or capitalised & around)
             and not (around & _QUALIFIERS) - said]
    if named:
        key = max(named, key=lambda k: (sum(w.lower() in context[k] for w in words[1:-1]), recent[k]))
        return full_names.get(key, key)
    # "his adviser", "France's minister", "the prime minister's spokesman": someone else's
    whose = words[0].lower() in _POSSESSIVE or any(w.endswith(("'s", "’s")) for w in words[:-1])
    # nor is it a body ("the Bank of England"), or someone the article has said what they are
    if whose or not last_speaker or is_body(last_speaker) or context.get(surname(last_speaker), set()) & _ROLE_NOUNS:
        return None
    return last_speaker


def _mentions(text: str) -> list[tuple[str, str, set[str], bool]]:
    """Everyone a sentence names: (name, title, the words around it, which may say what they are, whether it
    names a thing rather than them), as in "London mayor Ken Livingstone" or "Graham Cluley, senior technology
    consultant for Sophos"."""
    found = []
    for match in _MENTION.finditer(text):
        title = (match.group(_MENTION_TITLE) or "").strip().rstrip(".")
        written = match.group(_MENTION_NAME).split()
        start = match.start(_MENTION_NAME)
        # "at the Nou Camp", "the Svetlana Kuznetsova doping row": a place, or a thing named after someone
        # (not "the Rev Jesse Jackson")
        thing = not title and (text[max(0, start - 4):start].lower() == "the " and written[0] not in _CLERGY
                               or bool(_LIST_GOES_ON.search(text[match.end():match.end() + 60])))
        while written and (written[0] in _LEAD_WORDS or written[0] in _NOT_NAMES):
            written.pop(0)
        written = _without_letters_after(written)
        if written:  # "Andre Agassi's involvement" names Andre Agassi
            written[-1] = written[-1].removesuffix("'s").removesuffix("’s")
        if not written or not (title or len(written) > 1):
            continue
        # "London mayor", "Lib Dem home affairs spokesman": the words right before, up to a small one, when
        # the last is a role or capitalised ("accused" in "The mayor accused Oliver Finegold" is not)
        before: list[str] = []
        for word in reversed(text[max(0, match.start() - 50):match.start()].split()[-4:]):
            if word.lower() in _SMALL_WORDS or not word[-1:].isalpha() or not before and not (
                    word[0].isupper() or word.lower() in _ROLE_NOUNS):
                break
            before.append(word)
        role = _role_before(text, match.start())
        if role:  # "the Archbishop of Canterbury, Dr Rowan Williams"
            before.append(role)
        # ", senior technology consultant for Sophos," (not ", which ...") up to a verb of saying ("Eric Abensur,
        # Wanadoo's chief executive told ..."), which after a thing says whom the next clause is about ("Speaking
        # to the Radio Times, the comedy star said")
        after = text[match.end():match.end() + 80]
        aside = after[2:].split(",")[0].split() if after.startswith(", ") else []
        if aside and aside[0].lower() in _RELATIVES:
            aside = []
        verb = next((n for n, word in enumerate(aside) if word.rstrip(":;.") in SAYING_WORDS), None)
        if verb is not None:
            aside = [] if thing else aside[:verb]
        words = {w.lower().strip(".,;:").removesuffix("'s").removesuffix("’s") for w in [*before, *written, *aside]}
        found.append((" ".join(written), title, words, thing))
    return found


def same_names_everywhere(names: list[str | None]) -> list[str | None]:
    """One spelling per person across articles: the fullest one any article gives ("Lavrov" -> "Sergei Lavrov").

    People who share a surname stay apart by first name ("Dick Pound", "Stephen Pound"); a bare surname
    goes to whoever of them is named most often. A description ("a Delta spokesperson") is someone of its
    own article, kept as it is: another article's "a Top of the Pops spokesperson" is someone else."""
    by_surname: dict[str, Counter[str]] = {}
    for name, times in Counter(filter(None, names)).items():  # each spelling read once, however often said
        if not is_description(name):
            by_surname.setdefault(surname(name), Counter())[name] += times
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
    return [canonical.get(name, name) if name else None for name in names]


def _first_name(name: str) -> str | None:
    """"Sergei" for "Sergei Lavrov" or "Russian Foreign Minister Sergei Lavrov"; None for "Lavrov", "Mr Lavrov"."""
    words = display_name(name).split()
    return words[0].lower() if len(words) > 1 and words[0].lower() not in _ROLE_NOUNS else None  # "Professor Curtice"


def display_name(name: str) -> str:
    """A name without the role in front of it: "Russian Foreign Minister Sergei Lavrov" (or "Russia's ...")
    -> "Sergei Lavrov"."""
    words = _after_role(name.rstrip("'’")).split()  # "Ricky Gervais' new sitcom"
    while len(words) > 2 and (words[0] in _ROLE_WORDS or words[0].endswith(("'s", "’s"))
                              or _nationality(*words[:2])) or len(words) > 1 and _describing(words[0]):
        words.pop(0)
    return " ".join(words)


def _describing(word: str) -> bool:
    """Whether a capitalised word before a name describes them: "Oscar-nominated Owen", "Newly-crowned"."""
    first, _, rest = word.partition("-")
    return first[:1].isupper() and rest[:1].islower()


def _nationality(word: str, next_word: str) -> bool:
    """Whether a word before a name says where the person is from ("American Kevin Kim", "Iraqi ..."), not
    their first name: a short one is a name ("Juan Carlos Ferrero", "Sri Mulyani Indrawati"), and so is one
    before a particle ("Fathi Bin Shatwan")."""
    return len(word) > 4 and word.endswith(("an", "ese", "ish", "i")) and next_word not in _CAPITAL_PARTICLES


def _after_role(name: str) -> str:
    """A name without the office, or whose they are, in front of it: "Trade Minister Helena Varga", "Texas Judge
    Letitia Clark", "Manchester United's Alex Ferguson"."""
    words = name.split()

    def goes_before_the_name(n: int, word: str) -> bool:
        if word.capitalize() in _ROLE_WORDS and word not in ("of", "the"):
            return True
        if word.endswith(("'s", "’s")) and n < len(words) - 2 and _looks_like_a_person(" ".join(words[n + 1:])):
            return True  # whose they are, before a person: not "Mother's Day"
        return word.lower() in _ROLE_NOUNS and (n < len(words) - 2 or word.isupper())  # not "Fairford Coach Action"

    roles = [n for n, word in enumerate(words[:-1]) if goes_before_the_name(n, word)]
    rest = words[roles[-1] + 1:] if roles else []
    if rest and all(word[:1].isupper() for word in rest) and not _ROLE_WORDS.issuperset(rest):  # "Attorney General"
        words = rest
    return " ".join(words)


def surname(name: str) -> str:
    """The part of a name that other mentions share: "Sergei Lavrov", "Mr Lavrov", "Lavrov" -> "lavrov"."""
    return name.split()[-1].lower().strip(".,'’")


def _strip_title(name: str) -> str:
    """A name without the title before it and the letters after it: "Mr Guy Mansfield QC" -> "Guy Mansfield"."""
    return " ".join(_without_letters_after(_LEADING_TITLE.sub("", name).split()))


def _without_letters_after(words: list[str]) -> list[str]:
    """The words of a name up to the letters after it ("QC", "MP", "Jr"), of which it keeps at least one word."""
    end = len(words)
    while end > 1 and words[end - 1] in _POST_NOMINALS:
        end -= 1
    return words[:end]


def is_title(word: str) -> bool:
    """Whether a word written before a name says what the person is: a title ("Dr", "Mr.", "Sir"), an office
    ("Chancellor", "Foreign", "Secretary") or where they are from ("British")."""
    return bool(_LEADING_TITLE.match(f"{word} ")) or word in _ROLE_WORDS - {"of", "the"} \
        or word[:1].isupper() and word.endswith(("an", "ese", "ish"))


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


def is_description(subject: str) -> bool:
    """Whether the words naming a speaker describe rather than name them: "the head of the agency"."""
    return bool(_IS_DESCRIPTION.match(subject))


def roles_in(text: str) -> set[str]:
    """The words of a text that say what someone is: {"official"} in "a State Department official said"."""
    return _ROLE_NOUNS.intersection(words(text))


def describes_someone(text: str) -> bool:
    """Whether a text names someone by what they are: "Russia's Middle East envoy", "the party's leader" (not
    by a word that is more often an adjective: "the official name", "a general name")."""
    return any(word in _ROLE_NOUNS - {"official", "general", "chief", "head"} for word in words(text))


def people(sentence: str, opening: bool = False) -> list[str]:
    """Names of people and bodies mentioned after a title or as capitalised words mid-sentence (or, if
    `opening`, at its start too, where "The Springfield council" looks the same)."""
    found = []
    for match in _PERSON.finditer(sentence):
        name = _strip_title(match.group(0))
        if (match.start() > 0 or opening) and name.split()[0] not in _NOT_NAMES and " " in name:
            found.append(name)
    return found




_ASKED_VERBS = (r"say|says|said|tell|told|add|added|insist|argue|state|claim|warn|note|explain|urge|announce|"
                r"declare|stress|suggest|reply|comment|admit|deny|believe|describe|predict|think|want|mean|promise|"
                r"call|blame|accuse|criticise|criticize|praise|welcome|condemn|dismiss|allege|reveal|concede|"
                r"acknowledge|complain|recall|talk|speak|spoke|discuss|write|wrote|written")
# "What did Zarif himself say", "Has Lavrov ever said": words between a name and its verb
_ASIDE_BEFORE_VERB = (r"(?:(?:himself|herself|themselves|actually|really|ever|also|then|first|last|later|"
                      r"publicly|previously|again|just|once|exactly|originally|personally) )*")
# "What did Lavrov say ...", "Lavrov's view on ...": the question asks for their words.
_WHOSE_VIEW = compile(rf"\b(?P<name>{_NAME})['’]s\s+(?:view|views|position|stance|opinion|comments|remarks|words|"
                      rf"take|response|reaction|thoughts|warning|claim|claims|advice|verdict|message|assessment|"
                      rf"prediction|forecast|explanation)\s+(?:on|about|of|to|over|regarding)\b")
# What the asked person is, or whose, before their name: "did Labour peer Helena Kennedy describe", "has Investec
# economist Philip Shaw said", "did Chancellor Gordon Brown say", "did Q magazine's Ted Kessler describe"
_ASKED_ROLE = (rf"(?:(?:[\pL\pN.'’-]+ ){{0,4}}(?i:{_ROLES}|{_MORE_ROLES}|peer) "
               r"|(?:[\pL\pN.'’-]+ ){0,2}[\pL\pN.-]+['’]s )?")
# Where the asked person works, after their name: "did Curt Hopkins of the Committee to Protect Bloggers say"
_ASKED_AFFILIATION = rf"(?:,?\s+(?:of|from|at)\s+(?:the\s+)?{_NAME}(?:\s+(?:to|for|of|and)\s+{_NAME})*,?)?"
# The verbs that open the asking, before whose words it asks for: "What did Lavrov say", "Has Brown warned"
ASKING_AUXILIARIES = ("did", "does", "do", "has", "have", "had", "will", "would", "is", "was")
_ASKED_AUXILIARY = (rf"\b(?i:{'|'.join(ASKING_AUXILIARIES)})\s+{_ASKED_ROLE}(?P<name>{_NAME})"
                    rf"{_ASKED_AFFILIATION}\s+")
_ASKED_WORDS = [
    # "What did Lavrov say ...", and "Does Lavrov think ...?", "Has Brown warned ...?" opening the question
    compile(rf"{_ASKED_AUXILIARY}{_ASIDE_BEFORE_VERB}(?:{_ASKED_VERBS})(?:ed|d)?\b"),
    _WHOSE_VIEW,
    # "How should the conflict be solved, in Lavrov's view?"
    compile(rf"\b[Ii]n\s+(?P<name>{_NAME})['’]s\s+(?:view|opinion|words|eyes)\b"),
]
# "According to Lavrov, ...", "Which minister announced ...": the question names whose words hold the answer.
_ASKED_SPEAKER = [
    *_ASKED_WORDS,
    # "How did Laporte view the match?", "How did Ferguson react?": their stance, in words or in deeds (a
    # historical figure who "responded" by marching on a fort said nothing), so not asked for as words
    compile(rf"{_ASKED_AUXILIARY}{_ASIDE_BEFORE_VERB}(?:(?:view|react|respond|feel|regard|assess)(?:ed)?|"
            r"make of|see in)\b"),  # "What did Lavrov make of Kerry?", "What danger did Dyer see in it?"
    compile(rf"\b[Hh]ow\s+{_ASKED_AUXILIARY}{_ASIDE_BEFORE_VERB}see\b"),  # "How did O'Neil see the Oscars race?"
    compile(rf"\b(?:[Aa]ccording to|by)\s+(?P<name>{_NAME})"),
    compile(rf"{NOT_WORD_CHAR}(?P<name>{_NAME})\s+(?:{SPEECH_VERBS})\b"),  # not the question's first word
]


# Whose someone is, in front of their name: "William Hill's Rupert Adams", "Ladbrokes' Warren Lush".
_OWNER = compile(r"^.*['’]s? ")


def asked_names(question: str, words_only: bool = False, every_source: bool = False) -> list[str]:
    """Names of the people whose words a question asks for ("What has Sergei Lavrov said on Syria?",
    "Lavrov's view on Syria?") or, unless `words_only`, names as the source of its answer ("According to
    Lavrov, ..."); once it asks for someone's words, a source named after them is part of its topic ("What
    did Rochus say about his defeat by Johansson?"), and only with `every_source` among the names."""
    found = []
    # 1 inside a match read so far: "Protect Bloggers" in "did Curt Hopkins of the Committee to Protect Bloggers
    # say" is no one
    inside = bytearray(len(question) + 1)
    for pattern in _ASKED_WORDS if words_only else _ASKED_SPEAKER:
        if pattern is _WHOSE_VIEW and found:  # "What did Lavrov say about Hague's comments?": Hague's are the topic
            continue
        if found and not every_source and pattern not in _ASKED_WORDS:
            break
        for match in pattern.finditer(question):
            if match.group("name").endswith(("'s", "’s")):
                continue  # "What was Rob Andrew's view on ...": _WHOSE_VIEW reads it
            if inside[match.start(pattern.groupindex["name"])]:
                continue
            start, end = match.span()
            inside[start + 1:end] = bytes([1]) * max(0, end - start - 1)
            if match.group("name").split()[0] not in _NOT_NAMES:
                found.append(_after_role(_strip_title(_OWNER.sub("", match.group("name")))))
    return list(dict.fromkeys(found))


def asked_speakers(question: str) -> set[str]:
    """Surnames of the people whose words a question asks for ("What did Lavrov tell the BBC?" -> lavrov)."""
    return {surname(name) for name in asked_names(question)}
