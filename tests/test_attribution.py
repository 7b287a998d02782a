from qa.attribution import asked_names, asked_speakers, display_name, find_speaker, same_names_everywhere, speakers
from qa.first_names import is_first_name, pronoun_of


def test_quotes_and_reported_speech_name_their_speaker():
    assert find_speaker('"It is for the Syrians to decide," Lavrov said in a BBC interview.') == "Lavrov"
    assert find_speaker('"We are closer than ever," said Anna Berg.') == "Anna Berg"
    assert find_speaker("Russian Foreign Minister Sergei Lavrov reiterated Friday that Moscow will not push.") == (
        "Russian Foreign Minister Sergei Lavrov")  # the mention as written; display_name drops the role
    assert find_speaker("According to Putin, the talks failed.") == "Putin"
    assert find_speaker("AFP quoted Lavrov in Moscow as saying it was so.") == "Lavrov"
    assert find_speaker("The talks will resume in March.") is None
    assert find_speaker("Henson himself says he is relishing the hype.") == "Henson"


def test_a_speaker_named_after_their_verb_and_role_or_an_aside_in_dashes():
    assert find_speaker('"Costs are up," said chief financial officer Peter Gregg.') == "Peter Gregg"
    assert find_speaker('"It is in line," said analyst Alex Potter at Lehman Brothers.') == "Alex Potter"
    assert find_speaker('"Rates must fall," said EEF chief economist, Steve Radley.') == "Steve Radley"
    assert find_speaker('"We will go on," said the festival\'s executive director, Craig Prater.') == "Craig Prater"
    assert find_speaker("Sales tripled, according to tourism minister Sontaya Kunplome.") == "Sontaya Kunplome"
    # the name, not the description in front of it, nor the body it works for
    assert find_speaker("He will miss the final, according to his Newcastle boss Rob Andrew.") == "Rob Andrew"
    assert find_speaker("Power is back, according to Duke Energy spokesperson Jeff Brooks.") == "Jeff Brooks"
    assert find_speaker("Fund manager Florian Hamm - the largest investor - said he would not invest more.") == (
        "Florian Hamm")
    assert find_speaker("The plan was backed by Tessa Jowell who said it was fair.") == "Tessa Jowell"
    assert find_speaker("Jobs will go, its chief executive has said.") == "its chief executive"
    # a nationality describes someone, whom `speakers` takes for the one the article is about
    assert find_speaker('"It was my first final," said the German.') == "the German"
    assert find_speaker("According to figures released on Tuesday, sales rose.") is None
    assert find_speaker("He is working with Steve Brown, who wrote the musical.") is None
    assert find_speaker('When asked if he would start, Eriksson replied: "Yes."') == "Eriksson"
    assert find_speaker('"It looks grim," said Swedish trades union official Ulf Carlsson.') == "Ulf Carlsson"
    assert find_speaker("During his speech Mr Allard took swipes at rivals and said consoles mattered.") != "During"


def test_american_titles_written_short_are_titles():
    assert find_speaker('"It is a conspiracy," said the committee chairman, Rep. Bennie Thompson, D-Miss.') == \
        "Rep. Bennie Thompson"
    assert find_speaker("Gov. Kim Reynolds on Thursday ordered the bars to shut.") == "Gov. Kim Reynolds"
    assert find_speaker("No one was hurt, according to Sgt. Paul Parizek, the department's spokesman.") == \
        "Sgt. Paul Parizek"


def test_she_after_a_sentence_that_opens_with_she_and_a_modal_verb_is_the_same_person():
    said = speakers(["Kelly Holmes will start 2005 with a series of races.",
                     "Holmes will make her first track appearance on home soil.",
                     "She will also run in the Grand Prix in Birmingham in February.",
                     '"I am still competitive and still want to win," she said.'])
    assert said[-1] == "Kelly Holmes", "not the Grand Prix, named last"


def test_a_caption_or_headline_names_the_speaker_of_its_quotation_before_a_colon():
    assert find_speaker('Media captionSergei Lavrov: "It is not for us to decide who should lead Syria"') == (
        "Sergei Lavrov")
    assert find_speaker('Anna Berg: "We are closer than ever"') == "Anna Berg"
    assert find_speaker('Update: "talks resume" in Geneva') is None, "one capitalised word is a label, not a name"
    assert find_speaker('Syria crisis: "no end in sight"') is None
    assert find_speaker('Breaking News: "talks resume"') is None, "a page's label is no one"
    assert find_speaker('- Brentford boss Anna Berg: "We are the underdogs."') == "Anna Berg"
    assert find_speaker('Said Wales assistant coach Anna Berg: "He is back."') == "Anna Berg"
    assert find_speaker('He told Czech newspaper Daily Sport: "I was disappointed."') == "He", "the paper is told"


def test_the_person_of_a_body_speaks_not_the_body():
    assert find_speaker("But Anna Berg of the Countryside Alliance has questioned the plans.") == "Anna Berg"
    assert find_speaker("Curt Hopkins of the Committee to Protect Bloggers said it was wrong.") == "Curt Hopkins"
    assert find_speaker('"It is risky," says Cara Diemont of IT firm Dimension Data.') == "Cara Diemont"
    assert find_speaker("Responding, shadow chief secretary to the Treasury, Anna Berg, said: \"No.") == "Anna Berg"
    # a role, not a person, before "of"; and a body's chief named after it
    assert find_speaker("The Archbishop of Canterbury said he was pleased.") != "The Archbishop"
    assert find_speaker('"It takes time," National Bureau of Statistics chief Li Deshui told Reuters.') == "Li Deshui"


def test_going_on_doing_something_is_not_saying_it():
    assert find_speaker("No bid emerged, but Mr Glazer continued to increase his holding.") is None
    assert find_speaker("Mr Glazer responded by using his shares to vote off three board members.") is None
    assert find_speaker("Mr Blair continued to deny the claims.") == "Mr Blair"
    assert find_speaker("Mr Fox responded by accusing the prime minister of hiding.") == "Mr Fox"
    assert find_speaker('"We will win," he continued.') == "he"


def test_a_stance_taken_in_words_is_saying_something():
    assert speakers(["Mr Lund is not convinced a rental model will work for shoppers."]) == ["Lund"]
    assert speakers(["Shadow home secretary Anna Berg was worried about extending the powers."]) == ["Anna Berg"]
    assert speakers(["Champion Tom Lund has ruled out any chance of playing in June.",
                     "Lund, though, is hopeful of a return.", "He was keen to thank the fans."]) == ["Tom Lund"] * 3
    assert speakers(["Coach Anna Berg has made it clear she will pick on form."]) == ["Anna Berg"]
    assert speakers(["Manager Tom Lund has given his backing to the new cup."]) == ["Tom Lund"]
    assert speakers(["Tom Lund was happy to hail the winger's display."]) == ["Tom Lund"]
    assert speakers(["Tom Lund won.", "Lund was not unduly worried despite three sets.",
                     "Lund dropped the first set, but was content with his game."]) == [None, "Tom Lund", "Tom Lund"]
    # a state that is no stance; a firm; a player ruled out by injury; a stance beside someone's words
    assert speakers(["Tom Lund was injured in the crash."]) == [None]
    assert speakers(["Apple is particularly keen to find the source."]) == [None]
    assert speakers(["With Tom Lund ruled out of the first two matches, Tait may start."]) == [None]
    assert speakers(['Orbit was upbeat about its sales, Anna Berg said.']) == ["Anna Berg"]


def test_a_first_name_alone_is_the_one_person_of_the_article_named_in_full_with_it():
    assert speakers(["Rock star Tom Lund tackled a burglar.", "His wife Anna, who called the police, said so.",
                     "At a press conference, Anna Lund listed the stolen items.", "Tom said he acted on impulse."]) == [
        None, "Anna Lund", None, "Tom Lund"]
    # "Sir" goes before a first name, "Mr" before a surname
    assert speakers(["Police chief Sir Ian Berg came.", "Sir Ian said the risk was real."]) == [None, "Ian Berg"]
    assert speakers(["Ian Berg arrived first.", "Mr Ian, a neighbour, said nothing new."]) == [None, "Ian"]
    # two people of that first name: neither
    assert speakers(["Anna Lund and Anna Berg met.", "Anna said it went well."]) == [None, "Anna"]


