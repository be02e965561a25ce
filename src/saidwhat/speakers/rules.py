"""The resolution's rules, by name, in the order resolution tries them (those that read
names and mentions before it first), and the settings that switch them off. Takes rule
names; gives `RULES` (name -> what it decides) and `SpeakerSettings`, the one object
`resolve_speakers` takes to run with rules off (to measure what each is worth:
scripts/speaker_rules.py)."""

from __future__ import annotations

from dataclasses import dataclass

RULES: dict[str, str] = {
    # Names and mentions, before resolution
    "line-break-cut": "a name never runs across a line break",
    "credits-and-teasers": "photo credits, bylines and teaser lines name no one",
    "subheadings": "a name in a subheading only joins one the body names, as in the headline",
    "label-vote": 'a full name ("Russell T Davies", a first name and an initial too) or its'
    " surname is a person whatever the NER label; else the label most occurrences have",
    "classified-name": "a name right after a role or in apposition to one is a person's (\"rap"
    ' star 50 Cent", "the chief observer, Jo Ng"), after an organisation noun an'
    ' organisation\'s ("anti-virus firm Sophos", "Supermarket chain Morrisons", "Video games'
    ' publisher Eidos") or in apposition to one ("Endemol, the company which makes the'
    ' show,"), whatever the NER label; none with a clause on "which" after it is a'
    ' person\'s ("BAA, which runs the airports,")',
    "known-organisation": 'a broadcaster, outlet, platform or agency the lexicon knows ("Twitter",'
    ' "RT") is an organisation whatever the NER label but a place\'s, unless a person named in'
    " full has it as surname",
    "acronym-is-organisation": "a name the NER missed or cut with its initials in brackets"
    ' after it ("Natural Resources Wales (NRW)", "Transport for London (TfL)") is an'
    " organisation's, whole",
    "bracketed-short-name": "a capitalised word in brackets after an organisation's name,"
    ' its letters in order, is its short name ("The Association for Payment Clearing Services'
    ' (Apacs)": "Apacs said" is that association)',
    "org-word-in-name": "a name ending in a word of a company's, an outlet's or a sports"
    ' club\'s name ("Harwick Energy", "Riverton News", "Grimsby Rovers") is an organisation'
    ' whatever the NER label, as one ending in a word no surname is ("Levada Center"), and'
    ' "the … Executive" after a name and no rank ("The Health and Safety Executive")',
    "sentence-initial-noun": "a capitalised word opening a sentence that the tagger reads as a"
    ' common noun ("Exit polls suggested"), or a person\'s noun ("Actress", after a'
    " headline), is no name, whatever the NER label",
    "seat-before-role": "a name between an article and a person's noun is a seat or a team"
    ' ("the Twickenham MP said", "the Sale full-back said"), no one\'s name whatever the NER'
    " label",
    "opening-noun-apart": "an organisation's noun opening a sentence is no part of the name"
    ' after it ("Retailer Game said": the shop Game), which is an organisation\'s; nor a'
    ' person\'s noun ("Conductor Marin Alsop said", "Promoter Live Nation said")',
    "after-the": 'a name of two capitalised words or more right after "the" is no person\'s ("the'
    " Sydney Morning Herald\", whatever the NER label), an organisation's",
    "whole-name": 'a name is whole words ("F-Secure"), a person\'s keeps the particles of a'
    ' surname ("Erik ten Hag"), a council\'s starts at its place ("East Devon District'
    ' Council") and an organisation\'s never ends in "of the", but keeps a possessive that'
    ' owns nothing ("Barnardo\'s said")',
    "peerage": "a peer's name is the name after the rank, and the territorial part after"
    ' "of" is part of the title, no organisation or name of its own ("Lord Hurd of Westwell",'
    ' "Baroness Kennedy of The Shaws": no affiliation to Westwell or to the Shaws)',
    "camel-case-name": "a word the NER missed written in camel case, as companies write their"
    " names, is an organisation's name wherever printed when it speaks (\"Rival easyJet"
    ' said"); a website no one quotes ("wikiHow is a wiki") is none',
    "missed-person-name": "a first name of the name prior and a capitalised surname the NER"
    ' missed, the subject of "say" or "tell" ("Gareth Peirce, who represents several'
    ' detainees, said") or a surname that alone is ("Dwain Chambers has hit back …'
    " Chambers told BBC Sport\"), are a person's name wherever the article prints them; so"
    ' is a name the NER cut at its first name ("Ilya" | "Shapiro", "Ernie" | "Els")',
    "first-name-starts": "a person's name starts at a first name: no missed first name before"
    ' one, no adjective ("Russian Ivan Petrov")',
    "honorific-before-title": '"Lord Justice Rix" has the gender of "Lord"',
    "role-gender": "a person's apposed role gives its gender (\"Sam Ng, a spokeswoman for the"
    ' council,")',
    "role-in-name": 'a role inside the NER span is a title ("Carolina coach X")',
    "party-groups": '"the Liberals" in the narrative is a group a later "they" may be',
    "club-nickname": '"The Blues said", after "Chelsea have been fined", is the club just'
    " named, and of those its nickname names (data/club_nicknames.tsv): a football club's"
    ' nickname after "the"; a club so named is an organisation wherever printed',
    "party-by-members": 'and it is the party, an organisation ("the Tories said"); a counted'
    ' set of members ("three Tories") stays a group',
    "name-completion": "a bare surname takes the one first name printed before it",
    "missed-surnames": "a known surname the NER saw no name in is still that person",
    "company-short-name": '"Suncor" is "Suncor Energy" and "Facebook" "Facebook Inc." (not'
    ' a place: "Alberta" is no "Alberta Energy"); "Kinder Morgan" of "Kinder Morgan Canada"'
    " is no person",
    "firm-after-plural": "one name right after a plural noun of a role or a trade is a firm's,"
    ' an organisation wherever printed ("Administrators PricewaterhouseCoopers said",'
    ' "Pollsters Mori"): a singular name cannot be those people; not a list ("Analysts Jane'
    ' Smith and Tom Lee")',
    "company-role": "a one-word name, no first name nor the surname of anyone named in full,"
    ' beside a trade\'s noun a company holds ("Her publisher, Headline,", "Endemol, the show\'s'
    " producer,\") is a company's wherever printed",
    "company-possessions": 'a name that owns what only a company owns ("Expedia\'s shares",'
    ' "shares in Morrison", "Tesco shares") or an office only a body has ("Populus\'s managing'
    ' director", "the chairman of Emap", "Orange chief executive") is a company\'s wherever'
    " printed, whatever the NER label",
    "modifier-no-antecedent": 'a name modifying a noun ("the X pipeline") is no antecedent',
    "employer-antecedent": 'but an organisation qualifying a person noun ("Vexa spokeswoman")'
    ' is one for a description of an organisation ("the company"), not for a pronoun',
    "signed-pull-quote": 'a quote with sources "I" and a name is the name\'s',
    "named-not-namer": 'the subject of a passive cue that names it ("X was named best film",'
    ' "she was elected leader") is no speaker, with a source or without; only a "by" phrase is',
    "source-is-subject": "of a quote's several sources, the one that is its cue's subject",
    "person-in-misparsed-source": "a source headed by a role noun the parser read as a verb,"
    ' ending in the one person it names, is that person ("… and tenants advocate X"), as'
    ' is one of a role "of" a field ("director of rugby Rob Andrew")',
    # A quote without a source
    "passive-no-speaker": 'a sourceless quote whose cue keeps its source back ("Players were'
    ' said to be shocked", "is understood to") is said by no one the article names, not by'
    " the speaker before it",
    "cue-subject": "a sourceless quote is said by the subject of its cue verb",
    "continue-previous": "else it continues the previous quote's speaker, quoted just before",
    # A source that is a pronoun, an apposition or a name the NER missed
    "relative-pronoun": '"who" or "that" is the noun its clause hangs on',
    "pronoun-nearest": "he/she is the nearest earlier person of compatible gender, subjects first",
    "antecedent-ranker": "he/she is the person a model trained on GUM's gold coreference"
    " ranks first among those of the last narrative sentences (the rule above is one of its"
    " features, and decides where it has no candidate)",
    "plural-pronoun": "they/it is the nearest earlier group or organisation",
    "not-named-in-quote": "a pronoun source is no one its quote names (“Ashley has done nothing"
    " wrong,” he said: not Ashley)",
    "subject-over-possessor": 'a named subject is more salient than its possessor ("His agent,'
    ' Jo Ng, said …", "Sam Lee\'s brother, Paul, said …": a "he" next is Jo Ng, Paul)',
    "name-prior-speaker": "a he or she who speaks, or whom a quote's words speak of, is no"
    ' one whose first name the name prior gives to the other sex ("Glenn Douglas said … Her'
    ' husband said": not Glenn; "Simon Cowell said she deserved …": not Simon)',
    "works-for-person": '"Mr Brown\'s spokesman" is no one named before who holds an office'
    " the article does not tie to Mr Brown (not the shadow chancellor just quoted)",
    "age-or-sex": '"the 63-year-old", "the woman" may be a person the article gave any'
    ' occupation ("Actor Bill Tarmey"); a role with an age is a person\'s ("The 26-year-old'
    ' centre said", no centre of anything)',
    "achievement-fits": '"the Olympic silver medallist", "the champion": what someone won'
    ' fits any occupation ("British boxer Amir Khan")',
    "hometown": '"Derek Walsh, 58, from Leeds", "the 17-year-old from Devon": a name after'
    ' an age and "from" (or ", 34, of") is a place wherever printed, no person nor'
    " organisation",
    "product-name": '"the arthritis painkiller Vioxx", "the film Troy": a name right after a'
    " made thing's noun (data/product_nouns.txt) is that thing's wherever printed, no"
    " speaker",
    "one-of-people": '"One of Britain\'s most senior police officers" is one officer, a person,'
    " not a set",
    "quantifier-is-group": '"Many said", "Some said": a set of people, a group, a new one'
    " each time",
    "common-plural-is-group": "a plural the tagger reads as a common noun's is a set, a group,"
    ' whatever the NER label ("Hauliers said")',
    "lead-forward-definite": '"the education secretary" of the lead that no one before is,'
    ' is whom a following sentence names ("Alan Johnson said"), if the role fits',
    "capitalised-set": "a plural of people capitalised mid-sentence before a preposition names"
    ' an organisation ("the Friends of the Lake District"), not a group',
    "couple": '"Mr and Mrs Evans" is the two of them, a group, not a person "Mr"',
    "it-is-the-thing": 'an "it" after a main clause whose subject is a document or a thing'
    ' is that thing ("The report said … It accused"): its owner where one is known, else'
    " no speaker",
    "plural-description": 'a "they" no group or organisation before it fits is the nearest'
    " plural of people or organisations before it that is a main clause's subject, in its"
    ' sentence or the one before ("European Union finance ministers are meeting …, where they'
    ' …")',
    "apposition": 'a name and a description side by side are one entity ("X, a super PAC")',
    "named-description": "a description with its name is the name's (\"a spokeswoman named"
    ' Jo Ng", "the border agency Frontex", read as two subjects), the description a title',
    "unregistered-name": "a proper noun the NER missed is a person's or organisation's name",
    "not-a-person-name": 'but none new in a teaser line, after "a" or before a number'
    ' ("a Model 3"), nor a capitalised plural of a document or a thing ("Polls in Ohio'
    ' show"); one ending in an acronym is an organisation ("Burnaby RCMP")',
    "lone-acronym": 'so is an acronym of three letters or more alone ("the IAAF said", "WHO say",'
    ' no pronoun "who"): initials name no person (but a transcript\'s "TAPPER:" is a name in'
    " capitals)",
    "plural-name-is-group": 'a proper noun counted as a plural ("Many Latinos said", "two'
    ' Britons") is a group, not a person',
    "called-it": "one word the NER missed that is no first name and that the article calls"
    ' "it" or "its" ("Abta said …. Its spokesman") is an organisation, as is a name headed'
    ' by an office\'s noun whose clause calls it "it" ("The United Nations High Commissioner'
    ' for Refugees (UNHCR) said it was studying the plans")',
    "called-they": 'and so is one its clause calls "they", as British English calls a club'
    ' or a band ("Molde said they were sad to see him go"), or that the next sentence'
    ' calls "the firm" as its subject ("Wanadoo warned …. The French-owned firm said")',
    "plural-name-alone": "so is one alone that names a set of people: a family by the"
    ' surname of someone named ("the Khans" beside "Amir Khan"), or a plural the NER takes'
    ' for no person ("Latinos say" beside "Latino voters"); never "Sanders" nor "Williams",'
    ' and never a plural the sentence calls "it" ("Barclays said it would"), an organisation',
    # A source that is a description
    "same-description": 'the same description again is the same entity ("the judge" after'
    ' "the Nova Scotia judge", unnamed)',
    "nationality-epithet": '"the Italian", "the Republican", "the Frenchman": one person, like'
    ' "the goalkeeper", whatever the NER label',
    "spokesman-sits": "a party's spokesman for a brief is a member for a seat (\"Liberal"
    ' Democrat Treasury spokesman Vincent Cable" … "the Twickenham MP said")',
    "org-by-head": '"the campaign" is the campaign last named ("the Trump team": a Trump one)',
    "document-owner": 'a document is its named owner\'s ("the IMF report" is the IMF)',
    "owner-in-phrase": "and its owner is a person or organisation its own phrase names, even"
    ' one not yet registered ("a Reuters rolling poll", "an email from Jo Ng", "an editorial'
    ' in the Register"), before the same description said earlier; never a place or a date',
    "document-issuer": '"the statement" is whoever issued the statement mentioned just before',
    "org-by-word": '"the fund" is the organisation with "fund" in its name; "Board members"'
    " that board",
    "nearest-organisation": '"the agency" is the nearest earlier organisation of the same sort',
    "org-nation-agrees": '"the Scottish firm" is no organisation the article calls Dutch',
    "speaks-for": "an unnamed spokesman is the organisation's that has just spoken (\"Ofcom"
    ' said … A spokeswoman added")',
    "lead-forward": 'a lead\'s "a minister" is the first person (organisation) named after it',
    "person-by-role": '"the senator" is the person the article titled senator',
    "owner-agrees": 'and "his lawyer" is no one the article titled lawyer of another'
    ' ("Clinton\'s lawyer" where "his" cannot be Clinton), nor the owner itself',
    "indefinite-is-new": 'but not an indefinite one: "a friend" is somebody new, not whoever'
    " was last called a friend",
    "writer-is-unnamed": '"this reporter", "this writer", "your correspondent" is the'
    ' article\'s own writer, as its "I" is: an unnamed someone, never a person it names',
    "named-later": 'a role the article ties to a name later ("his attorney" … "attorney X")',
    "first-named-later": '"the woman" is the one person named later by a first name alone',
    "nearest-person": "a definite role is the nearest earlier person whose stated roles fit"
    " and whom the quote itself does not name",
    "former-role-fits": 'and a role held once fits anyone ("Bid leader Lord Coe … The former'
    ' athlete told reporters")',
    "clause-apart": "nor one named as an object in the description's own clause (\"the judge"
    ' agreed with Ivana Trump": not Ivana Trump)',
    "role-agrees": "and never one whose gender, party, age or seat the description contradicts"
    ' ("the businessman" is no "she", "the Democratic nominee" no one only ever a Republican,'
    ' "the 34-year-old" no "28-year-old Daniel Morris", "the MP for Medway" no "Blackpool'
    ' North MP"), nor'
    " one an organisation's possessive names as employer unless tied to it (\"the BBC's"
    ' correspondent")',
    "offices-apart": "but never one the article has called by another office of head of state,"
    ' government or city: the prime minister is not "the president" he speaks of; nor is a'
    ' team\'s coach "the 26-year-old centre"',
    "sets-are-groups": 'a plural of an organisation noun ("local authorities") or a collective'
    ' noun of people ("a panel of experts", "a number of members") is a group; one bare proper'
    ' noun the NER took for a nationality ("Symbian said") an organisation',
    "whole-description": "an unnamed entity is named by its whole description, an adjective or"
    ' participle phrase after the noun too ("a person familiar with the talks")',
    "set-name": 'a set is named by all its conjuncts, without "those" or "both"',
    # Titles and affiliations
    "title-is-a-role": 'no title of an adjective alone, a bare "the man", or a possessor the'
    ' title does not name ("its president" is "president")',
    "affiliation-qualifies": "an organisation is an affiliation where it qualifies the person"
    ' noun, never another noun\'s ("owners of Nokia phones"), a seat or brief held "for", a'
    ' party word ending a longer name ("Wood Green") or the entity itself',
    "title-outside-name": "a title holds no word of the name and nothing before a comma, a"
    ' free dash or "and" ("Nachman" of "Nachman Shai", "JERUSALEM - Israeli Prime Minister",'
    ' "Christie and Ohio Gov.")',
    "title-needs-role": "a title's head is a role of the lexicon (data/role_nouns.txt, the"
    ' person nouns and titles), never a relation ("his friend", "a Clinton supporter"), a'
    ' description ("the man", "billionaire X", "an independent voter") or another word'
    ' ("Thanks Sarah", "the absent Trump"); a nationality alone stays',
    "party-not-a-title": '"a Republican", "Democrat of Delaware": the party is an affiliation,'
    " not a title",
    "person-title-singular": 'a plural ("three economists", "Democratic candidates X and Y")'
    " describes a set: no title of one person",
    "affiliation-is-an-organisation": 'a nationality ("Ethiopian"), an ideology in lower case'
    ' ("conservative activist") or a brief ("State" of "Secretary of State") is no'
    " affiliation",
    "place-no-affiliation": 'nor is one word the NER read as a place ("observers in Virginia",'
    ' "the Ohio chapter of …") though it opens an organisation\'s longer name; but an'
    ' initialism ("E.U. leaders") or a word the NER reads alone as an organisation elsewhere'
    " is one",
    "title-is-held": 'a role to come, hoped for, guessed at, claimed or denied ("the next'
    ' president", "a would-be candidate", "the likely nominee", "a self-styled journalist",'
    ' "no candidate"; data/unheld_words.txt), or one the person "will be" or is wanted "to'
    ' be", is no title, nor what a quote says someone is ("X said Y had been a great home'
    ' secretary")',
    "title-no-judgement": "a title says the role, not what the writer thinks of the person: an"
    ' adjective that judges ("a powerful surrogate"; data/judging_words.txt), an age ("the'
    ' 57-year-old scientist"), a quantifier ("another pollster") or a focus word ("Even HBO'
    ' comedian") is no part of it, and a'
    ' superlative that ranks ("the most able candidate") makes none',
    "title-of-namesake": "where two people share a surname, a title before it that one holds"
    ' ("Secretary Clinton" beside President Clinton) is never given to the other',
    "party-not-a-surname": 'a party word that names a person of the article ("Both Green and'
    ' Smith confirmed" after "Dan Green") is no party',
    "title-whole-words": "a title is whole words: the prefix a hyphen joins to its head is"
    ' part of it ("co-chairman of the caucus", "vice-president of the party") and no title'
    ' alone ("vice")',
    "affiliation-of-name": 'the organisation a name\'s "of", "from" or "at" names, set off by'
    ' commas, is an affiliation ("Judith Gillespie, of the Scottish Parent Teacher Council,")',
    "affiliation-whole-name": "an organisation the NER cut is named whole, its name running on"
    ' through "for" or "of" ("Committee for a Responsible Federal Budget", "Centre for the'
    ' National Interest")',
    # Mentions outside sources, and what the output reports
    "described-again": "a source's description used again in the narrative is that entity",
    "name-repeats": "a speaker is mentioned wherever the article prints its name again, a party"
    ' by any of its names, a set named by a bare plural ("prosecutors") wherever it recurs',
    "title-owner": 'a title "its" or "their" owns is held at the organisation the pronoun'
    ' names ("Its chief executive, X")',
    "employer-in-title": "an organisation of the article that a title names before its role is"
    ' the person\'s affiliation, though the NER saw none there ("BPI chairman Peter Jamieson"'
    ' after "the British Phonographic Industry (BPI)"): by its name, its words or its initials',
    "person-needs-evidence": "a speaker's name the NER took for a person's that the article"
    " never gives a first name (of either gender), an honorific, a role (not one a company"
    ' holds as often: "US rival Vertex Micro"), a person\'s noun or a he or she is an'
    ' organisation\'s ("Variety said", "Lucasfilm said in a statement"): never'
    " initials, capitals, a surname printed after a first name or near one's spelling, an"
    " author cited with a year, or a name of two words whose last the article prints alone",
    "party-from-context": "a person with no stated party takes the one party of their sentences",
    "unnamed-individual": 'an unnamed individual ("a spokeswoman for the firm") is a person with'
    " the gender its noun gives",
    "individual-by-noun": 'so is one named by a noun the learned list says names one person ("a'
    ' pensioner", "the cashier")',
    "one-is-a-person": 'and so is "one" and a noun that names a doer ("one media buyer said",'
    ' "one leading shareholder"), but not a share ("One in four voters") nor a body, a'
    ' document or a thing ("one bank", "one report", "One ranking")',
    "no-speaker": 'an unresolved pronoun ("you"), a word naming no one ("nobody") or a document'
    " with no known owner is no speaker entity",
    "things-no-speaker": "nor is a set or an unresolved description of what a study gives or"
    ' a work of reference ("The results show", "Estimates suggest", "the literature"), nor a'
    ' document with no known owner however long its description ("Multiple news reports")',
    "inanimate-no-speaker": "nor is a set or an unresolved description whose noun names a thing,"
    ' never people ("text messages", "the policy"): the learned list of inanimate nouns',
}


# Off unless asked for: the ranker links more of GUM's pronouns rightly than the rules do,
# but costs quoted speakers on news (docs/speakers.md).
OPT_IN = frozenset({"antecedent-ranker"})


@dataclass(frozen=True, slots=True)
class SpeakerSettings:
    """How speakers are resolved: every rule on but those named in `disabled`, and the
    OPT_IN rules named in `enabled`."""

    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()  # of OPT_IN, those switched on

    def __post_init__(self) -> None:
        if unknown := (self.disabled | self.enabled) - RULES.keys():
            raise ValueError(f"no such speaker rule: {', '.join(sorted(unknown))}")

    def on(self, rule: str) -> bool:
        if rule not in RULES:
            raise KeyError(rule)  # a misspelt rule would silently never switch off
        return rule not in self.disabled and (rule not in OPT_IN or rule in self.enabled)
