"""An entity's kind from evidence about English, one rule a test: each test shows the kind
the rule gives and what the kind is with the rule switched off. Short news sentences
written for the purpose, parsed by the small model."""

from __future__ import annotations

from copy import copy

import pytest
from spacy.language import Language
from tests.parses import parse, speakers_of
from tests.test_speakers import quote, resolve

from saidwhat.article import Span
from saidwhat.speakers import SpeakerSettings
from saidwhat.speakers.document import DocumentView


def kind_of(
    nlp: Language, text: str, source: str, content: str, off: str | tuple[str, ...] | None = None
) -> tuple[str, str] | None:
    """(name, kind) of the speaker of the one quote with this source and content, with the
    rule or rules `off` switched off. A rule is switched off with the fallback that a name
    nothing makes a person's is an organisation's (`person-needs-evidence`), so that what
    the rule itself gives shows."""
    rules = (off, "person-needs-evidence") if isinstance(off, str) else off or ()
    settings = SpeakerSettings(disabled=frozenset(rules))
    got = resolve(nlp, text, [quote(text, source, content)], settings)[0]
    return (got.name, got.kind) if got is not None else None


def test_a_known_broadcaster_or_platform_is_an_organisation(nlp: Language) -> None:
    text = 'Ban\n\n"This is censorship," RT said in a statement on Tuesday.'
    args = (nlp, text, "RT", "This is censorship")
    assert kind_of(*args) == ("RT", "organisation")
    assert kind_of(*args, off="known-organisation") == ("RT", "person")
    text = 'Ban\n\nThe accounts were removed. "We act on reports," Twitter said.'
    args = (nlp, text, "Twitter", "We act on reports")
    assert kind_of(*args) == ("Twitter", "organisation")  # the NER says PERSON
    assert kind_of(*args, off="known-organisation") == ("Twitter", "person")


def test_a_charity_whose_name_reads_as_a_description_is_an_organisation(nlp: Language) -> None:
    text = "Banks\n\nFriends of the Earth said the banks should do more to help the poor."
    args = (nlp, text, "Friends of the Earth", "the banks should do more")
    assert kind_of(*args) == ("Friends of the Earth", "organisation")
    assert kind_of(*args, off="known-organisation") == ("Friends of the Earth", "group")


def test_a_plural_of_people_the_ner_took_for_a_name_is_a_group(nlp: Language) -> None:
    text = (
        "Asylum\n\nThe Commons home affairs committee said ministers had failed to get a grip."
        " MPs said the system was in chaos."
    )
    args = (nlp, text, "MPs", "the system was in chaos")
    assert kind_of(*args) == ("MPs", "group")  # the NER says ORG
    assert kind_of(*args, off="sets-are-groups") == ("MPs", "organisation")


def test_a_name_beside_an_organisations_noun_is_an_organisation(nlp: Language) -> None:
    # a company named after its founder, with its trade run into the name
    text = "Shops\n\nFashion chain Karen Millen said sales rose by 4% in the summer."
    args = (nlp, text, "Fashion chain Karen Millen", "sales rose")
    assert kind_of(*args) == ("Karen Millen", "organisation")
    assert kind_of(*args, off="classified-name") == ("Karen Millen", "person")
    # a name the NER missed, in apposition to an organisation's noun
    text = "Pubs\n\nAsh, the anti-smoking group, said most people wanted smoke-free pubs."
    args = (nlp, text, "Ash, the anti-smoking group,", "most people wanted")
    assert kind_of(*args) == ("Ash", "organisation")
    assert kind_of(*args, off="apposition") == ("Ash", "person")


def test_a_football_club_by_its_plural_short_name_is_an_organisation(nlp: Language) -> None:
    text = "Football\n\nWolves said on Monday that they had spoken to three candidates."
    args = (nlp, text, "Wolves", "they had spoken")
    assert kind_of(*args) == ("Wolves", "organisation")  # though the club is "they"
    assert kind_of(*args, off="known-organisation") == ("Wolves", "group")


def test_a_plural_name_the_article_calls_it_is_one_organisation(nlp: Language) -> None:
    text = "Charges\n\nHalifax said it would cut fees. Barclays said it would review its charges."
    args = (nlp, text, "Barclays", "it would review")
    assert kind_of(*args) == ("Barclays", "organisation")  # not a set of people
    # `called-it` says so too, of one word that is no first name
    off = SpeakerSettings(
        disabled=frozenset({"plural-name-alone", "called-it", "person-needs-evidence"})
    )
    got = resolve(nlp, text, [quote(text, "Barclays", "it would review")], off)[0]
    assert (got.name, got.kind) == ("Barclays", "person")
    text = "Families\n\nThe Khans said they would appeal. Tariq Khan spoke first."
    assert kind_of(nlp, text, "The Khans", "they would appeal") == ("Khans", "group")


def test_initials_the_tagger_read_as_a_pronoun_name_an_organisation(nlp: Language) -> None:
    text = "Iodine\n\nIodine deficiency is rising. WHO say it is the main cause of brain damage."
    args = (nlp, text, "WHO", "it is the main cause")
    assert kind_of(*args) == ("WHO", "organisation")  # the World Health Organization
    assert kind_of(*args, off="lone-acronym") is None  # a relative "who": no speaker


def test_a_name_after_the_is_no_persons(nlp: Language) -> None:
    text = "Charges\n\nA girl died, according to the Sydney Morning Herald."
    args = (nlp, text, "the Sydney Morning Herald", "A girl died")
    assert kind_of(*args) == ("Sydney Morning Herald", "organisation")
    assert kind_of(*args, off="after-the") == ("Sydney Morning Herald", "person")


def test_a_known_organisations_name_as_a_persons_surname_stays_the_person(
    nlp: Language,
) -> None:
    text = 'Fair\n\nMichael Fox spoke at the fair. "Kids need heroes," Fox said.'
    assert kind_of(nlp, text, "Fox", "Kids need heroes") == ("Michael Fox", "person")


def test_a_name_ending_in_a_companys_word_is_an_organisation(nlp: Language) -> None:
    # The small model tags "Harwick Energy" PERSON here.
    text = 'Mine closures\n\n"We had no choice," Harwick Energy said on Monday.'
    args = (nlp, text, "Harwick Energy", "We had no choice")
    assert kind_of(*args) == ("Harwick Energy", "organisation")
    assert kind_of(*args, off="org-word-in-name") == ("Harwick Energy", "person")
    # and "Grimsby Rovers" or "Bolton Wanderers", a football club's
    text = 'Cup tie\n\n"We will appeal against the fine," Bolton Wanderers said.'
    args = (nlp, text, "Bolton Wanderers", "We will appeal against the fine")
    assert kind_of(*args) == ("Bolton Wanderers", "organisation")
    assert kind_of(*args, off="org-word-in-name") == ("Bolton Wanderers", "person")


def test_a_proper_noun_counted_as_a_plural_is_a_group(nlp: Language) -> None:
    text = "Vote\n\nMany Latinos said they felt ignored by both parties."
    args = (nlp, text, "Many Latinos", "they felt ignored by both parties")
    assert kind_of(*args) == ("Latinos", "group")
    assert kind_of(*args, off="plural-name-is-group") == ("Latinos", "person")


def test_what_a_study_gives_is_no_speaker(nlp: Language) -> None:
    text = "Trial\n\nThe results of the trial showed that the drug worked in most patients."
    args = (nlp, text, "The results of the trial", "the drug worked in most patients")
    assert kind_of(*args) is None
    assert kind_of(*args, off="things-no-speaker") == ("results of the trial", "group")
    # nor is a document with no known owner, however long its description
    text = "Vote\n\nMultiple news reports said the senator would resign on Friday."
    args = (nlp, text, "Multiple news reports", "the senator would resign on Friday")
    assert kind_of(*args) is None
    assert kind_of(*args, off="things-no-speaker") == ("Multiple news reports", "group")
    # "number" of a set of people is no document: they speak
    text = "Visas\n\nA number of other members of Congress said the program was flawed."
    args = (nlp, text, "A number of other members of Congress", "the program was flawed")
    assert kind_of(*args) == ("number of other members of Congress", "group")
    assert kind_of(*args, off="sets-are-groups") is None
    # a capitalised plural the parser takes for a name is still the document it names
    text = "Vote\n\nPolls in New Hampshire show the senator ahead by ten points."
    args = (nlp, text, "Polls in New Hampshire", "the senator ahead by ten points")
    assert kind_of(*args) is None
    # (without it, a lone plural name: a group)
    assert kind_of(*args, off="not-a-person-name") == ("Polls", "group")


def test_a_thing_is_no_speaker(nlp: Language) -> None:
    text = "Phones\n\nText messages on the phone suggested that the men had planned it."
    args = (nlp, text, "Text messages on the phone", "the men had planned it")
    assert kind_of(*args) is None
    assert kind_of(*args, off="inanimate-no-speaker") == ("Text messages on the phone", "group")
    text = "Bill\n\nThe new policy requires that every driver carry a permit."
    args = (nlp, text, "The new policy", "every driver carry a permit")
    assert kind_of(*args) is None
    assert kind_of(*args, off="inanimate-no-speaker") == ("new policy", "unknown")
    # a thing's word that counts people is those people, who speak
    text = "Party\n\nA slew of party leaders said that the vote was rigged."
    args = (nlp, text, "A slew of party leaders", "the vote was rigged")
    assert kind_of(*args) == ("slew of party leaders", "group")
    assert kind_of(*args, off="inanimate-no-speaker") == ("slew of party leaders", "unknown")
    # and a body a thing's word also names speaks: "the defence", "the inquiry"
    text = "Trial\n\nThe defence argued that the witness had lied to the court."
    args = (nlp, text, "The defence", "the witness had lied to the court")
    assert kind_of(*args) == ("defence", "unknown")
    # an organisation's noun "of" a thing is that thing: no body
    text = (
        "Interviews\n\nGoogle asks candidates puzzles. A large body of work suggests that"
        " tests give useful information."
    )
    args = (nlp, text, "A large body of work", "that tests give")
    assert kind_of(*args) is None
    assert kind_of(*args, off="inanimate-no-speaker") == ("large body of work", "organisation")


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Housing\n\nThe new bill would require every landlord to register.", "The new bill",
         "every landlord to register"),
        ("Prisons\n\nThe film, which opens on Friday, explores how prisons changed.",
         "The film, which opens on Friday,", "how prisons changed"),
        ("Phones\n\nA federal lawsuit alleges that the firm hid the fault.", "A federal lawsuit",
         "the firm hid the fault"),
        ("Cuts\n\nOne of them said: Let's say the cuts go ahead.", "Let's", "the cuts go ahead"),
    ],
)  # fmt: skip
def test_a_law_a_work_or_a_word_is_no_speaker(
    nlp: Language, text: str, source: str, content: str
) -> None:
    assert kind_of(nlp, text, source, content) is None


def test_a_noun_that_names_one_person_makes_an_unnamed_individual(nlp: Language) -> None:
    text = "Strike\n\nA pensioner said the buses had been late all week."
    args = (nlp, text, "A pensioner", "the buses had been late all week")
    assert kind_of(*args) == ("pensioner", "person")
    assert kind_of(*args, off="individual-by-noun") == ("pensioner", "unknown")


def test_the_prime_minister_is_not_the_president_he_speaks_of(nlp: Language) -> None:
    text = (
        "Summit hopes\n\nTom Reyes will take a softer line in his second term, Prime Minister"
        " Ann Lowe has said.\n\nThe prime minister said Mr Reyes had changed his approach. Ms"
        ' Lowe had talked with Mr Reyes often. "We will work with other countries," the'
        " president said."
    )
    args = (nlp, text, "the president", "We will work with other countries")
    assert kind_of(*args) == ("Tom Reyes", "person")
    assert kind_of(*args, off="offices-apart") == ("Ann Lowe", "person")
    # nor is a secretary of state the prime minister
    text = (
        "Visas\n\nHome Secretary David Blunkett has resigned. Mr Blunkett said he had done"
        " nothing wrong. The prime minister said he accepted the resignation with regret."
    )
    args = (nlp, text, "The prime minister", "he accepted the resignation")
    assert kind_of(*args) == ("prime minister", "person")
    assert kind_of(*args, off="offices-apart") == ("David Blunkett", "person")


