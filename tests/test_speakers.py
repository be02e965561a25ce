"""Speaker resolution on the UK example, hand-written news sentences for each kind of
mention, and gold PolNeAR quotes from the speaker dev gold."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan
from tests.conftest import EXAMPLE_UK, POLNEAR, ROOT, need
from tests.parses import parse, speakers_of

from saidwhat.article import Quote, Span, Speaker
from saidwhat.evaluate import normalise_name
from saidwhat.formats import load_polnear
from saidwhat.speakers import RULES, SpeakerSettings, resolve_entities, resolve_speakers
from saidwhat.speakers.document import _without_initial_nouns, find_asides

GOLD = ROOT / "data" / "speakers" / "dev-gold.jsonl"


def quote(text: str, source: str | None, content: str, nth: int = 0) -> Quote:
    """A quote whose source is the `nth` occurrence of `source` and whose content is the
    first occurrence of `content`."""
    sources = []
    if source is not None:
        start = -1
        for _ in range(nth + 1):
            start = text.index(source, start + 1)
        sources = [Span.of(text, start, start + len(source))]
    begin = text.index(content)
    return Quote(cue=None, sources=sources, contents=[Span.of(text, begin, begin + len(content))])


def resolve(
    nlp: Language, text: str, quotes: list[Quote], settings: SpeakerSettings | None = None
) -> dict[int, Speaker | None]:
    speakers = resolve_speakers(nlp(text), quotes, settings=settings)
    by_id = {s.id: s for s in speakers}
    for speaker in speakers:
        for mention in speaker.mentions:
            assert mention.text == text[mention.start : mention.end]
    return {i: by_id.get(q.speaker_id or "") for i, q in enumerate(quotes)}


def names_with_rule_off(doc: Doc, quotes: list[Quote], rule: str | None) -> list[str | None]:
    """The quotes' speaker names (copies resolved) with one rule switched off (None: none)."""
    quotes = [Quote(cue=q.cue, sources=list(q.sources), contents=list(q.contents)) for q in quotes]
    off = SpeakerSettings(disabled=frozenset({rule} if rule else ()))
    speakers = {s.id: s for s in resolve_speakers(doc, quotes, settings=off)}
    return [speakers[q.speaker_id].name if q.speaker_id else None for q in quotes]


@pytest.fixture(scope="module")
def example(nlp: Language) -> tuple[str, list[Quote], dict[int, Speaker | None]]:
    text = need(EXAMPLE_UK).read_text(encoding="utf-8")

    def at(phrase: str, offset: int, length: int) -> Span:
        start = text.index(phrase) + offset
        return Span.of(text, start, start + length)

    def q(source: Span | None, content: str) -> Quote:
        begin = text.index(content)
        contents = [Span.of(text, begin, begin + len(content))]
        return Quote(cue=None, sources=[source] if source else [], contents=contents)

    quotes = [
        q(at("A Shadow Cabinet minister", 0, 25), 'as "banter"'),
        q(at("Jonathan Ashworth conceded", 0, 17), "that the leak made"),
        q(at("said he made", 5, 2), "he made the remarks"),
        q(at("the Shadow Health Secretary said", 0, 27), "he thought the civil"),
        q(at("And he said", 4, 2), 'party MPs "f***ed'),
        q(at("Mr Ashworth also", 0, 11), "the situation facing Labour"),
        q(at("he insisted", 0, 2), "he did not mean"),
        q(None, "\"We're having banter"),
        q(at("He went on", 0, 2), "\"No, I don't mean it"),
        q(at("Tory HQ seized", 0, 7), "Mr Ashworth’s remarks"),
        q(at("James Cleverly, the Conservative Chairman,", 0, 42), "they were an"),
        q(at("He added", 0, 2), "“If even Corbyn's"),
        q(at("The BBC later", 0, 7), "that Mr Ashworth had pulled"),
    ]
    return text, quotes, resolve(nlp, text, quotes)


def test_example_ashworth_is_one_man_with_title_and_party(example) -> None:
    _, _, got = example
    ashworth = got[0]
    assert ashworth is not None and ashworth.name == "Jonathan Ashworth"
    assert all(got[i] is ashworth for i in (1, 2, 3, 4, 5, 6, 7, 8))
    assert ashworth.kind == "person" and ashworth.gender == "male"
    assert ashworth.titles == ["Shadow Health Secretary"]
    assert ashworth.affiliations == ["Labour"]
    texts = {m.text for m in ashworth.mentions}
    assert {"A Shadow Cabinet minister", "the Shadow Health Secretary", "Mr Ashworth"} <= texts


def test_example_cleverly_bbc_and_tory_hq(example) -> None:
    _, _, got = example
    cleverly = got[10]
    assert cleverly is not None and cleverly.name == "James Cleverly"
    assert got[11] is cleverly  # He added: …
    assert cleverly.titles == ["Conservative Chairman"]
    assert cleverly.affiliations == ["Conservative"]
    assert (got[12].name, got[12].kind) == ("BBC", "organisation")
    assert (got[9].name, got[9].kind) == ("Tory HQ", "organisation")


def test_example_speakers_are_distinct_entities(example) -> None:
    _, quotes, got = example
    names = [s.name for s in {id(s): s for s in got.values() if s}.values()]
    assert sorted(names) == ["BBC", "James Cleverly", "Jonathan Ashworth", "Tory HQ"]
    assert all(q.speaker_id for q in quotes)


def test_surname_with_honorific_and_gender_from_honorific(nlp: Language) -> None:
    text = (
        "Elizabeth Warren grilled the bank's chief executive on Tuesday. "
        "Ms Warren said the bank had cheated its customers for years."
    )
    got = resolve(nlp, text, [quote(text, "Ms Warren", "the bank had cheated")])
    assert got[0].name == "Elizabeth Warren" and got[0].gender == "female"


def test_first_name_the_article_uses(nlp: Language) -> None:
    text = (
        "Sadiq Khan has run London since 2016 and wants a fourth term. "
        'At the rally Sadiq said: "We are not finished yet."'
    )
    got = resolve(nlp, text, [quote(text, "Sadiq", '"We are not finished', nth=1)])
    assert got[0].name == "Sadiq Khan"


def test_pronoun_goes_to_nearest_compatible_person(nlp: Language) -> None:
    text = (
        "Angela Rayner met Keir Starmer in Manchester on Friday. "
        "She said the party would not raise income tax."
    )
    got = resolve(nlp, text, [quote(text, "She", "the party would not")])
    assert got[0].name == "Angela Rayner" and got[0].gender == "female"


def test_pronoun_without_compatible_antecedent_is_no_speaker(nlp: Language) -> None:
    # A pronoun never becomes an entity of its own: unresolved, its quote has no speaker
    text = "Mr Smith spoke to reporters outside the court. She said the ruling was unfair."
    got = resolve(nlp, text, [quote(text, "She", "the ruling was unfair")])
    assert got[0] is None


def test_he_added_after_a_quote_goes_to_its_speaker(nlp: Language) -> None:
    text = (
        "James Cleverly, the Conservative Chairman, said the remarks were damning for "
        "Mr Corbyn's leadership.\n\n"
        'He added: "Why should voters trust him?"'
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "James Cleverly, the Conservative Chairman,", "the remarks were"),
            quote(text, "He", '"Why should voters'),
        ],
    )
    assert got[0].name == got[1].name == "James Cleverly"


def test_quote_without_source_continues_the_previous_speaker(nlp: Language) -> None:
    text = (
        '"We will fight this all the way," said Jane Dodds, the Welsh Liberal Democrat '
        'leader.\n\n"The people of Powys deserve better than this."'
    )
    got = resolve(
        nlp,
        text,
        [quote(text, "Jane Dodds", '"We will fight'), quote(text, None, '"The people of Powys')],
    )
    assert got[0].name == got[1].name == "Jane Dodds"
    assert got[0].titles == ["Welsh Liberal Democrat leader"]


def test_sourceless_quote_with_nobody_before_has_no_speaker(nlp: Language) -> None:
    text = "It is understood that ministers will meet on Monday."
    quotes = [quote(text, None, "ministers will meet")]
    assert resolve(nlp, text, quotes)[0] is None and quotes[0].speaker_id is None


def test_description_through_title_premodifier(nlp: Language) -> None:
    text = (
        "Mayor Andy Burnham opened the new tram line on Monday. "
        "The mayor said fares would be capped at two pounds."
    )
    got = resolve(nlp, text, [quote(text, "The mayor", "fares would be")])
    assert got[0].name == "Andy Burnham"
    assert "Mayor" in got[0].titles


def test_description_through_apposition(nlp: Language) -> None:
    text = (
        "Rachel Reeves, the Chancellor, set out her budget in the Commons. "
        "Later the Chancellor said borrowing would fall."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "Rachel Reeves, the Chancellor,", "her budget"),
            quote(text, "the Chancellor", "borrowing would fall", nth=1),
        ],
    )
    assert got[0] is got[1]
    assert got[0].name == "Rachel Reeves" and got[0].titles == ["Chancellor"]


def test_description_through_copula(nlp: Language) -> None:
    text = (
        "Yvette Cooper is the Home Secretary. "
        "The Home Secretary said the new border unit would start work in May."
    )
    got = resolve(nlp, text, [quote(text, "The Home Secretary", "the new border unit")])
    assert got[0].name == "Yvette Cooper" and "Home Secretary" in got[0].titles


def test_possessive_party_premodifier_and_title(nlp: Language) -> None:
    text = (
        "Labour's Wes Streeting visited the hospital on Thursday. "
        "Health Secretary Wes Streeting said waiting lists were falling."
    )
    got = resolve(nlp, text, [quote(text, "Health Secretary Wes Streeting", "waiting lists")])
    assert got[0].name == "Wes Streeting"
    assert got[0].affiliations == ["Labour"] and got[0].titles == ["Health Secretary"]


def test_party_tag_after_the_name(nlp: Language) -> None:
    text = 'Rep. Jason Chaffetz (R-Utah) said, "Subpoenas are not optional."'
    got = resolve(nlp, text, [quote(text, "Rep. Jason Chaffetz (R-Utah)", '"Subpoenas')])
    assert got[0].name == "Jason Chaffetz" and got[0].affiliations == ["Republican"]


def test_a_member_tagged_and_described_has_one_party(nlp: Language) -> None:
    # The tag names the party as the lexicon does, and two spellings of it are one party.
    text = 'Democratic Sen. Tim Kaine (D-Va.) said, "We will vote no."'
    got = resolve(nlp, text, [quote(text, "Democratic Sen. Tim Kaine (D-Va.)", '"We will')])
    assert got[0].name == "Tim Kaine" and got[0].affiliations == ["Democratic"]
    text = 'GOP Sen. Mike Lee (R-Utah) said, "We will vote yes."'
    got = resolve(nlp, text, [quote(text, "GOP Sen. Mike Lee (R-Utah)", '"We will')])
    assert got[0].name == "Mike Lee" and got[0].affiliations == ["GOP"]


def test_organisation_acronym_and_definite_description(nlp: Language) -> None:
    text = (
        "The International Monetary Fund lowered its forecast for growth on Tuesday. "
        "The IMF expects output to expand by 1.6 percent. "
        "Still, the fund warned that trade tensions would weigh on investment."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "The IMF", "output to expand"),
            quote(text, "the fund", "that trade tensions"),
        ],
    )
    assert got[0] is got[1]
    assert (got[0].name, got[0].kind) == ("International Monetary Fund", "organisation")


def test_downing_street_and_unnamed_spokesman(nlp: Language) -> None:
    text = (
        "Downing Street said the Prime Minister had full confidence in the minister. "
        "A spokesman said no further action would be taken."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "Downing Street", "the Prime Minister had"),
            quote(text, "A spokesman", "no further action"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("Downing Street", "organisation")
    assert (got[1].name, got[1].kind) == ("spokesman", "person")


def test_groups_get_their_kind(nlp: Language) -> None:
    text = (
        "Labour MPs said the leadership had lost touch with its voters. "
        "Voters in Hartlepool say they feel ignored by both parties."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "Labour MPs", "the leadership had"),
            quote(text, "Voters in Hartlepool", "they feel ignored"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("Labour MPs", "group")
    assert (got[1].name, got[1].kind) == ("Voters in Hartlepool", "group")


def test_headline_and_lead_descriptions_name_who_the_body_names(nlp: Language) -> None:
    text = (
        "Lawmaker urges retaliation on Russia.\n\n"
        "Rep. Adam Schiff, the top Democrat on the House Intelligence Committee, called on "
        "the president to retaliate against Russia for interference in the election."
    )
    got = resolve(
        nlp,
        text,
        [quote(text, "Lawmaker", "retaliation on Russia"), quote(text, "Rep. Adam Schiff", "to")],
    )
    assert got[0].name == got[1].name == "Adam Schiff"


def test_dev_gold_lines_are_well_formed() -> None:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    quotes = [q for line in lines for q in line["quotes"]]
    assert len(quotes) >= 300
    assert all(q["reference"].strip() and 0 <= q["start"] < q["end"] for q in quotes)
    assert all("text" not in line for line in lines)  # PolNeAR text stays out of the repo


def test_gold_polnear_quotes_resolve_to_the_reference(nlp: Language) -> None:
    """Every fifth dev-gold article (6 of 28), resolved from its gold PolNeAR quotes; names
    compared as the evaluator compares them. 82 of 83 right at 0429769: one miss more fails."""
    need(POLNEAR / "dev")
    gold = {
        line["id"]: {(q["start"], q["end"]): q["reference"] for q in line["quotes"]}
        for line in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())
    }
    wanted = sorted(gold)[::5]
    hits = total = 0
    for article in load_polnear(POLNEAR / "dev"):
        if article.id not in wanted:
            continue
        speakers = {s.id: s for s in resolve_speakers(nlp(article.text), article.quotes)}
        for q in article.quotes:
            if not q.contents:
                continue
            reference = gold[article.id].get((q.contents[0].start, q.contents[-1].end))
            if reference is None:
                continue
            total += 1
            speaker = speakers.get(q.speaker_id or "")
            name = normalise_name(speaker.name) if speaker is not None else None
            hits += name == normalise_name(reference)
    assert total == 83
    assert hits / total >= 0.98


def test_lead_description_with_possessor_names_the_next_subject(nlp: Language) -> None:
    text = (
        "Secrecy is no stranger to the senator's health records, the Democratic "
        "candidate's former doctor maintains.\n\n"
        "Dr. Connie Mariano, who served as White House physician, said the illness had been "
        "kept from the public."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "the Democratic candidate's former doctor", "Secrecy is no"),
            quote(text, "Dr. Connie Mariano", "the illness had"),
        ],
    )
    assert got[0] is got[1] and got[0].name == "Connie Mariano"
    assert got[0].gender is None  # "Dr." says nothing about gender