def test_a_family_name_written_first_is_whom_a_title_with_it_means():
    assert speakers(["Beijing's parking chief Wang Yan gave the figures.", "Mr Wang said fees would rise."]) == [
        None, "Wang Yan"]
    # a first name with a title is someone else's surname: "Mr Howard" is not Howard Flight
    assert speakers(["Howard Flight was sacked.", "Mr Howard said the rules were clear."]) == [None, "Howard"]
    # someone whose name ends with it is whom it means
    assert speakers(["Wang Yan and Li Wang met.", "Mr Wang said so."]) == [None, "Li Wang"]


def test_doing_something_and_accusing_someone_in_words_is_saying_something():
    assert find_speaker("Attorney General Tom Lund sued the firm, accusing it of rigging bids.") == "Tom Lund"
    # someone else's accusation in the same sentence
    assert find_speaker("Chelsea have been criticised, with the union accusing the club of failing.") is None


def test_a_word_that_names_no_one_before_the_subject_is_passed_over():
    assert find_speaker('When asked if he would return Lund said: "I have not given it much thought.') == "Lund"
    assert speakers(["On Tuesday Foreign Secretary Tom Lund told MPs that the US had agreed."]) == ["Tom Lund"]
    assert speakers(["On Monday Tom Lund insisted the plan would work.", '"It will," he added.']) == ["Tom Lund"] * 2


def test_the_n_year_old_opening_a_sentence_is_whom_the_article_is_about():
    assert speakers(["Striker Tom Lund has told the BBC he is happy in Spain.",
                     "But the 25-year-old, who has played little in La Liga, was seen in London.",
                     '"I am pleased with my start," he told Radio Five Live.']) == ["Tom Lund", None, "Tom Lund"]
    # and taking a stance, speaks
    assert speakers(["Striker Tom Lund has told the BBC he is happy in Spain.",
                     "But the 25-year-old did not rule out a return."]) == ["Tom Lund", "Tom Lund"]


def test_a_party_is_a_body_not_a_person():
    assert speakers(["The Tories say it is too late, while the Lib Dems say the plans may not work.",
                     "The prime minister said the rules would be tightened."]) == ["Lib Dems", None]


def test_words_denied_or_criticised_by_someone_are_theirs():
    assert find_speaker("The claim was strongly denied by Shepherd, who accused the striker of cheating.") == "Shepherd"
    assert speakers(["The touch judge was heavily criticised by Scotland coach Tom Lund after the defeat."]) == [
        "Tom Lund"]
    # an action done by a body, or by a group
    assert find_speaker("The Mac mini has been welcomed by Apple fans.") is None
    assert find_speaker("Several Opec members said a cut was unlikely.") is None


def test_a_lead_that_describes_its_speaker_as_a_minister_names_them_as_they_speak_next():
    lead = "Muslims are more likely to be searched, a Home Office minister has said."
    assert speakers([lead, "Anna Berg said the powers were needed."]) == ["Anna Berg"] * 2
    # a firm speaking next is not the minister
    assert speakers([lead, "Orbit said it was a good idea."]) == ["a Home Office minister", "Orbit"]
    assert speakers(["Shops will close on Monday.", "Trade was down, a spokesman said.", "Anna Berg said so too."]) == [
        None, "a spokesman", "Anna Berg"], "only the lead's"


def test_thanking_blaming_or_issuing_a_statement_is_saying_something():
    assert find_speaker("Tom Chaplin thanked fans for enduring rubbish gigs.") == "Tom Chaplin"
    assert find_speaker("Mr Addink blames the euro for stifling demand.") == "Mr Addink"
    assert find_speaker("Last week, however, Mr Glazer issued a statement distancing himself.") == "Mr Glazer"


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
    assert display_name("Russian FM Sergei Lavrov") == "Sergei Lavrov" and display_name("PM Tony Blair") == "Tony Blair"
    assert same_names_everywhere(["Lavrov", None, "Sergei Lavrov", "Hague"]) == [
        "Sergei Lavrov", None, "Sergei Lavrov", "Hague"]


def test_whose_someone_is_and_an_attorney_s_office_are_not_part_of_their_name():
    assert display_name("Manchester United's Alex Ferguson") == "Alex Ferguson"
    assert display_name("Fulton County District Attorney Fani Willis") == "Fani Willis"
    # what is not a person keeps its words
    assert display_name("Mother's Day") == "Mother's Day" and display_name("Attorney General") == "Attorney General"


def test_a_reporter_speaks_not_the_place_they_report_from():
    assert speakers(["The BBC's David Willey in Rome says one reason is the changeover to the euro.",
                     "It has not changed, says the BBC's Louisa Lim in Beijing.",
                     "Ramona Santana in Higüey told CNN it was incredible."]) == [
        "David Willey", "Louisa Lim", "Ramona Santana"]
    # "in Charge" is no place: the name after it speaks
    assert speakers(["FBI Dallas Special Agent in Charge Matthew DeSarno said the man had died."]) != [
        "Dallas Special Agent"]


def test_a_first_name_is_not_taken_for_where_someone_is_from():
    assert display_name("American Kevin Kim") == "Kevin Kim" and display_name("Iraqi Ayad Allawi") == "Ayad Allawi"
    assert display_name("Juan Carlos Ferrero") == "Juan Carlos Ferrero"
    assert speakers(['"We need not cut supply," Fathi Bin Shatwan, Libya’s oil minister, told Reuters.',
                     '"Not now," said an IMF official.']) == ["Fathi Bin Shatwan", "an IMF official"]


def test_a_hyphened_word_before_a_name_describes_them():
    assert display_name("Oscar-nominated Owen") == "Owen" and display_name("Fly-half Tom Lund") == "Tom Lund"
    assert display_name("Jean-Claude Trichet") == "Jean-Claude Trichet"
    assert speakers(["Clive Owen won.", 'Later the Oscar-nominated Owen told reporters: "It is all new to me.']) == [
        None, "Clive Owen"]


def test_he_is_never_a_place_or_a_thing_named_after_the():
    assert speakers(["Marcel Desailly insists there is no chance of history repeating itself.",
                     "The French star was part of the Chelsea side crushed 5-1 at the Nou Camp in 2000.",
                     '"Things will be totally different this time," he told BBC Sport.'])[2] == "Marcel Desailly"
    # but the name of "the Svetlana Kuznetsova doping row" is hers
    assert speakers(["The minister at the centre of the Svetlana Kuznetsova doping row says he will not apologise.",
                     "Kuznetsova says the stimulant may have been in a cold remedy she took.",
                     "The Russian said she did nothing wrong."])[2] == "Svetlana Kuznetsova"


def test_a_described_speaker_is_not_merged_with_another_articles():
    # one article's "a Delta spokesperson" is not another's "a Top of the Pops spokesperson"
    assert same_names_everywhere(["a Delta spokesperson", "a Top of the Pops spokesperson", "the attorney general"]) \
        == ["a Delta spokesperson", "a Top of the Pops spokesperson", "the attorney general"]


def test_questions_that_ask_for_someones_words():
    assert asked_speakers("What did Lavrov tell the BBC?") == {"lavrov"}
    assert asked_speakers("According to Putin, who is to blame?") == {"putin"}
    assert asked_speakers("Who will Lavrov hold talks with?") == set()
    assert asked_speakers("What is the boiling point of mercury?") == set()


def test_a_quotation_is_its_speakers_over_every_sentence_it_runs():
    assert speakers(['"Prices will fall.', "Buyers should wait.", 'Nobody expects a rise," said Anna Berg.',
                     "The market opened lower."]) == ["Anna Berg", "Anna Berg", "Anna Berg", None]
    assert speakers(['Anna Berg said: "We will win.', 'The others are weaker."', "The vote is on Friday."]) == [
        "Anna Berg", "Anna Berg", None]