def test_a_party_named_by_its_members_is_the_party(nlp: Language) -> None:
    text = "Tax row\n\nThe Tories said the levy would cost jobs. Many Tories said it would not."
    args = (nlp, text, "The Tories", "the levy would cost jobs")
    assert kind_of(*args) == ("Tories", "organisation")
    assert kind_of(*args, off="party-by-members") == ("Tories", "group")
    # a counted set of its members stays a group
    assert kind_of(nlp, text, "Many Tories", "it would not") == ("Tories", "group")
    # a party of two words is one party, not the Democrats
    text = "Vote\n\nThe Liberal Democrats said they had won two seats."
    args = (nlp, text, "The Liberal Democrats", "they had won two seats")
    assert kind_of(*args) == ("Liberal Democrats", "organisation")
    # a paragraph break before the party is no word of its name
    text = (
        "Budget vote\n\nThe bill passed the House on Tuesday.\n\nRepublicans said the cuts"
        " went too far."
    )
    args = (nlp, text, "Republicans", "the cuts went too far")
    assert kind_of(*args) == ("Republicans", "organisation")


def test_a_document_is_the_owner_its_own_phrase_names(nlp: Language) -> None:
    # a name modifying a modifier of the noun
    text = "Race\n\nA Reuters rolling poll shows the senator ahead by four points."
    args = (nlp, text, "A Reuters rolling poll", "the senator ahead by four points")
    assert kind_of(*args) == ("Reuters", "organisation")
    assert kind_of(*args, off="owner-in-phrase") is None
    # a study by someone, though the article quoted another study, by others, before
    text = (
        "Tax\n\nA study by economists found that the tax cut emissions. A study by Ingrid"
        " Tolley and Kiran Dallow concluded that the tax was too low."
    )
    quotes = [
        quote(text, "A study by economists", "the tax cut emissions"),
        quote(text, "A study by Ingrid Tolley and Kiran Dallow", "the tax was too low"),
    ]
    for off, want in ((None, "Ingrid Tolley"), ("owner-in-phrase", None)):
        settings = SpeakerSettings(disabled=frozenset({off} if off else ()))
        got = resolve(nlp, text, [copy(q) for q in quotes], settings)[1]
        assert (got.name if got is not None else None) == want
    # the outlet an editorial is in
    text = "Race\n\nAn editorial in The Riverton Courier argues the senator should resign."
    args = (nlp, text, "An editorial in The Riverton Courier", "the senator should resign")
    assert kind_of(*args) == ("Riverton Courier", "organisation")
    assert kind_of(*args, off="owner-in-phrase") is None
    # never a place: an Ohio poll is no one's
    text = "Race\n\nA new Ohio poll shows the senator ahead by four points."
    assert kind_of(nlp, text, "A new Ohio poll", "the senator ahead by four points") is None


def test_a_lone_plural_name_of_people_is_a_group(nlp: Language) -> None:
    # a family, by the surname of someone the article names (the NER says PERSON)
    text = (
        "Grief\n\nAmir Khan and his wife Sara lost their son in 2004. The Khans said they"
        " had nothing to hide."
    )
    args = (nlp, text, "The Khans", "had nothing to hide")
    assert kind_of(*args) == ("Khans", "group")
    assert kind_of(*args, off="plural-name-alone") == ("Khans", "organisation")
    # a plural whose singular the article prints, not as a name
    text = "Vote\n\nLatino voters are split. Latinos say the tax is unfair."
    args = (nlp, text, "Latinos", "the tax is unfair")
    assert kind_of(*args) == ("Latinos", "group")
    assert kind_of(*args, off="plural-name-alone") == ("Latinos", "person")
    # but a surname that ends like a plural is the person it names
    text = "Vote\n\nBernard Sanders spoke on Monday. Sanders said the tax is unfair."
    assert kind_of(nlp, text, "Sanders", "the tax is unfair") == ("Bernard Sanders", "person")


def test_a_people_named_by_its_nationalitys_plural_is_a_group(nlp: Language) -> None:
    kinds = []
    for off in (frozenset(), frozenset({"plural-name-alone"})):
        # the NER takes "Thais" for an organisation, but prints "Thai" as a nationality
        doc = parse(nlp, "Thai food is good. Thais say so.", """
            word  head dep    tag  pos   ent    lemma
            Thai  1    amod   JJ   ADJ   B-NORP thai
            food  2    nsubj  NN   NOUN  O      food
            is    2    ROOT   VBZ  AUX   O      be
            good  2    acomp  JJ   ADJ   O      good
            .     2    punct  .    PUNCT O      .
            Thais 6    nsubj  NNPS PROPN B-ORG  Thais
            say   6    ROOT   VBP  VERB  O      say
            so    6    advmod RB   ADV   O      so
            .     6    punct  .    PUNCT O      .
        """)  # fmt: skip
        (got,) = speakers_of(doc, [quote(doc.text, "Thais", "so")], SpeakerSettings(disabled=off))
        kinds.append((got.name, got.kind))
    assert kinds == [("Thais", "group"), ("Thais", "organisation")]


def test_a_possessive_is_no_organisations_longer_name(nlp: Language) -> None:
    # the NER's ORG "Daniel's" is Daniel, not an organisation whose short name is "Daniel"
    text = "Daniel Bernoulli was born in Basel. Daniel's father taught. Daniel said so."
    doc = parse(nlp, text, """
        word      head dep       tag pos   ent      lemma
        Daniel    1    compound  NNP PROPN B-PERSON Daniel
        Bernoulli 3    nsubjpass NNP PROPN I-PERSON Bernoulli
        was       3    auxpass   VBD AUX   O        be
        born      3    ROOT      VBN VERB  O        bear
        in        3    prep      IN  ADP   O        in
        Basel     4    pobj      NNP PROPN B-GPE    Basel
        .         3    punct     .   PUNCT O        .
        Daniel    9    poss      NNP PROPN B-ORG    Daniel
        's        7    case      POS PART  I-ORG    's
        father    10   nsubj     NN  NOUN  O        father
        taught    10   ROOT      VBD VERB  O        teach
        .         10   punct     .   PUNCT O        .
        Daniel    13   nsubj     NNP PROPN B-PERSON Daniel
        said      13   ROOT      VBD VERB  O        say
        so        13   advmod    RB  ADV   O        so
        .         13   punct     .   PUNCT O        .
    """)  # fmt: skip
    (got,) = speakers_of(doc, [quote(doc.text, "Daniel", "so")])
    assert (got.name, got.kind) == ("Daniel Bernoulli", "person")
    assert [m.text for m in got.mentions] == ["Daniel Bernoulli", "Daniel"]


def test_a_name_with_its_initials_in_brackets_is_an_organisation(nlp: Language) -> None:
    # the NER found neither
    kinds = []
    for off in (frozenset(), frozenset({"acronym-is-organisation", "person-needs-evidence"})):
        doc = parse(nlp, "Natural Resources Wales (NRW) said levels rose.", """
            word      head dep      tag   pos   ent lemma
            Natural   2    compound NNP   PROPN O   Natural
            Resources 2    compound NNP   PROPN O   Resources
            Wales     6    nsubj    NNP   PROPN O   Wales
            (         2    punct    -LRB- PUNCT O   (
            NRW       2    appos    NNP   PROPN O   NRW
            )         2    punct    -RRB- PUNCT O   )
            said      6    ROOT     VBD   VERB  O   say
            levels    8    nsubj    NNS   NOUN  O   level
            rose      6    ccomp    VBD   VERB  O   rise
            .         6    punct    .     PUNCT O   .
        """)  # fmt: skip
        quotes = [quote(doc.text, "Natural Resources Wales", "levels rose")]
        (got,) = speakers_of(doc, quotes, SpeakerSettings(disabled=off))
        kinds.append((got.name, got.kind))
    assert kinds == [
        ("Natural Resources Wales", "organisation"),
        ("Natural Resources Wales", "person"),
    ]


def test_a_name_in_apposition_to_a_role_is_a_person(nlp: Language) -> None:
    # the NER takes the name after "chief observer," for an organisation's
    text = (
        "Vote\n\nOpposition leaders called for a recount. The European Union's chief "
        "observer, Marietje Schaake, said there had been some irregularities."
    )
    source = "The European Union's chief observer, Marietje Schaake,"
    args = (nlp, text, source, "there had been some irregularities")
    assert kind_of(*args) == ("Marietje Schaake", "person")
    # off, the organisation's name is no person's, and the role speaks unnamed
    assert kind_of(*args, off="classified-name") == ("European Union's chief observer", "person")


def test_a_trades_noun_opening_the_sentence_is_no_part_of_the_name(nlp: Language) -> None:
    text = "Games\n\nShops said sales had been slow. Retailer Game said it expected a rush."
    args = (nlp, text, "Retailer Game", "it expected a rush")
    assert kind_of(*args) == ("Game", "organisation")
    assert kind_of(*args, off="opening-noun-apart") == ("Retailer Game", "organisation")


def test_a_name_with_a_which_clause_is_no_persons(nlp: Language) -> None:
    text = (
        "Storm\n\nThousands of passengers were stranded. BAA, which runs the airports, said"
        " terminals had stayed open."
    )
    args = (nlp, text, "BAA, which runs the airports,", "terminals had stayed")
    assert kind_of(*args) == ("BAA", "organisation")  # the NER says PERSON here
    assert kind_of(*args, off="classified-name") == ("BAA", "person")


def test_a_short_name_in_brackets_is_the_organisations(nlp: Language) -> None:
    text = (
        "Fraud\n\nThe Association for Payment Clearing Services (Apacs) said fraud had risen."
        " Online, Apacs said, most losses were covered by the banks."
    )
    quotes = [quote(text, "Apacs", "most losses", nth=1)]
    got = resolve(nlp, text, quotes)[0]
    assert (got.name, got.kind) == ("Association for Payment Clearing Services", "organisation")
    off = resolve(nlp, text, quotes, SpeakerSettings(disabled=frozenset({"bracketed-short-name"})))
    assert off[0].name == "Apacs"


def test_a_quantifier_alone_is_a_group(nlp: Language) -> None:
    text = "Closure\n\nVillagers packed the hall. Many said they had not been consulted."
    args = (nlp, text, "Many", "they had not been")
    assert kind_of(*args) == ("Many", "group")
    assert kind_of(*args, off="quantifier-is-group") == ("Many", "unknown")


def test_a_capitalised_set_before_a_name_is_an_organisation(nlp: Language) -> None:
    text = (
        "Wind farm\n\nResidents oppose the plan. The Friends of the Lake District said the"
        " scheme was too big."
    )
    args = (nlp, text, "The Friends of the Lake District", "the scheme was")
    assert kind_of(*args) == ("Friends of the Lake District", "organisation")
    assert kind_of(*args, off="capitalised-set") == ("Friends of the Lake District", "group")


def test_a_common_nouns_plural_is_a_group_whatever_the_ner(nlp: Language) -> None:
    text = "Phones\n\nThe phone went on sale on Friday. Retailers said early sales had been strong."
    args = (nlp, text, "Retailers", "early sales")
    assert kind_of(*args) == ("Retailers", "group")  # the NER says ORG
    assert kind_of(*args, off="common-plural-is-group") == ("Retailers", "organisation")


def test_a_party_the_ner_missed_is_an_organisation(nlp: Language) -> None:
    text = "Tax\n\nBills will rise by 5%. Plaid Cymru said the rise was a tax on pensioners."
    args = (nlp, text, "Plaid Cymru", "the rise was")
    assert kind_of(*args) == ("Plaid Cymru", "organisation")
    assert kind_of(*args, off="known-organisation") == ("Plaid Cymru", "person")