def test_unnamed_roles_later_in_the_article_are_new_people(nlp: Language) -> None:
    text = (
        "Donald Trump attacked Bill Clinton's record at a rally in Ohio on Monday.\n\n"
        "Mr. Trump said the former president had demeaned women.\n\n"
        "A spokesman for Mr. Clinton said the remarks were beneath comment.\n\n"
        "Mr. Trump also attacked the Clinton Foundation. His lawyer said the suit would go ahead."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "A spokesman for Mr. Clinton", "the remarks were"),
            quote(text, "His lawyer", "the suit would"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("spokesman for Mr. Clinton", "person")
    assert (got[1].name, got[1].kind) == ("His lawyer", "person")


def test_a_document_speaks_for_the_organisation_that_put_it_out(nlp: Language) -> None:
    text = (
        "The International Monetary Fund cut its forecast for Britain on Tuesday.\n\n"
        '"The ultimate impact remains very unclear," the IMF report stated.\n\n'
        "A leaked memo said the figures had been revised twice."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "the IMF report", '"The ultimate impact'),
            quote(text, "A leaked memo", "the figures had"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("International Monetary Fund", "organisation")
    assert got[1] is None  # a document whose owner no one knows is no speaker


def test_acronym_in_brackets_and_a_source_span_on_the_verb(nlp: Language) -> None:
    text = (
        "More than 100,000 people took part, according to the event organizer Alliance to "
        "Reclaim Our Schools (AROS).\n\n"
        "AROS said it would hold more events.\n\n"
        '"Parents want good schools," said Megan Hester.'
    )
    said = text.rindex("said")
    verb_only = Quote(
        cue=None,
        sources=[Span.of(text, said, said + 4)],  # annotated on the verb, not the speaker
        contents=[Span.of(text, text.index('"Parents'), text.index("schools,") + 9)],
    )
    got = resolve(nlp, text, [quote(text, "AROS said", "it would hold"), verb_only])
    assert (got[0].name, got[0].kind) == ("Alliance to Reclaim Our Schools", "organisation")
    assert got[1].name == "Megan Hester"


def test_uk_politics_paragraphs(nlp: Language) -> None:
    text = (
        "Labour leader Sir Keir Starmer has promised to stand by nurses after the Royal "
        "College of Nursing (RCN) warned of walkouts this winter.\n\n"
        'Speaking in Birmingham, Sir Keir said the government had "lost control" of the NHS.\n\n'
        "The Prime Minister, Rishi Sunak, said the pay offer was fair. The RCN said its members "
        "had been left with no choice. Tory MPs said privately that Mr Sunak had misjudged the "
        'mood.\n\nHealth Secretary Steve Barclay told the BBC he was "disappointed". The health '
        "secretary insisted talks would continue."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "Sir Keir", "the government had", nth=1),
            quote(text, "The Prime Minister, Rishi Sunak,", "the pay offer"),
            quote(text, "The RCN", "its members"),
            quote(text, "Tory MPs", "privately that"),
            quote(text, "The health secretary", "talks would"),
        ],
    )
    starmer, sunak, rcn, mps, barclay = (got[i] for i in range(5))
    assert (starmer.name, starmer.titles, starmer.affiliations) == (
        "Keir Starmer",
        ["Labour leader"],
        ["Labour"],
    )
    assert (sunak.name, sunak.titles) == ("Rishi Sunak", ["Prime Minister"])
    assert (rcn.name, rcn.kind) == ("Royal College of Nursing", "organisation")
    assert (mps.name, mps.kind, mps.affiliations) == ("Tory MPs", "group", ["Tory"])
    assert (barclay.name, barclay.titles) == ("Steve Barclay", ["Health Secretary"])


def test_an_age_description_is_the_person_just_named(nlp: Language) -> None:
    text = "Jonathan Ashworth spoke in Leicester on Friday. The 45-year-old said he meant no harm."
    got = resolve(nlp, text, [quote(text, "The 45-year-old", "he meant no harm")])
    assert got[0].name == "Jonathan Ashworth"


def test_two_word_party_is_one_affiliation(saidwhat_nlp) -> None:
    doc = saidwhat_nlp(
        "The Liberal Democrat group leader, Tom Brierley, said the council had erred."
    )
    (speaker,) = doc._.speakers
    assert speaker.name == "Tom Brierley"
    assert speaker.affiliations == ["Liberal Democrat"]


def test_a_description_named_later_by_apposition_is_that_person(nlp: Language) -> None:
    text = (
        "The city council voted on Tuesday to fine Dana Whitfield, the developer behind the "
        "Riverside towers. Her lawyer said the fine would be challenged in court.\n\n"
        "Whitfield did not attend the meeting. The lawyer, Thomas Greer, told reporters that "
        "the council had ignored its own rules."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "Her lawyer", "the fine would be"),
            quote(text, "The lawyer, Thomas Greer,", "the council had ignored"),
        ],
    )
    assert got[0] is got[1] and got[0].name == "Thomas Greer"


def test_a_description_named_later_as_name_then_role_or_role_then_name(nlp: Language) -> None:
    text = (
        "Police questioned Dana Whitfield for three hours on Monday. Her attorney said she had "
        "answered every question.\n\n"
        "A spokeswoman for the county hospital said two officers had been treated for minor "
        "injuries.\n\n"
        '"This should never have happened," said Thomas Greer, her attorney. Hospital '
        "spokeswoman Carla Jensen said the officers had gone home."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "Her attorney", "she had answered"),
            quote(text, "A spokeswoman for the county hospital", "two officers had"),
            quote(text, "Thomas Greer, her attorney", '"This should never'),
            quote(text, "Hospital spokeswoman Carla Jensen", "the officers had gone"),
        ],
    )
    assert got[0] is got[2] and got[0].name == "Thomas Greer"
    assert got[1] is got[3] and got[1].name == "Carla Jensen"


def test_a_description_is_not_tied_to_a_later_name_with_another_owner(nlp: Language) -> None:
    text = (
        "Senator Paul Hendricks skipped the vote on Thursday. His spokesman said the senator "
        "had been ill.\n\n"
        "The bill passed by four votes. Ben Ortiz, a spokesman for Governor Ann Price, said "
        "she would sign it next week."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "His spokesman", "the senator had been"),
            quote(text, "Ben Ortiz, a spokesman for Governor Ann Price,", "she would sign"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("His spokesman", "person")
    assert got[1].name == "Ben Ortiz"


def test_one_stray_pronoun_does_not_pin_a_gender(nlp: Language) -> None:
    """ "She" (the unnamed witness) first goes to Okonkwo, the only person named; the "he"s
    after it still reach him, and two against one make him male."""
    text = (
        "Dale Okonkwo questioned the witness for an hour on Tuesday. She insisted that the "
        "company had followed every rule.\n\n"
        "Okonkwo called a recess after the exchange. He said the hearing would resume on "
        "Monday. He added that more witnesses would be called."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "She", "the company had followed"),
            quote(text, "He", "the hearing would resume"),
            quote(text, "He", "more witnesses would", nth=1),
        ],
    )
    assert got[1] is got[2] and got[1].name == "Dale Okonkwo"
    assert got[1].gender == "male"


def test_a_first_name_or_honorific_outweighs_a_lone_pronoun(nlp: Language) -> None:
    text = (
        "Karen Rivera questioned the witness for an hour on Tuesday. He insisted that the "
        "company had followed every rule.\n\n"
        "Mrs. Okafor, who chairs the committee, questioned a second witness. He said the "
        "accounts had been audited twice."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "He", "the company had followed"),
            quote(text, "He", "the accounts had been", nth=1),
        ],
    )
    assert got[0] is None  # a pronoun with no antecedent is no speaker
    assert got[1] is None


def test_a_sourceless_quote_is_said_by_the_subject_of_its_cue(nlp: Language) -> None:
    text = (
        "Tom Becker, who chairs the residents' association, said the pumps had failed twice.\n\n"
        "Mayor Ruth Alvarez toured the flooded streets on Sunday, promising that every family "
        "would be rehoused by spring. Critics of the scheme have warned that the money will "
        "run out. Talk of a second barrier has grown that the river will rise again."
    )

    def cued(cue: str, content: str, source: str | None = None) -> Quote:
        q = quote(text, source, content)
        start = text.index(cue)
        return Quote(Span.of(text, start, start + len(cue)), q.sources, q.contents)

    got = resolve(
        nlp,
        text,
        [
            cued("said", "the pumps had failed", source="Tom Becker"),
            cued("promising", "every family would be"),
            cued("have warned", "the money will run"),
            cued("has grown", "the river will rise"),
        ],
    )
    assert got[0].name == "Tom Becker"
    assert got[1].name == "Ruth Alvarez"  # not Becker, whom a bare continuation would give
    assert (got[2].name, got[2].kind) == ("Critics of the scheme", "group")
    assert got[3] is got[2]  # "Talk" is no speaker: the quote continues the one before


def test_the_woman_of_a_profile_is_the_one_named_later_by_first_name(nlp: Language) -> None:
    text = (
        "The woman, who answered the door of flat 4B, said the landlord had ignored every "
        "letter since March.\n\n"
        "Her son, Kevin, watched from the hallway. Rosa had kept copies of everything: the "
        "letters, the photographs, the receipts.\n\n"
        "Janet Morris, who sits on the council, visited the block last week and promised an "
        'inspection. The woman\'s patience is wearing thin. "I just want hot water," she said.'
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "The woman, who answered the door of flat 4B,", "the landlord had"),
            quote(text, "Janet Morris", "an inspection"),
            quote(text, "she", '"I just want'),
        ],
    )
    assert got[0].name == "Rosa" and got[0].kind == "person"
    assert got[1].name == "Janet Morris"
    assert got[2] is got[0]  # through "The woman's patience", not Morris


def test_the_woman_is_not_tied_to_a_first_name_when_two_could_be_her(nlp: Language) -> None:
    text = (
        "The woman at the counter said the bank had closed her account without warning.\n\n"
        "Rosa has run the bakery next door since 2009 with her sister, Helen."
    )
    got = resolve(nlp, text, [quote(text, "The woman at the counter", "the bank had closed")])
    assert (got[0].name, got[0].kind) == ("woman at the counter", "person")


def test_a_campaign_is_also_its_team_and_its_camp(nlp: Language) -> None:
    text = (
        "The Harper campaign said on Monday that the senator would debate twice in October.\n\n"
        "The Lopez team said it had agreed to only one debate. Later the Harper team said the "
        "schedule was still open, and the Harper camp insisted that no date had been fixed."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "The Harper campaign", "the senator would"),
            quote(text, "The Lopez team", "it had agreed"),
            quote(text, "the Harper team", "the schedule was"),
            quote(text, "the Harper camp", "no date had"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("Harper campaign", "organisation")
    assert got[2] is got[0] and got[3] is got[0]
    assert got[1].name == "Lopez team" and got[1] is not got[0]


def test_a_role_named_later_must_agree_on_its_qualifiers(nlp: Language) -> None:
    text = (
        "Pupils were sent home early on Thursday. A school spokesman said the heating had "
        "failed overnight.\n\n"
        "Repairs began at once. Education ministry spokesman Omar Haddad said the building "
        "would reopen on Monday."
    )
    got = resolve(
        nlp,
        text,
        [
            quote(text, "A school spokesman", "the heating had"),
            quote(text, "Education ministry spokesman Omar Haddad", "the building would"),
        ],
    )
    assert (got[0].name, got[0].kind) == ("school spokesman", "person")
    assert got[1].name == "Omar Haddad"


def test_a_cue_subject_inside_reported_words_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "Nadia Brooks says her rival Peter Lang took money from developers — insisting that "
        "the council must publish every donation."
    )
    says, insisting = text.index("says"), text.index("insisting")
    reported = text.index("her rival"), text.index(" — ")
    demand = text.index("the council must"), len(text) - 1
    quotes = [
        Quote(Span.of(text, says, says + 4), [Span.of(text, 0, 11)], [Span.of(text, *reported)]),
        Quote(Span.of(text, insisting, insisting + 9), [], [Span.of(text, *demand)]),
    ]
    got = resolve(nlp, text, quotes)
    assert got[0].name == got[1].name == "Nadia Brooks"


def test_a_relative_pronoun_after_an_apposition_is_the_name(nlp: Language) -> None:
    text = (
        "Two billionaires are backing Restore Ohio, a super PAC that says it will spend heavily "
        "against the Democratic nominee in October."
    )
    got = resolve(nlp, text, [quote(text, "that", "it will spend")])
    assert (got[0].name, got[0].kind) == ("Restore Ohio", "organisation")


def test_local_titles_are_not_part_of_the_name(nlp: Language) -> None:
    text = (
        "Councillor Tom Baker said the bridge had cost too much. Cllr Ann Hart, who chairs "
        'the finance committee, said it was "money well spent". Mr Baker added that '
        '"residents deserve answers".'
    )
    quotes = [
        quote(text, "Councillor Tom Baker", "the bridge had cost"),
        quote(text, "Cllr Ann Hart", "it was"),
        quote(text, "Mr Baker", '"residents deserve'),
    ]
    got = resolve(nlp, text, quotes)
    assert [got[i].name for i in range(3)] == ["Tom Baker", "Ann Hart", "Tom Baker"]
    assert "Councillor" in got[0].titles and "Cllr" in got[1].titles


def test_the_place_a_person_is_mayor_of_is_no_person(nlp: Language) -> None:
    # The small NER model takes "Riverton" for a PERSON; a "he" must not resolve to it
    text = (
        "Jane Smith, the mayor of Riverton, opened the new bridge on Monday.\n\n"
        '"I love this town," she said. "We waited long enough," he said.'
    )
    quotes = [quote(text, "she", '"I love this'), quote(text, "he", '"We waited')]
    he = text.index('," he said') + 3  # the word, not the "he" of "the"
    quotes[1].sources = [Span.of(text, he, he + 2)]
    got = resolve(nlp, text, quotes)
    assert got[0].name == "Jane Smith"
    assert got[1] is None  # unresolved: no speaker


def test_what_an_organisation_put_out_and_which_sort_it_is(nlp: Language) -> None:
    text = (
        "Coal plant to close\n\n"
        "According to a statement from the Department of Energy, the plant will close in "
        "2027.\n\nThe company, in a filing with regulators, warned that profits could fall. "
        "The agency said the decision was final."
    )
    quotes = [
        quote(text, "a statement from the Department of Energy", "the plant will close"),
        quote(text, "The company", "that profits could fall"),
        quote(text, "The agency", "the decision was final"),
    ]
    got = resolve(nlp, text, quotes)
    assert got[0].name == got[2].name == "Department of Energy"  # "a statement from" it
    assert got[1].kind == "organisation" and got[1].name == "company"  # no department


def test_the_head_of_a_place_named_later_by_another_title(nlp: Language) -> None:
    text = (
        "Hospital apologises\n\n"
        "The head of Harwick General Hospital has apologised for long waits. The head of the "
        "nursing union said staff were exhausted.\n\n"
        'Dr Priya Raman, the hospital\'s chief executive, said: "We let people down."'
    )
    quotes = [
        quote(text, "The head of Harwick General Hospital", "for long waits"),
        quote(text, "The head of the nursing union", "staff were exhausted"),
        quote(text, "Dr Priya Raman", '"We let people down."'),
    ]
    got = resolve(nlp, text, quotes)
    assert got[0].name == got[2].name == "Priya Raman"
    # no union is hers ("hospital" is the word they share): someone unnamed
    assert (got[1].name, got[1].kind) == ("head of the nursing union", "person")