def test_a_name_inside_a_quotation_is_not_its_speaker():
    assert speakers(["Mr Vale said the union would strike.",
                     '"We heard what Tomas Lind said and we heard what others said."']) == ["Vale", "Vale"]
    assert find_speaker('"Tomas Lind said it first," Mr Vale said.') == "Mr Vale"


def test_the_mayor_is_whoever_the_article_named_as_mayor():
    article = ["Harbour mayor Tomas Lind said the port would open in May.",
               "Finance Minister Ruth Kay said costs would rise.",
               "The mayor said the cost was fair.",
               "But the prime minister says the port can wait."]
    assert speakers(article) == ["Tomas Lind", "Ruth Kay", "Tomas Lind", None]  # no one was named prime minister
    assert speakers(["Tomas Lind said the port would open.", "The foreign secretary told MPs it was justified."]) == [
        "Tomas Lind", "Tomas Lind"]  # nothing says what Lind is: he may be the one
    assert speakers(["Deputy Mayor Ruth Kay spoke first.", "Mayor Tomas Lind was there too.",
                     "Ruth Kay said the fares would rise.", "The mayor said they would not."])[-1] == "Tomas Lind"


def test_speaker_after_the_words_after_a_comma():
    assert find_speaker("Prices will fall next year, said Anna Berg, chief economist at the bank.") == "Anna Berg"
    assert find_speaker("Mark Vale, for the union, said Monday's vote was a mistake.") == "Mark Vale"
    assert find_speaker("The union, said Monday's papers, was split.") is None


def test_speaker_with_a_long_aside_or_a_role_before_the_name():
    assert find_speaker("Mr Vale, who was instrumental in founding the union in the north of the country, insisted "
                        "on Wednesday that it would go on.") == "Mr Vale"
    assert find_speaker("But the union's home affairs spokesman, Mark Vale, accused the minister of dodging.") == (
        "Mark Vale")
    assert find_speaker("But Mr Lind's former adviser Mark Vale, now a candidate, said the plan would cost more.") == (
        "Mark Vale")
    assert find_speaker("The foreign secretary meanwhile said the rebate was justified.") == "the foreign secretary"


def test_he_said_after_a_phrase_and_he_said_after_a_quote_that_names_its_speaker():
    assert speakers(["Mr Vale said the strike would go on.",
                     "At his weekly press conference on Tuesday he said the talks had failed."]) == ["Vale", "Vale"]
    assert speakers(["Tomas Lind said the ferry was late.",
                     'Mr Vale told the radio: "We were misled," he said.']) == ["Tomas Lind", "Vale"]


def test_he_or_she_is_never_someone_known_to_be_of_the_other_sex():
    assert speakers(["Mr Vale said the plan was good.", "He added that it was cheap.",
                     "Ruth Kay, from the campaign group, met the minister in May.",
                     'She said: "It is unjust."']) == ["Vale", "Vale", None, "Ruth Kay"]


def test_he_is_whom_the_sentence_before_was_about_when_it_too_opened_with_he():
    assert speakers(["Mr Vale, a former adviser, said the deal was fair.",
                     "He was speaking as Tomas Lind warned of the costs.",
                     "He said the union would wait."]) == ["Vale", "Tomas Lind", "Vale"]


def test_a_second_verb_of_saying_and_a_quotation_after_a_sentence_about_someone():
    assert find_speaker("Mr Lind wants the ferry to run daily but conceded this was ambitious.") == "Mr Lind"
    assert speakers(["Anna Berg said prices would fall.", "However, Mr Lind has adapted the plan to his own town.",
                     '"We built two ferries and both run every day."']) == ["Anna Berg", None, "Lind"]


def test_a_quotation_said_by_a_body_or_a_document_is_not_the_last_speakers():
    before = 'Harbour chief Anna Berg said the ferry would run. "We will keep the quay open," she said.'
    assert speakers([*before.split(". ", 1), '"The club will appeal," said an FA statement.']) == [
        "Anna Berg", "Anna Berg", None]
    assert speakers([*before.split(". ", 1), '"Costs rose by 4%," the report said.']) == ["Anna Berg"] * 2 + [None]
    assert speakers([*before.split(". ", 1), '"It will be late," one trader said.']) == ["Anna Berg"] * 2 + [None]
    # someone the article is about, called by what they are, is still the one who spoke last
    assert speakers([*before.split(". ", 1), '"I am proud," the 36-year-old told the Sunday Times.']) == [
        "Anna Berg"] * 3


def test_a_quotation_that_names_whom_it_was_guessed_to_be_by_is_whoever_spoke_before():
    lines = ['Anna Berg, the coach, said the squad was strong.', "Tomas Lind, a winger, looks certain to be picked.",
             '"Every player is judged on form and Tomas Lind is an outstanding player.']
    assert speakers(lines) == ["Anna Berg", None, "Anna Berg"]
    lines[2:] = ['"I took lessons from last year.', '"Tomas Lind is an outstanding player."']
    assert speakers(lines) == ["Anna Berg", None, "Anna Berg", "Anna Berg"]
    lines[2:] = ['"I am ready to play."']  # about him, not naming him: his
    assert speakers(lines) == ["Anna Berg", None, "Tomas Lind"]
    assert speakers(["The squad meets on Monday.", *lines[1:2], '"Tomas Lind is outstanding."']) == [None] * 3


def test_a_speaker_named_in_full_after_a_whole_clause_without_a_comma():
    assert find_speaker("This could be just the tip of the iceberg thinks Tim Danton, editor of PC Pro.") == (
        "Tim Danton")
    assert find_speaker("Gadgets are changing the role of the high street in our lives thinks Mr Vaughan.") == (
        "Mr Vaughan")
    assert find_speaker("The report says Tony Blair, the prime minister, must decide.") is None  # no clause before
    assert find_speaker("In the long run the firm says Anna Berg will lead it.") is None  # the clause goes on


def test_a_view_after_a_comma_names_whose_view_it_is():
    assert find_speaker("There may not be enough iPod minis to go round, predicts Oliver Irish, editor of Stuff.") == (
        "Oliver Irish")
    assert find_speaker("Studios will listen, thinks Mr Dean.") == "Mr Dean"
    assert find_speaker("Somebody has to pay, observed Jack Boorman, adviser to the IMF.") == "Jack Boorman"


def test_an_aside_without_its_closing_comma_is_no_speaker():
    assert find_speaker('"It is good for Sony," John Houlihan, editor of Computerandvideogames.com told BBC News.') \
        == "John Houlihan"
    assert find_speaker("Ann Simpson, marketing manager at Snappy Snaps believes the trend will last.") == "Ann Simpson"
    assert find_speaker("Rita Moss, spokeswoman for the Harbour Relief Committee said it knew of the site.") \
        == "Rita Moss"


def test_a_comma_without_its_space_still_closes_an_aside():
    assert find_speaker('Mr Kilroy-Silk, who quit the UK Independence Party,said "our country" was stolen.') == \
        "Mr Kilroy-Silk"


def test_a_stance_taken_in_words_names_its_speaker():
    assert find_speaker("Harbour chief Anna Berg has again refused to withdraw her warning.") == "Anna Berg"
    assert find_speaker("Green spokesman Tomas Lind also backed use of the old quay.") == "Tomas Lind"
    assert find_speaker("Mr Lind repeated calls for the board to resign.") == "Mr Lind"
    assert find_speaker("Mr Lind indicated there would be strict limits on fares.") == "Mr Lind"
    assert find_speaker("Anna Berg has outlined what she thinks the port should do.") == "Anna Berg"
    assert find_speaker("The ferry was ordered from a yard in Gdansk.") is None


def test_concerns_voiced_praise_lauded_worries_played_down_calm_appealed_for_and_calls_joined_are_said():
    assert find_speaker("Harbour chief Anna Berg voiced concerns about the strength of the krone.") == "Anna Berg"
    assert find_speaker("Mr Lind lauded the manner in which the crew kept order.") == "Mr Lind"
    assert find_speaker("Mr Lind played down fears of a strike at the port.") == "Mr Lind"
    assert find_speaker("Mr Lind appealed for calm after the ferry ran aground.") == "Mr Lind"
    assert find_speaker("Harbour chief Anna Berg joined calls for an inquiry into the sinking.") == "Anna Berg"
    assert find_speaker("The ferry's cat was voiced by Tomas Lind in the film.") is None
    assert find_speaker("Tomas Lind agreed to do the film and played for the harbour's team.") is None