def test_a_name_after_a_trades_noun_the_ner_missed_is_an_organisation(nlp: Language) -> None:
    text = (
        "Consoles\n\nShops said sales were slow. Games retailer Gamestation said it expected"
        " a rush."
    )
    args = (nlp, text, "Games retailer Gamestation", "it expected a rush")
    assert kind_of(*args) == ("Gamestation", "organisation")
    # `called-it` says so too, of one word that is no first name
    off = SpeakerSettings(
        disabled=frozenset({"classified-name", "called-it", "person-needs-evidence"})
    )
    got = resolve(nlp, text, [quote(text, "Games retailer Gamestation", "it expected")], off)[0]
    assert (got.name, got.kind) == ("Gamestation", "person")


def test_an_organisations_name_keeps_its_first_word_before_and(nlp: Language) -> None:
    text = (
        "Consoles\n\nSales rose. The Entertainment and Leisure Software Publishers Association"
        " said 8 million consoles were sold."
    )
    args = (nlp, text, "The Entertainment and Leisure Software Publishers Association", "8 million")
    whole = "Entertainment and Leisure Software Publishers Association"
    assert kind_of(*args) == (whole, "organisation")
    assert kind_of(*args, off="whole-name")[0] != whole


def test_a_nationality_in_a_trades_epithet_names_the_company(nlp: Language) -> None:
    text = (
        "PlayStation\n\nSony is to cut the price of its console in Europe. The Japanese"
        " electronics giant said the move would help it compete."
    )
    args = (nlp, text, "The Japanese electronics giant", "the move would")
    assert kind_of(*args) == ("Sony", "organisation")
    assert kind_of(*args, off="nearest-organisation") == (
        "Japanese electronics giant",
        "organisation",
    )


PLEDGES = (
    "Lib Dems unveil election pledges\n\nThe Liberal Democrats have promised to scrap"
    " tuition fees and introduce free personal care for the elderly.\n\nParty leader"
    " Charles Kennedy said the plans would be paid for by a new 50% tax rate on"
    ' incomes over £100,000. "This is a fair and honest way to pay for what we want,"'
    " he told the party's spring conference.\n\nThe Conservatives said the tax would"
    ' hit "aspiration". Shadow chancellor Oliver Letwin said the Lib Dems\' sums did'
    ' not add up.\n\nLabour said the plans were "uncosted and unworkable". A party'
    " spokesman said voters would see through them.\n\nThe Institute for Fiscal Studies"
    " said the tax would raise less than the Lib Dems claimed. The think tank said"
    " the rich would find ways to avoid it."
)


def test_a_one_word_party_the_ner_took_for_a_person_is_an_organisation(nlp: Language) -> None:
    args = (nlp, PLEDGES, "Labour", "the plans were")
    assert kind_of(*args) == ("Labour", "organisation")  # the NER says PERSON here
    assert kind_of(*args, off="known-organisation") == ("Labour", "person")


def test_the_think_tank_is_the_one_just_named(nlp: Language) -> None:
    args = (nlp, PLEDGES, "The think tank", "the rich would")
    assert kind_of(*args) == ("Institute for Fiscal Studies", "organisation")
    assert kind_of(*args, off="nearest-organisation") == ("think tank", "organisation")


def test_a_name_after_an_honorific_is_a_persons(nlp: Language) -> None:
    text = (
        "Archbishop warns over gambling\n\nThe Archbishop of Canterbury, Dr Rowan Williams, has"
        " warned that plans for super-casinos will harm the poor.\n\nDr Williams said ministers"
        " had underestimated the social cost. Culture Secretary Tessa Jowell said the bill"
        " contained strong protections.\n\nLord Turner, the former head of the CBI, said the"
        " economic case was weak."
    )
    args = (nlp, text, "Lord Turner, the former head of the CBI,", "the economic case")
    assert kind_of(*args) == ("Turner", "person")  # the NER says ORG
    assert kind_of(*args, off="classified-name") == ("Turner", "organisation")


def test_a_name_after_a_trades_noun_is_the_organisations_wherever_printed(
    nlp: Language,
) -> None:
    text = (
        "Odds\n\nBookmakers William Hill have cut the odds on a white Christmas. The firm said"
        " it had taken 200 bets."
    )
    args = (nlp, text, "The firm", "it had taken 200 bets")
    assert kind_of(*args) == ("William Hill", "organisation")  # the NER says PERSON
    # a bookmaker's noun is a trade's, and its plural before one name a firm's: either says it
    assert kind_of(*args, off="classified-name") == ("William Hill", "organisation")
    assert kind_of(*args, off="firm-after-plural") == ("William Hill", "organisation")
    off = SpeakerSettings(disabled=frozenset({"classified-name", "firm-after-plural"}))
    got = resolve(nlp, text, [quote(text, "The firm", "it had taken 200 bets")], off)[0]
    assert got is not None and (got.name, got.kind) == ("firm", "organisation")


def test_a_name_ending_in_a_shops_word_is_an_organisation(nlp: Language) -> None:
    text = (
        "Phones\n\nCarphone Warehouse has reported a rise in profits. Carphone Warehouse said it"
        " planned to open 100 shops."
    )
    args = (nlp, text, "Carphone Warehouse", "it planned to open 100 shops")
    assert kind_of(*args) == ("Carphone Warehouse", "organisation")  # the NER says PERSON
    assert kind_of(*args, off="org-word-in-name") == ("Carphone Warehouse", "person")


def test_a_title_word_opening_a_companys_name_stays_in_it(nlp: Language) -> None:
    text = (
        "Sauce\n\nAsda has withdrawn products. Premier Foods, which made the sauce, said it was"
        " working with the agency."
    )
    args = (nlp, text, "Premier Foods, which made the sauce,", "it was working")
    assert kind_of(*args) == ("Premier Foods", "organisation")  # not "Premier" Foods, a person
    assert kind_of(*args, off="org-word-in-name") == ("Foods", "person")


def test_a_spokesmans_phrase_ends_in_its_head(nlp: Language) -> None:
    # the parser makes the department the phrase's head, a spokesman hanging on it
    text = (
        "Fuel\n\nThe government said it had spent £2bn. A Department for Work and Pensions"
        ' spokesman said: "We are determined to tackle fuel poverty."'
    )
    source = "A Department for Work and Pensions spokesman"
    args = (nlp, text, source, "We are determined")
    name = "Department for Work and Pensions spokesman"
    assert kind_of(*args) == (name, "person")
    assert kind_of(*args, off="unnamed-individual") == (name, "organisation")


def test_a_which_clause_makes_a_name_the_ner_missed_no_persons(nlp: Language) -> None:
    text = (
        "Summit\n\nThe Queen will miss Commonwealth talks in Malta. Republic, which campaigns for"
        " an elected head of state, said the monarchy was out of touch."
    )
    args = (nlp, text, "Republic, which campaigns for an elected head of state,", "the monarchy")
    assert kind_of(*args) == ("Republic", "organisation")
    assert kind_of(*args, off="classified-name") == ("Republic", "person")


def test_one_word_the_article_calls_its_is_an_organisation(nlp: Language) -> None:
    text = (
        "Holidays\n\nComplaints about holidays rose by 20% last year. Abta said most complaints"
        ' were about hotels. Its spokesman, Keith Betton, said: "Most holidays go well."'
    )
    args = (nlp, text, "Abta", "most complaints were")
    assert kind_of(*args) == ("Abta", "organisation")  # the NER says PERSON
    assert kind_of(*args, off="called-it") == ("Abta", "person")


def test_a_house_of_parliament_is_an_organisation(nlp: Language) -> None:
    text = "Hunting\n\nMPs have voted to ban hunting. The Commons voted 356 to 166 for a ban."
    args = (nlp, text, "The Commons", "356 to 166")
    assert kind_of(*args) == ("Commons", "organisation")
    assert kind_of(*args, off="known-organisation") == ("Commons", "person")


def test_a_name_the_ner_missed_after_a_trades_noun_is_an_organisation(nlp: Language) -> None:
    text = (
        "Search\n\nInternet company Ask Jeeves has agreed to buy a British search engine. The"
        " Californian firm said the deal would give it a bigger share of the market."
    )
    args = (nlp, text, "The Californian firm", "the deal would give it")
    assert kind_of(*args) == ("Ask Jeeves", "organisation")  # the NER finds no name
    assert kind_of(*args, off="classified-name") == ("Californian firm", "organisation")


def test_a_football_club_the_ner_takes_for_a_person_is_an_organisation(nlp: Language) -> None:
    text = (
        "Fine\n\nMillwall have been fined after their fans threw coins during a match against"
        ' West Ham. Millwall chairman Theo Paphitis said: "We have done everything we can."'
        " West Ham said they welcomed the decision."
    )
    quotes = [quote(text, "West Ham", "they welcomed", nth=1)]
    got = resolve(nlp, text, quotes)[0]
    assert (got.name, got.kind) == ("West Ham", "organisation")
    off = SpeakerSettings(disabled=frozenset({"known-organisation"}))
    got = resolve(nlp, text, quotes, off)[0]
    assert (got.name, got.kind) == ("West Ham", "person")  # "West", a first name to the prior


def test_a_company_by_where_it_is_based_is_the_one_just_named(nlp: Language) -> None:
    text = (
        "Profits\n\nBudget airline Ryanair has reported a rise in profits. The Dublin-based"
        " carrier said it had carried 30 million passengers."
    )
    args = (nlp, text, "The Dublin-based carrier", "it had carried")
    assert kind_of(*args) == ("Ryanair", "organisation")
    assert kind_of(*args, off="nearest-organisation") == ("Dublin-based carrier", "organisation")


@pytest.mark.parametrize(
    ("text", "source", "content", "on", "off", "rule"),
    [
        (  # a charity's last word
            "Recall\n\nDrug company Merck has withdrawn its painkiller after a study linked it to"
            " strokes.\n\nArthritis Care said the news would worry many people.",
            "Arthritis Care",
            "the news would",
            ("Arthritis Care", "organisation"),
            ("Arthritis Care", "person"),
            "org-word-in-name",
        ),
        (  # a body's head opening a name the NER missed
            "Delays\n\nHundreds of services will be cancelled this weekend for engineering work."
            "\n\nNetwork Rail said the work was needed to finish the upgrade.",
            "Network Rail",
            "the work was needed",
            ("Network Rail", "organisation"),
            ("Network Rail", "person"),
            "org-word-in-name",
        ),
        (  # a capitalised word the tagger took for a noun, beside an organisation's noun
            "Powers\n\nThe Home Office plans new powers. Freedom, the civil liberties group,"
            " said the plans should be dropped.",
            "Freedom, the civil liberties group,",
            "the plans should be dropped",
            ("Freedom", "organisation"),
            None,  # no name, and "Freedom" no description
            "apposition",
        ),
        (  # one of a set of people is one of them
            "Police\n\nOne of Scotland's most senior police officers has criticised the plans."
            " The plans were published on Monday.",
            "One of Scotland's most senior police officers",
            "the plans",
            ("One of Scotland's most senior police officers", "person"),
            ("One of Scotland's most senior police officers", "unknown"),
            "one-of-people",
        ),
    ],
)
def test_evidence_in_a_name_or_beside_it_gives_its_kind(
    nlp: Language,
    text: str,
    source: str,
    content: str,
    on: tuple[str, str],
    off: tuple[str, str] | None,
    rule: str,
) -> None:
    args = (nlp, text, source, content)
    assert kind_of(*args) == on
    assert kind_of(*args, off=rule) == off


def test_a_name_after_a_made_things_noun_is_no_persons(nlp: Language) -> None:
    text = (
        "Recall\n\nDrug company Merck has withdrawn its arthritis painkiller Vioxx after a study"
        " linked it to heart attacks. Vioxx was taken by millions."
    )
    doc = nlp(text)
    labels = {e.text: e.label_ for e in DocumentView(doc, []).ents}
    assert labels["Vioxx"] == "PRODUCT"  # both times: no person a pronoun could find
    off = SpeakerSettings(disabled=frozenset({"product-name"}))
    assert {e.text: e.label_ for e in DocumentView(doc, [], settings=off).ents}["Vioxx"] == "PERSON"