def test_a_titled_name_the_ner_took_for_an_organisation(nlp: Language) -> None:
    text = (
        "Parking fees approved\n\n"
        "The city council approved the fees last month by a 5-2 vote. Councilwoman Rita Ng, "
        'who voted against them, said in a statement that the council had "rushed" the '
        "decision. She said she would ask for a review."
    )
    quotes = [
        quote(text, "Councilwoman Rita Ng, who voted against them,", "that the council had"),
        quote(text, "She", "she would ask"),
    ]
    got = resolve(nlp, text, quotes)  # en_core_web_sm says "Councilwoman Rita Ng" is an ORG
    ng = got[0]
    assert (ng.name, ng.kind, ng.titles, ng.affiliations) == (
        "Rita Ng",
        "person",
        ["Councilwoman"],
        [],
    )
    assert ng.gender == "female" and got[1] is ng


def test_the_document_named_again_is_its_issuers(nlp: Language) -> None:
    text = (
        "Union backs Clinton\n\n"
        "In a statement announcing the pick, the Association of Flight Attendants called "
        "Clinton a champion of working families. The statement also said her record on leave "
        "was unmatched.\n\n"
        "The report, by contrast, said nothing about leave."
    )
    quotes = [
        quote(text, "The statement", "her record on leave"),
        quote(text, "The report", "nothing about leave"),
    ]
    got = resolve(nlp, text, quotes)
    assert got[0].name == "Association of Flight Attendants"
    assert got[1] is None  # no report was put out before it: no speaker


def test_an_alliance_or_a_coalition_is_an_organisation(nlp: Language) -> None:
    text = (
        "Walk-ins at 2,000 schools\n\n"
        "More than 100,000 people took part in a nationwide walk-in, according to the event "
        "organizer Alliance to Reclaim Our Schools (AROS). The alliance said it would hold "
        "another walk-in in the spring."
    )
    got = resolve(nlp, text, [quote(text, "The alliance", "it would hold")])
    assert (got[0].name, got[0].kind) == ("Alliance to Reclaim Our Schools", "organisation")


def test_a_group_is_named_with_what_it_is_with(nlp: Language) -> None:
    text = (
        "Parents back charter schools\n\n"
        "In late September, a group of black parents with kids in charter schools sent a "
        "letter to the board urging it to reconsider. “Our children are thriving,” the "
        "letter reads."
    )
    quotes = [
        quote(text, "a group of black parents with kids in charter schools", "urging it"),
        quote(text, "the letter", "“Our children"),
    ]
    got = resolve(nlp, text, quotes)
    assert got[0].name == "group of black parents with kids in charter schools"
    assert got[1] is got[0]  # the letter they sent