def test_a_name_after_a_description_or_with_an_aside_left_open_speaks():
    assert find_speaker("UKIP's leader, Roger Knapman, has said he is glad to see him go.") == "Roger Knapman"
    assert find_speaker("The harbour's ferry envoy, Tomas de Lind, on Monday condemned the fares.") == "Tomas de Lind"
    assert find_speaker("Lind Ferries of Gdansk, Poland, on Saturday recalled all its tickets.") is None
    assert find_speaker("Mark Serwotka, from the civil service union said there should be a strike.") == "Mark Serwotka"
    assert find_speaker("However, he did say the host had been useful.") == "he"
    assert find_speaker("Cory Doctorow, European co-ordinator for the Electronic Frontier Foundation which campaigns "
                        "for consumers on many cyber-rights issues, expressed doubts that it would work.") == (
        "Cory Doctorow")
    assert find_speaker("With prices set to drop Mr Danton advises everyone to shop around.") == "Mr Danton"
    assert find_speaker("Gaming could spell problems for net firms, warns network monitoring company Sandvine.") == (
        "Sandvine")
    assert find_speaker("According to blog analysis firm Technorati, the blogosphere has doubled.") == "Technorati"


def test_he_or_she_is_a_person_not_a_body_named_before():
    said = speakers(["Tim Danton, editor of PC Pro Magazine, expects more switching.",
                     '"Every month the prices drop," he said.'])
    assert said[-1] == "Tim Danton", "not PC Pro Magazine"
    said = speakers(["The talk by Jonathan Edwards at the Manchester Games was short.",
                     "But he believes it is a chance to prove himself."])
    assert said[-1] == "Jonathan Edwards"


def test_whose_someone_is_is_not_their_name():
    assert asked_names("What did William Hill's Rupert Adams say about the odds?") == ["Rupert Adams"]
    assert asked_names("What did Ladbrokes' Warren Lush say about the show?") == ["Warren Lush"]


def test_a_role_written_before_a_name_is_not_part_of_it():
    said = speakers(["Lawyer Louise Christian said the men should be freed.",
                     "Texas Judge Letitia Clark said the law was clear.",
                     "Professor Clark added that it was not."])
    assert said == ["Louise Christian", "Letitia Clark", "Letitia Clark"]
    assert speakers(["Fairford Coach Action said the protest would go ahead."]) == ["Fairford Coach Action"]


def test_what_the_asked_person_is_is_not_their_name():
    assert asked_names("How did Labour peer Helena Kennedy describe it?", words_only=True) == ["Helena Kennedy"]
    assert asked_names("What has Queen guitarist Brian May said?", words_only=True) == ["Brian May"]
    assert asked_names("What did Chancellor Gordon Brown say?") == ["Gordon Brown"]
    assert asked_names("How did Lib Dem foreign affairs spokesman Sir Menzies Campbell react to it?") == \
        ["Menzies Campbell"]
    assert asked_names("What did Balco founder Victor Conte allege?", words_only=True) == ["Victor Conte"]
    # nor whose they are
    assert asked_names("How did Q magazine's Ted Kessler describe the band?", words_only=True) == ["Ted Kessler"]
    assert asked_names("What did the BBC's Nick Robinson say about it?", words_only=True) == ["Nick Robinson"]


def test_a_sentence_opening_with_a_preposition_does_not_put_it_in_the_name():
    said = speakers(["For Rick Dean, the compression is the problem.", "It is a big issue, says Mr Dean."])
    assert said[-1] == "Rick Dean"


def test_he_is_never_a_tournament():
    said = speakers(["Carlos Moya wants more titles this season.",
                     "The former French Open champion is determined to make an impact.",
                     "\"I need to fix my objectives,\" he said."])
    assert said[-1] == "Carlos Moya"


def test_where_the_asked_person_works_is_not_someone_else():
    question = "What did Curt Hopkins of the Committee to Protect Bloggers say about the campaign?"
    assert asked_names(question) == ["Curt Hopkins"] and asked_names(question, words_only=True) == ["Curt Hopkins"]


def test_a_lead_that_describes_a_speaker_is_theirs_when_the_article_names_them_as_they_speak_next():
    said = speakers(["BMW will make people carriers, the firm's chief has told BBC News.",
                     "Speaking at a BMW event, Helmut Panke predicted demand would soar."])
    assert said == ["Helmut Panke", "Helmut Panke"]
    said = speakers(["The minister said prices would rise.", "Opposition spokesman Tim Lee said that was wrong."])
    assert said == [None, "Tim Lee"], "a spokesman is not the minister"
    said = speakers(['The attorney general has again denied being "leant on" by Downing Street.',
                     'The claims were "wholly unfounded," he insisted.', "Lord Goldsmith said his view was his own."])
    assert said == ["Goldsmith", "Goldsmith", "Goldsmith"], "'he' right after the lead is the one it describes"


def test_he_is_whom_a_sentence_opening_with_their_view_was_about():
    said = speakers(["The Guardian's film critic Peter Bradshaw felt that there might be a sweep of awards.",
                     "Mr Bradshaw felt that the masterpiece beat My Summer of Love and Shaun of the Dead.",
                     '"I will be cheering if Vera Drake wins," he added.'])
    assert said[-1] == "Peter Bradshaw"


def test_the_minister_may_be_a_secretary_of_state():
    said = speakers(["Teachers could get more powers, Education Secretary Ruth Kelly has suggested.",
                     'The minister also confirmed she received "spiritual support" from Opus Dei.',
                     "But she denied her faith meant she would refuse key government jobs."])
    assert said == ["Ruth Kelly", "Ruth Kelly", "Ruth Kelly"]


def test_a_ceo_is_a_role_and_the_chief_executive_the_same_person():
    assert find_speaker("Intel's CEO, Pat Gelsinger, who is here tonight, told me they would invest more.") == \
        "Pat Gelsinger"
    assert display_name("TikTok CEO Chew") == "Chew" and display_name("Snap CEO Evan Spiegel") == "Evan Spiegel"
    said = speakers(["Snap CEO Evan Spiegel said the firm would cut a fifth of its staff.",
                     'The chief executive continued: "Changes of this size are always hard."',
                     "Shares rose.", "The CEO added that no more cuts were planned."])
    assert said == ["Evan Spiegel", "Evan Spiegel", None, "Evan Spiegel"]


def test_a_role_with_no_one_named_in_it_is_whom_the_article_is_about():
    said = speakers(["Richard Dunne is ready to commit his long-term future to Manchester City.",
                     'Early talks have taken place and the defender said: "Hopefully something will be sorted out.',
                     '"I definitely want to stay at City."'])
    assert said == [None, "Richard Dunne", "Richard Dunne"]
    said = speakers(["Small Island is set in post-war London.",
                     "It is hard to think of anybody not enjoying it, wrote the judges."])
    assert said[1] != "Small Island", "judges are not one person"
    assert find_speaker("It grew by 100%, according to a recent report by analysts Screen Digest.") == "Screen Digest"


def test_a_role_of_something_describes_its_speaker():
    assert find_speaker("The head of the agency said it was fine.") == "the head of the agency"
    assert find_speaker("A Department for Education and Skills spokeswoman said it had been ambitious.") \
        == "a Department for Education and Skills spokeswoman"
    said = speakers(["However, the head of Russia's arms exports agency told Reuters that deliveries go on.",
                     '"We are continuing," Rosoboron export chief Anatoly Isaikin said.'])
    assert said == ["Anatoly Isaikin", "Anatoly Isaikin"], "a head is a chief"


def test_he_is_whom_the_article_was_last_about_when_nothing_nearer_says():
    said = speakers(["Everton manager David Moyes will discipline striker James Beattie.",
                     "The Scot initially defended him.", "But he has had a rethink.", 'He said: "I was wrong."'])
    assert said[-1] == "David Moyes"