def test_a_persons_noun_the_ner_ran_into_a_headline_is_no_name(nlp: Language) -> None:
    text = (
        "Soap star quits Street\n\nActress Suranne Jones is to leave Coronation Street. The"
        " 26-year-old said she wanted to try new things."
    )
    doc = nlp(text)
    assert "Actress" not in {e.text for e in DocumentView(doc, []).ents}
    off = SpeakerSettings(disabled=frozenset({"sentence-initial-noun"}))
    assert "Actress" in {e.text for e in DocumentView(doc, [], settings=off).ents}


def test_a_known_name_the_parser_read_as_a_verb_is_the_organisation(nlp: Language) -> None:
    text = "Poverty\n\nSave the Children said one child in four went without a hot meal."
    args = (nlp, text, "Save the Children", "one child in four")
    assert kind_of(*args) == ("Save the Children", "organisation")
    assert kind_of(*args, off="known-organisation") is None


def test_a_person_noun_is_no_organisation_set_beside_it(nlp: Language) -> None:
    text = (
        "Concert\n\nThe show was cancelled. A spokesman for the venue, the SECC, said fans"
        " had been understanding."
    )
    args = (nlp, text, "A spokesman for the venue, the SECC,", "fans had been")
    assert kind_of(*args) == ("spokesman for the venue", "person")  # not the SECC


@pytest.mark.parametrize(
    "text",
    [
        "Prize\n\nA 15-year-old schoolgirl from Glasgow has won a poetry prize. Glasgow is proud.",
        "Burglar jailed\n\nA burglar who left his blood at the scene of a break-in has been"
        " jailed.\n\nMark Evans, 34, of Swansea, cut his hand on a window while breaking into a"
        " house in the city in 2003.\n\nSwansea Crown Court heard that police matched the blood"
        " to his DNA.",
    ],
)
def test_a_name_after_an_age_is_where_one_lives(nlp: Language, text: str) -> None:
    place = "Glasgow" if "Glasgow" in text else "Swansea"
    doc = nlp(text)
    on = [e.label_ for e in DocumentView(doc, []).ents if e.text == place]
    off = SpeakerSettings(disabled=frozenset({"hometown"}))
    assert on and set(on) == {"GPE"}
    assert set(on) != {
        e.label_ for e in DocumentView(doc, [], settings=off).ents if e.text == place
    }


def test_a_devolved_government_is_no_executive_just_named(nlp: Language) -> None:
    text = (
        "Strike\n\nEIS general secretary Ronnie Smith said teachers had no choice. The Scottish"
        " Executive said the pay offer was generous."
    )
    args = (nlp, text, "The Scottish Executive", "the pay offer")
    assert kind_of(*args) == ("Scottish Executive", "organisation")
    assert kind_of(*args, off="known-organisation") == ("Ronnie Smith", "person")


def test_a_club_its_clause_calls_they_is_an_organisation(nlp: Language) -> None:
    text = (
        "Rangers sign Swede\n\nRangers have completed the signing of Swedish defender Erik Lund"
        " from Valerenga for £1m.\n\nThe 25-year-old has agreed a three-year deal at Ibrox."
        " Valerenga said they were sad to see him go."
    )
    args = (nlp, text, "Valerenga", "they were sad")
    assert kind_of(*args) == ("Valerenga", "organisation")
    assert kind_of(*args, off="called-they") == ("Valerenga", "person")


def test_a_company_the_next_sentence_calls_the_firm_is_an_organisation(nlp: Language) -> None:
    text = (
        "Broadband\n\nPrices are set to fall, analysts say.\n\nFreeserve warned that cheaper"
        " deals could mean slower connections. The French-owned firm said it would not join a"
        " price war."
    )
    args = (nlp, text, "The French-owned firm", "it would not join")
    assert kind_of(*args) == ("Freeserve", "organisation")
    assert kind_of(*args, off="called-they") == ("French-owned firm", "organisation")