def test_a_possessive_first_before_a_name_is_no_crash(nlp: Language) -> None:
    # A headline's typo'd possessive ("show’s Ford’s plan") that the parser hangs on the name
    # as its possessor: the run of words before the name then starts at its possessive mark,
    # and what stands before the mark is empty. It raised ValueError and ended whole runs.
    # Built by hand, so the rule is under test, not the small model.
    doc = parse(nlp, "Protest show ’s Ford ’s plan failed . Ford said so ", """
        word    head dep   tag ent
        Protest 1    nsubj NN  O
        show    1    ROOT  VBZ O
        ’s      3    poss  POS O
        Ford    5    poss  NNP B-PERSON
        ’s      3    case  POS O
        plan    6    nsubj NN  O
        failed  6    ccomp VBD O
        .       6    punct .   O
        Ford    9    nsubj NNP B-PERSON
        said    9    ROOT  VBD O
        so      9    dobj  RB  O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Ford", "so", nth=1)]
    assert speakers_of(doc, quotes)[0].name == "Ford"


# Each rule switched off on a case it decides: (rule, text, [(source, content[, cue])],
# which quote, its speaker with every rule on).
_RULE_CASES = [
    (
        "cue-subject",
        "Tom Becker said the pumps had failed twice.\n\nMayor Ruth Alvarez toured the "
        "flooded streets on Sunday, promising that every family would be rehoused by spring.",
        [("Tom Becker", "the pumps had failed"), (None, "every family would be", "promising")],
        1,
        "Ruth Alvarez",
    ),
    (  # a name the NER missed, whose first name the name prior knows
        "cue-subject",
        "Studio\n\nThe council backed the plan. Local MSP Fergus Ewing welcomed the news,"
        " saying the studio was long overdue.",
        [(None, "the studio was long overdue", "saying")],
        0,
        "Fergus Ewing",
    ),
    (
        "continue-previous",
        '"We will fight this all the way," said Jane Dodds.\n\n"Powys deserves better."',
        [("Jane Dodds", '"We will fight'), (None, '"Powys deserves')],
        1,
        "Jane Dodds",
    ),
    (
        "pronoun-nearest",
        "Angela Rayner met Keir Starmer in Manchester on Friday. "
        "She said the party would not raise income tax.",
        [("She", "the party would not")],
        0,
        "Angela Rayner",
    ),
    (
        "named-later",
        "The city council voted on Tuesday to fine Dana Whitfield, the developer behind the "
        "Riverside towers. Her lawyer said the fine would be challenged in court.\n\n"
        "Whitfield did not attend the meeting. The lawyer, Thomas Greer, told reporters that "
        "the council had ignored its own rules.",
        [("Her lawyer", "the fine would be"), ("The lawyer, Thomas Greer,", "the council had")],
        0,
        "Thomas Greer",
    ),
    (
        "plural-description",
        "Nordic transport ministers are meeting in Oslo on Friday, where they are to discuss a"
        " shared rail pass.\n\nThe plan has been welcomed by rail firms.",
        [("they", "a shared rail pass", "are to discuss")],
        0,
        "Nordic transport ministers",
    ),
    (
        "lead-forward",
        "Union warns of strikes\n\nThe union Unison has warned of strikes in hospitals. The CBI"
        " said strikes would hurt patients.",
        [("Union", "strikes", "warns of")],
        0,
        "Unison",  # the headline is a sentence of its own, though parsed into the lead's
    ),
    (
        "indefinite-is-new",
        "Industry analyst Ian Fogg said Apple was ahead of its rivals. Another analyst said the"
        " price was too high.",
        [("Industry analyst Ian Fogg", "Apple was ahead"), ("Another analyst", "the price")],
        1,
        "Another analyst",  # someone other than the analyst named
    ),
    (
        "couple",
        "A driver was arrested after the crash. Mr and Mrs Evans said the car had been going"
        " far too fast.",
        [("Mr and Mrs Evans", "the car had been")],
        0,
        "Mr and Mrs Evans",  # not a person "Mr"
    ),
    (
        "age-or-sex",
        "Actor quits soap\n\nActor Bill Tarmey is to leave the soap after 20 years.\n\nThe"
        ' 63-year-old said it was "time to move on".',
        [("The 63-year-old", "time to move on")],
        0,
        "Bill Tarmey",  # an actor is 63 years old as well
    ),
    (
        "age-or-sex",
        "Festival\n\nAll 100,000 tickets sold out in two hours. Festival founder Alan Pryce said"
        ' he was "amazed".\n\n"We could have sold them twice over," the 71-year-old farmer said.',
        [("the 71-year-old farmer", "We could have sold")],
        0,
        "Alan Pryce",  # an age says more of someone named, whatever the occupation
    ),
    (
        "nearest-organisation",
        "Bid\n\nEverton have rejected a bid for their striker. The Goodison Park club said the"
        " player was not for sale.",
        [("The Goodison Park club", "the player was")],
        0,
        "Everton",  # a club by its ground
    ),
    (
        "apposition",
        "Fraud\n\nA builder who cheated pensioners has been jailed. One victim, 81-year-old"
        " Edna Price, said she had lost her savings.",
        [("One victim, 81-year-old Edna Price,", "she had lost")],
        0,
        "Edna Price",  # a name the NER missed, made sure by its first name
    ),
    (
        "opening-noun-apart",
        "Rescue\n\nA boy was swept out to sea on Sunday.\n\nLifeguard Mark Stevens said the boy"
        ' was "very lucky".',
        [("Lifeguard Mark Stevens", "the boy was")],
        0,
        "Mark Stevens",  # a word opening the sentence before a first name is no name's
    ),
    (
        "achievement-fits",
        "Boxing\n\nBritish boxer Amir Khan will fight for the world title in July. Khan said he"
        ' had been training hard. "I\'ve never felt stronger," the Olympic silver medallist said.',
        [("the Olympic silver medallist", "I've never felt stronger")],
        0,
        "Amir Khan",  # a boxer has won a medal
    ),
    (
        "lead-forward-definite",
        "School meals\n\nThe education secretary has defended plans to improve school dinners."
        "\n\nAlan Johnson said the government was spending £220m on healthier food.",
        [("The education secretary", "plans to improve"), ("Alan Johnson", "the government")],
        0,
        "Alan Johnson",
    ),
    (
        "works-for-person",
        "Spending\n\nChancellor Gordon Brown defended his plans. But shadow chancellor George"
        " Osborne said the figures did not add up.\n\nMr Brown's spokesman said the chancellor"
        " would set out more details in the Budget.",
        [("Mr Brown's spokesman", "the chancellor would")],
        0,
        "Mr Brown's spokesman",  # not the shadow chancellor just quoted
    ),
    (
        "works-for-person",
        "Soap\n\nActor Bill Roache has said he will not leave the show.\n\nThe 72-year-old, who"
        ' plays Ken Barlow, said he had "no plans to go anywhere". ITV said the reports were'
        ' "pure fiction".\n\nRoache\'s agent said the actor was happy on the show.',
        [("The 72-year-old, who plays Ken Barlow,", "he had"), ("Roache's agent", "the actor")],
        1,
        "Roache's agent",  # not the character named two sentences back
    ),
    (
        "document-owner",
        "The International Monetary Fund cut its forecast for Britain on Tuesday.\n\n"
        '"The ultimate impact remains very unclear," the IMF report stated.',
        [("the IMF report", '"The ultimate impact')],
        0,
        "International Monetary Fund",
    ),
    (
        "document-issuer",
        "In a statement announcing the pick, the Association of Flight Attendants called "
        "Clinton a champion of working families. The statement also said her record on leave "
        "was unmatched.",
        [("The statement", "her record on leave")],
        0,
        "Association of Flight Attendants",
    ),
]


@pytest.mark.parametrize(("rule", "text", "spec", "nth", "name"), _RULE_CASES)
def test_switching_a_rule_off_changes_the_speaker_it_decides(
    nlp: Language, rule: str, text: str, spec: list, nth: int, name: str
) -> None:
    quotes = [quote(text, source, content) for source, content, *_ in spec]
    for q, (_, _, *cue) in zip(quotes, spec, strict=True):
        if cue:
            q.cue = Span.of(text, text.index(cue[0]), text.index(cue[0]) + len(cue[0]))
    assert resolve(nlp, text, quotes)[nth].name == name
    off = resolve(nlp, text, quotes, SpeakerSettings(disabled=frozenset({rule})))[nth]
    assert off is None or off.name != name


def test_a_body_is_not_one_whose_name_its_word_only_qualifies(nlp: Language) -> None:
    text = (
        "Bills\n\nThe Local Government Association said councils faced a gap of £1bn. The"
        " government said the warnings were scaremongering. The association said it stood by"
        " its figures."
    )
    quotes = [
        quote(text, "The Local Government Association", "councils faced"),
        quote(text, "The government", "the warnings"),
        quote(text, "The association", "it stood by"),
    ]
    got = resolve(nlp, text, quotes)
    assert [got[i].name for i in range(3)] == [
        "Local Government Association",
        "government",  # no association
        "Local Government Association",  # which its own head still names
    ]


def test_initials_are_no_first_name_a_she_must_outweigh(nlp: Language) -> None:
    text = "Books\n\nThe new novel sold a million copies. Author JK Rowling said she was thrilled."
    got = resolve(nlp, text, [quote(text, "Author JK Rowling", "she was thrilled")])[0]
    assert (got.name, got.gender, got.gender_basis) == ("JK Rowling", "female", "article")


def test_a_name_with_letters_for_a_seat_in_apposition_is_the_person(nlp: Language) -> None:
    text = (
        "Budget row\n\nScottish Finance Minister, Tom McCabe MSP, said the budget was fair.\n\n"
        "The Tory finance spokesman, Brian Monteith MSP, said the money would be wasted."
    )
    quotes = [
        quote(text, "Scottish Finance Minister, Tom McCabe MSP,", "the budget was fair"),
        quote(text, "The Tory finance spokesman, Brian Monteith MSP,", "the money would"),
    ]
    got = resolve(nlp, text, quotes)  # the NER: "Tom McCabe" a person, "MSP" an organisation
    assert [(got[i].name, got[i].titles) for i in range(2)] == [
        ("Tom McCabe", ["Scottish Finance Minister"]),
        ("Brian Monteith", ["Tory finance spokesman"]),
    ]


def test_a_business_epithet_is_no_public_body_just_named(nlp: Language) -> None:
    text = (
        "Store\n\nThe opening of a new store was abandoned after a crush. The London Ambulance"
        " Service said six people had been treated. The Swedish furniture giant said it was"
        " sorry."
    )
    quotes = [
        quote(text, "The London Ambulance Service", "six people"),
        quote(text, "The Swedish furniture giant", "it was sorry"),
    ]
    got = resolve(nlp, text, quotes)
    assert got[1].name == "Swedish furniture giant"  # not the ambulance service


def test_a_source_possessor_weighs_the_name_prior(nlp: Language) -> None:
    text = (
        "Officer named\n\nA police officer shot dead in Bradford has been named as PC Sharon"
        " Beshenivsky.\n\nChief Constable Hamish Cramphorn said she was a dedicated officer.\n\n"
        "Her husband, Paul, said the family was devastated."
    )
    quotes = [
        quote(text, "Chief Constable Hamish Cramphorn", "she was a dedicated"),
        quote(text, "Her husband, Paul,", "the family was"),
    ]
    for q, at in zip(quotes, (text.index(" said she") + 1, text.rindex("said")), strict=True):
        q.cue = Span.of(text, at, at + len("said"))
    got = resolve(nlp, text, quotes)
    assert got[0].name == "Hamish Cramphorn" and got[0].gender != "female"  # "Her" is Sharon's
    off = SpeakerSettings(disabled=frozenset({"name-prior-speaker"}))
    assert resolve(nlp, text, quotes, off)[0].gender == "female"


def he_said(text: str, words: str) -> Quote:
    """The quote of `words` whose source is the "he" of the last "he said"."""
    he = text.rindex(" he said") + 1
    return Quote(None, [Span.of(text, he, he + 2)], [quote(text, None, words).contents[0]])


def test_a_pronoun_source_is_someone_its_quote_does_not_name(nlp: Language) -> None:
    text = (
        "Striker fined\n\nArsenal striker Tom Reid was fined on Monday, which worries Jo"
        ' Barnett, the club\'s lawyer. "Tom has done nothing wrong," he said.'
    )
    quotes = [he_said(text, "Tom has done nothing wrong")]
    assert resolve(nlp, text, quotes)[0].name == "Jo Barnett"  # not Tom, whom it names
    assert names_with_rule_off(nlp(text), quotes, "not-named-in-quote") == ["Tom Reid"]


def test_a_speaking_she_is_no_one_whose_first_name_is_a_mans(nlp: Language) -> None:
    text = (
        "Hospital fined\n\nThe trust was fined on Monday. Its chief executive, Glenn Douglas,"
        ' said the trust was sorry. "We are glad it is over," she said.'
    )
    she = text.rindex(" she said") + 1
    words = quote(text, None, "We are glad it is over").contents[0]
    quotes = [
        quote(text, "Its chief executive, Glenn Douglas,", "the trust was sorry"),
        Quote(None, [Span.of(text, she, she + 3)], [words]),
    ]
    assert resolve(nlp, text, quotes)[1] is None  # no woman is named: not Glenn
    assert names_with_rule_off(nlp(text), quotes, "name-prior-speaker")[1] == "Glenn Douglas"


def test_a_pronoun_source_is_the_subject_before_its_possessor(nlp: Language) -> None:
    text = (
        "Striker fined\n\nArsenal striker Tom Reid was fined on Monday. His agent, Jo Barnett,"
        ' said the player would appeal. "He has done nothing wrong," he said.'
    )
    quotes = [
        quote(text, "His agent, Jo Barnett,", "the player would"),
        he_said(text, "He has done"),
    ]
    assert resolve(nlp, text, quotes)[1].name == "Jo Barnett"  # not "His" Tom Reid
    assert names_with_rule_off(nlp(text), quotes, "subject-over-possessor")[1] == "Tom Reid"


def test_a_pronoun_source_is_the_named_subject_before_a_named_possessor(nlp: Language) -> None:
    text = (
        "Crash\n\nDavid Whitworth died in the crash on Friday. David Whitworth's brother,"
        ' Paul, said the family was devastated. "He was a wonderful man," he said.'
    )
    quotes = [
        quote(text, "David Whitworth's brother, Paul,", "the family was devastated"),
        he_said(text, "He was a wonderful"),
    ]
    assert resolve(nlp, text, quotes)[1].name == "Paul"
    assert names_with_rule_off(nlp(text), quotes, "subject-over-possessor")[1] == "David Whitworth"


def test_what_a_passive_cue_names_is_no_speaker_but_its_agent_is(nlp: Language) -> None:
    text = (
        "The Riverside Story: A Year on the Water was named best documentary at the awards on"
        " Sunday. Its director, Maria Lund, was named festival chair by the city council."
    )

    def cued(source: str, content: str, nth: int = 0) -> Quote:
        q = quote(text, source, content)
        at = [i for i in range(len(text)) if text.startswith("was named", i)][nth]
        return Quote(Span.of(text, at, at + len("was named")), q.sources, q.contents)

    quotes = [cued("The Riverside Story", "best documentary"), cued("the city council", "chair", 1)]
    got = resolve(nlp, text, quotes)
    assert got[0] is None  # not a person "Riverside Story"
    assert (got[1].name, got[1].kind) == ("city council", "organisation")
    off = resolve(nlp, text, quotes, SpeakerSettings(disabled=frozenset({"named-not-namer"})))
    assert off[0] is not None and off[0].name == "Riverside Story"


def test_a_passive_naming_cue_without_a_source_has_no_speaker(nlp: Language) -> None:
    text = (
        'Awards\n\nJo Fox won best actor. "This is unbelievable," Fox said. Ann Lee was named'
        " best actress for Vera Drake."
    )
    at = text.index("was named")
    named = Quote(
        Span.of(text, at, at + len("was named")),
        [],
        [quote(text, None, "Ann Lee").contents[0], quote(text, None, "best actress").contents[0]],
    )
    quotes = [quote(text, "Fox", "This is unbelievable", nth=1), named]
    assert resolve(nlp, text, quotes)[1] is None  # not Jo Fox, quoted just before
    assert names_with_rule_off(nlp(text), quotes, "named-not-namer")[1] is not None


def test_a_name_beside_an_organisation_noun_is_the_organisations(nlp: Language) -> None:
    text = (
        "Singer Jess Holloway is suing her former record label, Redline Records, claiming it"
        ' owes her £2m.\n\nRedline denied the claims. "We have always paid our artists,"'
        " the company said in a statement."
    )
    quotes = [
        quote(text, "Redline", "the claims", nth=1),
        quote(text, "the company", "We have always paid"),
    ]
    got = resolve(nlp, text, quotes)
    assert [(s.name, s.kind) for s in got.values()] == [("Redline Records", "organisation")] * 2
    assert got[0].titles == []  # not "former record label"


def test_an_it_after_a_document_is_the_document_not_an_organisation(nlp: Language) -> None:
    text = (
        "Lawmakers accused the Federal Water Agency of hiding leaks.\n\nThe congressional"
        " report also gave details of three breaches. It said the agency had misled the public."
    )
    quotes = [quote(text, "It", "the agency had misled")]
    assert resolve(nlp, text, quotes)[0] is None
    assert names_with_rule_off(nlp(text), quotes, "it-is-the-thing") == ["Federal Water Agency"]


def test_a_bare_army_or_police_is_no_other_organisation(nlp: Language) -> None:
    text = (
        "Fighting spread to the east, Medecins Sans Frontieres said. The charity said its staff"
        " had left.\n\nThe army said it would retake the town within days."
    )
    quotes = [quote(text, "The charity", "its staff"), quote(text, "The army", "it would retake")]
    got = resolve(nlp, text, quotes)
    assert [(s.name, s.kind) for s in got.values()] == [
        ("Medecins Sans Frontieres", "organisation"),
        ("army", "organisation"),
    ]


def test_a_spokesman_after_an_organisation_is_not_one_another_names_later(
    nlp: Language,
) -> None:
    text = (
        "Downing Street said the vote would be won. A spokesman said the prime minister had"
        " called MPs all weekend.\n\nThe Liberal Democrats' education spokesman, Ed Marlow,"
        " said the bill was a muddle."
    )
    quotes = [
        quote(text, "Downing Street", "the vote would be won"),
        quote(text, "A spokesman", "the prime minister had"),
        quote(text, "The Liberal Democrats' education spokesman, Ed Marlow,", "the bill was"),
    ]
    got = resolve(nlp, text, quotes)
    assert [got[1].name, got[2].name] == ["spokesman", "Ed Marlow"]
    assert got[2].affiliations == ["Liberal Democrats"]


def test_the_government_is_no_police_force_just_named(nlp: Language) -> None:
    text = (
        "Scotland Yard said the raids were part of a long-running operation. The government"
        " said it would publish a white paper. No 10 said the figures showed the system worked."
    )
    quotes = [
        quote(text, "Scotland Yard", "the raids were"),
        quote(text, "The government", "it would publish"),
        quote(text, "No 10", "the figures showed"),
    ]
    got = resolve(nlp, text, quotes)
    assert [(s.name, s.kind) for s in got.values()] == [
        ("Scotland Yard", "organisation"),
        ("government", "organisation"),
        ("No 10", "organisation"),
    ]


def test_a_cause_epithet_is_the_body_just_named(nlp: Language) -> None:
    text = (
        "Transparency International said corruption was the biggest problem facing the"
        " country. The anti-graft group said several ministers were under investigation."
    )
    quotes = [
        quote(text, "Transparency International", "corruption was"),
        quote(text, "The anti-graft group", "several ministers"),
    ]
    got = resolve(nlp, text, quotes)
    assert [(s.name, s.kind) for s in got.values()] == [
        ("Transparency International", "organisation")
    ] * 2  # a name ending "International" is no person's, though the NER missed it


def test_a_trade_epithet_is_the_company_just_named(nlp: Language) -> None:
    text = (
        "Microsoft urged users to download a patch it released last month. The software giant"
        " said the patch would protect computers."
    )
    quotes = [
        quote(text, "Microsoft", "users to download"),
        quote(text, "The software giant", "the patch would"),
    ]
    got = resolve(nlp, text, quotes)
    assert [(s.name, s.kind) for s in got.values()] == [("Microsoft", "organisation")] * 2


def test_a_common_noun_opening_a_sentence_is_no_name(nlp: Language) -> None:
    text = "The vote was close. Exit polls suggested a close race."
    quotes = [quote(text, "Exit polls", "a close race")]
    assert resolve(nlp, text, quotes)[0] is None  # a document, no person "Exit"
    assert names_with_rule_off(nlp(text), quotes, "sentence-initial-noun") == ["Exit"]


def test_one_known_by_a_first_name_keeps_the_title_that_makes_it_a_name(nlp: Language) -> None:
    text = (
        "Home Secretary Charles Clarke said he was disappointed. Prince Charles said the"
        " country must defend its values. Pope Benedict XVI said peace was possible."
        " Benedict said the visit was a success."
    )
    quotes = [
        quote(text, "Home Secretary Charles Clarke", "he was disappointed"),
        quote(text, "Prince Charles", "the country must"),
        quote(text, "Pope Benedict XVI", "peace was possible"),
        quote(text, "Benedict", "the visit was", nth=1),
    ]
    got = resolve(nlp, text, quotes)
    assert [s.name for s in got.values()] == [
        "Charles Clarke",
        "Prince Charles",  # no first name of the Home Secretary's
        "Pope Benedict XVI",
        "Pope Benedict XVI",
    ]


def test_an_apposed_role_gives_a_persons_gender(nlp: Language) -> None:
    text = "Bins\n\nSam Ng, a spokeswoman for the council, said the bins would be emptied."
    quotes = [quote(text, "Sam Ng, a spokeswoman for the council,", "the bins would")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.gender) == ("Sam Ng", "female")
    off = resolve(nlp, text, quotes, SpeakerSettings(disabled=frozenset({"role-gender"})))[0]
    assert off is not None and off.gender is None


@pytest.mark.parametrize("name", ["Joan Bakewell", "Nica Burns"])  # the lexicon's, the prior's
def test_a_role_in_man_is_no_gender_against_a_womans_first_name(nlp: Language, name: str) -> None:
    text = f"Prize\n\nChairman of the judges {name} said the panel had been enthralled."
    quotes = [quote(text, f"Chairman of the judges {name}", "the panel")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.gender) == (name, None)


@pytest.mark.parametrize(
    ("text", "source", "content", "name"),
    [
        (
            "Heat\n\nForecaster Helen Chivers said it would be the hottest day of the year.",
            "Forecaster Helen Chivers",
            "it would be",
            "Helen Chivers",
        ),
        (
            "Rates\n\nNewsagent Raj Patel, who runs a shop in Leicester, said he might have to"
            " lay off staff.",
            "Newsagent Raj Patel, who runs a shop in Leicester,",
            "he might have",
            "Raj Patel",
        ),
    ],
)
def test_a_persons_noun_opening_a_sentence_is_no_part_of_the_name(
    nlp: Language, text: str, source: str, content: str, name: str
) -> None:
    got = resolve(nlp, text, [quote(text, source, content)])[0]
    assert got is not None and got.name == name


def test_an_adjective_opening_a_sentence_is_no_name(nlp: Language) -> None:
    doc = nlp("Disconsolate Republican operatives spent the night arguing.")
    assert doc[0].pos_ == "ADJ"
    doc.ents = [TokenSpan(doc, 0, 1, label="ORG")]  # as the NER labels it in some articles
    assert _without_initial_nouns(list(doc.ents)) == []


def test_a_surname_keeps_its_particles(nlp: Language) -> None:
    text = (
        "Ursula von der Leyen said the plan was fair.\n\n"
        "Later, Erik ten Hag told reporters that his side had been unlucky."
    )
    got = resolve(
        nlp,
        text,
        [quote(text, "Ursula von der Leyen", "the plan"), quote(text, "Erik ten Hag", "his side")],
    )
    assert [(s.name, s.kind) for s in got.values()] == [
        ("Ursula von der Leyen", "person"),
        ("Erik ten Hag", "person"),
    ]


def test_speaker_settings_know_every_rule_and_no_other() -> None:
    assert SpeakerSettings(disabled=frozenset(RULES)).disabled == frozenset(RULES)
    with pytest.raises(ValueError, match="no such speaker rule: cue-subjects"):
        SpeakerSettings(disabled=frozenset({"cue-subjects"}))


def test_a_name_never_runs_across_a_line_break(nlp: Language) -> None:
    # A pull quote signed "Ann Peller" right before a paragraph that opens with "Peller": the
    # NER makes one PERSON of both; the name is "Ann Peller", not the two lines together.
    doc = parse(nlp, "Peller spoke.\n\nCuts hurt. Ann Peller\n\nPeller said so.", r"""
        word   head dep      tag ent
        Peller 1    nsubj    NNP B-PERSON
        spoke  1    ROOT     VBD O
        .      1    punct    .   O
        \n\n   1    dep      _SP O
        Cuts   5    nsubj    NNS O
        hurt   5    ROOT     VBP O
        .      5    punct    .   O
        Ann    8    compound NNP B-PERSON
        Peller 5    npadvmod NNP I-PERSON
        \n\n   8    dep      _SP I-PERSON
        Peller 11   nsubj    NNP I-PERSON
        said   11   ROOT     VBD O
        so     11   advmod   RB  O
        .      11   punct    .   O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Peller", "so", nth=2)]
    assert speakers_of(doc, quotes)[0].name == "Ann Peller"
    assert names_with_rule_off(doc, quotes, "line-break-cut") != ["Ann Peller"]


def test_a_role_inside_the_ner_span_is_a_title(nlp: Language) -> None:
    # The NER takes the team and role into the PERSON: the name is the name alone, the
    # rest a title; a role word as the last word stays a name ("Gary Player").
    doc = parse(nlp, "Oakville coach Rod Smith said so . Gary Player agreed ", """
        word     head dep      tag ent
        Oakville 1    compound NNP B-PERSON
        coach    3    compound NN  I-PERSON
        Rod      3    compound NNP I-PERSON
        Smith    4    nsubj    NNP I-PERSON
        said     4    ROOT     VBD O
        so       4    advmod   RB  O
        .        4    punct    .   O
        Gary     8    compound NNP B-PERSON
        Player   9    nsubj    NNP I-PERSON
        agreed   9    ROOT     VBD O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Oakville coach Rod Smith", "so"), quote(doc.text, "Gary", "agreed")]
    smith, player = speakers_of(doc, quotes)
    assert (smith.name, smith.titles) == ("Rod Smith", ["Oakville coach"])
    assert player.name == "Gary Player"
    assert names_with_rule_off(doc, quotes, "role-in-name")[0] == "Oakville coach Rod Smith"


def test_a_name_is_a_mention_however_the_tagger_read_it(nlp: Language) -> None:
    # The small tagger reads unusual surnames as auxiliaries or pronouns ("DeBoer",
    # "Brind'Amour"); a token the NER covers with a known name is that person all the same.
    doc = parse(nlp, "Peter DeBoer spoke . DeBoer said so . Rod Lune'Amour said too . ", """
        word   head dep      pos   ent
        Peter  1    compound PROPN B-PERSON
        DeBoer 2    nsubj    PROPN I-PERSON
        spoke  2    ROOT     VERB  O
        .      2    punct    PUNCT O
        DeBoer 5    aux      AUX   B-ORG
        said   5    ROOT     VERB  O
        so     5    advmod   ADV   O
        .      5    punct    PUNCT O
        Rod    10   compound PROPN B-PERSON
        Lune   10   compound PROPN I-PERSON
        'Amour 11   nsubj    PRON  I-PERSON
        said   11   ROOT     VERB  O
        too    11   advmod   ADV   O
        .      11   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "DeBoer", "so", nth=1), quote(doc.text, "Lune'Amour", "too")]
    assert [s.name for s in speakers_of(doc, quotes)] == ["Peter DeBoer", "Rod Lune'Amour"]


