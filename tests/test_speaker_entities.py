"""Quoted entities a reader can trust, one rule a test: the kind from evidence (an unnamed
individual is a person, sets are groups, pronouns and documents no speaker), clean names
(no headline, no title, whole words, whole sets) and titles and affiliations that are
roles and organisations. Short news sentences written for the purpose, parsed by the
small model or, where its parse would decide the test, built by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from tests.parses import parse
from tests.test_archive_people import article, person_of
from tests.test_speakers import names_with_rule_off, quote, resolve

from saidwhat.archive import Archive
from saidwhat.article import Speaker
from saidwhat.speakers import SpeakerSettings, resolve_entities, resolve_speakers


def one(nlp: Language, text: str, source: str, content: str) -> Speaker | None:
    """The speaker of the one quote with this source and content."""
    return resolve(nlp, text, [quote(text, source, content)])[0]


def test_an_unnamed_individual_is_a_person_with_the_gender_of_the_noun(nlp: Language) -> None:
    text = "Plant to close\n\nA spokeswoman for the firm said the plant would close."
    got = one(nlp, text, "A spokeswoman for the firm", "the plant would close")
    assert got is not None
    assert (got.name, got.kind, got.gender) == ("spokeswoman for the firm", "person", "female")


def test_a_plural_of_organisations_is_a_group_and_the_police_one_force(nlp: Language) -> None:
    text = "Councils worried\n\nLocal authorities said the rules were unclear."
    got = one(nlp, text, "Local authorities", "the rules were unclear")
    assert got is not None and got.kind == "group"
    text = "Councils worried\n\nPolice said the rules were unclear."
    got = one(nlp, text, "Police", "the rules were unclear")
    assert got is not None and got.kind == "organisation"


def test_a_collective_noun_of_people_is_a_group(nlp: Language) -> None:
    text = "Work\n\nA panel of experts said the office was cold."
    got = one(nlp, text, "A panel of experts", "the office was cold")
    assert got is not None and (got.name, got.kind) == ("panel of experts", "group")


def test_a_set_is_named_by_all_its_conjuncts_without_pointing_words(nlp: Language) -> None:
    text = "Row\n\nBoth backbenchers and Labour peers said the row was bad."
    got = one(nlp, text, "Both backbenchers and Labour peers", "the row was bad")
    assert got is not None and (got.name, got.kind) == ("backbenchers and Labour peers", "group")
    text = "Row\n\nThose Brownite briefers said the row was bad."
    got = one(nlp, text, "Those Brownite briefers", "the row was bad")
    assert got is not None and got.name == "Brownite briefers"


def test_a_generic_you_nobody_and_an_unowned_document_are_no_speakers(nlp: Language) -> None:
    text = "Tips\n\nIf you work at home, you said the office was cold."
    assert one(nlp, text, "you", "the office was cold") is None
    text = "Tips\n\nDo you feel lonely at home? Nobody said it was easy."
    assert one(nlp, text, "Nobody", "it was easy") is None
    text = "Tips\n\nA statement said the worm was rare."
    assert one(nlp, text, "A statement", "the worm was rare") is None


def test_a_one_word_nationality_label_that_speaks_alone_is_an_organisation(
    nlp: Language,
) -> None:
    text = "Phones\n\nThe makers said the phones were safe. Symbian said that it was not sure."
    got = one(nlp, text, "Symbian", "it was not sure")
    assert got is not None and (got.kind, got.affiliations) == ("organisation", [])
    # not a person's name the NER took for one, nor her own surname her affiliation
    text = "Apps\n\n\"We don't allow spamming,'' Rosette Pambakian, a Tinder spokeswoman, said."
    got = one(nlp, text, "Rosette Pambakian, a Tinder spokeswoman", "We don't allow spamming")
    assert got is not None and got.name == "Rosette Pambakian"
    assert got.kind != "organisation" and "Pambakian" not in got.affiliations
    text = (
        'Genocide\n\n"We must not forget," stated Roman Smbatyan, an Armenian historian. '
        "Smbatyan added that the past was clear."
    )
    got = one(nlp, text, "Smbatyan", "the past was clear")
    assert got is not None and got.kind != "organisation"  # the surname of a name in full


def test_a_description_never_takes_the_headline(nlp: Language) -> None:
    text = "Phone worm\n\nOwners of some Vexa phones said the update failed."
    got = one(nlp, text, "Owners of some Vexa phones", "the update failed")
    assert got is not None
    # the headline stays out, and the phones' maker is no organisation of their owners
    assert (got.name, got.affiliations) == ("Owners of some Vexa phones", [])


def test_a_title_has_no_headline_and_no_possessor_it_does_not_name(nlp: Language) -> None:
    text = "Club news\n\nTom Reid, the club's managing director, said the fee was fair."
    got = one(nlp, text, "Tom Reid, the club's managing director,", "the fee was fair")
    assert got is not None and (got.name, got.titles) == ("Tom Reid", ["managing director"])


def test_the_man_is_no_title(nlp: Language) -> None:
    text = "Spam case\n\nJeremy Jaynes was jailed on Friday. The man said he was sorry."
    got = one(nlp, text, "The man", "he was sorry")
    assert got is not None and got.titles == [] and got.gender == "male"


def test_an_adjective_alone_is_no_title(nlp: Language) -> None:
    # the parser hangs "ruling" on the name
    doc = parse(nlp, "After the ruling Ann Lowe said so.", """
        word   head dep      tag pos   ent
        After  5    prep     IN  ADP   O
        the    4    det      DT  DET   O
        ruling 4    amod     VBG VERB  O
        Ann    4    compound NNP PROPN B-PERSON
        Lowe   5    nsubj    NNP PROPN I-PERSON
        said   5    ROOT     VBD VERB  O
        so     5    advmod   RB  ADV   O
        .      5    punct    .   PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Ann Lowe", "so")]
    (lowe,) = resolve_speakers(doc, quotes)
    assert (lowe.name, lowe.titles) == ("Ann Lowe", [])