@pytest.mark.parametrize(
    ("text", "source", "content", "on", "off", "rule"),
    [
        (  # a shop named in the possessive
            "Profits\n\nSainsbury's said sales rose by 2% in the three months to June.",
            "Sainsbury's",
            "sales rose",
            ("Sainsbury's", "organisation"),
            ("Sainsbury", "organisation"),
            "whole-name",
        ),
        (  # a charity so named, which the NER missed
            "Poverty\n\nBarnardo's said one child in four lived in poverty.",
            "Barnardo's",
            "one child in four",
            ("Barnardo's", "organisation"),
            ("Barnardo", "organisation"),  # known, but without the "'s" it owns nothing
            "whole-name",
        ),
        (  # a company's name in camel case
            "Fuel\n\nAirlines face higher costs this winter. Rival easyJet said it had bought most"
            " of its fuel in advance.",
            "Rival easyJet",
            "it had bought",
            ("easyJet", "organisation"),
            ("Rival easyJet", "unknown"),
            "camel-case-name",
        ),
        (  # a trade's word before a noun that may name a person or a firm
            "Takeover\n\nVideo games publisher Eidos has confirmed it is in talks that may lead"
            " to a takeover.",
            "Video games publisher Eidos",
            "it is in talks",
            ("Eidos", "organisation"),
            ("Video games", "group"),
            "classified-name",
        ),
        (  # ... and the parse that reads the trade as a subject of its own
            "Takeover\n\nVideo games publisher Eidos has confirmed it is in talks that may lead"
            " to a takeover.",
            "Video games publisher Eidos",
            "it is in talks",
            ("Eidos", "organisation"),
            ("Video games", "group"),
            "named-description",
        ),
        (  # a chain's name the tagger reads as a plural
            "Profits\n\nSupermarket chain Morrisons has issued a profits warning. The"
            " Bradford-based group said profits would be lower.",
            "Supermarket chain Morrisons",
            "a profits warning",
            ("Morrisons", "organisation"),
            ("Morrisons", "person"),
            "classified-name",
        ),
        (  # a publisher may be a firm: the one its apposition names
            "Libel\n\nThe singer won damages. The newspaper's publisher, Trinity Mirror,"
            " apologised and agreed to pay her costs.",
            "The newspaper's publisher, Trinity Mirror,",
            "to pay her costs",
            ("Trinity Mirror", "organisation"),
            ("newspaper's publisher", "person"),
            "apposition",
        ),
        (  # a known name that opens with a person's noun, after its description
            "Deal\n\nPhone makers have agreed a common charger. Environmental group Friends of the"
            " Earth said the deal was a step forward.",
            "Environmental group Friends of the Earth",
            "the deal was",
            ("Friends of the Earth", "organisation"),
            ("Environmental group Friends of the Earth", "group"),
            "known-organisation",
        ),
        (  # "the … Executive", a body, no chief executive just named
            "Death\n\nThe trust's chief executive, Dr Alan Fisher, said procedures had changed."
            " The Health and Safety Executive said the death could have been avoided.",
            "The Health and Safety Executive",
            "the death could",
            ("Health and Safety Executive", "organisation"),
            ("Alan Fisher", "person"),
            "org-word-in-name",
        ),
        (  # a team's position with an age: a player
            "Lions\n\nIreland's Brian O'Driscoll will captain the Lions. Coach Clive Woodward said"
            " he was the best choice. The 26-year-old centre said he was honoured.",
            "The 26-year-old centre",
            "he was honoured",
            ("Brian O'Driscoll", "person"),
            ("26-year-old centre", "organisation"),
            "age-or-sex",
        ),
        (  # ... and no coach
            "Lions\n\nIreland's Brian O'Driscoll will captain the Lions. Coach Clive Woodward said"
            " he was the best choice. The 26-year-old centre said he was honoured.",
            "The 26-year-old centre",
            "he was honoured",
            ("Brian O'Driscoll", "person"),
            ("Clive Woodward", "person"),
            "offices-apart",
        ),
        (  # a person's noun opening the sentence before an organisation's name
            "Tour\n\nTheir record label, Northgate Records, said refunds would be available.\n\n"
            "Promoter Live Nation said it hoped to reschedule the UK dates for the autumn.",
            "Promoter Live Nation",
            "it hoped",
            ("Live Nation", "organisation"),
            ("Promoter Live Nation", "organisation"),
            "opening-noun-apart",
        ),
        (  # ... before a person's the NER ran into the headline's organisation
            "Orchestra\n\nConductor Marin Alsop said she was heartbroken.",
            "Conductor Marin Alsop",
            "she was heartbroken",
            ("Marin Alsop", "person"),
            ("Conductor Marin Alsop", "organisation"),
            "opening-noun-apart",
        ),
        (  # a research firm's last word
            "Google\n\nIndustry analyst Jupiter Research said the move was aimed at Microsoft.",
            "Industry analyst Jupiter Research",
            "the move was aimed",
            ("Jupiter Research", "organisation"),
            ("Jupiter Research", "person"),
            "org-word-in-name",
        ),
        (  # one person of a region
            "Zimbabwe\n\nCaptain Michael Vaughan said the squad would go. The Yorkshireman said:"
            ' "We are cricketers, not politicians."',
            "The Yorkshireman",
            "We are cricketers",
            ("Michael Vaughan", "person"),
            ("Yorkshireman", "organisation"),
            "nationality-epithet",
        ),
        (  # an inquiry finds, but is no speaker
            "Visa\n\nAn inquiry found that the application had been speeded up.",
            "An inquiry",
            "the application had",
            None,
            ("inquiry", "unknown"),
            "things-no-speaker",
        ),
        (  # a company ranked in the world: the one just named
            "Forecast\n\nChip maker Intel has cut its sales forecast. The world's biggest maker of"
            " computer chips said demand had been weaker than expected.",
            "The world's biggest maker of computer chips",
            "demand had been",
            ("Intel", "organisation"),
            ("world's biggest maker of computer chips", "organisation"),
            "nearest-organisation",
        ),
        (  # a field's body: the one just named
            "Mourinho charged by Uefa\n\nChelsea manager Jose Mourinho has been charged by Uefa"
            " over comments he made about referee Anders Frisk.\n\nEuropean football's governing"
            " body said Mourinho had brought the game into disrepute.",
            "European football's governing body",
            "Mourinho had brought",
            ("Uefa", "organisation"),
            ("European football's governing body", "organisation"),
            "nearest-organisation",
        ),
        (  # a trade's publisher the NER took for a person is the company "The US company" is
            "Games firm sees profits jump\n\nGames publisher Electronic Arts has reported a 40%"
            " jump in profits. The US company said its football games had sold well.",
            "The US company",
            "its football games",
            ("Electronic Arts", "organisation"),
            ("US company", "organisation"),
            "classified-name",
        ),
        (  # a band by its size
            "Keane to tour America\n\nSussex band Keane are to play 20 dates in the US this"
            " spring.\n\nThe trio, whose debut album sold two million copies, said they could"
            " not wait.",
            "The trio, whose debut album sold two million copies,",
            "they could not wait",
            ("Keane", "organisation"),
            ("trio", "organisation"),
            "nearest-organisation",
        ),
        (  # ... but a set of what it counts
            "Spending\n\nA trio of PACs said they had raised $10m for the race.",
            "A trio of PACs",
            "they had raised",
            ("trio of PACs", "group"),
            ("trio of PACs", "organisation"),
            "sets-are-groups",
        ),
        (  # a broadcaster by a name with a number, which the NER missed
            "Channel 4 axes show\n\nChannel 4 has axed a spin-off of Big Brother after poor"
            " ratings.\n\nThe broadcaster said the show had not found an audience.",
            "The broadcaster",
            "the show had not",
            ("Channel 4", "organisation"),
            ("broadcaster", "organisation"),
            "known-organisation",
        ),
        (  # a captain plays in a position: "the full-back", a word the tokenizer splits
            "Rugby\n\nEngland captain Jason Robinson, who scored two tries, said it had been a"
            ' proud day. The full-back said: "It was a great team performance."',
            "The full-back",
            "It was a great team",
            ("Jason Robinson", "person"),
            ("full-back", "person"),
            "nearest-person",
        ),
        (  # a name the NER began after its "and"
            "Drink\n\nThe British Beer and Pub Association said most pubs were run responsibly.",
            "The British Beer and Pub Association",
            "most pubs",
            ("British Beer and Pub Association", "organisation"),
            ("Pub Association", "organisation"),
            "whole-name",
        ),
        (  # what only a company owns outweighs the person's noun before it
            "Expedia profits beat forecasts\n\nOnline travel agent Expedia has reported profits"
            " ahead of expectations.\n\nThe firm said bookings rose 24% in the three months to"
            " September. Expedia's shares rose 3% in New York trading.",
            "The firm",
            "bookings rose",
            ("Expedia", "organisation"),
            ("firm", "organisation"),
            "company-possessions",
        ),
        (  # an organisation introduced by a public body's noun is no broadcaster
            "Fine\n\nITV has been fined £25,000 over a quiz show. Regulator Ofcom said the"
            " programme broke its code. The broadcaster said it had dropped the show.",
            "The broadcaster",
            "it had dropped",
            ("ITV", "organisation"),
            ("broadcaster", "organisation"),
            "nearest-organisation",
        ),
        (  # a single word set beside an organisation's noun
            "Strike\n\nThe drivers' union, Aslef, said its members had been left with no choice.",
            "The drivers' union, Aslef,",
            "its members",
            ("Aslef", "organisation"),
            ("Aslef", "person"),
            "classified-name",
        ),
        (  # a relation's word before a name with a digit
            "Phones\n\nVodafone said sales were strong. Rival O2 said it had signed up a"
            " million customers.",
            "Rival O2",
            "it had signed",
            ("O2", "organisation"),
            ("O2", "person"),
            "opening-noun-apart",
        ),
        (  # a nationality to the NER that the article calls "it"
            "Broadband\n\nBT is to cut its prices. Rival Tiscali said it would match the cuts.",
            "Rival Tiscali",
            "it would match",
            ("Tiscali", "organisation"),
            ("Rival Tiscali", "group"),
            "called-it",
        ),
        (  # a player of a team is its international
            "Fine\n\nArsenal defender Ashley Cole was fined £100,000. The England international"
            " said he was shocked by the fine.",
            "The England international",
            "he was shocked",
            ("Ashley Cole", "person"),
            ("England international", "person"),
            "nearest-person",
        ),
        (  # ... and anyone famous a star
            "Oscars\n\nActress Imelda Staunton said she was thrilled. The British star said the"
            " lunch had been like a school reunion.",
            "The British star",
            "the lunch had been",
            ("Imelda Staunton", "person"),
            ("British star", "person"),
            "nearest-person",
        ),
        (  # one noun for a household of people
            "Inquiry\n\nA pensioner died in a hospital corridor. The family said she had been"
            " treated like a parcel.",
            "The family",
            "she had been treated",
            ("family", "group"),
            ("family", "unknown"),
            "sets-are-groups",
        ),
        (  # a role held no longer stands against none ("Former chat show host")
            "Party\n\nFormer chat show host Robert Kilroy-Silk has launched a party.\n\nThe MEP,"
            " who quit UKIP last week, said the party would stand everywhere.",
            "The MEP, who quit UKIP last week,",
            "the party would stand",
            ("Robert Kilroy-Silk", "person"),
            ("MEP", "person"),
            "nearest-person",
        ),
        (  # a trade and its noun the NER ran into the name opening a sentence
            "Singer dropped\n\nRecord company EMI has dropped the singer after poor sales. EMI"
            " said the decision had been taken with regret.",
            "Record company EMI",
            "the singer",
            ("EMI", "organisation"),
            ("Record company EMI", "organisation"),
            "opening-noun-apart",
        ),
        (  # a name the NER missed, of someone who speaks, is there for the lead to find
            "Ban\n\nLawyer attacks terror laws\n\nA leading human rights lawyer has attacked"
            " plans to hold suspects at home.\n\nGareth Peirce, who represents several"
            " detainees, said the plans were a disgrace.",
            "A leading human rights lawyer",
            "plans to hold",
            ("Gareth Peirce", "person"),
            ("leading human rights lawyer", "person"),
            "missed-person-name",
        ),
        (  # ... or right after a person's noun
            "Athlete banned over drugs test\n\nSprinter Dwain Chambers has been banned for two"
            " years.\n\nUK Athletics said the ban would run until November. Its chief"
            " executive, David Moorcroft, said it was a sad day.\n\nChambers' solicitor said the"
            " athlete would appeal. The 26-year-old has always denied knowingly taking drugs.",
            "The 26-year-old",
            "knowingly taking",
            ("Dwain Chambers", "person"),
            ("David Moorcroft", "person"),
            "missed-person-name",
        ),
        (  # a shop's "'s" that owns nothing, where the NER missed the name
            "Supermarket sales slow\n\nTesco has reported its slowest sales growth for a"
            " year.\n\nRival Sainsbury's, which is trying to win back customers, reports its"
            " results next week.",
            "Rival Sainsbury's, which is trying to win back customers,",
            "its results",
            ("Sainsbury's", "organisation"),
            ("Sainsbury", "organisation"),  # which no person is
            "whole-name",
        ),
        (  # a person named beside a relation's noun, whom the NER took for an organisation
            "Golf\n\nWelsh golfer Ian Woosnam has been named captain of Europe's Ryder Cup"
            " team.\n\nWoosnam's predecessor, Bernhard Langer, said the Welshman would do a"
            " great job.",
            "Woosnam's predecessor, Bernhard Langer,",
            "the Welshman would",
            ("Bernhard Langer", "person"),
            ("Woosnam's predecessor", "person"),
            "classified-name",
        ),
        (  # two people together
            "Cannes\n\nThe Belgian brothers Jean-Pierre and Luc Dardenne have won the Palme"
            " d'Or.\n\nThe pair, who also won the prize in 1999, said they were very moved.",
            "The pair, who also won the prize in 1999,",
            "they were very moved",
            ("pair", "group"),
            ("pair", "unknown"),
            "sets-are-groups",
        ),
        (  # a club's name the NER took for a person's, in the possessive
            "Man Utd agree Glazer takeover talks\n\nManchester United's board has agreed to open"
            " its books to US tycoon Malcolm Glazer.\n\nThe club said it had received a"
            " proposal. Supporters' group Shareholders United said fans would fight the bid.",
            "The club",
            "it had received",
            ("Manchester United", "organisation"),
            ("club", "organisation"),
            # its board makes it a company too
            ("org-word-in-name", "company-possessions", "person-needs-evidence"),
        ),
        (  # a one-word name, no first name, beside a trade's noun a company holds
            "Prize\n\nNovelist Mary Quinn has won the prize for her third book. Her publisher,"
            " Headline, said sales had doubled since the shortlist.",
            "Her publisher, Headline,",
            "sales had doubled",
            ("Headline", "organisation"),
            ("Headline", "person"),
            "company-role",
        ),
        (  # ... after it, with its trade
            "Runway\n\nThe second runway has been approved. Airport owner BAA said work would"
            " start next year.",
            "Airport owner BAA",
            "work would start",
            ("BAA", "organisation"),
            ("BAA", "person"),
            "company-role",
        ),
        (  # a public body named after two places, one of which the NER took for a person
            "Missing girl\n\nHer mother said the family was desperate for news.\n\nAvon and"
            " Somerset Police said officers were checking CCTV footage.",
            "Avon and Somerset Police",
            "officers were checking",
            ("Avon and Somerset Police", "organisation"),
            ("Somerset Police", "organisation"),
            "whole-name",
        ),
        (  # a name "of" something the NER cut at its "and"
            "Recall\n\nCarmaker Ford is recalling 100,000 cars because of a fault with the"
            " brakes.\n\nThe Society of Motor Manufacturers and Traders said recalls were"
            " becoming more common as cars became more complex.",
            "The Society of Motor Manufacturers and Traders",
            "recalls were becoming",
            ("Society of Motor Manufacturers and Traders", "organisation"),
            ("Society of Motor Manufacturers", "organisation"),
            "whole-name",
        ),
        (  # a plural of people before a capitalised preposition opens a name
            "Protest\n\nDairy farmers blocked three depots overnight. Fathers For Farming, which"
            " organised the protest, said more would follow.",
            "Fathers For Farming, which organised the protest,",
            "more would follow",
            ("Fathers For Farming", "organisation"),
            ("Fathers For Farming", "group"),
            "capitalised-set",
        ),
        (  # a party's members in the headline are the party the body names
            "Tories pledge tax cuts\n\nThe Conservatives have promised to cut income tax by 2p"
            " if they win the election.",
            "Tories",
            "tax cuts",
            ("Conservatives", "organisation"),
            ("Tories", "group"),
            "party-by-members",
        ),
        (  # what one did once fits the subject just before, where no one's role fits it
            "Bid\n\nLondon Mayor Ken Livingstone said the bid was strong. Bid leader Lord Coe"
            " said the plans were on budget. The former athlete told reporters the stadium would"
            " be ready in time.",
            "The former athlete",
            "the stadium would be ready",
            ("Coe", "person"),
            ("Ken Livingstone", "person"),
            "former-role-fits",
        ),
        (  # a regulator is an organisation's epithet
            "Racing\n\nTwo jockeys have been cleared by the Jockey Club after an inquiry into a"
            " race at Newmarket.\n\nThe sport's regulator said there was not enough evidence to"
            " charge them.",
            "The sport's regulator",
            "there was not enough evidence",
            ("Jockey Club", "organisation"),
            ("sport's regulator", "organisation"),
            "nearest-organisation",
        ),
        (  # a band by its size and where it comes from
            "Split\n\nRock band The Drifting Stones have announced they are to split after 15"
            " years.\n\nThe four-piece from Leeds said they wanted to pursue other projects.",
            "The four-piece from Leeds",
            "they wanted to pursue",
            ("Drifting Stones", "organisation"),
            ("four-piece from Leeds", "organisation"),
            "nearest-organisation",
        ),
        (  # a trade and its noun the NER took for a name of its own
            "Call centre jobs move to India\n\nInsurance company Norwich Union is to move 2,350"
            " jobs to India.\n\nThe firm said the move would save money.",
            "The firm",
            "the move would save",
            ("Norwich Union", "organisation"),
            ("Insurance company", "organisation"),
            "opening-noun-apart",
        ),
        (  # a noun that opens names too, before a name the article prints alone
            "Jobs\n\nBank staff are to lose their jobs. Union Amicus said the decision was a"
            " betrayal. Amicus officer Jo Fleming said staff were angry.",
            "Union Amicus",
            "the decision was a betrayal",
            ("Amicus", "organisation"),
            ("Union Amicus", "organisation"),
            "opening-noun-apart",
        ),
        (  # a company's name in camel case the NER missed after a trade's noun
            "Jobs\n\nMobile phone operator mmO2 is to cut 600 jobs.\n\nThe company said most"
            " posts would go from its call centres.",
            "The company",
            "most posts would go",
            ("mmO2", "organisation"),
            ("company", "organisation"),
            "classified-name",
        ),
        (  # the shadow chancellor is not the Chancellor
            "Chancellor unveils savings plan\n\nChancellor Gordon Brown has announced plans to"
            " help people save.\n\nShadow Chancellor Oliver Letwin said the plans did not go"
            " far enough.",
            "Chancellor",
            "savings plan",
            ("Gordon Brown", "person"),
            ("Oliver Letwin", "person"),
            "role-agrees",
        ),
        (  # a headline's noun phrase ends in its head, however parsed
            "Police chief attacks drinking laws\n\nChief Constable Paul Garvin, of Durham"
            " Police, said officers were already stretched.",
            "Police chief",
            "drinking laws",
            ("Paul Garvin", "person"),
            ("Durham Police", "organisation"),
            "unnamed-individual",
        ),
        (  # "One" of the people the sentence before opens with
            "Hackers\n\nThe code for the game was stolen last week. Fans reacted angrily. One"
            ' wrote: "Whoever did this has ruined it for everyone."',
            "One",
            "Whoever did this",
            ("One", "person"),
            ("One", "unknown"),
            "one-of-people",
        ),
        (  # a public body known by a short name is no channel
            "Quiz\n\nITV has been fined £150,000 over a phone-in quiz.\n\nOfcom said callers had"
            " been charged after the lines closed. The channel said it had refunded all the"
            " callers.",
            "The channel",
            "it had refunded",
            ("ITV", "organisation"),
            ("channel", "organisation"),
            "nearest-organisation",
        ),
        (  # a company by whoever owns it, which is not the owner
            "Supermarket to cut prices\n\nAsda is to cut the price of 10,000 products in an"
            " attempt to win back shoppers from Tesco.\n\nThe Wal-Mart-owned chain said prices"
            " would fall by an average of 10%.",
            "The Wal-Mart-owned chain",
            "prices would fall",
            ("Asda", "organisation"),
            ("Wal-Mart-owned chain", "organisation"),
            "nearest-organisation",
        ),
        (  # what one singular noun is set beside is one organisation
            "Privacy\n\nActor Hugh Grant is suing a magazine over photographs. The magazine's"
            " publisher, Northern and Shell, said it would fight the case.",
            "The magazine's publisher, Northern and Shell,",
            "it would fight",
            ("Northern and Shell", "organisation"),
            ("Northern", "organisation"),
            "whole-name",
        ),
        (  # a first name of the prior and a word its clause calls "she"
            "Passport\n\nA 101-year-old woman from Devon has been given her first passport.\n\n"
            "Edith Barnes said she had never wanted to go abroad until now.",
            "Edith Barnes",
            "she had never wanted",
            ("Edith Barnes", "person"),
            ("Edith Barnes", "organisation"),
            "label-vote",
        ),
        (  # a body whose brief is a list the NER breaks at its commas
            "MPs criticise Olympic costs\n\nA committee of MPs has warned that the cost of the"
            " 2012 Olympics could spiral out of control.\n\nThe Culture, Media and Sport"
            " Committee said the budget of £2.4bn was unrealistic.",
            "The Culture, Media and Sport Committee",
            "the budget of",
            ("Culture, Media and Sport Committee", "organisation"),
            ("Culture", "unknown"),
            "whole-name",
        ),
        (  # an academic is a person's noun
            "ID cards\n\nMr Clarke said the report was wrong. One of the authors, Simon Davies,"
            ' said the minister had not read it. "We stand by every figure," the academic said.',
            "the academic",
            "We stand by every figure",
            ("Simon Davies", "person"),
            ("academic", "person"),
            "nearest-person",
        ),
        (  # a club's nickname is the club just named
            "Chelsea fined over fans\n\nChelsea have been fined £20,000 by the Football"
            " Association after fans invaded the pitch at Stamford Bridge.\n\nThe Blues said"
            " they would appeal against the decision.",
            "The Blues",
            "they would appeal",
            ("Chelsea", "organisation"),
            ("Blues", "organisation"),
            "club-nickname",
        ),
        (  # an adjective is no subject its next sentence calls "its" or "the firm"
            "Budget airline to fly from Cardiff\n\nLow-cost carrier bmibaby is to launch flights"
            " from Cardiff to six European cities.\n\nThe airline said it would create 60 jobs"
            " at the airport.",
            "The airline",
            "it would create",
            ("airline", "organisation"),
            ("airline", "organisation"),
            "called-it",
        ),
        (  # one name after a plural of a trade is a firm's: no one person is those people
            "Collapse\n\nSales fell in March.\n\nAdministrators PricewaterhouseCoopers said they"
            " hoped to find a buyer.",
            "Administrators PricewaterhouseCoopers",
            "they hoped to find",
            ("PricewaterhouseCoopers", "organisation"),
            ("Administrators PricewaterhouseCoopers", "person"),
            "firm-after-plural",
        ),
        (  # ... whatever the NER took it for
            "Prices\n\nHouse prices fell in March.\n\nEstate agents Knight Frank said the market"
            " had slowed.",
            "Estate agents Knight Frank",
            "the market had slowed",
            ("Knight Frank", "organisation"),
            ("Knight Frank", "person"),
            "firm-after-plural",
        ),
        (  # a name the NER missed with its initials, small words and all, in brackets
            "Fares\n\nBus fares in the capital will rise in January. Transport for London (TfL)"
            " said the rise was below inflation.",
            "Transport for London (TfL)",
            "the rise was below",
            ("Transport for London", "organisation"),
            ("Transport for London", "unknown"),
            "acronym-is-organisation",
        ),
        (  # a role's initials before a name the NER took for an organisation's
            "Language\n\nThe board is to be scrapped. Conservative MP Glyn Davies said the plan"
            " made sense.",
            "Conservative MP Glyn Davies",
            "the plan made sense",
            ("Glyn Davies", "person"),
            ("Glyn Davies", "organisation"),
            "classified-name",
        ),
        (  # a trainer is a person
            "Trainer\n\nThe horse was withdrawn on Friday. Trainer Nicky Pendleton said it would"
            " run next month.",
            "Trainer Nicky Pendleton",
            "it would run",
            ("Nicky Pendleton", "person"),
            ("Trainer Nicky Pendleton", "organisation"),
            "opening-noun-apart",
        ),
        (  # a shop's "'s" before "which"
            "Grocer falls\n\nShares fell sharply.\n\nSainsbury's, which is struggling, said"
            " sales fell.",
            "Sainsbury's, which is struggling,",
            "sales fell",
            ("Sainsbury's", "organisation"),
            ("Sainsbury", "organisation"),
            "whole-name",
        ),
        (  # an apposition may hold a participle
            "Quotas\n\nQuotas on imports ended in January. Euratex, the body representing the"
            " industry, said jobs were at risk.",
            "Euratex, the body representing the industry,",
            "jobs were at risk",
            ("Euratex", "organisation"),
            ("Euratex", "person"),
            "classified-name",
        ),
        (  # a nationality's noun opens no organisation's name
            "Tour\n\nArmstrong finished second behind Spaniard Iban Mayo on the stage. Mayo,"
            " riding for a Basque team, said he had attacked on the last climb.",
            "Mayo, riding for a Basque team,",
            "he had attacked",
            ("Iban Mayo", "person"),
            ("Spaniard Iban Mayo", "organisation"),
            "opening-noun-apart",
        ),
        (  # nor is a nationality part of a name
            "Marathon\n\nKenyan Martin Lel won the race in London. Lel said the wind had been"
            " strong.",
            "Lel",
            "the wind had been strong",
            ("Martin Lel", "person"),
            ("Kenyan Martin Lel", "person"),
            "first-name-starts",
        ),
        (  # "One MP" is one of many, none named, as "an MP" is
            "Suspended\n\nConservative MP Ann Winterton has lost the whip over a joke. Some"
            " backbenchers said privately that the leadership had overreacted. One MP told the"
            ' BBC: "She made a stupid remark."',
            "One MP",
            "She made a stupid remark",
            ("One MP", "person"),
            ("Ann Winterton", "person"),
            "indefinite-is-new",
        ),
        (  # the spokesman of the body just speaking is no spokesman of another named later
            "Armour\n\nThe Ministry of Defence said it had acted on the findings. A spokesman"
            " said most troops had the kit they needed. Liberal Democrat defence spokesman Paul"
            " Keetch said the minister should apologise.",
            "A spokesman",
            "most troops had the kit",
            ("spokesman", "person"),
            ("Paul Keetch", "person"),
            "role-agrees",
        ),
        (  # a club's nickname names its club, not the nearest one; a place's name to the NER
            "Striker\n\nNorwich City have signed Celtic striker Craig Dunn for £2m, the Canaries"
            " announced on Friday.",
            "the Canaries",
            "Norwich City have signed",
            ("Norwich City", "organisation"),
            ("Canaries", "organisation"),
            "club-nickname",
        ),
        (  # ... and a club so called that the NER missed
            "Derby\n\nArsenal beat Chelsea 2-1 on Sunday. The Gunners said they were delighted.",
            "The Gunners",
            "they were delighted",
            ("Arsenal", "organisation"),
            ("Gunners", "organisation"),
            "club-nickname",
        ),
        (  # a name in capitals beside an organisation's noun is its name, though the NER missed
            "Takeover\n\nDeutsche Telekom has agreed to buy the German arm of mmO2. The German"
            " telecoms regulator, RegTP, said it would examine the deal closely.",
            "The German telecoms regulator, RegTP,",
            "it would examine",
            ("RegTP", "organisation"),
            ("German telecoms regulator", "organisation"),
            "apposition",
        ),
        (  # a description its clause calls "she" is no man
            "Open\n\nDefending champion Lindsay Davenport beat Maria Kirilenko. Andy Roddick lost"
            " in the semi-final. The American, who has had a knee problem, said she was feeling"
            " better.",
            "The American, who has had a knee problem,",
            "she was feeling better",
            ("Lindsay Davenport", "person"),
            ("Andy Roddick", "person"),
            "role-agrees",
        ),
        (  # "the Spaniard" is no one the article calls Portuguese
            "Derby\n\nLiverpool manager Rafael Benitez said his side deserved a point. A header"
            ' from Portuguese defender Paulo Ferreira won the game. "We created more chances,"'
            " said the Spaniard.",
            "the Spaniard",
            "We created more chances",
            ("Rafael Benitez", "person"),
            ("Paulo Ferreira", "person"),
            "role-agrees",
        ),
        (  # a role "of" a field before a name is the name's, though parsed as the field's
            "Saints win\n\nNorthampton beat Leicester on Saturday. Falcons director of rugby"
            " Rob Andrew said the team had played well.",
            "Falcons director of rugby Rob Andrew",
            "the team had played well",
            ("Rob Andrew", "person"),
            ("Falcons director of rugby Rob Andrew", "person"),
            "person-in-misparsed-source",
        ),
        (  # "The Yorkshireman" opening a paragraph after a quotation is the man just named
            "Ashes\n\nEngland captain Michael Vaughan says his side will not change their"
            ' approach.\n\n"We will keep doing what we have been doing."\n\nThe Yorkshireman'
            " confirmed that fast bowler Simon Jones was unlikely to play.",
            "The Yorkshireman",
            "fast bowler Simon Jones",
            ("Michael Vaughan", "person"),
            ("Yorkshireman", "organisation"),
            "nationality-epithet",
        ),
        (  # any player may be "the left-hander"
            "Tennis\n\nFormer champion Goran Ivanisevic has pulled out of the Open. The Croatian,"
            ' 33, said he was disappointed. "My shoulder is not ready," the left-hander said.',
            "the left-hander",
            "My shoulder is not ready",
            ("Goran Ivanisevic", "person"),
            ("left-hander", "person"),
            "nearest-person",
        ),
        (  # an office's noun heads the name, but its clause calls it "it"
            "Refugees\n\nThe Home Secretary set out new asylum rules on Monday. The United"
            " Nations High Commissioner for Refugees (UNHCR) said it would study the rules"
            " carefully.",
            "The United Nations High Commissioner for Refugees (UNHCR)",
            "it would study the rules",
            ("United Nations High Commissioner for Refugees", "organisation"),
            ("United Nations High Commissioner for Refugees", "person"),
            "called-it",
        ),
        (  # one of a set who speaks is a person, whatever the noun
            "Advertising\n\nITV's share of viewers fell again in March. But one media buyer,"
            " who asked not to be named, said the channel had turned a corner.",
            "one media buyer, who asked not to be named,",
            "the channel had turned a corner",
            ("one media buyer", "person"),
            ("one media buyer", "unknown"),
            "one-is-a-person",
        ),
        (  # a nationality of two words, which the NER takes for a product
            "Cup tie\n\nWasps beat Leicester 27-10 at Adams Park. Wasps director of rugby Warren"
            ' Gatland praised his pack. "The forwards were outstanding," said the New Zealander.',
            "the New Zealander",
            "The forwards were outstanding",
            ("Warren Gatland", "person"),
            ("New Zealander", "organisation"),
            "nationality-epithet",
        ),
        (
            "Derby\n\nCeltic boss Martin O'Neill was angry after the match. \"Someone could have"
            ' been hurt," the Northern Irishman said.',
            "the Northern Irishman",
            "Someone could have been hurt",
            ("Martin O'Neill", "person"),
            ("Northern Irishman", "organisation"),
            "nationality-epithet",
        ),
        (  # an age before the nationality
            'Boxing\n\nJoe Calzaghe will defend his title in May. "I am ready," said the'
            " 32-year-old Welshman.",
            "the 32-year-old Welshman",
            "I am ready",
            ("Joe Calzaghe", "person"),
            ("Welshman", "organisation"),
            "nationality-epithet",
        ),
        (  # an adjective before the nationality
            "Respect\n\nGeorge Galloway will stand in Bethnal Green. The outspoken Scot said he"
            " expected to win.",
            "The outspoken Scot",
            "he expected to win",
            ("George Galloway", "person"),
            ("Scot", "organisation"),
            "nationality-epithet",
        ),
        (  # a seat between "the" and "MP", which the NER takes for a name
            'BBC\n\nGerald Kaufman chairs the committee. "The BBC cannot go on," the Manchester'
            " Gorton MP said.",
            "the Manchester Gorton MP",
            "The BBC cannot",
            ("Gerald Kaufman", "person"),
            ("Manchester Gorton MP", "organisation"),
            "seat-before-role",
        ),
        (  # a role apposed after a first name and a surname, which the NER takes for a place
            "Tests\n\nThe move was welcomed by teaching unions. Gethin Lewis, secretary of NUT"
            " Cymru, said it was a victory for common sense.",
            "Gethin Lewis, secretary of NUT Cymru,",
            "it was a victory",
            ("Gethin Lewis", "person"),
            ("Gethin Lewis", "organisation"),
            "classified-name",
        ),
        (  # a capitalised title before a first name and a surname, the NER's organisation
            "Raid\n\nTaoiseach Bertie Ahern said in Dublin that the robbery had been planned"
            " while his government was negotiating.",
            "Taoiseach Bertie Ahern",
            "the robbery had been planned",
            ("Bertie Ahern", "person"),
            ("Bertie Ahern", "organisation"),
            "classified-name",
        ),
        (  # a sport's governing body: a sport is no surname
            "Ban\n\nThe International Cricket Council has lifted the ban. Sri Lanka Cricket said"
            ' the ruling was "a victory for common sense".',
            "Sri Lanka Cricket",
            "the ruling was",
            ("Sri Lanka Cricket", "organisation"),
            ("Sri Lanka Cricket", "person"),
            "org-word-in-name",
        ),
        (  # apposed to an organisation's own noun
            "TV show\n\nThe final was watched by eight million people. Endemol, the company which"
            " makes the show, said more than a million votes had been cast.",
            "Endemol, the company which makes the show,",
            "more than a million votes",
            ("Endemol", "organisation"),
            ("Endemol", "person"),
            "classified-name",
        ),
        (  # no first name, honorific, role, he or she: a body's name, though the NER says PERSON
            "Box office\n\nThe comedy took $40m in its first weekend in North America. Variety"
            " said the takings were the best for a comedy this year.",
            "Variety",
            "the takings were the best",
            ("Variety", "organisation"),
            ("Variety", "person"),
            "person-needs-evidence",
        ),
        (
            "Star Wars\n\nThe last film in the series opens next week. Lucasfilm said in a"
            " statement that a television series was planned for 2007.",
            "Lucasfilm",
            "a television series was planned",
            ("Lucasfilm", "organisation"),
            ("Lucasfilm", "person"),
            "person-needs-evidence",
        ),
        (
            "Broadband\n\nMore homes than ever are online. According to Point Topic, the UK now"
            " has six million broadband lines.",
            "Point Topic",
            "the UK now has six million",
            ("Point Topic", "organisation"),
            ("Point Topic", "person"),
            "person-needs-evidence",
        ),
        (  # "The 34-year-old" is no "28-year-old Daniel Morris" named later
            'Film\n\nEwan McGregor has said farewell to the role of Obi-Wan Kenobi. "It has been'
            ' a big part of my life," he said.\n\nThe 34-year-old has admitted he found the'
            " filming hard.\n\nOne fan, 28-year-old Daniel Morris from Leeds, said he had queued"
            " for two days.",
            "The 34-year-old",
            "he found the filming hard",
            ("Ewan McGregor", "person"),
            ("Daniel Morris", "person"),
            "role-agrees",
        ),
        (  # a seat tells MPs apart: "the MP for Medway" is no "Blackpool North MP" named later
            "Rebels\n\nVeteran left-winger Bob Marshall-Andrews said ministers had misjudged the"
            ' mood of the party.\n\n"Nobody in the country asked for this bill," the MP for'
            ' Medway told the BBC.\n\nBlackpool North MP Joan Humble said: "My constituents'
            ' want regeneration."',
            "the MP for Medway",
            "Nobody in the country",
            ("MP for Medway", "person"),
            ("Joan Humble", "person"),
            "role-agrees",
        ),
        (  # a first name of the prior, a middle initial and a surname: a full name
            "Doctor Who\n\nThe show's writer and executive producer, Russell T Davies, said the"
            " series had been a huge success.",
            "The show's writer and executive producer, Russell T Davies,",
            "the series had been",
            ("Russell T Davies", "person"),
            ("Russell T Davies", "organisation"),
            "label-vote",
        ),
    ],
)
def test_evidence_about_british_names_gives_the_kind(
    nlp: Language,
    text: str,
    source: str,
    content: str,
    on: tuple[str, str] | None,
    off: tuple[str, str] | None,
    rule: str | tuple[str, ...],
) -> None:
    args = (nlp, text, source, content)
    assert kind_of(*args) == on
    assert kind_of(*args, off=rule) == off