def test_who_an_entity_is_does_not_hinge_on_one_ner_label(nlp: Language) -> None:
    # A full name with a known first name tagged ORG, and its surname tagged GPE, are one
    # person; a company the NER once takes for a PERSON stays the company most tags say.
    text = "Amanda Nunes won . Nunes said so . Vexa sued . Vexa spoke . Vexa said no . "
    doc = parse(nlp, text, """
        word   head dep      pos   ent
        Amanda 1    compound PROPN B-ORG
        Nunes  2    nsubj    PROPN I-ORG
        won    2    ROOT     VERB  O
        .      2    punct    PUNCT O
        Nunes  5    nsubj    PROPN B-GPE
        said   5    ROOT     VERB  O
        so     5    advmod   ADV   O
        .      5    punct    PUNCT O
        Vexa   9    nsubj    PROPN B-ORG
        sued   9    ROOT     VERB  O
        .      9    punct    PUNCT O
        Vexa   12   nsubj    PROPN B-ORG
        spoke  12   ROOT     VERB  O
        .      12   punct    PUNCT O
        Vexa   15   nsubj    PROPN B-PERSON
        said   15   ROOT     VERB  O
        no     15   advmod   ADV   O
        .      15   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Nunes", "so", nth=1), quote(doc.text, "Vexa", "no", nth=2)]
    nunes, vexa = speakers_of(doc, quotes)
    assert (nunes.name, nunes.kind) == ("Amanda Nunes", "person")
    assert (vexa.name, vexa.kind) == ("Vexa", "organisation")
    quotes = [quote(doc.text, "Nunes", "so", nth=1), quote(doc.text, "Vexa", "no", nth=2)]
    off = SpeakerSettings(disabled=frozenset({"label-vote", "person-needs-evidence"}))
    assert [s.kind for s in speakers_of(doc, quotes, off)] == ["organisation", "person"]


def test_photo_credits_and_bylines_name_no_one(nlp: Language) -> None:
    # The photographer of a caption's credit is no mention: the later "Rix" who speaks is
    # not joined to "Bo Rix" of "(Bo Rix/Daily Sun)".
    doc = parse(nlp, "Rain fell. (Bo Rix/Daily Sun)\n\nRix said so.", r"""
        word  head dep      pos   ent
        Rain  1    nsubj    NOUN  O
        fell  1    ROOT     VERB  O
        .     1    punct    PUNCT O
        (     5    punct    PUNCT O
        Bo    5    compound PROPN B-PERSON
        Rix   1    appos    PROPN I-PERSON
        /     5    punct    SYM   O
        Daily 8    compound PROPN B-ORG
        Sun   5    appos    PROPN I-ORG
        )     5    punct    PUNCT O
        \n\n  9    dep      SPACE O
        Rix   12   nsubj    PROPN B-PERSON
        said  12   ROOT     VERB  O
        so    12   advmod   ADV   O
        .     12   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Rix", "so", nth=1)]
    assert speakers_of(doc, quotes)[0].name == "Rix"
    assert names_with_rule_off(doc, quotes, "credits-and-teasers") == ["Bo Rix"]
    # The credit forms, and a poll's joint sponsors that are no credit.
    text = "Jo Ng / The Daily Sun Ann Lee at home.\nShe waved. Jo Ng/Daily Sun.\nBy Jo Ng\n"
    assert [text[s:e] for s, e in find_asides(text)] == [
        "Jo Ng / The Daily Sun Ann Lee", "Jo Ng/Daily Sun.", "By Jo Ng"
    ]  # fmt: skip
    assert find_asides("The Daily Sun/Vox poll found it.\nBy now, Jo Ng said it.") == []


def test_proper_nouns_the_ner_missed_that_name_no_new_person(nlp: Language) -> None:
    # A teaser line's source is another story's, "A Vexa 3" is a product (both stay
    # unknown sources), and "Kelso RCMP" ends in an acronym: an organisation. None of the
    # three is a person quoted.
    text = "WATCH: Ann Vexo warns of fraud\nA Vexa 3 shows off. Kelso RCMP warns of scams."
    doc = parse(nlp, text, r"""
        word  head dep      pos
        WATCH 4    dep      VERB
        :     4    punct    PUNCT
        Ann   3    compound PROPN
        Vexo  4    nsubj    PROPN
        warns 4    ROOT     VERB
        of    4    prep     ADP
        fraud 5    pobj     NOUN
        \n    6    dep      SPACE
        A     9    det      DET
        Vexa  11   nsubj    PROPN
        3     9    nummod   NUM
        shows 11   ROOT     VERB
        off   11   prt      ADP
        .     11   punct    PUNCT
        Kelso 15   compound PROPN
        RCMP  16   nsubj    PROPN
        warns 16   ROOT     VERB
        of    16   prep     ADP
        scams 17   pobj     NOUN
        .     16   punct    PUNCT
    """)  # fmt: skip
    quotes = [
        quote(doc.text, "Ann Vexo", "fraud"),
        quote(doc.text, "A Vexa 3", "off"),
        quote(doc.text, "Kelso RCMP", "scams"),
    ]
    assert [(s.name, s.kind) for s in speakers_of(doc, quotes)] == [
        ("Ann Vexo", "unknown"), ("Vexa 3", "unknown"), ("Kelso RCMP", "organisation")
    ]  # fmt: skip
    assert names_with_rule_off(doc, quotes, "not-a-person-name") == [
        "Ann Vexo", "Vexa", "Kelso RCMP"
    ]  # fmt: skip
    off = SpeakerSettings(disabled=frozenset({"not-a-person-name", "person-needs-evidence"}))
    quotes = [Quote(cue=q.cue, sources=list(q.sources), contents=list(q.contents)) for q in quotes]
    assert {s.kind for s in resolve_speakers(doc, quotes, settings=off)} == {"person"}
    # An age after a comma is no product number.
    doc = parse(nlp, "Jo Ng, 45, said so.", """
        word head dep      pos
        Jo   1    compound PROPN
        Ng   5    nsubj    PROPN
        ,    1    punct    PUNCT
        45   1    appos    NUM
        ,    1    punct    PUNCT
        said 5    ROOT     VERB
        so   5    advmod   ADV
        .    5    punct    PUNCT
    """)  # fmt: skip
    quotes = [quote(doc.text, "Jo Ng", "so")]
    ng = resolve_speakers(doc, quotes)[0]
    assert (ng.name, ng.kind) == ("Jo Ng", "person")


def test_a_surname_takes_the_one_first_name_the_article_prints(nlp: Language) -> None:
    # The NER missed "Ian Pell" in "Part of Ian Pell's fine" but tagged the later "Pell":
    # he is Ian Pell. "Fox" has two first names in the article, so stays "Fox".
    text = "Part of Ian Pell 's fine grew . Pell said so . Al Fox and Bo Fox met . Fox said no . "
    doc = parse(nlp, text, """
        word head dep      pos   ent
        Part 6    nsubj    NOUN  O
        of   0    prep     ADP   O
        Ian  3    compound PROPN O
        Pell 5    poss     PROPN O
        's   3    case     PART  O
        fine 1    pobj     NOUN  O
        grew 6    ROOT     VERB  O
        .    6    punct    PUNCT O
        Pell 9    nsubj    PROPN B-PERSON
        said 9    ROOT     VERB  O
        so   9    advmod   ADV   O
        .    9    punct    PUNCT O
        Al   13   compound PROPN O
        Fox  17   nsubj    PROPN O
        and  13   cc       CCONJ O
        Bo   16   compound PROPN O
        Fox  13   conj     PROPN O
        met  17   ROOT     VERB  O
        .    17   punct    PUNCT O
        Fox  20   nsubj    PROPN B-PERSON
        said 20   ROOT     VERB  O
        no   20   advmod   ADV   O
        .    20   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Pell", "so", nth=1), quote(doc.text, "Fox", "no", nth=2)]
    assert [s.name for s in speakers_of(doc, quotes)] == ["Ian Pell", "Fox"]
    assert names_with_rule_off(doc, quotes, "name-completion") == ["Pell", "Fox"]


def test_a_document_is_its_issuers_by_agent_and_when_named_again(nlp: Language) -> None:
    # "A study released by Vexa" is Vexa's, and so is "the study" after it, whose clause
    # names no one who put it out.
    doc = parse(nlp, "A study released by Vexa found it . The study said so . ", """
        word     head dep    tag pos   ent   lemma
        A        1    det    DT  DET   O     a
        study    5    nsubj  NN  NOUN  O     study
        released 1    acl    VBN VERB  O     released
        by       2    agent  IN  ADP   O     by
        Vexa     3    pobj   NNP PROPN B-ORG vexa
        found    5    ROOT   VBD VERB  O     found
        it       5    dobj   PRP PRON  O     it
        .        5    punct  .   PUNCT O     .
        The      9    det    DT  DET   O     the
        study    10   nsubj  NN  NOUN  O     study
        said     10   ROOT   VBD VERB  O     said
        so       10   advmod RB  ADV   O     so
        .        10   punct  .   PUNCT O     .
    """)  # fmt: skip
    quotes = [quote(doc.text, "A study released by Vexa", "it"), quote(doc.text, "The study", "so")]
    assert [s.name for s in speakers_of(doc, quotes)] == ["Vexa", "Vexa"]


def test_a_source_the_ner_never_tagged_takes_its_first_name_too(nlp: Language) -> None:
    # No entity at all: the source "Pell" becomes a person during resolution, and takes the
    # first name the article prints before "Pell" once.
    doc = parse(nlp, "Part of Ian Pell 's fine grew . Pell said so . ", """
        word head dep      pos
        Part 6    nsubj    NOUN
        of   0    prep     ADP
        Ian  3    compound PROPN
        Pell 5    poss     PROPN
        's   3    case     PART
        fine 1    pobj     NOUN
        grew 6    ROOT     VERB
        .    6    punct    PUNCT
        Pell 9    nsubj    PROPN
        said 9    ROOT     VERB
        so   9    advmod   ADV
        .    9    punct    PUNCT
    """)  # fmt: skip
    quotes = [quote(doc.text, "Pell", "so", nth=1)]
    assert speakers_of(doc, quotes)[0].name == "Ian Pell"


def test_a_headline_name_joins_the_body_by_surname_before_first_name(nlp: Language) -> None:
    # Headline "Vlad Pin talks": its "Vlad" is not the body's "Vlad Frol"; it is Pin, who
    # takes his first name from it.
    doc = parse(nlp, "Vlad Pin talks\n\nVlad Frol spoke. Pin said so.", r"""
        word  head dep      tag pos   ent
        Vlad  1    compound NNP PROPN B-PERSON
        Pin   2    nsubj    NNP PROPN I-PERSON
        talks 2    ROOT     VBZ VERB  O
        \n\n  2    dep      _SP SPACE O
        Vlad  5    compound NNP PROPN B-PERSON
        Frol  6    nsubj    NNP PROPN I-PERSON
        spoke 6    ROOT     VBD VERB  O
        .     6    punct    .   PUNCT O
        Pin   9    nsubj    NNP PROPN B-PERSON
        said  9    ROOT     VBD VERB  O
        so    9    advmod   RB  ADV   O
        .     9    punct    .   PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Pin", "so", nth=1)]
    assert speakers_of(doc, quotes)[0].name == "Vlad Pin"


def test_a_teaser_line_gives_no_antecedent(nlp: Language) -> None:
    # "WATCH: Ben Ray warns …" links to another story: its Ben Ray is not the "he" after it.
    text = "Storm hits\n\nTom Lee spoke.\n\nWATCH: Ben Ray warns\n\nIt hurts, he said."
    doc = parse(nlp, text, r"""
        word  head dep      pos   ent
        Storm 1    nsubj    NOUN  O
        hits  1    ROOT     VERB  O
        \n\n  1    dep      SPACE O
        Tom   4    compound PROPN B-PERSON
        Lee   5    nsubj    PROPN I-PERSON
        spoke 5    ROOT     VERB  O
        .     5    punct    PUNCT O
        \n\n  5    dep      SPACE O
        WATCH 8    ROOT     VERB  O
        :     8    punct    PUNCT O
        Ben   11   compound PROPN B-PERSON
        Ray   12   nsubj    PROPN I-PERSON
        warns 12   ROOT     VERB  O
        \n\n  12   dep      SPACE O
        It    15   nsubj    PRON  O
        hurts 18   ccomp    VERB  O
        ,     18   punct    PUNCT O
        he    18   nsubj    PRON  O
        said  18   ROOT     VERB  O
        .     18   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "he", "It hurts")]
    assert speakers_of(doc, quotes)[0].name == "Tom Lee"
    # The teaser is a short line between paragraphs too: the subheading rule alone
    # keeps its name out as well
    assert names_with_rule_off(doc, quotes, "credits-and-teasers") == ["Tom Lee"]
    fresh = [Quote(cue=None, sources=list(q.sources), contents=list(q.contents)) for q in quotes]
    off = SpeakerSettings(disabled=frozenset({"credits-and-teasers", "subheadings"}))
    both = {s.id: s.name for s in resolve_speakers(doc, fresh, settings=off)}
    assert both[fresh[0].speaker_id or ""] == "Ben Ray"


def test_a_signed_pull_quote_is_its_signers_not_i(nlp: Language) -> None:
    # "I will win the race. Ann Lee": the sources are "I" and the signature; the name speaks.
    text = "Ann Lee ran on Sunday in the city.\n\nI will win the race. Ann Lee\n\nShe won."
    start, sign = text.index("I will"), text.index("Ann Lee", 10)
    content = Span.of(text, start + 2, text.index(" Ann Lee", 10))
    sources = [Span.of(text, start, start + 1), Span.of(text, sign, sign + 7)]
    quotes = [Quote(cue=None, sources=sources, contents=[content])]
    assert resolve(nlp, text, quotes)[0].name == "Ann Lee"
    off = SpeakerSettings(disabled=frozenset({"signed-pull-quote"}))
    assert resolve(nlp, text, quotes, off)[0].name == "I"


def test_a_name_modifying_a_noun_is_no_antecedent(nlp: Language) -> None:
    # "The Vexa pipeline": a name used as a modifier (a PERSON to the NER) is not who "she"
    # is; Ann Lee is.
    text = "Storm hits\n\nAnn Lee spoke. The Vexa pipeline opened. It works, she said."
    doc = parse(nlp, text, r"""
        word     head dep      pos   ent
        Storm    1    nsubj    NOUN  O
        hits     1    ROOT     VERB  O
        \n\n     1    dep      SPACE O
        Ann      4    compound PROPN B-PERSON
        Lee      5    nsubj    PROPN I-PERSON
        spoke    5    ROOT     VERB  O
        .        5    punct    PUNCT O
        The      9    det      DET   O
        Vexa     9    compound PROPN B-PERSON
        pipeline 10   nsubj    NOUN  O
        opened   10   ROOT     VERB  O
        .        10   punct    PUNCT O
        It       13   nsubj    PRON  O
        works    16   ccomp    VERB  O
        ,        16   punct    PUNCT O
        she      16   nsubj    PRON  O
        said     16   ROOT     VERB  O
        .        16   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "she", "It works")]
    assert speakers_of(doc, quotes)[0].name == "Ann Lee"
    assert names_with_rule_off(doc, quotes, "modifier-no-antecedent") == ["Vexa"]


def test_a_name_women_and_men_share_gives_no_gender(nlp: Language) -> None:
    # "Lee" is no man's name only: the "she" after "Lee Park ... said" is Lee Park.
    text = (
        "Plant news\n\nLee Park, a manager at the plant, said she was unsure about the plan. "
        '"We will see," she said.'
    )
    quotes = [quote(text, "she", "We will see", nth=1)]
    assert resolve(nlp, text, quotes)[0].name == "Lee Park"


def test_of_several_sources_the_cue_subject_speaks(nlp: Language) -> None:
    # Sources "Ruiz" and "he" for "But he told her": the cue's subject speaks (Tom Ward),
    # not the first source, a woman the sentence before names.
    doc = parse(nlp, "Tom Ward came. Maria Ruiz laughed. But he told her: no.", """
        word    head dep      pos   ent
        Tom     1    compound PROPN B-PERSON
        Ward    2    nsubj    PROPN I-PERSON
        came    2    ROOT     VERB  O
        .       2    punct    PUNCT O
        Maria   5    compound PROPN B-PERSON
        Ruiz    6    nsubj    PROPN I-PERSON
        laughed 6    ROOT     VERB  O
        .       6    punct    PUNCT O
        But     10   cc       CCONJ O
        he      10   nsubj    PRON  O
        told    10   ROOT     VERB  O
        her     10   dobj     PRON  O
        :       10   punct    PUNCT O
        no      10   ccomp    INTJ  O
        .       10   punct    PUNCT O
    """)  # fmt: skip
    text = doc.text
    ruiz, he, told = text.index("Ruiz"), text.index("he "), text.index("told")
    sources = [Span.of(text, ruiz, ruiz + 4), Span.of(text, he, he + 2)]
    no = text.index("no")
    q = Quote(
        cue=Span.of(text, told, told + 4), sources=sources, contents=[Span.of(text, no, no + 2)]
    )
    assert speakers_of(doc, [q])[0].name == "Tom Ward"
    assert names_with_rule_off(doc, [q], "source-is-subject") == ["Maria Ruiz"]


def test_a_caption_signed_by_a_news_agency_is_a_credit() -> None:
    # A caption closed by an agency alone, and a byline with its agency, name no one; an
    # agency the narrative names is no credit.
    text = (
        "Mr. Dion ran in 2008. The Canadian Press.\n\nJane Roe, The Associated Press\n"
        "He told The Canadian Press.\nIt was grim. Reuters\n"
    )
    assert [text[s:e] for s, e in find_asides(text)] == [
        "The Canadian Press.", "Jane Roe, The Associated Press", "Reuters"
    ]  # fmt: skip


def test_a_party_named_by_its_members_is_the_they_after_it(nlp: Language) -> None:
    # "The Liberals defend the tax. Revenues, they promise, return.": "they" is the
    # Liberals, the party (an organisation), which the narrative names by its members'
    # plural; "Three Liberals" are a set of its members, a group; "liberals" in lower
    # case is an outlook, no one.
    words = ["Tax", "fight", "\n\n", "The", "Liberals", "defend", "the", "tax", ".", "Revenues"]
    words += [",", "they", "promise", ",", "return", "."]
    heads = [1, 1, 1, 4, 5, 5, 7, 5, 5, 14, 14, 12, 14, 14, 14, 14]
    deps = ["compound", "ROOT", "dep", "det", "nsubj", "ROOT", "det", "dobj", "punct", "nsubj"]
    deps += ["punct", "nsubj", "parataxis", "punct", "ROOT", "punct"]
    pos = ["NOUN", "NOUN", "SPACE", "DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "NOUN"]
    pos += ["PUNCT", "PRON", "VERB", "PUNCT", "VERB", "PUNCT"]
    spaces = [True, False, False, True, True, True, True, False, True, False]
    spaces += [True, True, False, True, False, False]

    def parsed(party: str, tag: str, ent: str, counted: bool = False) -> Doc:
        tags = ["NN", "NN", "_SP", "CD" if counted else "DT", tag, "VBP", "DT", "NN", "."]
        tags += ["NNS", ",", "PRP", "VBP", ",", "VBP", "."]
        ents = ["O"] * 4 + [ent] + ["O"] * 11
        mine = [party if w == "Liberals" else w for w in words]
        mine[3] = "Three" if counted else "The"
        my_deps, my_pos = list(deps), list(pos)
        if counted:
            my_deps[3], my_pos[3] = "nummod", "NUM"
        return Doc(
            nlp.vocab, words=mine, spaces=spaces, heads=heads, deps=my_deps, tags=tags,
            pos=my_pos, ents=ents,
        )  # fmt: skip

    def speaker_of_they(doc: Doc, settings: SpeakerSettings | None = None) -> Speaker | None:
        quotes = [quote(doc.text, "they", "Revenues")]
        speakers = {s.id: s for s in resolve_speakers(doc, quotes, settings=settings)}
        return speakers.get(quotes[0].speaker_id or "")

    party = speaker_of_they(parsed("Liberals", "NNPS", "B-NORP"))
    assert party is not None and (party.name, party.kind) == ("Liberals", "organisation")
    assert [m.text for m in party.mentions] == ["Liberals", "they"]
    members = SpeakerSettings(disabled=frozenset({"party-by-members"}))
    group = speaker_of_they(parsed("Liberals", "NNPS", "B-NORP"), members)
    assert group is not None and (group.name, group.kind) == ("Liberals", "group")
    counted = speaker_of_they(parsed("Liberals", "NNPS", "B-NORP", counted=True))
    assert counted is not None and (counted.name, counted.kind) == ("Liberals", "group")
    off = SpeakerSettings(disabled=frozenset({"party-groups"}))
    assert speaker_of_they(parsed("Liberals", "NNPS", "B-NORP"), off) is None  # unresolved
    assert speaker_of_they(parsed("liberals", "NNS", "O")) is None


def test_a_title_word_before_a_plural_proper_noun_is_a_company(nlp: Language) -> None:
    # "General Motors said …": an organisation the NER labelled ORG, not a General Motors
    doc = parse(nlp, "Plant news\n\nGeneral Motors said the plant closes.", r"""
        word    head dep      tag  pos   ent
        Plant   1    compound NN   NOUN  O
        news    1    ROOT     NN   NOUN  O
        \n\n    1    dep      _SP  SPACE O
        General 4    compound NNP  PROPN B-ORG
        Motors  5    nsubj    NNPS PROPN I-ORG
        said    5    ROOT     VBD  VERB  O
        the     7    det      DT   DET   O
        plant   8    nsubj    NN   NOUN  O
        closes  5    ccomp    VBZ  VERB  O
        .       5    punct    .    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "General Motors", "the plant closes")]
    company = speakers_of(doc, quotes)[0]
    assert (company.name, company.kind, company.titles) == ("General Motors", "organisation", [])


def test_a_leaders_party_is_the_party_and_its_leader(nlp: Language) -> None:
    # "Jane Moss's Greens" (one PERSON to the NER) is the Greens, the party, and Jane Moss
    doc = parse(nlp, "Vote\n\nJane Moss's Greens hope to win. They said so.", r"""
        word   head dep      tag  pos   ent
        Vote   0    ROOT     NN   NOUN  O
        \n\n   0    dep      _SP  SPACE O
        Jane   3    compound NNP  PROPN B-PERSON
        Moss   5    poss     NNP  PROPN I-PERSON
        's     3    case     POS  PART  I-PERSON
        Greens 6    nsubj    NNPS PROPN I-PERSON
        hope   6    ROOT     VBP  VERB  O
        to     8    aux      TO   PART  O
        win    6    xcomp    VB   VERB  O
        .      6    punct    .    PUNCT O
        They   11   nsubj    PRP  PRON  O
        said   11   ROOT     VBD  VERB  O
        so     11   advmod   RB   ADV   O
        .      11   punct    .    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "They", "so")]
    speakers = resolve_speakers(doc, quotes)
    greens = {s.id: s for s in speakers}[quotes[0].speaker_id or ""]
    assert (greens.name, greens.kind) == ("Greens", "organisation")
    assert "Jane Moss's Greens" not in {s.name for s in speakers}


def test_a_name_ending_in_center_is_an_organisation_whatever_the_ner_says(
    nlp: Language,
) -> None:
    # "The Levada Center said …", the NER's PERSON: an organisation, whose "it" follows
    doc = parse(nlp, "Poll\n\nThe Levada Center said it asked.", r"""
        word   head dep      pos   ent
        Poll   0    ROOT     NOUN  O
        \n\n   0    dep      SPACE O
        The    4    det      DET   O
        Levada 4    compound PROPN B-PERSON
        Center 5    nsubj    PROPN I-PERSON
        said   5    ROOT     VERB  O
        it     7    nsubj    PRON  O
        asked  5    ccomp    VERB  O
        .      5    punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Levada Center", "it asked")]
    center = speakers_of(doc, quotes)[0]
    assert (center.name, center.kind, center.gender) == ("Levada Center", "organisation", None)


def test_a_sites_furniture_is_no_part_of_a_title(nlp: Language) -> None:
    # "Open this photo in gallery" opens a caption and "Story continues below
    # advertisement" sits between paragraphs: neither is narrative, and "gallery" (which
    # the parser may hang on the title) is no part of the Prime Minister's title.
    text = "Tax fight\n\nStory continues below advertisement\n\nOpen this photo in gallery X"
    assert [text[s:e].strip() for s, e in find_asides(text)] == [
        "Story continues below advertisement",
        "Open this photo in gallery",
    ]
    text = "Tax fight\n\nOpen this photo in gallery Prime Minister Jane Roe speaks. She said so."
    doc = parse(nlp, text, r"""
        word     head dep      pos   ent
        Tax      1    compound NOUN  O
        fight    1    ROOT     NOUN  O
        \n\n     1    dep      SPACE O
        Open     12   dep      VERB  O
        this     5    det      DET   O
        photo    3    dobj     NOUN  O
        in       3    prep     ADP   O
        gallery  9    compound NOUN  O
        Prime    9    compound PROPN O
        Minister 11   compound PROPN O
        Jane     11   compound PROPN B-PERSON
        Roe      12   nsubj    PROPN I-PERSON
        speaks   12   ROOT     VERB  O
        .        12   punct    PUNCT O
        She      15   nsubj    PRON  O
        said     15   ROOT     VERB  O
        so       15   advmod   ADV   O
        .        15   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "She", "so")]
    roe = speakers_of(doc, quotes)[0]
    assert (roe.name, roe.titles) == ("Jane Roe", ["Prime Minister"])