def test_a_described_lead_is_theirs_when_a_titled_name_or_a_country_s_minister_speaks_next():
    said = speakers(["The attorney general has denied his statement was drafted by officials.",
                     "Lord Goldsmith said no one else played a part."])
    assert said == ["Goldsmith", "Goldsmith"]
    said = speakers(["Meanwhile, France's finance minister has said the world faced catastrophe.",
                     "Herve Gaymard said he would seek action."])
    assert said == ["Herve Gaymard", "Herve Gaymard"]


def test_someone_s_spokesman_is_not_the_last_speaker():
    said = speakers(["Lord Goldsmith said the claims were unfounded.",
                     "The prime minister's official spokesman also rejected the claims, saying they were wrong."])
    assert said == ["Goldsmith", None]
    said = speakers(["Sergei Lavrov said talks would go on.", "The Russian minister said it again."])
    assert said[-1] == "Sergei Lavrov"


def test_someone_s_comments_asked_about_are_the_topic_not_whose_words_are_asked():
    assert asked_names("What did Lavrov say about William Hague's comments on Syria?") == ["Lavrov"]
    assert asked_names("What did Zarif himself say about Assad?") == ["Zarif"]
    assert asked_names("Has Lavrov ever said he would talk to the rebels?") == ["Lavrov"]
    assert asked_names("What was William Hague's view on Syria?") == ["William Hague"]


def test_a_question_opening_with_does_or_has_asks_for_their_words():
    assert asked_names("Does Lavrov think either side can win?", words_only=True) == ["Lavrov"]
    assert asked_names("Has Gordon Brown warned about pensions?", words_only=True) == ["Gordon Brown"]
    assert asked_names("Does the Kremlin back Assad?", words_only=True) == []
    # a stance may be taken in deeds: asked whose it is, but not for their words only
    assert asked_names("How did William Shirley feel about French advancement?") == ["William Shirley"]
    assert asked_names("How did William Shirley feel about French advancement?", words_only=True) == []


def test_a_description_ending_in_a_name_is_that_person():
    assert find_speaker("But the rebel army's chief of staff Selim Idriss said that Assad must fall first.") == (
        "Selim Idriss")
    assert find_speaker("The head of the Foreign Office said it was wrong.") == "the head of the Foreign Office"
    # after "chief" is named as someone else, the chief of staff is not them
    said = speakers(["Export chief Anatoly Isaikin said deliveries go on.",
                     "The army's chief of staff Selim Idriss said talks must wait."])
    assert said == ["Anatoly Isaikin", "Selim Idriss"]


def test_someone_quoted_as_saying_with_their_role_in_front_is_the_speaker():
    assert find_speaker("The Australian quoted Qantas chief executive Geoff Dixon as saying it would go.") == (
        "Geoff Dixon")
    assert find_speaker("Chief executive Geoff Dixon was quoted by The Australian as saying costs must fall.") == (
        "Geoff Dixon")
    assert find_speaker("AFP quoted Lavrov in Moscow as saying it was so.") == "Lavrov", "not where he was"


def test_a_name_opening_an_aside_left_open_speaks_past_the_names_inside_it():
    assert find_speaker("Mr Galloway, who on Thursday won £150,000 in damages from the Daily Telegraph said he would "
                        "stand.") == "Mr Galloway"
    assert find_speaker('He concluded: "We define ourselves by our creativity."') == "He"


def test_a_description_is_not_someone_named_without_its_capitalised_words_nor_a_body():
    said = speakers(["George Galloway will stand against Labour MP Oona King.", "Mr Galloway said he would win.",
                     "The Glasgow Kelvin MP, who was expelled from Labour, accused Ms King of being a stooge."])
    assert said[-1] == "George Galloway", "not the other MP, nor these very words"
    said = speakers(["Confidence fell, the Bank of England said.", '"It is a pause," the economy minister said.',
                     '"Growth will slow," said economy minister Heizo Takenaka.'])
    assert said[1:] == ["Heizo Takenaka", "Heizo Takenaka"], "the minister is not the bank"
    assert display_name("Ricky Gervais'") == "Ricky Gervais"


def test_a_description_is_the_one_named_so_without_a_qualifier_nor_a_clause():
    said = speakers(["Tom Lund opened the conference.", "Shadow chancellor Anna Berg said growth was weak.",
                     "Later the chancellor promised to cut taxes."])
    assert said[1:] == ["Anna Berg", None], "not the shadow chancellor, though she spoke last"
    assert find_speaker("Her lawyer, Anna Berg, said her client was likely to sue the comedian.") == "Anna Berg"
    assert find_speaker('"We lost," said her client was likely to sue the comedian.') is None


def test_a_capitalised_role_after_the_and_a_star_are_the_one_named_before():
    assert speakers(["Cardinal Tom Lund said war was wrong.", "On Friday, the Cardinal will ask for peace."]) == [
        "Tom Lund", "Tom Lund"]
    # the comedy star, not the magazine that the clause before named
    assert speakers(["Comedy star Tom Lund said TV was poor.",
                     "Speaking to the Radio Times, the comedy star said there is too much bad language."]) == [
        "Tom Lund", "Tom Lund"]
    assert find_speaker("The Daily Star said the claim was sick.") is None, "a newspaper"
    assert speakers(["Mr Hart said he agreed.", "Tom Lund, Orbit's chief executive told the BBC.",
                     "The chief executive said sales had doubled."]) == ["Hart", "Tom Lund", "Tom Lund"]


def test_he_may_be_someone_named_only_by_title_and_surname_in_the_sentence_before():
    said = speakers(["Ms Blackman said she was proud of the record.",
                     "She declined to give her view of Mr Kilroy-Silk at this point.",
                     "On Thursday, he told a news conference that his party would avoid spin."])
    assert said[-1] == "Kilroy-Silk"


def test_someone_doing_something_while_saying_or_claiming_is_its_speaker():
    assert find_speaker("Bill Gates has opened the show in Las Vegas, saying that gadgets are working together.") == (
        "Bill Gates")
    assert find_speaker("Newcastle boss Graeme Souness has reopened his row with Craig Bellamy after claiming the "
                        "Welshman was not good enough.") == "Graeme Souness"
    assert find_speaker("Prices fell sharply after warning signs emerged.") is None


def test_a_name_with_its_role_in_an_aside_left_open_and_no_event_for_he():
    assert find_speaker("BT is moving to a content strategy, Andrew Burke, chief of BT's new Entertainment unit told "
                        "the IPTV World Forum.") == "Andrew Burke"
    assert find_speaker("Head of the division, Andrew Burke, spoke about creating content for all platforms.") == (
        "Andrew Burke")
    said = speakers(["BT's plans were set out at the IPTV World Forum in London.", '"We want to grow," he said.'])
    assert said[-1] is None, "a forum is not he"


def test_what_belongs_to_someone_speaks_not_they_unless_their_verb_follows():
    assert find_speaker("Growth will be 2%, below Chancellor Gordon Brown's forecast of 3%.") is None
    assert find_speaker('"No plans have been set," said Aguilera\'s agent Meghan Prophet.') != "Aguilera's"
    assert find_speaker("Foster's said the deal would create a global player.") == "Foster's"
    assert find_speaker("McDonald’s announced it would scrap its supersized meals.") == "McDonald’s"


def test_letters_after_a_name_are_no_part_of_it():
    said = speakers(["The chairman of the Bar Council, Guy Mansfield QC warned of a real risk.",
                     '"It is wrong," he said.'])
    assert said == ["Guy Mansfield", "Guy Mansfield"]


def test_a_middle_initial_is_part_of_a_name():
    said = speakers(["Ruth Kelly said schools would get more money.",
                     'In a statement, Dr John E. Kelly, IBM senior vice president, said: "Innovation is more."',
                     '"Our pledge today is the beginning of a new era."'])
    assert said == ["Ruth Kelly", "John E. Kelly", "John E. Kelly"]
    assert asked_names("What did George W Bush say about the deficit?") == ["George W Bush"]