@pytest.mark.parametrize(
    ("text", "source", "content", "want"),
    [
        (  # a party's member named by the party: the person just named
            'Tax\n\nShadow chancellor Oliver Letwin said taxes had risen. "Nobody believes a word'
            ' of it," the Conservative said.',
            "the Conservative",
            "Nobody believes",
            ("Oliver Letwin", "person"),
        ),
        (  # whoever "his" is, named before it, is not the publicist named after it
            "Soul singer dies\n\nUS soul singer Luther Vandross has died at the age of 54, his"
            " publicist has said.\n\nVandross had been in hospital since 2003.\n\nHis publicist,"
            " Carol Ruth, said he died peacefully.",
            "his publicist",
            "US soul singer Luther Vandross has died",
            ("Carol Ruth", "person"),
        ),
        (  # an office the NER took for an organisation
            "IRA\n\nIrish Prime Minister Bertie Ahern has welcomed the statement. The Taoiseach"
            " said the statement was significant.",
            "The Taoiseach",
            "the statement was significant",
            ("Bertie Ahern", "person"),
        ),
        (  # a party the NER took for a person, with its "the"
            "Quangos\n\nLabour said the plans did not add up. The Lib Dems said they would also"
            " cut quangos.",
            "The Lib Dems",
            "they would also",
            ("Lib Dems", "organisation"),
        ),
        (  # an indefinite organisation, owned by a plural, is someone new
            "Waits\n\nThe Welsh Assembly said it would act. A patients' group said people had"
            " waited 12 hours.",
            "A patients' group",
            "people had waited",
            ("patients' group", "organisation"),
        ),
        (  # a made thing's name that speaks is its maker
            "Travel\n\nInternet search engine Yahoo, which is expanding, said it would buy a"
            " booking site.",
            "Internet search engine Yahoo, which is expanding,",
            "it would buy",
            ("Yahoo", "organisation"),
        ),
        (  # a hyphened person's noun is no organisation's
            "Studios\n\nFilm-maker Lynne Ramsay said productions had gone abroad.",
            "Film-maker Lynne Ramsay",
            "productions had gone",
            ("Lynne Ramsay", "person"),
        ),
        (  # a title's nationality is no part of the name
            "Talks\n\nIrish Taoiseach Bertie Ahern said the two governments would publish"
            " proposals.",
            "Irish Taoiseach Bertie Ahern",
            "the two governments",
            ("Bertie Ahern", "person"),
        ),
        (  # a hyphened first name: a full name the NER took for an organisation's
            'Strike\n\n"We have been here since six," said one traveller, Anne-Marie Jones.',
            "one traveller, Anne-Marie Jones",
            "We have been here",
            ("Anne-Marie Jones", "person"),
        ),
        (  # an age the parser ran into the noun after it
            'Quits\n\nFormer Chelsea player Ruud Gullit said he would take a break. "I need'
            ' time with my family," the 42-year-old told reporters.',
            "the 42-year-old",
            "I need time",
            ("Ruud Gullit", "person"),
        ),
        (  # a hyphened name opens with the organisation's noun before it
            "Sales\n\nConsole sales fell by 20%, research firm Chart-Track has said.",
            "research firm Chart-Track",
            "Console sales fell",
            ("Chart-Track", "organisation"),
        ),
        (  # a company's name ending in "Technology"
            "Players\n\nCreative Technology said its own players offered better value.",
            "Creative Technology",
            "its own players",
            ("Creative Technology", "organisation"),
        ),
        (  # a trust is an organisation
            "Hospital\n\nA children's ward may close. The local health trust said it had no plans.",
            "The local health trust",
            "it had no plans",
            ("local health trust", "organisation"),
        ),
        (  # one a field's superlative names is the person just named
            "Spam\n\nMicrosoft chairman Bill Gates has said spam will be solved. The world's"
            " richest man told the forum that new technology would stop junk mail.",
            "The world's richest man",
            "new technology would stop",
            ("Bill Gates", "person"),
        ),
        (  # "the club" is a club, not the newspaper someone spoke to since
            "Sacked\n\nEverton have sacked manager Walter Smith. He told the Daily Mirror he was"
            " shocked. The club said a new manager would be appointed soon.",
            "The club",
            "a new manager",
            ("Everton", "organisation"),
        ),
        (  # a name after an honorific and a first name is a person's, hyphened surname and all
            "Museum\n\nThe exhibition opens on Friday. Curator Dr Sara Rezaei-Lane said some of"
            " the objects had never been lent abroad.",
            "Curator Dr Sara Rezaei-Lane",
            "some of the objects",
            ("Sara Rezaei-Lane", "person"),
        ),
        (  # a hyphened name beside a person's noun
            "Court\n\nThe singer was cleared. His solicitor, Naomi Hart-Kingsley, said the case"
            " should never have been brought.",
            "His solicitor, Naomi Hart-Kingsley,",
            "the case should never",
            ("Naomi Hart-Kingsley", "person"),
        ),
        (  # someone a relative clause of the source speaks of is not the source
            "Oil\n\nYukonneft has filed for bankruptcy. The firm, whose former boss Mikhail"
            " Volkonsky is in jail awaiting trial, said it had been left with no choice.",
            "The firm, whose former boss Mikhail Volkonsky is in jail awaiting trial,",
            "it had been left",
            ("Yukonneft", "organisation"),
        ),
        (  # a nationality is no role: "the Portuguese" is whoever was just named
            "Derby\n\nA header from Portuguese defender Paulo Ferreira won the game. Chelsea boss"
            ' Jose Mourinho was in bullish mood. The Portuguese said: "We won with personality."',
            "The Portuguese",
            "We won with personality",
            ("Jose Mourinho", "person"),
        ),
        (  # a capitalised plural after a first name is a surname, no set
            "Hunting\n\nThe ban came into force last week. Labour MP Tony Banks said the law"
            " would stand.",
            "Labour MP Tony Banks",
            "the law would stand",
            ("Tony Banks", "person"),
        ),
        (  # a hooker is a player
            'Rugby\n\nScotland captain Gordon Bulloch was pleased with the scrum. "We were'
            ' strong up front," said the hooker.',
            "the hooker",
            "We were strong up front",
            ("Gordon Bulloch", "person"),
        ),
        (  # a pop star sings
            "Cleared\n\nPop star Jordan Kelley has been cleared of assault. Speaking outside"
            ' court, the singer said: "I am relieved."',
            "the singer",
            "I am relieved",
            ("Jordan Kelley", "person"),
        ),
        (  # a novelist is a writer
            "Prize\n\nNovelist Andrea Levy has won the prize. Chairman of the judges Joan"
            " Bakewell said the panel had been enthralled. Levy, 48, said she was stunned. The"
            " writer said she had not expected to win.",
            "The writer",
            "she had not expected",
            ("Andrea Levy", "person"),
        ),
    ],
)
def test_a_party_an_office_and_a_possessed_role_in_the_lead(
    nlp: Language, text: str, source: str, content: str, want: tuple[str, str]
) -> None:
    assert kind_of(nlp, text, source, content) == want