def test_a_name_in_a_subheading_only_joins_one_the_body_names(nlp: Language) -> None:
    # "Overstating Kent's debt", a subheading, is a PERSON to the NER: no one the body
    # names, so not whom the "He" after it stands for; Tom Reed is.
    text = "Budget news\n\nTom Reed spoke.\n\nOverstating Kent's debt\n\nHe said so."
    doc = parse(nlp, text, r"""
        word        head dep      pos   ent
        Budget      1    compound NOUN  O
        news        1    ROOT     NOUN  O
        \n\n        1    dep      SPACE O
        Tom         4    compound PROPN B-PERSON
        Reed        5    nsubj    PROPN I-PERSON
        spoke       5    ROOT     VERB  O
        .           5    punct    PUNCT O
        \n\n        5    dep      SPACE O
        Overstating 9    compound PROPN B-PERSON
        Kent        11   poss     PROPN I-PERSON
        's          9    case     PART  O
        debt        11   ROOT     NOUN  O
        \n\n        11   dep      SPACE O
        He          14   nsubj    PRON  O
        said        14   ROOT     VERB  O
        so          14   advmod   ADV   O
        .           14   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "He", "so")]
    speakers = resolve_speakers(doc, quotes)
    assert {s.id: s.name for s in speakers}[quotes[0].speaker_id or ""] == "Tom Reed"
    assert "Overstating Kent" not in {s.name for s in speakers}
    assert names_with_rule_off(doc, quotes, "subheadings") == ["Overstating Kent"]


def test_a_word_opening_an_organisations_name_is_its_short_name(nlp: Language) -> None:
    # "Edmonton", a PERSON to the small NER, beside "Edmonton Oilers" is no person; "Reed"
    # beside "Reed Group" stays Tom Reed, whom the article names in full.
    def speaker_of(words: list[str], heads: list[int], ents: list[str]) -> Speaker:
        deps = ["nsubj" if heads[i] != i and words[heads[i]] in ("lost", "said")
                and words[i][:1].isupper() else "ROOT" if heads[i] == i else "dep"
                for i in range(len(words))]  # fmt: skip
        pos = ["VERB" if w in ("lost", "said") else "PUNCT" if w == "." else "PROPN"
               for w in words]  # fmt: skip
        doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
        source = words[-4]
        quotes = [quote(doc.text, source, "so", nth=doc.text.count(source) - 1)]
        return speakers_of(doc, quotes)[0]

    words = ["Edmonton", "Oilers", "lost", ".", "Edmonton", "said", "so", "."]
    heads = [1, 2, 2, 2, 5, 5, 5, 5]
    ents = ["B-ORG", "I-ORG", "O", "O", "B-PERSON", "O", "O", "O"]
    team = speaker_of(words, heads, ents)
    assert (team.name, team.kind) == ("Edmonton", "organisation")
    words = ["Tom", "Reed", "lost", ".", "Reed", "Group", "lost", ".", "Reed", "said", "so", "."]
    heads = [1, 2, 2, 2, 5, 6, 6, 6, 9, 9, 9, 9]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-PERSON", "O", "O"]
    ents += ["O"]
    reed = speaker_of(words, heads, ents)
    assert (reed.name, reed.kind) == ("Tom Reed", "person")


def test_a_surname_spelt_like_a_party_is_still_a_name(nlp: Language) -> None:
    # "Green" is a party in data/parties.tsv; "Inspector Ann Green" is a woman with a title
    doc = parse(nlp, "Crash\n\nInspector Ann Green said so.", r"""
        word      head dep      tag pos   ent
        Crash     0    ROOT     NN  NOUN  O
        \n\n      0    dep      _SP SPACE O
        Inspector 4    compound NNP PROPN O
        Ann       4    compound NNP PROPN B-PERSON
        Green     5    nsubj    NNP PROPN I-PERSON
        said      5    ROOT     VBD VERB  O
        so        5    advmod   RB  ADV   O
        .         5    punct    .   PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "Green", "so")]
    (green,) = speakers_of(doc, quotes)
    assert (green.name, green.kind, green.titles) == ("Ann Green", "person", ["Inspector"])