def test_a_name_written_with_s_is_the_persons_name():
    said = speakers(["Andre Agassi's place in the Australian Open was put in doubt.",
                     "Agassi was serving at 5-6 down when he decided to end the match.",
                     '"My hip was cramping," said the 34-year-old.',
                     "Its BDO's index held at 100.8, BDO said."])
    assert said == [None, None, "Andre Agassi", "BDO"]


def test_a_peer_is_named_not_the_place_the_title_names_and_a_nationality_is_whom_the_article_is_about():
    said = speakers(['Lord Nicholls of Birkenhead, in his ruling, said: "Detention without trial is anathema."',
                     "Lindsay Davenport has criticised Wimbledon over prize money.",
                     'Reacting to the comment, the American said: "It is insulting."'])
    assert said == ["Nicholls", "Lindsay Davenport", "Lindsay Davenport"]


def test_a_speaker_named_after_their_job_is_the_name_not_whom_they_work_for():
    said = speakers(['"He will not figure in the Scotland game," said Wales physio Mark Davies.',
                     '"No wedding plans have been set yet," said Aguilera\'s agent Meghan Prophet.'])
    assert said == ["Mark Davies", "Meghan Prophet"]


def test_an_age_or_a_nationality_for_a_speaker_is_whom_the_article_is_about():
    said = speakers(["Andre Agassi pulled out of the Kooyong Classic with a hip injury.",
                     "Agassi was serving at 5-6 down when he decided to end the match.",
                     '"My hip was cramping," said the 34-year-old.',
                     "Tim Henman reached the final after beating Ivan Ljubicic.",
                     '"It was a tough match," said the Briton.'])
    assert said == [None, None, "Andre Agassi", None, "Tim Henman"]


def test_a_sentence_about_someone_that_opens_their_quotation_is_theirs():
    said = speakers(["THX's Rick Dean said films would look better.",
                     'Mr Dean is confident though: "I think if they see real HD, there is a remarkable difference."'])
    assert said == ["Rick Dean", "Rick Dean"]
    assert find_speaker('His message to the chancellor was: "Please don\'t give it away."') is None


def test_a_name_with_an_aside_on_what_they_are_left_open_speaks():
    assert find_speaker('Scott Stanzel, a spokesman for the Bush-Cheney campaign said: "It was for security."') == (
        "Scott Stanzel")
    assert find_speaker("In December, the EU pledged to work towards lifting the ban but said it was not ready.") \
        != "December"


def test_a_co_chairman_before_a_name_and_more_verbs_of_saying():
    assert find_speaker('Conservative co-chairman Liam Fox derided the photo call, saying: "It was bad acting."') == (
        "Liam Fox")
    assert find_speaker('"The only time you see them upset is in a debate," countered Linford Christie.') == (
        "Linford Christie")
    assert find_speaker("Mr Blair retorted voters remembered the record of a government.") == "Mr Blair"


def test_someone_whose_age_is_given_before_who_told_speaks():
    said = speakers(["It is also a debut nomination for Staunton, 49, who told BBC News she had not expected it.",
                     '"It was an extraordinary time," she said.'])
    assert said == ["Staunton", "Staunton"]


def test_he_is_someone_who_has_spoken_before_a_name_that_never_has():
    said = speakers(["Spider-Man creator Stan Lee is to get a windfall after winning a court battle.",
                     '"It is a fair result," Stan Lee said.',
                     "As well as Spider-Man, Lee co-created the Incredible Hulk and Fantastic Four characters.",
                     'He said: "I am gratified by the decision."'])
    assert said[-1] == "Stan Lee"


def test_a_stance_not_ruling_out_or_of_joy_is_saying_something():
    assert speakers(["Mr Lund, who stepped down in 2001, does not rule out a return to the board."]) == ["Lund"]
    assert speakers(["Tom Lund won.", "But he didn't rule out a run for mayor."]) == [None, "Tom Lund"]
    assert speakers(["Man-of-the-match Tom Lund, who kicked three goals, was ecstatic after the win."]) == ["Tom Lund"]
    assert speakers(["Tom Lund lost.", "Lund was at a loss to explain his poor first set."]) == [None, "Tom Lund"]
    # "upset" is a defeat in sport, not a stance
    assert speakers(["Anna Berg was upset in the third round."]) == [None]


def test_what_a_person_hopes_expects_or_wants_is_theirs_but_not_what_a_firm_wants():
    assert speakers(["Tom Lund said he was pleased.",
                     "Lund hopes the new stand will be ready by May."]) == ["Tom Lund"] * 2
    assert speakers(["Orbit boss Tom Lund wants his side to win the group."]) == ["Tom Lund"]
    assert speakers(["Tom Lund lost.", "But he expects to be fit for the final."]) == [None, "Tom Lund"]
    assert speakers(["Mr Lund, who owns the club, estimates the cost at £2m."]) == ["Lund"]
    # a firm wants things too; someone named for the first time may be one; what they had hoped is the story's
    assert speakers(["Orbit Capital wants the bank to buy back its shares."]) == [None]
    assert speakers(["Tom Lund lost.", "Lund had hoped to play in the final."]) == [None, None]
    assert speakers(["Anna Berg starred in it.", "She voiced a character in a video game."]) == [None, None]


def test_speculating_feeling_and_hitting_out_are_saying_something():
    assert speakers(["Tom Lund, president of Orbit, speculated that the move was made to cut costs."]) == ["Tom Lund"]
    assert speakers(["Tom Lund won.", "And Lund feels the final could be a battle of the packs."]) == [None, "Tom Lund"]
    assert speakers(["Film star Anna Berg has hit out at the quality of current films."]) == ["Anna Berg"]
    assert speakers(["Tom Lund won.", "He anticipated that claims would be lower."]) == [None, "Tom Lund"]
    # anticipated as a word of a thing, not of a speaker
    assert speakers(["Construction plans and anticipated traffic impacts for April."]) == [None]
    # "Which" opens a question or a clause, and names no one
    assert speakers(["Which feels like a natural next step for the governor."]) == [None]


def test_going_on_to_do_something_is_no_saying_but_the_quotation_after_it_is_theirs():
    said = ["Tony Blair spoke in Gateshead.", "Mr Blair went on to list his achievements.",
            '"So now we have a choice.', 'And I say we have to fight."']
    assert speakers(said) == ["Tony Blair", None, "Tony Blair", "Tony Blair"]
    assert speakers(["Mr Cunningham went on to become the cabinet enforcer."]) == [None]
    assert speakers(["Tom Lund went on to say the deal was fine."]) == ["Tom Lund"]


def test_alleging_and_an_adverb_before_the_verb_are_saying_something():
    assert speakers(["Tom Lund sued the banks.", "He has alleged that they knew of the debts."]) == [None, "Tom Lund"]
    assert speakers(["Champion Anna Berg has strongly hinted she will not run."]) == ["Anna Berg"]
    assert speakers(["Tom Lund has already admitted he was wrong."]) == ["Tom Lund"]
    # what is someone's is not their saying: "Syria's alleged involvement", "Meadows' alleged role"
    assert speakers(["Officials gave a briefing, explaining Syria's alleged involvement."]) == [None]
    assert speakers(["The filing is evidence of Meadows' alleged role in the plot."]) == [None]


def test_an_age_himself_or_an_opening_yet_leaves_the_speaker_named_and_agreeing_to_do_is_no_saying():
    assert speakers(['Lund, 57, quit his post and vowed: "I will not go down that road."']) == ["Lund"]
    assert speakers(["The latest to speak has been Tom Lund himself, who told the summit he was committed."]) == \
        ["Tom Lund"]
    assert speakers(["Film critic Anna Berg felt that the film might sweep the awards."]) == ["Anna Berg"]
    assert speakers(["Yet Tom Lund, an analyst at Orbit, said the job would not be easy."]) == ["Tom Lund"]
    assert speakers(["Tom Lund, 42, pleaded guilty and agreed to assist the prosecutors."]) == [None]
    assert speakers(["Orbit has agreed to buy Quay for $2bn."]) == [None]