def test_a_football_managers_coach_is_the_manager(nlp: Language) -> None:
    text = (
        "Row\n\nChelsea manager Jose Mourinho has been charged by Uefa. The Portuguese coach said"
        " he stood by his remarks."
    )
    got = kind_of(nlp, text, "The Portuguese coach", "he stood by")
    assert got == ("Jose Mourinho", "person")


def test_an_age_may_be_someone_introduced_unnamed(nlp: Language) -> None:
    text = (
        "Hacker admits charges\n\nA teenager has admitted creating a computer virus that infected"
        " thousands of machines.\n\nThe 18-year-old told a court he had written the program as a"
        " challenge."
    )
    quotes = [
        quote(text, "A teenager", "creating a computer virus"),
        quote(text, "The 18-year-old", "he had written"),
    ]
    got = resolve(nlp, text, quotes)
    assert (
        got[1] is not None
        and got[1] is got[0]
        and (got[1].name, got[1].kind)
        == (
            "teenager",
            "person",
        )
    )
    off = resolve(nlp, text, quotes, SpeakerSettings(disabled=frozenset({"age-or-sex"})))
    assert off[1] is not None and off[1].name == "18-year-old"


def test_a_name_after_a_woman_from_is_where_she_lives(nlp: Language) -> None:
    text = (
        "Lottery\n\nA woman from Kent has won £10m on the National Lottery.\n\nThe 52-year-old,"
        " who works as a cleaner, said she would share the money with her family."
    )
    args = (nlp, text, "The 52-year-old, who works as a cleaner,", "she would share")
    assert kind_of(*args) == ("52-year-old", "person")
    assert kind_of(*args, off="hometown") == ("Kent", "person")