def test_a_name_starts_at_its_first_name(nlp: Language) -> None:
    # A nationality before the first name is no part of the name
    text = "Gas deal\n\nRussian Ivan Petrov said the deal was done."
    got = one(nlp, text, "Russian Ivan Petrov", "the deal was done")
    assert got is not None and got.name == "Ivan Petrov"
    # "… Young People and Families Margaret Hodge": the NER's "Margaret Hodge" takes no
    # "Families" as a missed first name; it ends the minister's title
    doc = parse(nlp, "Minister for Children and Families Margaret Hodge said so.", """
        word     head dep      tag pos   ent
        Minister 7    nsubj    NNP PROPN O
        for      0    prep     IN  ADP   O
        Children 1    pobj     NNP PROPN O
        and      2    cc       CC  CCONJ O
        Families 6    compound NNP PROPN O
        Margaret 6    compound NNP PROPN B-PERSON
        Hodge    2    conj     NNP PROPN I-PERSON
        said     7    ROOT     VBD VERB  O
        so       7    advmod   RB  ADV   O
        .        7    punct    .   PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Margaret Hodge", "so")]
    (hodge,) = resolve_speakers(doc, quotes)
    assert hodge.name == "Margaret Hodge"


def test_an_organisation_name_runs_on_past_of_the(nlp: Language) -> None:
    text = (
        "Housing\n\nFigures from the Office of the Deputy Prime Minister showed prices rose. "
        "The Office of the Deputy Prime Minister said prices rose."
    )
    got = one(nlp, text, "The Office of the Deputy Prime Minister", "prices rose")
    assert got is not None
    assert (got.name, got.kind) == ("Office of the Deputy Prime Minister", "organisation")


@pytest.mark.parametrize(
    ("text", "source", "content", "name", "kind"),
    [
        # letters after a name are no part of it
        ("Floods\n\nThe Conservatives blamed ministers. Their spokesman, Sam Kurtz MS, said "
         "the warnings were ignored.", "Their spokesman, Sam Kurtz MS,",
         "the warnings were ignored", "Sam Kurtz", "person"),
        # a shop's name keeps its possessive
        ("Results\n\nA spokeswoman for Sainsbury's said the company would report in May.",
         "A spokeswoman for Sainsbury's", "the company would report in May",
         "spokeswoman for Sainsbury's", "person"),
        # the NER's span is "the Institute for Fiscal Studies (IFS": no bracketed acronym
        ("Pensions\n\nThe plans were unfair, and the Institute for Fiscal Studies (IFS) said "
         "the savings were small.", "the Institute for Fiscal Studies (IFS)",
         "the savings were small", "Institute for Fiscal Studies", "organisation"),
    ],
)  # fmt: skip
def test_a_name_is_the_names_own_words(
    nlp: Language, text: str, source: str, content: str, name: str, kind: str
) -> None:
    got = one(nlp, text, source, content)
    assert got is not None and (got.name, got.kind) == (name, kind)


def test_a_name_after_its_classifier_noun_takes_that_kind(nlp: Language) -> None:
    text = "Worm\n\nThe Finnish security lab F-Secure said the worm was rare."
    got = one(nlp, text, "The Finnish security lab F-Secure", "the worm was rare")
    assert got is not None and (got.name, got.kind) == ("F-Secure", "organisation")
    text = "Rap feud\n\nUS rap star 50 Cent said he was sorry."
    quotes = [quote(text, "US rap star 50 Cent", "he was sorry")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind, got.titles) == (
        "50 Cent", "person", ["US rap star"]
    )  # fmt: skip
    assert names_with_rule_off(nlp(text), quotes, "classified-name") == ["US rap star"]
    # the firm a spokesman speaks for is his affiliation, and the firm when named again
    text = (
        "Worm\n\nGraham Cluley, a spokesman for anti-virus firm Zentrix, said the worm was "
        "slow. Zentrix urged users to patch."
    )
    quotes = [
        quote(text, "Graham Cluley, a spokesman for anti-virus firm Zentrix,", "the worm"),
        quote(text, "Zentrix", "users to patch", nth=1),
    ]
    cluley, firm = resolve(nlp, text, quotes).values()
    assert cluley is not None and cluley.affiliations == ["Zentrix"]
    assert firm is not None and (firm.name, firm.kind) == ("Zentrix", "organisation")


def test_an_honorific_before_a_title_gives_the_gender(nlp: Language) -> None:
    text = (
        "Court\n\nLord Justice Rix and Mrs Justice Cole ruled on Monday. "
        "Rix said the law was clear."
    )
    got = one(nlp, text, "Rix", "the law was clear")
    assert got is not None and (got.name, got.gender) == ("Rix", "male")


def test_a_role_word_in_the_name_is_a_title(nlp: Language) -> None:
    text = "Musical\n\nDJ Sam Smith said the show was long."
    got = one(nlp, text, "DJ Sam Smith", "the show was long")
    assert got is not None and (got.name, got.titles) == ("Sam Smith", ["DJ"])


def test_a_seat_a_brief_and_a_place_name_are_no_affiliations(nlp: Language) -> None:
    # "Green" of "Wood Green" is no Green Party, "Border Security" is a minister's brief;
    # the firm a spokesman speaks for is his affiliation
    text = "Vote\n\nWood Green MP Lynne Field said the vote was close."
    got = one(nlp, text, "Wood Green MP Lynne Field", "the vote was close")
    assert got is not None and (got.titles, got.affiliations) == (["Wood Green MP"], [])
    text = "Vote\n\nJo Hart, the Minister for Border Security, said the vote was close."
    got = one(nlp, text, "Jo Hart, the Minister for Border Security,", "the vote was close")
    assert got is not None and got.affiliations == []
    text = "Vote\n\nJo Hart, a spokesman for Vexa Holdings, said the vote was close."
    got = one(nlp, text, "Jo Hart, a spokesman for Vexa Holdings,", "the vote was close")
    assert got is not None and got.affiliations == ["Vexa Holdings"]


def test_a_speaker_is_mentioned_wherever_its_name_is_printed(nlp: Language) -> None:
    # a name the NER missed the first time, a party by its short name and a set named by a
    # bare plural: each earlier mention belongs to the speaker, as long as the rule is on
    cases = [
        (
            "Rap row\n\nThe star has thrown protege The Spark out of his crew. "
            "The Spark said he was hurt by the move.",
            "The Spark", "he was hurt", 1, "Spark",
        ),
        (
            "Row\n\nLabour MPs fear the squabbling. The Labour Party said the row was over.",
            "The Labour Party", "the row was over", 0, "Labour",
        ),
        (
            "Spam\n\nProsecutors said the man was a fraud. The jury agreed on Monday. "
            "Prosecutors had asked for a long term for him.",
            "Prosecutors", "for a long term", 1, "Prosecutors",
        ),
    ]  # fmt: skip
    off = SpeakerSettings(disabled=frozenset({"name-repeats"}))
    for text, source, content, nth, first in cases:
        at = text.index(first)
        got = resolve(nlp, text, [quote(text, source, content, nth)])[0]
        assert got is not None and at in {m.start for m in got.mentions}
        got = resolve(nlp, text, [quote(text, source, content, nth)], off)[0]
        assert got is not None and at not in {m.start for m in got.mentions}
    # but "others" are a new set each time
    text = (
        "Vote\n\nSome voters backed the plan, and others said the vote was close. The count "
        "went on. Others said the count was slow."
    )
    got = resolve(nlp, text, [quote(text, "Others", "the count was slow")])[0]
    assert got is not None and [m.text for m in got.mentions] == ["Others"]


def test_an_acronym_alone_is_an_organisation(nlp: Language) -> None:
    # "The WAFA said so." with no name the NER saw: initials name no person
    tokens = """
        word head dep    tag pos   ent
        The  1    det    DT  DET   O
        WAFA 2    nsubj  NNP PROPN O
        said 2    ROOT   VBD VERB  O
        so   2    advmod RB  ADV   O
        .    2    punct  .   PUNCT O
    """
    kinds = []
    for settings in (None, SpeakerSettings(disabled=frozenset({"lone-acronym"}))):
        doc = parse(nlp, "The WAFA said so.", tokens)
        (got,) = resolve_speakers(doc, [quote(doc.text, "The WAFA", "so")], settings=settings)
        kinds.append((got.name, got.kind))
    assert kinds == [("WAFA", "organisation"), ("WAFA", "person")]
    # a transcript's speaker label is a name in capitals: "TAPPER: Fine."
    doc = parse(nlp, "TAPPER: Fine.", """
        word   head dep   tag pos   ent
        TAPPER 2    dep   NNP PROPN O
        :      2    punct :   PUNCT O
        Fine   2    ROOT  JJ  ADJ   O
        .      2    punct .   PUNCT O
    """)  # fmt: skip
    (got,) = resolve_speakers(doc, [quote(doc.text, "TAPPER", "Fine")])
    assert (got.name, got.kind) == ("TAPPER", "person")


def test_an_employer_named_before_a_person_noun_is_the_company_after(nlp: Language) -> None:
    text = (
        'Browser\n\nThe new browser came out on Monday. "We are proud of it," said Vexa '
        'spokeswoman, Ann Lowe. "It is fast."\n\nThe company says the browser is safe.'
    )
    quotes = [quote(text, "The company", "the browser is safe")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind) == ("Vexa", "organisation")
    assert names_with_rule_off(nlp(text), quotes, "employer-antecedent") == ["company"]
    # but no pronoun stands for the employer: "they" are not the director's firm
    text = "Browser\n\nThe Vexa director praised the browser on Monday. They said it was safe."
    assert one(nlp, text, "They", "it was safe") is None


def test_a_name_ending_in_network_is_an_organisation_whatever_the_ner(nlp: Language) -> None:
    # the NER takes both names for people
    doc = parse(nlp, "Kinship Network director Jo Hart said so.", """
        word     head dep      tag pos   ent
        Kinship  1    compound NNP PROPN B-PERSON
        Network  2    compound NNP PROPN I-PERSON
        director 4    compound NN  NOUN  O
        Jo       4    compound NNP PROPN B-PERSON
        Hart     5    nsubj    NNP PROPN I-PERSON
        said     5    ROOT     VBD VERB  O
        so       5    advmod   RB  ADV   O
        .        5    punct    .   PUNCT O
    """)  # fmt: skip
    st = resolve_entities(doc, [quote(doc.text, "Kinship Network director Jo Hart", "so")])
    kinds = {e.name: e.kind for e in st.entities}
    assert kinds["Kinship Network"] == "organisation" and kinds["Jo Hart"] == "person"


def test_an_unnamed_person_is_no_one_elses_in_the_archive(tmp_path: Path) -> None:
    # Two articles' "spokeswoman for the firm" are persons of their articles, not one
    # person the archive counts twice; named people still join across articles
    unnamed = ("spokeswoman for the firm", "person", "female", [])
    with Archive.open(tmp_path / "archive.db") as archive:
        for key in ("a", "b"):
            text = f"A spokeswoman for the firm said the plant {key} would close."
            archive.store(article(key, text, unnamed))
        assert person_of(archive, "a") is None and person_of(archive, "b") is None
        named = ("Ann Lowe", "person", "female", [])
        for key in ("c", "d"):
            archive.store(article(key, f"Ann Lowe said the plant {key} would close.", named))
        assert person_of(archive, "c") is not None
        assert person_of(archive, "c") == person_of(archive, "d")


SWITCHED = [  # rule, text, source, content, (name, kind, gender, titles, affiliations) off
    ("unnamed-individual", "Plant\n\nA spokeswoman for the firm said the plant would close.",
     "A spokeswoman for the firm", "the plant would close",
     ("spokeswoman for the firm", "unknown", None, [], [])),
    ("sets-are-groups", "Councils\n\nLocal authorities said the rules were unclear.",
     "Local authorities", "the rules were unclear",
     ("Local authorities", "organisation", None, [], [])),
    ("set-name", "Row\n\nBoth backbenchers and Labour peers said the row was bad.",
     "Both backbenchers and Labour peers", "the row was bad",
     ("Both backbenchers", "group", None, [], [])),
    ("no-speaker", "Tips\n\nDo you feel lonely at home? Nobody said it was easy.",
     "Nobody", "it was easy", ("Nobody", "unknown", None, [], [])),
    ("title-is-a-role", "Club news\n\nTom Reid, the club's managing director, said it.",
     "Tom Reid, the club's managing director,", "it",
     ("Tom Reid", "person", None, ["club's managing director"], [])),
    ("affiliation-qualifies", "Vote\n\nWood Green MP Lynne Field said the vote was close.",
     "Wood Green MP Lynne Field", "the vote was close",
     ("Lynne Field", "person", None, ["Wood Green MP"], ["Green"])),
    ("first-name-starts", "Gas deal\n\nRussian Ivan Petrov said the deal was done.",
     "Russian Ivan Petrov", "the deal was done",
     ("Russian Ivan Petrov", "person", None, [], [])),
    ("whole-name", "Housing\n\nThe Office of the Deputy Prime Minister said prices rose.",
     "The Office of the Deputy Prime Minister", "prices rose",
     ("Office of the", "organisation", None, [], [])),
    ("honorific-before-title", "Court\n\nLord Justice Rix and Mrs Justice Cole ruled on"
     " Monday. Rix said the law was clear.", "Rix", "the law was clear",
     ("Rix", "person", None, ["Justice"], [])),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "text", "source", "content", "off"), SWITCHED)
def test_each_entity_rule_switches_off(
    nlp: Language, rule: str, text: str, source: str, content: str, off: tuple
) -> None:
    settings = SpeakerSettings(disabled=frozenset({rule}))
    got = resolve(nlp, text, [quote(text, source, content)], settings)[0]
    assert got is not None
    assert (got.name, got.kind, got.gender, got.titles, got.affiliations) == off
    assert resolve(nlp, text, [quote(text, source, content)])[0] != got