def test_a_quotation_then_a_name_from_a_body_in_commas_is_theirs():
    said = ['"Everything is going digital," Anna Berg from the Consumer Electronics Association, told the BBC.']
    assert speakers(said) == ["Anna Berg"]
    # not the body before a role and a name
    said = ['"We need a plan," National Bureau of Statistics chief Li Deshui told Reuters.']
    assert speakers(said) == ["Li Deshui"]


def test_a_name_after_an_office_that_names_several_things_speaks():
    said = ["The Secretary of State for Culture, Media and Sport, Anna Berg, has hit out at critics of the bill.",
            "She told the Guardian there would be no super-casinos."]
    assert speakers(said) == ["Anna Berg", "Anna Berg"]
    assert speakers(["The head of the unit, Acting Chief Superintendent, Tom Lund, said: \"It is a blow.\""]) == \
        ["Tom Lund"]


def test_a_paragraph_that_opens_without_a_quotation_mark_closes_one_left_open():
    said = ['Tom Lund, chief of Orbit, said the move was hard.', 'He added: "Each move has cost us staff.',
            'Anna Berg, president of Quay Studio, said: "We are investing in tools.', 'We avoid big teams."']
    assert speakers(said, paragraphs={0, 1, 2}) == ["Tom Lund", "Tom Lund", "Anna Berg", "Anna Berg"]
    assert speakers(said) == ["Tom Lund"] * 4  # without paragraphs the quotation runs on
    # a line that opens in small letters goes on the sentence before
    broken = ['Tom Lund said: "It was like an', 'agent provocateur', 'at work."']
    assert speakers(broken, paragraphs={0, 1, 2}) == ["Tom Lund"] * 3


def test_a_clause_before_a_name_leaves_the_sentence_about_them():
    said = ["Anna Berg won the prize.", "Tom Lund came second.",
            "Despite his defeat, Lund was in good spirits.", '"I will be back next year."']
    assert speakers(said)[3] == "Tom Lund"
    # a clause and then "which ...": not a sentence about the people it names
    said = ["Tom Lund spoke at the school.", "Returning to his old school, which teaches only Anna Berg fans, "
            "the talk was long.", '"It was good to be back."']
    assert speakers(said)[2] is None


def test_a_few_quoted_words_before_and_said_leave_the_subject_speaking():
    assert find_speaker('Lund labelled the deal "an eye-opener" and admits the club must look at it.') == "Lund"
    assert find_speaker('He wants to make it "the Next Big Thing" and says it is a dream.') == "He"
    # not the words of a verb of saying, nor before a name that says whom they are about
    assert find_speaker('Speaking on Radio 4, he said "ports are of great value", but stressed the costs.') == "he"
    assert find_speaker('The Quay Alliance "congratulated" Mr Lund on his stance, but said it was late.') is None


def test_a_ranking_for_a_speaker_is_whom_the_article_is_about():
    said = speakers(["Tom Lund is through to the final in Dubai.",
                     "The world number one was forced to go the distance against Ivo Minar in the first round.",
                     '"I had a slow start," he said.'])
    assert said[-1] == "Tom Lund"


def test_our_correspondent_is_the_correspondent_the_article_named():
    said = speakers(["Unions will strike, said BBC labour correspondent Tom Lund.",
                     "Ministers met them on Thursday.", "A deal is still possible, our correspondent added."])
    assert said == ["Tom Lund", None, "Tom Lund"]
    assert asked_names("How did BBC correspondent Tom Lund describe the strikes?", words_only=True) == ["Tom Lund"]


def test_he_after_a_sentence_that_opens_with_what_he_did_not_do_is_him():
    said = speakers(["Tom Lund warned against the plans.", "He did not think Mr Berg intended to harm anyone.",
                     "But he warned that some could use the words."])
    assert said[-1] == "Tom Lund"


def test_a_name_after_the_description_of_whom_a_quotation_is_speaks():
    assert find_speaker('"It will be a tragedy," said the chairman of the Commons harbour select committee, '
                        'Labour MP Tom Lund.') == "Tom Lund"
    assert find_speaker('"We will appeal," said the firm, adding that it would fight on.') is None


def test_a_word_like_though_between_a_name_and_its_verb():
    said = speakers(["Anna Berg beat Tom Lund in the final.", "Berg though blamed her form on injuries.",
                     '"Blisters were a factor," she said.'])
    assert said == [None, "Anna Berg", "Anna Berg"]


def test_she_after_an_opening_possessive_is_not_whose_it_is():
    said = speakers(['"We will go on," said the festival director, Tom Lund.',
                     "Mr Lund's sentiments were echoed by Anna Berg, director of its sister event.",
                     '"We have been careful to be respectful," she said.'])
    assert said[-1] == "Anna Berg"


def test_he_is_not_a_name_that_opens_a_list_of_clubs():
    said = speakers(["Arsenal's midfielder Tom Lund has hit out at the club.",
                     "His deal expires next summer and he has been linked with Real Madrid, Barcelona and Valencia.",
                     'He told BBC Sport: "I am not sure if I want to stay."'])
    assert said[-1] == "Tom Lund"


def test_what_someone_is_alleged_or_reported_to_have_said_is_theirs():
    assert find_speaker("Mr Lund is alleged to have said that the rules should go.") == "Mr Lund"
    assert find_speaker("Anna Berg was reported to have told the board she would quit.") == "Anna Berg"
    assert find_speaker("But Tom Lund acknowledges that the next move can be tough.") == "Tom Lund"


def test_a_lead_that_describes_someone_is_theirs_though_they_are_named_before_they_speak():
    said = speakers(["Watchdog probes deletions",
                     "The information commissioner says he is urgently asking for details of the orders.",
                     'Tom Lund "totally condemned" the deletion of e-mails.',
                     "Government guidance said e-mails should only be deleted if unused, Mr Lund said."],
                    {0, 1, 2})
    assert said == [None, "Tom Lund", None, "Tom Lund"]
    # one named in the lead itself is not the one it describes
    said = speakers(["Rates rise", "The prime minister defends the tax cuts in an interview with Tom Lund.",
                     '"It was the right call," Mr Lund said.'], {0, 1, 2})
    assert said[1] is None


def test_a_name_after_an_age_or_a_comma_before_where_they_work_speaks():
    assert find_speaker('"I would be keen to leave," admitted the 28-year-old Lund.') == "Lund"
    assert find_speaker('"It is all about digital," Tom Lund, from the Consumer Electronics Association (CEA) '
                        'told the BBC.') == "Tom Lund"
    # not a body's name before "of", without the commas that set apart where someone works
    assert find_speaker('"We need a plan," National Bureau of Statistics chief Li Deshui told Reuters.') == "Li Deshui"


def test_a_name_that_once_said_set_inside_the_sentence_speaks():
    assert find_speaker("The market, former minister Tom Lund once said, has no morality.") == "Tom Lund"


def test_the_mp_for_a_place_is_someone_not_the_place():
    said = speakers(["Former minister Tom Lund criticised the rivalry on Sunday.",
                     '"What sort of model does it give?" the Labour MP for Birkenhead asked.',
                     "He said the prime minister should sack his chancellor."], {0, 1})
    assert said == ["Tom Lund", None, "Tom Lund"]
    assert find_speaker("The new health minister for Wales says there are lessons to learn.") == \
        "the new health minister for Wales"
    # a spokesman for a body speaks for it, as before
    assert find_speaker("A spokesman for Dell said the machine is for small firms.") == "Dell"


def test_a_medallist_who_believes_is_whom_the_article_is_about():
    said = speakers(['"I do not want to go," said Anna Berg.',
                     "And the Commonwealth silver medallist believes her lack of races has knocked her confidence."])
    assert said == ["Anna Berg", "Anna Berg"]


def test_a_name_after_but_with_what_they_are_left_open_speaks():
    assert find_speaker("The network may be more than a user needs, but Tom Lund, president of the networks division "
                        'at the firm says that: "We will need it."') == "Tom Lund"


def test_whose_words_are_asked_for_is_not_someone_the_topic_names():
    assert asked_names("What did Rochus say about his semi-final defeat by Tom Lund?") == ["Rochus"]
    assert asked_names("Which claims were made by Tom Lund?") == ["Tom Lund"]


