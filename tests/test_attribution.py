from qa.attribution import asked_speakers, display_name, find_speaker, same_names_everywhere, speakers


def test_quotes_and_reported_speech_name_their_speaker():
    assert find_speaker('"It is for the Syrians to decide," Lavrov said in a BBC interview.') == "Lavrov"
    assert find_speaker('"We are closer than ever," said Anna Berg.') == "Anna Berg"
    assert find_speaker("Russian Foreign Minister Sergei Lavrov reiterated Friday that Moscow will not push.") == (
        "Russian Foreign Minister Sergei Lavrov")  # the mention as written; display_name drops the role
    assert find_speaker("According to Putin, the talks failed.") == "Putin"
    assert find_speaker("AFP quoted Lavrov in Moscow as saying it was so.") == "Lavrov"
    assert find_speaker("The talks will resume in March.") is None


def test_pronouns_and_descriptions_resolve_to_the_person_named_before():
    article = [
        "Russian Foreign Minister Sergei Lavrov reiterated Friday that Moscow will not push Assad to quit.",
        '"It is not for us to decide," Lavrov said.',
        'He added: "We have been against any pre-conditions."',
        '"You know that we are not in the regime-change game."',
        "The UN says 70,000 people have died.",
        '"He is not going anywhere," the Russian minister said.',
        "Syrian Foreign Minister Walid al-Muallem had told Moscow that Damascus was ready to talk.",
        '"We have been clear," a State Department official told reporters.',
        'However the talks are not expected to produce a "big breakthrough", the official added.',
    ]
    assert speakers(article) == [
        "Sergei Lavrov", "Sergei Lavrov", "Sergei Lavrov", "Sergei Lavrov", None, "Sergei Lavrov",
        "Walid al-Muallem", "a State Department official", "a State Department official",
    ]


def test_one_spelling_per_person_and_no_role_in_front():
    assert display_name("Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"
    assert display_name("Vladimir Putin") == "Vladimir Putin"
    assert same_names_everywhere(["Lavrov", None, "Sergei Lavrov", "Hague"]) == [
        "Sergei Lavrov", None, "Sergei Lavrov", "Hague"]


def test_questions_that_ask_for_someones_words():
    assert asked_speakers("What did Lavrov tell the BBC?") == {"lavrov"}
    assert asked_speakers("According to Putin, who is to blame?") == {"putin"}
    assert asked_speakers("Who will Lavrov hold talks with?") == set()
    assert asked_speakers("What is the boiling point of mercury?") == set()