def test_a_first_name_and_a_known_surname_are_a_person_whatever_the_ner_says(
    nlp: Language,
) -> None:
    # "Caleb Vexler", an ORG to the small NER, is a person from the start, on a par with
    # "Martin Vexler" named after him: the bare "Vexler" then goes to the one introduced
    # first. "Lincoln Park", a place, is no person beside "Tom Park".
    def speaker_of(first: list[str], second: list[str], label: str) -> Speaker:
        words = [*first, "won", ".", *second, "lost", ".", second[1], "said", "so", "."]
        heads = [1, 2, 2, 2, 5, 6, 6, 6, 9, 9, 9, 9]
        deps = ["compound", "nsubj", "ROOT", "punct"] * 2 + ["nsubj", "ROOT", "advmod", "punct"]
        tags = ["NNP", "NNP", "VBD", "."] * 2 + ["NNP", "VBD", "RB", "."]
        pos = ["PROPN", "PROPN", "VERB", "PUNCT"] * 2 + ["PROPN", "VERB", "ADV", "PUNCT"]
        ents = [f"B-{label}", f"I-{label}", "O", "O", "B-PERSON", "I-PERSON", "O", "O"]
        ents += ["B-PERSON", "O", "O", "O"]
        doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)
        quotes = [quote(doc.text, second[1], "so", nth=doc.text.count(second[1]) - 1)]
        return speakers_of(doc, quotes)[0]

    caleb = speaker_of(["Caleb", "Vexler"], ["Martin", "Vexler"], "ORG")
    assert (caleb.name, caleb.kind) == ("Caleb Vexler", "person")
    tom = speaker_of(["Lincoln", "Park"], ["Tom", "Park"], "GPE")
    assert (tom.name, tom.kind) == ("Tom Park", "person")


def test_a_known_surname_the_ner_missed_is_still_that_person(nlp: Language) -> None:
    # "Randy Vexler met Julie Easley." Four sentences about Easley, then "Easley told
    # Vexler so", where the NER saw no name: the "he" after it is Vexler, who would
    # otherwise be too far back to be found.
    met = [
        ("Randy", "NNP", "compound", 1, "B-PERSON"), ("Vexler", "NNP", "nsubj", 2, "I-PERSON"),
        ("met", "VBD", "ROOT", 2, "O"), ("Julie", "NNP", "compound", 4, "B-PERSON"),
        ("Easley", "NNP", "dobj", 2, "I-PERSON"), (".", ".", "punct", 2, "O"),
    ]  # fmt: skip
    waited = [("Easley", "NNP", "nsubj", 1, "B-PERSON"), ("waited", "VBD", "ROOT", 1, "O")]
    waited.append((".", ".", "punct", 1, "O"))
    told = [
        ("Easley", "NNP", "nsubj", 1, "B-PERSON"), ("told", "VBD", "ROOT", 1, "O"),
        ("Vexler", "NNP", "dobj", 1, "O"), ("so", "RB", "advmod", 1, "O"),
        (".", ".", "punct", 1, "O"),
    ]  # fmt: skip
    said = [
        ('"', "``", "punct", 5, "O"), ("Yes", "UH", "intj", 5, "O"), (",", ",", "punct", 5, "O"),
        ('"', "''", "punct", 5, "O"), ("he", "PRP", "nsubj", 5, "O"),
        ("said", "VBD", "ROOT", 5, "O"), (".", ".", "punct", 5, "O"),
    ]  # fmt: skip
    doc = _parsed(nlp, [met, waited, waited, waited, waited, told, said])
    quotes = [quote(doc.text, "he", "Yes")]
    assert speakers_of(doc, quotes)[0].name == "Randy Vexler"
    assert names_with_rule_off(doc, quotes, "missed-surnames") == [None]


def test_the_document_read_parsed_as_one_noun_is_still_its_issuers(nlp: Language) -> None:
    # 'Vexa wrote a post . " Yes , " the post read .' with "post read" parsed as one noun
    # (the small parser's usual reading): the determiner before it still makes "the post"
    # the one just mentioned, Vexa's.
    wrote = [
        ("Vexa", "NNP", "nsubj", 1, "B-ORG"), ("wrote", "VBD", "ROOT", 1, "O"),
        ("a", "DT", "det", 3, "O"), ("post", "NN", "dobj", 1, "O"), (".", ".", "punct", 1, "O"),
    ]  # fmt: skip
    read = [
        ('"', "``", "punct", 6, "O"), ("Yes", "UH", "intj", 6, "O"), (",", ",", "punct", 6, "O"),
        ('"', "''", "punct", 6, "O"), ("the", "DT", "det", 6, "O"),
        ("post", "NN", "compound", 6, "O"), ("read", "NN", "ROOT", 6, "O"),
        (".", ".", "punct", 6, "O"),
    ]  # fmt: skip
    doc = _parsed(nlp, [wrote, read])
    quotes = [quote(doc.text, "the post", "Yes")]
    assert speakers_of(doc, quotes)[0].name == "Vexa"


def test_she_in_a_quotation_is_not_whoever_introduced_it(nlp: Language) -> None:
    # The reporter would say "I": "she" is Ann Roe, though Jane Doe is the nearer subject.
    doc = parse(nlp, "Ann Roe waited . Jane Doe reports : \" Then she said no . \" ", """
        word    head dep      tag pos   ent
        Ann     1    compound NNP PROPN B-PERSON
        Roe     2    nsubj    NNP PROPN I-PERSON
        waited  2    ROOT     VBD VERB  O
        .       2    punct    .   PUNCT O
        Jane    5    compound NNP PROPN B-PERSON
        Doe     6    nsubj    NNP PROPN I-PERSON
        reports 6    ROOT     VBZ VERB  O
        :       6    punct    :   PUNCT O
        "       11   punct    ``  PUNCT O
        Then    11   advmod   RB  ADV   O
        she     11   nsubj    PRP PRON  O
        said    11   ROOT     VBD VERB  O
        no      11   intj     UH  INTJ  O
        .       11   punct    .   PUNCT O
        "       11   punct    ''  PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "she", "no")]
    assert speakers_of(doc, quotes)[0].name == "Ann Roe"


def _parsed(nlp: Language, sentences: list[list[tuple[str, str, str, int, str]]]) -> Doc:
    """A Doc from sentences of (word, tag, dep, head index in its sentence, entity IOB)."""
    pos_of = {"NNP": "PROPN", "NN": "NOUN", "DT": "DET", "VBD": "VERB", "RB": "ADV", "PRP": "PRON"}
    pos_of |= {"IN": "ADP", "NNS": "NOUN", "UH": "INTJ"}
    pos_of |= {p: "PUNCT" for p in (",", ".", "``", "''", ":")}
    words, tags, deps, heads, ents = [], [], [], [], []
    for sentence in sentences:
        offset = len(words)
        for word, tag, dep, head, ent in sentence:
            words.append(word)
            tags.append(tag)
            deps.append(dep)
            heads.append(offset + head)
            ents.append(ent)
    pos = [pos_of[t] for t in tags]
    lemmas = [w.lower().removesuffix("s") if t == "NNS" else w.lower()
              for w, t in zip(words, tags, strict=True)]  # fmt: skip
    return Doc(
        nlp.vocab, words=words, tags=tags, pos=pos, deps=deps, heads=heads, lemmas=lemmas,
        ents=ents,
    )  # fmt: skip


def test_a_role_is_not_a_person_the_quote_names_or_one_of_another_role(nlp: Language) -> None:
    # "The Kent judge said Vexler was a risk": not Tom Vexler, whom the quote names, nor
    # Ann Roe, a prosecutor; the judge is unnamed, and "the judge" after is the same one.
    roe = [("Ann", "NNP", "compound", 1, "B-PERSON"), ("Roe", "NNP", "nsubj", 6, "I-PERSON")]
    roe += [(",", ",", "punct", 1, "O"), ("a", "DT", "det", 4, "O")]
    roe += [("prosecutor", "NN", "appos", 1, "O"), (",", ",", "punct", 1, "O")]
    roe += [("spoke", "VBD", "ROOT", 6, "O"), (".", ".", "punct", 6, "O")]
    tom = [("Tom", "NNP", "compound", 1, "B-PERSON"), ("Vexler", "NNP", "nsubj", 2, "I-PERSON")]
    tom += [("waited", "VBD", "ROOT", 2, "O"), (".", ".", "punct", 2, "O")]

    def judge(about: str) -> list[tuple[str, str, str, int, str]]:
        ent = "B-PERSON" if about == "Vexler" else "O"
        return [
            ("The", "DT", "det", 2, "O"), ("Kent", "NNP", "compound", 2, "O"),
            ("judge", "NN", "nsubj", 3, "O"), ("said", "VBD", "ROOT", 3, "O"),
            (about, "NNP" if about == "Vexler" else "PRP", "nsubj", 5, ent),
            ("was", "VBD", "ccomp", 3, "O"), ("a", "DT", "det", 7, "O"),
            ("risk", "NN", "attr", 5, "O"), (".", ".", "punct", 3, "O"),
        ]  # fmt: skip

    again = [("The", "DT", "det", 1, "O"), ("judge", "NN", "nsubj", 2, "O")]
    again += [("ruled", "VBD", "ROOT", 2, "O"), ("so", "RB", "advmod", 2, "O")]
    again += [(".", ".", "punct", 2, "O")]

    def names_of(*sentences: list[tuple[str, str, str, int, str]]) -> list[str]:
        doc = _parsed(nlp, list(sentences))
        said = "Vexler was a risk" if "Vexler was" in doc.text else "he was a risk"
        quotes = [quote(doc.text, "The Kent judge", said), quote(doc.text, "The judge", "so")]
        return [s.name for s in speakers_of(doc, quotes)]

    assert names_of(roe, tom, judge("Vexler"), again) == ["Kent judge", "Kent judge"]
    assert names_of(roe, judge("he"), again) == ["Kent judge", "Kent judge"]
    # the nearest person, where the quote names no one and no role stands against it
    assert names_of(roe, tom, judge("he"), again) == ["Tom Vexler", "Tom Vexler"]


# "The Parole Board of Vexland met.", named in full before what speaks for it
_BOARD = [
    ("The", "DT", "det", 2, "O"), ("Parole", "NNP", "compound", 2, "B-ORG"),
    ("Board", "NNP", "nsubj", 5, "I-ORG"), ("of", "IN", "prep", 2, "I-ORG"),
    ("Vexland", "NNP", "pobj", 3, "I-ORG"), ("met", "VBD", "ROOT", 5, "O"),
    (".", ".", "punct", 5, "O"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        # a document whose compound names the board by its words, though the NER tagged
        # nothing there, is the board's
        (["The", "parole", "board", "decision"], "document-owner"),
        # the board's members speak for it
        (["Board", "members"], "org-by-word"),
    ],
)
def test_what_names_a_board_by_its_words_is_the_boards(
    nlp: Language, words: list[str], rule: str
) -> None:
    head = len(words) - 1
    phrase = [
        (w, "DT" if w == "The" else "NNS" if w == "members" else "NN",
         "det" if w == "The" else "compound", head, "O")
        for w in words[:-1]
    ]  # fmt: skip
    phrase.append((words[-1], "NNS" if words[-1] == "members" else "NN", "nsubj", head + 1, "O"))
    said = [("said", "VBD", "ROOT", head + 1, "O"), ("so", "RB", "advmod", head + 1, "O")]
    said.append((".", ".", "punct", head + 1, "O"))
    doc = _parsed(nlp, [_BOARD, phrase + said])
    source = " ".join(words)
    quotes = [quote(doc.text, source, "so")]
    speaker = speakers_of(doc, quotes)[0]
    assert (speaker.name, speaker.kind) == ("Parole Board of Vexland", "organisation")
    assert names_with_rule_off(doc, quotes, rule) != ["Parole Board of Vexland"]


def test_one_word_after_the_is_no_persons_name(nlp: Language) -> None:
    # "Ann Roe won on the feeder Tour. The Tour said so.": "Tour", a PERSON to the small
    # NER, takes a "the", which no one's one-word name does: it is no person.
    won = [
        ("Ann", "NNP", "compound", 1, "B-PERSON"), ("Roe", "NNP", "nsubj", 2, "I-PERSON"),
        ("won", "VBD", "ROOT", 2, "O"), ("on", "IN", "prep", 2, "O"), ("the", "DT", "det", 6, "O"),
        ("feeder", "NN", "compound", 6, "O"), ("Tour", "NNP", "pobj", 3, "B-PERSON"),
        (".", ".", "punct", 2, "O"),
    ]  # fmt: skip
    said = [("The", "DT", "det", 1, "O"), ("Tour", "NNP", "nsubj", 2, "B-PERSON")]
    said += [("said", "VBD", "ROOT", 2, "O"), ("so", "RB", "advmod", 2, "O")]
    said.append((".", ".", "punct", 2, "O"))
    doc = _parsed(nlp, [won, said])
    quotes = [quote(doc.text, "The Tour", "so")]
    assert speakers_of(doc, quotes)[0].kind == "organisation"
    quotes = [quote(doc.text, "The Tour", "so")]
    off = SpeakerSettings(disabled=frozenset({"label-vote"}))
    assert speakers_of(doc, quotes, settings=off)[0].kind == "person"


def test_a_role_noun_read_as_a_verb_leaves_the_name_at_the_end_the_speaker(
    nlp: Language,
) -> None:
    # "City councillor and tenants advocate Ana Reyes told …", as the small model parsed
    # such a line in real news: "advocate" a verb, its subject "councillor", its object
    # the name. The source names Ana Reyes; the rule off, "City councillor" speaks.
    text = (
        "Rent news\n\nCity councillor and tenants advocate Ana Reyes told us the rules favour "
        "owners."
    )
    doc = parse(nlp, text, r"""
        word       head dep      pos   ent
        Rent       1    compound NOUN  O
        news       1    ROOT     NOUN  O
        \n\n       1    dep      SPACE O
        City       4    compound NOUN  O
        councillor 7    nsubj    NOUN  O
        and        4    cc       CCONJ O
        tenants    4    conj     NOUN  O
        advocate   10   ccomp    VERB  O
        Ana        9    compound PROPN B-PERSON
        Reyes      7    dobj     PROPN I-PERSON
        told       10   ROOT     VERB  O
        us         10   dative   PRON  O
        the        13   det      DET   O
        rules      14   nsubj    NOUN  O
        favour     10   ccomp    VERB  O
        owners     14   dobj     NOUN  O
        .          10   punct    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "City councillor and tenants advocate Ana Reyes", "the rules")]
    assert speakers_of(doc, quotes)[0].name == "Ana Reyes"
    assert names_with_rule_off(doc, quotes, "person-in-misparsed-source") == ["City councillor"]