def test_a_quotation_of_its_own_goes_on_the_last_speakers_words_when_no_one_else_is_named_between():
    assert speakers(['"We will win," said Anna Berg.', "The vote is on Friday.",
                     '"The others are weaker."']) == ["Anna Berg", None, "Anna Berg"]
    assert speakers(['"We will win," said Anna Berg.', "The polls favour Tomas Lind.",
                     '"The others are weaker."']) == ["Anna Berg", None, None], "someone else was named between"
    assert speakers(['"We will win," said Anna Berg.', "The vote is on Friday.", "It opens at eight.",
                     "Turnout is expected to be high.", '"The others are weaker."'])[-1] is None, "too far on"
    assert speakers(['"We will win," said Anna Berg.', "The vote is on Friday.",
                     '"It was something she (Berg) wanted."'])[-1] is None, "a quotation naming her is someone else's"


def test_a_guessed_quotation_is_whoever_it_names_as_its_speaker_when_it_ends():
    assert speakers(['"We will win," said Anna Berg.', '"Can we influence it?',
                     'We think we can," said Tomas Lind, her agent.']) == ["Anna Berg", "Tomas Lind", "Tomas Lind"]


def test_the_cardinal_is_the_cardinal_named_before():
    assert speakers(["Cardinal Cormac Murphy-O'Connor has said the war was a waste.",
                     "The cardinal said 2005 should be the year to end poverty."]) == [
        "Cormac Murphy-O'Connor", "Cormac Murphy-O'Connor"]


def test_what_a_speech_will_say_is_its_speakers():
    assert find_speaker("Mr Howard is expected to tell activists that tolerance is being abused.") == "Mr Howard"
    assert find_speaker("He will say Labour can no longer claim those votes.") == "He"
    assert find_speaker("Laporte will announce his line-up on Wednesday.") is None, "nothing said yet"
    assert find_speaker("Hamm helped the US claim a 5-0 win over Mexico.") is None


def test_he_is_whom_a_sentence_in_a_past_without_ed_was_about():
    said = speakers(["World and Commonwealth champion Anna Berg and Tom Lund will both run in Leeds.",
                     "Lund ran in Leeds in 2003 and won.", '"I am looking forward to it," he said.'])
    assert said[-1] == "Tom Lund"


def test_a_month_between_a_name_and_its_verb_is_when_not_who():
    assert find_speaker("But Band Aid founder Tom Lund in July said he was sick of it.") == "Tom Lund"
    assert find_speaker("The regulator turned to Lind Bank and in September this year said it had erred.") is None
    assert find_speaker("May said she would not resign.") == "May"


def test_the_archbishop_of_a_place_is_the_archbishop_not_the_place():
    assert find_speaker("The Bishop of Leeds said he was pleased.") == "the bishop of Leeds"
    said = speakers(["The service will be led by the Archbishop of Canterbury, Dr Tom Lund.",
                     "Some members of the church remain opposed.",
                     'The Archbishop of Canterbury said: "I am pleased."'])
    assert said[-1] == "Tom Lund"


def test_a_name_set_in_commas_after_a_role_speaks():
    assert find_speaker("In a video, the Archbishop of Canterbury, Tom Lund, said it was moving.") == "Tom Lund"
    assert find_speaker("The co-chairman of the party, Anna Berg, said he was a disappointment.") == "Anna Berg"
    assert find_speaker("Microsoft, the software giant, said it was fine.") == "Microsoft"


def test_a_credited_writer_says_what_no_one_else_says_in_the_piece():
    column = ["Digital rights management is a dead end.", "Why does it matter?", "It treats every buyer as a thief.",
              '"It works," said Anna Berg of the music industry body.', "She joined the body in 2001.",
              "Tom Lund is a regular commentator on the programme Go Digital.", "Reach him at tom@example.com."]
    assert speakers(column, paragraphs={0, 1, 3, 5, 6}) == ["Tom Lund", None, "Tom Lund", "Anna Berg", None, None,
                                                               None], "a question is no one's statement"
    assert speakers(column[:4] + ["Tom Lund is a keen gardener."])[:3] == [None, None, None], "no credit line"
    assert speakers(column[:6] + ["One.", "Two.", "Three."])[0] is None, "not near the end"


def test_he_is_the_speaker_just_before_not_what_the_sentence_between_named():
    said = speakers(['"We listen to everything," said Alex Kapranos.',
                     "The band won the Mercury Music Prize last year.",
                     "He told the audience that musicians should not be pigeonholed."])
    assert said[-1] == "Alex Kapranos", "not the Mercury Music Prize"
    said = speakers(['"It will be close," said Carla Diemont.', "The talks moved to North America.",
                     '"Good management works anywhere," she says.'])
    assert said[-1] == "Carla Diemont"


def test_he_is_a_person_named_just_before_over_the_last_speaker():
    said = speakers(['"Search is changing," said Olivier Roux.', "Analysts such as Allen Weiner disagree.",
                     '"The next generation of search is about content," he said.'])
    assert said[-1] == "Allen Weiner"


def test_a_first_name_says_who_he_or_she_may_be():
    said = speakers(['"She was the finest dancer of her time," said Anton Dolin of Alicia Markova.',
                     '"I retired in 1963," she said.'])
    assert said[-1] == "Alicia Markova", "not Anton Dolin"
    assert speakers(["Imelda Staunton praised the film.", '"It is wonderful," he said.'])[-1] is None


def test_first_names_are_the_census_common_ones():
    assert is_first_name("Allen") and is_first_name("imelda") and not is_first_name("World")
    assert pronoun_of("Brian") == "he" and pronoun_of("Sharon") == "she"
    assert pronoun_of("Tama") is None, "too rare in the census to say"


def test_sources_close_to_someone_are_not_them():
    assert find_speaker("Sources close to Mr Hockney said eight more members would leave.") is None
    assert find_speaker("Two people close to Trump said he is watching the probe.") is None
    assert find_speaker("Friends of Kevin Behen told CNN he knew of two men who died.") is None
    assert find_speaker("Mr Hockney said eight more members would leave.") == "Mr Hockney"
    assert find_speaker("A letter sent to Martin Mubanga said his passport would not be issued.") is None


def test_what_someone_is_accused_of_is_not_their_words():
    said = "Moazzam Begg, Martin Mubanga and Richard Belmar were held for three years, accused of al-Qaeda links."
    assert find_speaker(said) is None
    assert find_speaker("Mr Blair, who was accused of lying, said he had acted in good faith.") == "Mr Blair"
    assert find_speaker("Mr Howard accused Mr Blair of lying.") == "Mr Howard"


def test_who_a_thing_is_described_or_dismissed_by_as_something_says_it():
    assert find_speaker('American foreign policy was denounced as a "racket" by Smedley Butler, a general.') == \
        "Smedley Butler"
    said = find_speaker('But this argument was dismissed as "ridiculous" by Justice David Souter.')
    assert said == "Justice David Souter"


def test_a_clause_a_participle_opens_is_not_a_name_and_its_verb():
    # "Addressing claims", "Having said": the one named after the clause speaks
    assert find_speaker("Addressing claims that the law was unenforceable, Mr Lund told the BBC it was clear.") \
        == "Mr Lund"
    assert find_speaker("Having said that, Tom Lund insisted the plan was sound.") == "Tom Lund"
    # a name ending in -ing that speaks is kept where no one is named after it
    assert find_speaker("Boeing said it would cut 500 jobs, adding that demand had fallen.") == "Boeing"


def test_a_prize_claimed_is_won_not_said():
    assert find_speaker("Tom Lund claimed the coaching award while his side took the team award.") is None
    assert find_speaker("Tom Lund claimed top spot in the group with three wins.") is None
    assert find_speaker("Tom Lund claimed the government had lost its lead.") == "Tom Lund"


def test_having_and_being_open_clauses_and_name_no_one():
    assert find_speaker("Having said that, I am always pleased when cheats are caught.") is None
    assert find_speaker("Being honest, we did not play well, Tom Lund said.") == "Tom Lund"
