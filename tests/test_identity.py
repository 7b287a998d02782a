import pytest

from qa.answer.identity import asked_person, describes


@pytest.mark.parametrize(("question", "person"), [
    ("Who is William Hague?", "William Hague"),
    ("who is kerry", "kerry"),
    ("what's kerry's role anyway", "kerry"),
    ("What is William Hague's job?", "William Hague"),
    ("What does Khaled Khoja do?", "Khaled Khoja"),
    ("What post does Sergei Lavrov hold in the Russian government?", "Sergei Lavrov"),
    ("which office did Kerry hold", "Kerry"),
    # a pronoun, a description or a role is no name to look up
    ("who is he", None),
    ("Who is the president?", None),
    ("Who is Russia's foreign minister?", None),
    ("Who is behind the attacks?", None),
    ("What was Kerry's role in the talks?", None),
    ("who's saying that", None),
    ("Who is Manning?", "Manning"),
    ("Who is leading the talks?", None),
    ("What is Lavrov's position on Assad?", None),
    ("what post does the minister hold", None),
])
def test_a_question_asking_what_someone_is_names_them(question, person):
    assert asked_person(question) == person


@pytest.mark.parametrize(("sentence", "described"), [
    ("Lavrov is headed to London for talks with Foreign Secretary William Hague, BBC said.", True),
    ("US Secretary of State John Kerry began talks with Lavrov.", True),
    ("Kerry, the US secretary of state, said the talks went well.", True),
    ("Opposition leader Khaled Khoja said Moscow was not clinging to Assad.", True),
    ("Lavrov is to visit London for talks with UK Foreign Secretary William Hague.", True),
    # named, but not with what he is
    ("He said he would be discussing such developments in detail with William Hague.", False),
    ("Hours ahead of his talks with Kerry, Lavrov had slammed extremists.", False),
    ("The minister said he would meet William Hague.", False),
])
def test_a_sentence_describes_someone_when_a_role_stands_by_their_name(sentence, described):
    name = "Kerry" if "Kerry" in sentence else "Khaled Khoja" if "Khoja" in sentence else "William Hague"
    assert describes(sentence, name) is described