def test_a_company_without_its_legal_form_or_trade_word_is_the_same_company(
    nlp: Language,
) -> None:
    # "Suncor" after "Suncor Energy Inc." is that company, named "Suncor Energy" (its legal
    # form dropped); rule off, two companies. A place's name is no company's short name:
    # "Alberta", a GPE in the article, stays apart from "Alberta Energy". "Kinder Morgan"
    # (a PERSON to the NER, "Kinder" a first name) beside "Kinder Morgan Canada" is the
    # company's name less its country, no person.
    def speaker_of(words: list[str], ents: list[str], rule_off: bool = False) -> Speaker:
        verbs = ("lost", "said", "grew")
        heads: list[int] = []  # each sentence's words hang on its verb
        for i, w in enumerate(words):
            if w == ".":
                sentence = range(len(heads), i + 1)
                heads += [next(j for j in sentence if words[j] in verbs)] * len(sentence)
        deps = ["ROOT" if w in verbs else "punct" if w == "." else "dep" for w in words]
        pos = ["VERB" if w in verbs else "PUNCT" if w == "." else "PROPN" for w in words]
        doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
        source = words[-4]
        quotes = [quote(doc.text, source, "so", nth=doc.text.count(source) - 1)]
        off = frozenset({"company-short-name"} if rule_off else ())
        return speakers_of(doc, quotes, SpeakerSettings(off))[0]

    words = ["Suncor", "Energy", "Inc.", "lost", ".", "Suncor", "said", "so", "."]
    ents = ["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O", "O"]
    assert speaker_of(words, ents).name == "Suncor Energy"
    assert speaker_of(words, ents, rule_off=True).name == "Suncor"
    words = ["Alberta", "grew", ".", "Alberta", "Energy", "lost", ".", "Alberta", "said", "so"]
    words += ["."]
    ents = ["B-GPE", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O", "O"]
    assert speaker_of(words, ents).name == "Alberta"
    words = ["Canada", "grew", ".", "Kinder", "Morgan", "Canada", "lost", ".", "Kinder"]
    words += ["Morgan", "said", "so", "."]
    ents = ["B-GPE", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PERSON", "I-PERSON"]
    ents += ["O", "O", "O"]
    company = speaker_of(words, ents)
    assert (company.name, company.kind) == ("Kinder Morgan", "organisation")
    assert speaker_of(words, ents, rule_off=True).kind == "person"


def test_an_unnamed_source_is_named_by_its_whole_description(nlp: Language) -> None:
    text = "Talks stall\n\nNo deal is near, a person familiar with the negotiations said."
    quotes = [quote(text, "a person familiar with the negotiations", "No deal is near")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None
    assert (got.name, got.kind) == ("person familiar with the negotiations", "person")
    assert names_with_rule_off(nlp(text), quotes, "whole-description") == ["person"]
    text = "Talks stall\n\nSources close to the ministry said the minister was angry."
    quotes = [quote(text, "Sources close to the ministry", "the minister was angry")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and got.name == "Sources close to the ministry"
    # a document keeps its short name, so that one with no known owner stays no speaker
    text = "Talks stall\n\nA statement released on Tuesday said the talks would go on."
    quotes = [quote(text, "A statement released on Tuesday", "the talks would go on")]
    assert resolve(nlp, text, quotes)[0] is None


def test_a_description_with_its_name_is_the_named_entity(nlp: Language) -> None:
    text = "Talks stall\n\nA spokeswoman named Dana Whitfield said the ministry had no comment."
    quotes = [quote(text, "A spokeswoman named Dana Whitfield", "the ministry had no comment")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None
    assert (got.name, got.titles, got.gender) == ("Dana Whitfield", ["spokeswoman"], "female")
    assert names_with_rule_off(nlp(text), quotes, "named-description") == ["spokeswoman"]
    # the parser reads "agency" and "Frontex" as two subjects of "said"
    text = "Ships sent\n\nThe border agency Frontex said it had sent two more ships."
    quotes = [quote(text, "The border agency Frontex", "it had sent two more ships")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind) == ("Frontex", "organisation")
    assert names_with_rule_off(nlp(text), quotes, "named-description") == ["border agency"]


def test_a_document_sent_from_an_organisation_is_that_organisations(nlp: Language) -> None:
    text = "Quotas\n\nA statement sent from the Fisheries Council said the quotas were fair."
    quotes = [quote(text, "A statement sent from the Fisheries Council", "the quotas were fair")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind) == ("Fisheries Council", "organisation")
    assert names_with_rule_off(nlp(text), quotes, "document-owner") == [None]


def test_a_name_keeps_its_hyphenated_prefix(nlp: Language) -> None:
    text = "Probe\n\nSNC-Lavalin said it had cooperated with investigators."
    quotes = [quote(text, "SNC-Lavalin", "it had cooperated with investigators")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind) == ("SNC-Lavalin", "organisation")
    assert names_with_rule_off(nlp(text), quotes, "whole-name") == ["Lavalin"]
    # a particle: the NER's "Rashid" alone, parsed by hand
    doc = parse(nlp, "Talks. Then al-Rashid said so.", """
        word   head dep      tag  pos   ent
        Talks  0    ROOT     NN   NOUN  O
        .      0    punct    .    PUNCT O
        Then   6    advmod   RB   ADV   O
        al     5    compound NNP  PROPN O
        -      5    punct    HYPH PUNCT O
        Rashid 6    nsubj    NNP  PROPN B-PERSON
        said   6    ROOT     VBD  VERB  O
        so     6    ccomp    RB   ADV   O
        .      6    punct    .    PUNCT O
    """)  # fmt: skip
    quotes = [quote(doc.text, "al-Rashid", "so")]
    assert [s.name for s in resolve_speakers(doc, quotes)] == ["al-Rashid"]
    assert names_with_rule_off(doc, quotes, "whole-name") == ["Rashid"]


@pytest.mark.parametrize(
    ("text", "source", "content", "name", "off"),
    [
        (
            "Chelsea win\n\nChelsea manager Enzo Maresca praised his squad on Sunday. "
            "The Italian said the team had worked hard.",
            "The Italian",
            "the team had worked hard",
            "Enzo Maresca",
            "Italian",
        ),
        (  # "the Scot", which the NER takes for a name
            'Football\n\nEverton boss David Moyes said his team had deserved a draw. "I thought'
            ' we matched them," the Scot said.',
            "the Scot",
            "I thought we matched them",
            "David Moyes",
            "Scot",
        ),
        (  # with an age before it
            "Tennis\n\nWimbledon champion Maria Sharapova has pulled out with a shoulder injury."
            " The 17-year-old Russian said she hoped to be fit in time.",
            "The 17-year-old Russian",
            "she hoped to be fit",
            "Maria Sharapova",
            None,  # someone else
        ),
    ],
)
def test_the_nationality_or_party_of_someone_just_named_is_that_person(
    nlp: Language, text: str, source: str, content: str, name: str, off: str | None
) -> None:
    quotes = [quote(text, source, content)]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and got.name == name
    names = names_with_rule_off(nlp(text), quotes, "nationality-epithet")
    assert names == [off] if off else names != [name]


def test_a_name_with_an_honorific_in_apposition_is_the_speaker(nlp: Language) -> None:
    text = (
        "Libel\n\nThe High Court ruled that the story was untrue. The judge, Mr Justice Eady,"
        " said the article had caused distress. Her lawyer said she was delighted."
    )
    quotes = [
        quote(text, "The judge, Mr Justice Eady,", "the article had caused distress"),
        quote(text, "Her lawyer", "she was delighted"),
    ]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.gender) == ("Eady", "male")  # the NER misses him
    assert names_with_rule_off(nlp(text), quotes, "apposition")[0] == "judge"


def test_a_she_in_quoted_words_is_no_man_by_the_name_prior(nlp: Language) -> None:
    text = (
        "Charts\n\nPop Idol winner Michelle McManus has gone straight to number one. Louis"
        " Walsh, one of the show's judges, said she deserved her success."
    )
    quotes = [quote(text, "Louis Walsh, one of the show's judges,", "she deserved her success")]
    said = text.index("said she")
    quotes[0].cue = Span.of(text, said, said + 4)
    doc = nlp(text)
    she = text.index("she deserved")
    for off, who in [(None, "Michelle McManus"), ("name-prior-speaker", "Louis Walsh")]:
        settings = SpeakerSettings(disabled=frozenset({off} if off else ()))
        st = resolve_entities(doc, quotes, text, settings)
        (owner,) = [e.name for e in st.entities for start, _ in e.mentions if start == she]
        assert owner == who


def test_a_ranked_player_is_the_player_just_named(nlp: Language) -> None:
    text = (
        "Tennis\n\nTim Henman reached the second round with a straight-sets win. The British"
        " number one said he was pleased with his serve."
    )
    quotes = [quote(text, "The British number one", "he was pleased")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind) == ("Tim Henman", "person")


@pytest.mark.parametrize(
    ("text", "source", "name"),
    [
        (
            "Arsenal manager Arsene Wenger praised his squad on Sunday. The Frenchman added"
            " that the team had worked hard.",
            "The Frenchman",
            "Arsene Wenger",
        ),
        (
            "Feyenoord coach Arne Slot praised his squad on Sunday. Later, the Dutchman said"
            " that the team had worked hard.",
            "the Dutchman",
            "Arne Slot",
        ),
    ],
)
def test_a_nationality_noun_is_the_person_just_named_whatever_the_ner_label(
    nlp: Language, text: str, source: str, name: str
) -> None:
    quotes = [quote(text, source, "the team had worked hard")]
    got = resolve(nlp, text, quotes)[0]
    assert got is not None and (got.name, got.kind) == (name, "person")


def test_an_unnamed_organisation_is_no_other_organisation_noun(nlp: Language) -> None:
    text = (
        "Players' strike threat grows\n\nThe club said it would not comment on the dispute. "
        "The union said talks had broken down. Toyota said its profits had risen. "
        "The carmaker said sales in Europe were strong."
    )
    quotes = [
        quote(text, "The club", "it would not comment"),
        quote(text, "The union", "talks had broken down"),
        quote(text, "Toyota", "its profits had risen"),
        quote(text, "The carmaker", "sales in Europe"),
    ]
    got = resolve(nlp, text, quotes)
    assert [(s.name, s.kind) for s in got.values()] == [
        ("club", "organisation"),
        ("union", "organisation"),
        ("Toyota", "organisation"),
        ("Toyota", "organisation"),
    ]


def test_an_organisations_role_is_no_one_else_just_named(nlp: Language) -> None:
    text = (
        'Gamers queued overnight in London. "I\'ve been waiting for a year," said one fan,'
        " Tom Marsh, 19.\n\nThe BBC's technology correspondent said the launch was a gamble."
    )
    quotes = [
        quote(text, "one fan, Tom Marsh, 19", "I've been waiting"),
        quote(text, "The BBC's technology correspondent", "the launch was a gamble"),
    ]
    got = resolve(nlp, text, quotes)
    assert got[0].name == "Tom Marsh"
    assert (got[1].name, got[1].kind) == ("BBC's technology correspondent", "person")
    assert got[1].affiliations == ["BBC"]
    off = resolve(nlp, text, quotes, SpeakerSettings(disabled=frozenset({"role-agrees"})))
    assert off[1] is off[0]


def test_the_company_is_the_company_named_last(nlp: Language) -> None:
    text = (
        "A Sony spokesman declined to comment, but the company has said its console will sell"
        " well. Halo 2 broke sales records last month, according to Microsoft. The game made"
        " $125m on its first day, the company said."
    )
    quotes = [
        quote(text, "the company", "its console will sell"),
        quote(text, "Microsoft", "Halo 2 broke"),
        quote(text, "the company", "The game made", nth=1),
    ]
    got = resolve(nlp, text, quotes)
    assert [s.name for s in got.values()] == ["Sony", "Microsoft", "Microsoft"]


def test_a_role_is_no_one_whose_gender_or_party_it_contradicts(nlp: Language) -> None:
    text = (
        "Maria Lopez toured the plant in Dayton on Monday. She promised new jobs. "
        "The businessman said the plant would close anyway.\n\n"
        "Republican nominee Jack Reed spoke in Toledo. Reed promised tax cuts. "
        "The Democratic nominee said the cuts would fail."
    )
    doc = nlp(text)
    quotes = [
        quote(text, "The businessman", "the plant would close anyway"),
        quote(text, "The Democratic nominee", "the cuts would fail"),
    ]
    on = names_with_rule_off(doc, quotes, None)
    assert on[0] != "Maria Lopez" and on[1] != "Jack Reed"
    assert names_with_rule_off(doc, quotes, "role-agrees") == ["Maria Lopez", "Jack Reed"]


def test_a_role_is_not_the_person_named_in_its_own_clause(nlp: Language) -> None:
    text = (
        "Anna Berg filed for divorce in March. She asked the court to seal the file. "
        "The judge agreed with Anna Berg that the file should stay sealed."
    )
    doc = nlp(text)
    quotes = [quote(text, "The judge", "the file should stay sealed")]
    assert names_with_rule_off(doc, quotes, None) != ["Anna Berg"]
    assert names_with_rule_off(doc, quotes, "clause-apart") == ["Anna Berg"]


def test_a_role_of_one_place_is_not_the_holder_of_it_in_another(nlp: Language) -> None:
    text = (
        "Ohio governor Tom Hale met voters in Dayton on Monday. Hale spoke about roads. "
        "The Texas governor said the roads were fine."
    )
    doc = nlp(text)
    quotes = [quote(text, "The Texas governor", "the roads were fine")]
    assert names_with_rule_off(doc, quotes, None) != ["Tom Hale"]
    assert names_with_rule_off(doc, quotes, "role-agrees") == ["Tom Hale"]


def test_an_indefinite_role_is_somebody_new(nlp: Language) -> None:
    text = (
        "Her friend Mia Chen spoke at the service on Friday. Chen praised the singer. "
        "Later, a friend said the singer had loved the sea."
    )
    doc = nlp(text)
    quotes = [quote(text, "a friend", "the singer had loved the sea")]
    assert names_with_rule_off(doc, quotes, None) != ["Mia Chen"]
    assert names_with_rule_off(doc, quotes, "indefinite-is-new") == ["Mia Chen"]


def test_a_deputy_is_not_the_role_itself(nlp: Language) -> None:
    text = (
        "Vice presidential nominee Dan Ortiz toured a plant in Akron. Ortiz praised the "
        "workers. The presidential nominee said the plant would grow."
    )
    doc = nlp(text)
    quotes = [quote(text, "The presidential nominee", "the plant would grow")]
    assert names_with_rule_off(doc, quotes, None) != ["Dan Ortiz"]
    assert names_with_rule_off(doc, quotes, "role-agrees") == ["Dan Ortiz"]


def test_a_gendered_role_is_no_one_whose_first_name_says_otherwise(nlp: Language) -> None:
    text = (
        "Ingrid Okafor interviewed the candidate on Tuesday night. "
        "The businessman said the economy was growing fast."
    )
    doc = nlp(text)
    quotes = [quote(text, "The businessman", "the economy was growing fast")]
    assert names_with_rule_off(doc, quotes, None) != ["Ingrid Okafor"]
    assert names_with_rule_off(doc, quotes, "role-agrees") == ["Ingrid Okafor"]


def test_his_lawyer_is_no_one_titled_lawyer_of_a_woman(nlp: Language) -> None:
    text = (
        "Mara Quinn, Senator Helen Ward's lawyer, spoke to the committee on Monday. Ward "
        "was not there, and she did not comment. Tom Reyes, an aide, refused to testify. "
        "His lawyer said he would not answer questions."
    )
    doc = nlp(text)
    quotes = [quote(text, "His lawyer", "he would not answer questions")]
    assert names_with_rule_off(doc, quotes, None) != ["Mara Quinn"]
    assert names_with_rule_off(doc, quotes, "owner-agrees") == ["Mara Quinn"]


def test_this_reporter_is_the_writer_not_a_reporter_of_the_article(nlp: Language) -> None:
    text = (
        "Reporter Jane Hill of the Courier asked the mayor about the budget on Monday. "
        "As this reporter revealed last year, the council spent more than it raised."
    )
    doc = nlp(text)
    quotes = [quote(text, "this reporter", "the council spent more than it raised")]
    assert names_with_rule_off(doc, quotes, None) == ["this reporter"]
    assert names_with_rule_off(doc, quotes, "writer-is-unnamed") == ["Jane Hill"]