def test_someone_named_only_in_what_a_quote_reports_is_no_ones_aide(nlp: Language) -> None:
    text = (
        "Iraq\n\nMr Blair said the world was safer without Saddam Hussein.\n\nMr Blair's official"
        " spokesman later said the prime minister had no regrets."
    )
    quotes = [
        quote(text, "Mr Blair", "the world was safer without Saddam Hussein"),
        quote(text, "Mr Blair's official spokesman", "the prime minister had no regrets"),
    ]
    got = resolve(nlp, text, quotes)[1]
    assert got is not None and (got.name, got.kind) == ("Mr Blair's official spokesman", "person")


def test_a_quote_whose_cue_keeps_its_source_back_is_no_ones(nlp: Language) -> None:
    text = (
        "Rugby\n\nWRU chief executive Steve Lewis said the coach had done a great job. But"
        " players were said to be shocked by the news."
    )
    said = quote(text, "WRU chief executive Steve Lewis", "the coach had done a great job")
    kept = quote(text, None, "to be shocked by the news")
    at = text.index("were said")
    kept.cue = Span.of(text, at, at + len("were said"))
    got = resolve(nlp, text, [said, kept])
    assert got[0] is not None and got[0].name == "Steve Lewis" and got[1] is None
    off = SpeakerSettings(disabled=frozenset({"passive-no-speaker"}))
    again = resolve(nlp, text, [said, kept], off)
    assert again[1] is not None and again[1].name == "Steve Lewis"


def test_an_office_only_a_body_has_makes_its_owner_one(nlp: Language) -> None:
    text = (
        "Poll\n\nThe Tories are doing well among certain voters, said Sir Robert Worcester,"
        " Mori's founder."
    )
    doc = nlp(text)

    def label(off: frozenset[str]) -> list[str]:
        view = DocumentView(doc, [], text, SpeakerSettings(disabled=off))
        return [e.label_ for e in view.ents if e.text == "Mori"]

    assert label(frozenset()) == ["ORG"]  # a PERSON to the NER
    assert label(frozenset({"company-possessions"})) == ["PERSON"]


def test_a_surname_that_speaks_alone_completes_the_name_the_ner_missed(nlp: Language) -> None:
    text = (
        "Sprinter hits back\n\nDwain Chambers has hit back at critics who say he should not run"
        ' again.\n\n"I made a bad decision and I have been punished for it," Chambers told BBC'
        " Sport."
    )

    def speaker(off: frozenset[str]) -> tuple[str, str] | None:
        quotes = [quote(text, "Chambers", "I made a bad decision", nth=1)]
        got = resolve(nlp, text, quotes, SpeakerSettings(disabled=off))[0]
        return (got.name, got.kind) if got is not None else None

    assert speaker(frozenset()) == ("Dwain Chambers", "person")
    # the NER sees no name in "Dwain Chambers" and an organisation in "Chambers"
    assert speaker(frozenset({"missed-person-name"})) == ("Chambers", "organisation")


@pytest.mark.parametrize(
    ("text", "name", "cut"),
    [
        (  # the NER leaves out the first name and takes the surname for an organisation
            "Court\n\nIlya Shapiro, a senior fellow at the Cato Institute, said the court was"
            " split. Shapiro said the vacancy mattered.",
            "Ilya Shapiro",
            "Shapiro",
        ),
        (  # … or for a nationality
            "Dating\n\nRosette Pambakian, a Tinder spokeswoman, said the app was popular.",
            "Rosette Pambakian",
            "Pambakian",
        ),
    ],
)
def test_a_name_the_ner_cut_at_its_first_name_is_whole(
    nlp: Language, text: str, name: str, cut: str
) -> None:
    doc = nlp(text)

    def labels(off: frozenset[str]) -> list[tuple[str, str]]:
        view = DocumentView(doc, [], text, SpeakerSettings(disabled=off))
        return [(e.text, e.label_) for e in view.ents if cut in e.text]

    assert labels(frozenset())[0] == (name, "PERSON")
    assert labels(frozenset({"missed-person-name"}))[0][0] == cut


def test_a_title_or_a_party_after_a_first_name_is_no_surname(nlp: Language) -> None:
    """ "CIA Director John Brennan" and "Latino Republicans" are no one's names, though the
    prior holds "Cia" and "Latino" as first names."""
    text = (
        "Threats\n\nCIA Director John Brennan said the risk was real. Latino Republicans said"
        " they backed the plan."
    )
    doc = nlp(text)
    view = DocumentView(doc, [], text)
    names = [e.text for e in view.ents if e.label_ == "PERSON"]
    assert "CIA Director" not in names and "Latino Republicans" not in names


def test_a_first_name_of_either_gender_is_evidence_of_a_person(nlp: Language) -> None:
    """ "Ashley" is given to women and men alike: no gender, but a person."""
    text = (
        "BBC\n\nThe corporation is to put more of its programmes online. Ashley Highfield said"
        " the plans would be ready in May."
    )
    args = (nlp, text, "Ashley Highfield", "the plans would be ready")
    assert kind_of(*args) == ("Ashley Highfield", "person")


def test_a_players_description_ends_in_its_position(nlp: Language) -> None:
    # the tagger reads "forward" as an adverb and the tokenizer splits "full-back", so the
    # parser makes the team the phrase's head
    text = (
        "Rugby league\n\nPaul Sculthorpe has called for fewer overseas players."
        ' "The best young players in this country need games," the Great Britain forward said.'
    )
    args = (nlp, text, "the Great Britain forward", "The best young players")
    assert kind_of(*args) == ("Paul Sculthorpe", "person")
    assert kind_of(*args, off="unnamed-individual") == ("Great Britain", "organisation")
    text = (
        "Rugby\n\nEngland captain Jason Robinson has been ruled out of the match against Wales."
        ' "I am gutted to miss it," the Sale full-back said.'
    )
    args = (nlp, text, "the Sale full-back", "I am gutted")
    assert kind_of(*args) == ("Jason Robinson", "person")
    assert kind_of(*args, off="unnamed-individual") == ("Sale", "organisation")


def test_a_partys_spokesman_sits_for_a_seat(nlp: Language) -> None:
    text = (
        "Tax\n\nThe chancellor said the plans were costed. Liberal Democrat Treasury spokesman"
        ' Vincent Cable described the package as a trick. "You cannot sack thousands of civil'
        ' servants," the Twickenham MP said.'
    )
    args = (nlp, text, "the Twickenham MP", "You cannot sack")
    assert kind_of(*args) == ("Vincent Cable", "person")
    assert kind_of(*args, off="spokesman-sits") == ("Twickenham MP", "person")  # unnamed


def test_an_owner_of_shares_or_of_a_companys_office_is_a_company(nlp: Language) -> None:
    text = (
        "Grocer warns\n\nShares in Morrison fell 3% on Monday after the warning. Morrison said"
        ' trading had been "disappointing".'
    )
    args = (nlp, text, "Morrison", "trading had been")
    assert kind_of(*args) == ("Morrison", "organisation")  # a place to the NER, then a person
    assert kind_of(*args, off="company-possessions") == ("Morrison", "person")
    text = (
        "Store sales\n\nThe chairman of John Lewis, Sir Stuart Hampson, said Christmas had been"
        " good. John Lewis said sales were up 5%."
    )
    assert kind_of(nlp, text, "John Lewis", "sales were up") == ("John Lewis", "organisation")


def test_a_candidates_headquarters_make_no_company(nlp: Language) -> None:
    text = (
        "Rally\n\nVolunteers crowded into Trump headquarters in Manhattan on Monday. Trump said"
        " he was grateful."
    )
    doc = nlp(text)
    view = DocumentView(doc, [], text, SpeakerSettings())
    assert [e.label_ for e in view.ents if e.text == "Trump"][-1] == "PERSON"


def test_a_firms_nationality_tells_it_from_another(nlp: Language) -> None:
    text = (
        "Takeover\n\nDutch drinks group Van Rijn has agreed to buy Speyside whisky distiller"
        " Glenardle for £90m.\n\nThe family-owned Scottish firm said the deal would help it"
        " grow.\n\nVan Rijn said it would keep the brand."
    )
    args = (nlp, text, "The family-owned Scottish firm", "the deal would help")
    assert kind_of(*args) == ("family-owned Scottish firm", "organisation")  # no name found
    assert kind_of(*args, off="org-nation-agrees") == ("Van Rijn", "organisation")


def test_a_rival_is_no_evidence_of_a_person(nlp: Language) -> None:
    text = (
        "Chips\n\nThe network said Aldermoor had helped the city.\n\nUS rival Vertex Micro said"
        " it did not comment on competitors' results."
    )
    args = (nlp, text, "US rival Vertex Micro", "it did not comment")
    assert kind_of(*args) == ("Vertex Micro", "organisation")
    assert kind_of(*args, off="person-needs-evidence") == ("Vertex Micro", "person")


def test_a_longer_name_that_owns_a_companys_office_is_a_company(nlp: Language) -> None:
    text = (
        'Musical to close\n\nStagecraft Live said ticket sales had been "deeply disappointing".'
        ' "We believed in this show," said Stagecraft Live\'s managing director, Jonathan Reid.'
    )
    args = (nlp, text, "Stagecraft Live", "ticket sales had been")
    assert kind_of(*args) == ("Stagecraft Live", "organisation")
    assert kind_of(*args, off="company-possessions") == ("Stagecraft Live", "person")


def test_a_councils_name_starts_at_its_place(nlp: Language) -> None:
    text = (
        "Tax row\n\nMagistrates said they had no choice.\n\nEast Devon District Council said it"
        " had given her every chance."
    )
    args = (nlp, text, "East Devon District Council", "it had given her")
    assert kind_of(*args) == ("East Devon District Council", "organisation")
    assert kind_of(*args, off="whole-name") == ("District Council", "organisation")
