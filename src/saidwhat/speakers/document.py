"""The document view: takes a parsed Doc, its quotes and text; gives the sentences, the
named entities (cut at line breaks, whole words, labels voted over the article, set by
the noun before a name and by the lexicon's known organisations, none from photo credits,
bylines or teaser lines), which tokens are inside quotation marks, the narrative he/she
pronouns, and where the headline and the lead end. Fixed once made."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from itertools import accumulate, pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from saidwhat.article import Quote
from saidwhat.lexicon import (
    AGENCIES,
    CLUB_NICKNAMES,
    FEMALE_NAMES,
    HONORIFICS,
    INDIVIDUAL_NOUNS,
    KNOWN_ORGS,
    MALE_NAMES,
    NATIONALITIES,
    ORG_NOUNS,
    PARAGRAPH_BREAK,
    PARTIES,
    PERSON_NOUNS,
    POST_NOMINALS,
    PRODUCT_NOUNS,
    RELATION_NOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
    cue_kind,
)
from saidwhat.namegender import given_name, prior
from saidwhat.quotemarks import CLOSE_ONLY, DOUBLE_MARKS, OPEN_ONLY
from saidwhat.speakers.rules import SpeakerSettings
from saidwhat.speakers.syntax import (
    aged,
    camel_case,
    first_and_surname,
    has_the,
    hyphened_noun,
    lemma_of,
    opening_noun,
    opening_word,
    opens_sentence,
    owns_nothing,
    plural_role,
    pronoun_calling,
    strip_det,
    subject_called_it,
    which_clause,
)
from saidwhat.speakers.words import (
    AGE_AND_SEX,
    ARTICLES,
    BODY_NOUNS,
    CAMPAIGN_HAS,
    CHAMBERS,
    COMPANY_OFFICERS,
    COMPANY_POSSESSIONS,
    COMPANY_ROLES,
    COUNCIL_WORDS,
    HEADLINE_TOKENS,
    HOLDER_NOUNS,
    LEGAL_FORMS,
    NAME_LABELS,
    NAME_OPENERS,
    NATIONALITY_NOUNS,
    NOT_NAME,
    ORG_NAME_ENDS,
    ORG_ONLY_HEADS,
    PARTICLES,
    PEERAGES,
    PLACE_LABELS,
    PLAYERS,
    PUBLIC,
    RELABEL,
    ROLELESS_BODY_NOUNS,
    SURNAME_PARTICLES,
    THIRD_SINGULAR,
    norm_text,
    word_key,
)

# Photo credits and bylines name photographers, agencies and reporters, never speakers:
# "(Jane Roe/Reuters)", "Jane Roe / The Daily Star" opening a caption line (spaced: not "The
# Post/ABC News poll"), "Jane Roe/Reuters." or a bare "The Canadian Press." closing one, and
# a line that is only "By Jane Roe" or "Jane Roe, The Associated Press".
_CAP = r"(?:[A-Z]\.|[A-Z][\w'’&-]*)"
_CAPS = rf"{_CAP}(?:[ \t]+(?:{_CAP}|of|and|the|de))*"
_BY = rf"{_CAP}(?:[ \t]+(?:{_CAP}|of|and|the|de)){{0,3}}"  # a name or agency, not a headline
_AGENCY = rf"(?:The[ \t]+)?(?:{'|'.join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))})"
_CREDIT = re.compile(
    rf"\([^()\n]*[A-Za-z][ \t]*/[ \t]*[A-Z][^()\n]*\)"
    rf"|^[ \t]*{_CAPS}[ \t]+/[ \t]+{_CAPS}"
    rf"|(?:^|(?<=[.!?)”\"] )){_BY}[ \t]*/[ \t]*{_CAPS}\.?[ \t]*$"
    rf"|(?<=[.!?)”\"] ){_AGENCY}\.?[ \t]*$"
    rf"|^[ \t]*By[ \t]+{_BY}(?:,[ \t]*{_BY})*\.?[ \t]*$"
    rf"|^[ \t]*(?:By[ \t]+)?{_BY},[ \t]*{_AGENCY}\.?[ \t]*$",
    re.MULTILINE,
)
# Lines that link to other stories ("WATCH: Police warn of …", "READ MORE: …"): the people
# and organisations there are no part of this article's narrative.
_TEASER = re.compile(
    r"^[ \t]*(?:watch(?: below)?|read more(?: about)?|related|see also|also on [\w ]+)[ \t]*:.*$",
    re.MULTILINE | re.IGNORECASE,
)

_NAME_GLUE = {"of", "the", "and", "for", "&", "on", "in"}  # words inside a name, never ending it
_SUBHEADING_TOKENS = 10  # a longer paragraph is body text, whatever its ending
_SENTENCE_END = set('.!?"”’:;,…)')
# A news site's furniture copied with the story: "Open this photo in gallery" opens each
# caption, "Story continues below advertisement" stands between paragraphs.
_CHROME = re.compile(
    r"^[ \t]*(?:open this photo in gallery:?|story continues below advertisement\.?"
    r"|advertisement)[ \t]*",
    re.MULTILINE | re.IGNORECASE,
)


class DocumentView:
    """What the resolver reads of one article, fixed before resolution starts: its text,
    quotes in text order, sentences, named entities, which tokens sit inside quotation
    marks, the narrative he/she pronouns, and where the headline and the lead end."""

    def __init__(
        self,
        doc: Doc,
        quotes: list[Quote],
        text: str | None = None,
        settings: SpeakerSettings | None = None,
    ) -> None:
        self.settings = settings or SpeakerSettings()
        self.doc = doc
        self.text = doc.text if text is None else text
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for i, sent in enumerate(self.sents):
            for t in range(sent.start, sent.end):
                self.sent_of[t] = i
        self.asides = find_asides(self.text) if self.on("credits-and-teasers") else []
        cut = _lines_of if self.on("line-break-cut") else lambda ent: [ent]
        ents = [
            _whole_name(piece) if self.on("whole-name") else piece
            for ent in doc.ents
            if not any(s < ent.end_char and ent.start_char < e for s, e in self.asides)
            for piece in cut(ent)
        ]
        if self.on("whole-name"):
            ents = sorted(ents + _listed_names(doc), key=lambda e: (e.start, -len(e)))
            seats = self.on("seat-before-role")
            ents = _with_post_nominals(_with_particles(_without_covered(ents)), seats)
            ents = [_shop_name(e) for e in ents]
        if self.on("peerage"):
            ents = _peerages(doc, ents)
        if self.on("camel-case-name"):
            ents = sorted(ents + _camel_case_names(doc, ents), key=lambda e: e.start)
        if self.on("missed-person-name"):
            ents = sorted(ents + _missed_speakers(doc, ents), key=lambda e: e.start)
            ents = _names_cut_at_first_names(ents)
        if self.on("sentence-initial-noun"):
            ents = _without_initial_nouns(ents)
        if self.on("opening-noun-apart"):
            ents = _without_opening_nouns(ents)
            # the people's names and surnames, as the NER reads them elsewhere
            people = {norm_text(p.text) for e in ents if e.label_ == "PERSON" for p in (e, e[-1:])}
            ents = [_without_opening_word(e, people) for e in ents]
        if self.on("classified-name"):
            ents = sorted(ents + _missed_after_trade_nouns(doc, ents), key=lambda e: e.start)
        firms: set[str] = set()
        if self.on("firm-after-plural"):
            ents, firms = _firms_after_plurals(doc, ents)
        if self.on("whole-name"):
            ents = _with_place_before(_with_uk(ents))
        if self.on("acronym-is-organisation"):
            ents = _bracketed_full_names(doc, ents)
        # Names the NER took for a place somewhere in the article: no company's short name.
        self.places = {norm_text(e.text) for e in ents if e.label_ in PLACE_LABELS}
        # Words the NER read as a nationality ("Thai" of "Thai food"), as written.
        self.nationalities = {t.text for t in doc if t.ent_type_ == "NORP"}
        companies = _company_names(ents, self.places) if self.on("company-short-name") else set()
        if self.on("classified-name"):
            companies |= _after_trade_nouns(ents)
        if self.on("company-role"):
            companies |= _companies_by_role(ents)
        companies |= firms
        if self.on("org-word-in-name"):  # "Blackburn Rovers", "Network Rail": PERSONs to
            # the small NER, but no one's name ends or opens so
            companies |= {
                name
                for e in ents
                if e.label_ == "PERSON"
                and len(words := [t for t in e if t.tag_ != "POS"]) > 1  # "Manchester United's"
                and (word_key(words[-1]) in ORG_NAME_ENDS or word_key(e[0]) in ORG_ONLY_HEADS)
                for name in (norm_text(e.text), _less_possessive(e))
            }
        if self.on("label-vote"):
            self.ents = _relabelled(
                ents,
                companies,
                self.on("called-it"),
                self.on("called-it") and self.on("called-they"),
            )
        else:
            self.ents = ents
        if self.on("classified-name"):
            self.ents = _classified_all(self.ents)
        if self.on("company-possessions"):  # what it owns says more than a noun before it
            named = NAME_LABELS | RELABEL | PLACE_LABELS | {"NORP"}
            self.ents = _labelled_wherever(self.ents, _owning_companies(self.ents), named, "ORG")
        if self.on("known-organisation"):
            self.ents = _known_organisations(self.ents)
            missed = _missed_known(doc, self.ents)
            self.ents = sorted(self.ents + missed, key=lambda e: e.start)
        if self.on("product-name"):
            self.ents = _products(self.ents)
        if self.on("hometown"):
            self.ents = _hometowns(self.ents)
        if self.on("club-nickname"):
            self.ents = _nicknamed_clubs(doc, self.ents)
        # "The Association for Payment Clearing Services (Apacs)": "apacs" -> the full name
        self.short_names = _short_names(self.ents) if self.on("bracketed-short-name") else {}
        if self.short_names:
            self.ents = [
                TokenSpan(e.doc, e.start, e.end, label="ORG")
                if norm_text(e.text) in self.short_names
                else e
                for e in self.ents
            ]
        if self.on("nationality-epithet"):
            self.ents = [e for e in self.ents if not _epithet(e)]
        if self.on("seat-before-role"):
            self.ents = [e for e in self.ents if not _before_a_role(e)]
        self.ent_at = {e.start: e for e in self.ents}
        # Sentences counted as a reader counts them: credits, teasers and captions not at all.
        self.narrative_before = list(
            accumulate((0, *(not self._aside_sentence(sent) for sent in self.sents)))
        )
        breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(self.text)]
        self.paragraph_at = [bisect_left(breaks, sent.start_char) for sent in self.sents]
        self.quoted, self.pronouns = self._scan()
        self.headline_end, self.lead_end = self._zones()
        self.subheadings = self._subheadings() if self.on("subheadings") else []

    def _scan(self) -> tuple[list[bool], list[int]]:
        """Which tokens sit inside double quotation marks (mentions there are not
        antecedents), and the narrative he/she pronouns outside them.

        Not quotemarks' quotations, though the pipeline has them: those run a quote on
        across paragraphs and read a straight mark by its neighbours, so a stray mark can
        quote a narrative paragraph; here a quote ends with its paragraph. Read from them,
        2,103 tokens of PolNeAR dev change sides and 2 of its 439 gold speakers are lost."""
        inside = [False] * len(self.doc)
        pronouns: list[int] = []
        opened = False
        for tok in self.doc:
            if "\n" in tok.text:
                opened = False  # an unclosed quote ends with its paragraph
                continue
            if tok.text in DOUBLE_MARKS:  # single marks are left out: ’ is mostly an apostrophe
                if tok.text in OPEN_ONLY:
                    opened = True
                elif tok.text in CLOSE_ONLY or tok.text == "''":
                    opened = False
                else:
                    opened = not opened
                continue
            inside[tok.i] = opened
            if not opened and tok.lower_ in THIRD_SINGULAR and tok.pos_ == "PRON":
                pronouns.append(tok.i)
        return inside, pronouns

    def _zones(self) -> tuple[int, int]:
        """Token indices ending the headline (a short opening paragraph, when more follows)
        and the lead (the headline plus the first sentence of the body)."""
        headline = 0
        found = PARAGRAPH_BREAK.search(self.text)
        para = found.start() if found else -1
        span = self.doc.char_span(0, para, alignment_mode="expand") if para > 0 else None
        if span is not None and _is_headline(span) and span.end < len(self.doc) - 1:
            headline = span.end
            while headline < len(self.doc) and self.doc[headline].is_space:
                headline += 1
        lead = headline
        if headline < len(self.doc):
            lead = self.doc[headline].sent.end
        return headline, lead

    def _subheadings(self) -> list[tuple[int, int]]:
        """Token ranges of the body's subheadings: short paragraphs between two others,
        with no sentence end and no quotation marks ("Overstating Surrey's debt", not a
        pull quote's "Cuts hurt. Ann Peller"), where, as in a headline, capitals mislead
        the NER."""
        found = []
        breaks = list(PARAGRAPH_BREAK.finditer(self.text))
        for before, after in pairwise(breaks):
            start, end = before.end(), after.start()
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or span.start < self.headline_end:
                continue
            words = [t for t in span if not t.is_space]
            if (
                0 < len(words) <= _SUBHEADING_TOKENS
                and any(t.is_alpha for t in words)
                and words[-1].text[-1] not in _SENTENCE_END
                and not any(t.text in DOUBLE_MARKS or t.text in ".!?" for t in words)
            ):
                found.append((span.start, span.end))
        return found

    @cached_property
    def unnamed_words(self) -> set[str]:
        """Words the article prints outside a person's name ("Latino" of "Latino voters")."""
        return {t.text for t in self.doc if t.ent_type_ != "PERSON"}

    @cached_property
    def person_words(self) -> set[str]:
        """The words, lower case, of the names the article gives people."""
        return {t.lower_ for e in self.ents if e.label_ == "PERSON" for t in e}

    def ent_of(self, i: int) -> TokenSpan | None:
        """The article's entity (after the corrections above) that holds token i."""
        return next((e for e in self.ents if e.start <= i < e.end), None)

    def in_heading(self, i: int) -> bool:
        """Is token i in the headline or a subheading?"""
        return i < self.headline_end or any(s <= i < e for s, e in self.subheadings)

    def _aside_sentence(self, sent: TokenSpan) -> bool:
        first = next((t for t in sent if not t.is_space), sent[0])
        return self.in_aside(first)

    def narrative_distance(self, earlier: int, later: int) -> int:
        """How many narrative sentences lie from sentence `earlier` to `later`."""
        return self.narrative_before[later] - self.narrative_before[earlier]

    def paragraph_of_sent(self, sent: int) -> int:
        return self.paragraph_at[sent]

    def in_aside(self, tok: Token) -> bool:
        """Is the token in a photo credit, byline, teaser line or the site's furniture?"""
        return any(s <= tok.idx < e for s, e in self.asides)

    def on(self, rule: str) -> bool:
        """Whether this rule (see rules.RULES) is switched on."""
        return self.settings.on(rule)

    def horizon(self, tok: Token) -> tuple[int, int]:
        """(token, character) before which what is known counts for `tok`: everything for a
        headline, else what comes before it."""
        if tok.i < self.headline_end:
            return len(self.doc), len(self.text)
        return tok.i, tok.idx


def _is_headline(span: TokenSpan) -> bool:
    """A short opening paragraph in Title Case, or in headline-ese (no past tense, no
    quotation marks), rather than a lead sentence."""
    if len(span) > HEADLINE_TOKENS:
        return False
    words = [t for t in span if t.is_alpha and len(t) > 3]
    capitals = sum(t.text[0].isupper() for t in words)
    if words and capitals >= 0.6 * len(words):
        return True
    return not any(t.tag_ == "VBD" or t.text in DOUBLE_MARKS for t in span)


def _lines_of(ent: TokenSpan) -> list[TokenSpan]:
    """The entity cut at its line breaks: a name never runs across one (a pull quote's
    "… Justin Trudeau" and the paragraph after it, "Trudeau urged …", are two mentions)."""
    pieces, start = [], ent.start
    for tok in [*ent, None]:
        if tok is None or "\n" in tok.text:
            end = ent.end if tok is None else tok.i
            if end > start:
                pieces.append(TokenSpan(ent.doc, start, end, label=ent.label_))
            start = end + 1
    return pieces


def _whole_name(ent: TokenSpan) -> TokenSpan:
    """An organisation's name ends in a word of its own, never in "of the" or "and": where
    the NER stopped there ("the Office of the" | "Deputy Prime Minister"), the name runs on
    through the capitalised words after it on its line, else it ends before them. A name is
    whole words: "F-Secure" and "SNC-Lavalin", not the NER's "Secure" or "SNC", and keeps
    its particle ("al-Rashid"), and a capitalised word and "and" after "the" or opening the
    sentence before it ("the Entertainment and" | "Leisure … Association", "Maidstone and" |
    "Tunbridge Wells NHS Trust"), the words after the "and" of a name "of" something or set
    beside a singular noun ("The Society of Motor Manufacturers" | "and Traders"), and a
    title word opening a company's name ("Premier Foods"). It ends before a bracket it opens
    ("(IFS)", "(IFS"), and starts after a sentence end the tokenizer kept in a word ("£2m."
    of "for £2m. Brann said")."""
    doc, start, end, label = ent.doc, ent.start, ent.end, ent.label_
    stop = next(  # "m." after "2", not "v." of "Roe v. Wade"
        (
            t.i
            for t in doc[start : end - 1]
            if len(t) > 1 and t.text.endswith(".") and t.is_lower and doc[t.i - 1].like_num
        ),
        None,
    )
    if stop is not None:
        start = stop + 1
    while start >= 2 and doc[start - 1].tag_ == "HYPH" and not doc[start - 1].whitespace_:
        before = doc[start - 2]
        if before.whitespace_ or not (before.text[:1].isupper() or before.lower_ in PARTICLES):
            break  # "then-"
        start -= 2  # "F" "-" "Secure", "al" "-" "Rashid"
    while (  # "SNC" "-" "Lavalin", the NER's "SNC" (but "Clinton-Sanders" is two people)
        ent.label_ == "ORG"
        and end + 1 < len(doc)
        and doc[end].tag_ == "HYPH"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
        and not doc[end + 1].ent_type_
    ):
        end += 2
    bracket = next((t.i for t in doc[start + 1 : end] if t.text == "("), None)
    if bracket is not None and not any(t.text == ")" for t in doc[bracket : end - 1]):
        end = bracket  # "the Institute for Fiscal Studies (IFS": its acronym is no part of it
    if ent.label_ == "ORG" and doc[end - 1].lower_ in _NAME_GLUE:
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            if doc[end].ent_type_ or "\n" in doc[end].text:
                break
            end += 1
        while end > start + 1 and doc[end - 1].lower_ in _NAME_GLUE:
            end -= 1
    if ent.label_ == "ORG" and start >= 2 and doc[start - 1].lower_ == "and":
        start = _before_and(doc, start, end)
    if ent.label_ == "ORG" and any(t.lower_ == "of" for t in doc[start:end]):
        end = _after_and(doc, end)
    elif ent.label_ == "ORG" and _one_of_a_kind(ent):
        end = _after_and(doc, end, names_too=True)
    while (  # "Premier" | "Foods", "General" | "Motors": a title word opening a company's name
        ent.label_ not in PLACE_LABELS
        and word_key(doc[end - 1]) in ORG_NAME_ENDS
        and start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ == "compound"
        and word_key(doc[start - 1]) in TITLE_WORDS
        and not doc[start - 1].ent_type_
    ):
        start, label = start - 1, "ORG"
    if (start, end) == (ent.start, ent.end):
        return ent
    return TokenSpan(doc, start, end, label=label)


def _before_and(doc: Doc, start: int, end: int) -> int:
    """Where an organisation's name the NER began after its "and" starts: at the capitalised
    words before that "and", up to three, after "the" or opening the sentence ("The
    Entertainment and" | "Leisure Software Publishers Association", "The British Beer and" |
    "Pub Association", "the England and Wales Cricket Board"), or a public body's named after
    two places, one the NER took for a person's name of one word that is no first name
    ("Avon and" | "Somerset Police"); not two names a possessive ends ("the British Library
    and Columbia University's"), nor two bodies ("the FBI and" | "Justice Department")."""
    if any(t.tag_ == "POS" for t in doc[start : end + 1]):
        return start
    public = word_key(doc[end - 1]) in PUBLIC

    def place(t: Token) -> bool:
        if t.ent_type_ in ("", "NORP", *PLACE_LABELS):
            return True
        alone = t.ent_iob_ == "B" and (t.i + 1 == len(doc) or doc[t.i + 1].ent_iob_ != "I")
        one = alone and norm_text(t.text) not in prior()
        return public and t.ent_type_ == "PERSON" and one

    first = start - 1
    while (
        first - 1 >= 0
        and start - 1 - first < 3
        and doc[first - 1].text[:1].isupper()
        and doc[first - 1].lower_ != "the"
        and doc[first - 1].pos_ in ("PROPN", "NOUN", "ADJ")
        and place(doc[first - 1])
    ):
        first -= 1
        if opens_sentence(doc[first]) or (first > 0 and doc[first - 1].lower_ == "the"):
            return first
    return start


def _one_of_a_kind(ent: TokenSpan) -> bool:
    """Is the name set beside one singular common noun ("The magazine's publisher, Northern
    and Shell,", "Procter and Gamble, the consumer goods company,"), one organisation
    however many "and"s it holds?"""
    return any(t.tag_ == "NN" and t.is_lower for t in _apposed_to(ent.root))


def _apposed_to(root: Token) -> list[Token]:
    """The words in apposition with this one, either way round ("Her publisher, Headline,",
    "Endemol, the show's producer,")."""
    beside = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    return beside


def _listed_names(doc: Doc) -> list[TokenSpan]:
    """Names of bodies whose brief is a list of capitalised words, which the NER breaks at
    the commas: "Department for Culture, Media and Sport", "the Culture, Media and Sport
    Committee" (a department's "for" or "of" before the list, or a body's word after it)."""
    out = []
    i = 0
    while i < len(doc):
        end = _list_end(doc, i)
        if end == i:
            i += 1
            continue
        before, after = doc[i - 2 : i] if i > 1 else None, doc[end] if end < len(doc) else None
        if (
            before is not None
            and before[1].lower_ in ("for", "of")
            and word_key(before[0]) in ORG_ONLY_HEADS
            and before[0].text[:1].isupper()
        ):
            out.append(TokenSpan(doc, i - 2, end, label="ORG"))
        elif (
            after is not None
            and word_key(after) in ORG_ONLY_HEADS
            and after.text[:1].isupper()
            and i > 0
            and doc[i - 1].lower_ == "the"  # not "On Monday, Goodlatte and Benghazi Committee …"
        ):
            out.append(TokenSpan(doc, i, end + 1, label="ORG"))
        i = end
    return out


def _list_end(doc: Doc, i: int) -> int:
    """Where a list of capitalised words that starts at `i` ends ("Culture, Media and Sport":
    one word, then ", word" any times and "and word" once), or `i` if none starts there."""

    def word(k: int) -> bool:  # a brief's word, no person's, place's or day's name
        return (
            k < len(doc)
            and doc[k].is_alpha
            and doc[k].text[:1].isupper()
            and doc[k].ent_type_ not in ("PERSON", "DATE", "TIME", *PLACE_LABELS)
        )

    if not word(i) or (i > 0 and doc[i - 1].text == ","):
        return i
    k = i + 1
    commas = 0
    while k + 1 < len(doc) and doc[k].text == "," and word(k + 1):
        k, commas = k + 2, commas + 1
    if commas and k + 1 < len(doc) and doc[k].lower_ == "and" and word(k + 1):
        return k + 2
    return i


def _after_and(doc: Doc, end: int, names_too: bool = False) -> int:
    """Where an organisation's name "of" something, or set beside a singular noun, ends that
    the NER cut at its "and": after the capitalised words that follow it, no name of their
    own (but for one set beside a singular noun, `names_too`), up to a lower-case word or a
    stop ("The Society of Motor Manufacturers" | "and Traders said", "The magazine's
    publisher, Northern" | "and Shell,")."""
    if end + 1 >= len(doc) or doc[end].lower_ != "and":
        return end
    last = end + 1
    while (
        last < len(doc)
        and last - end <= 3
        and doc[last].text[:1].isupper()
        and doc[last].pos_ in ("PROPN", "NOUN")
        and (names_too or not doc[last].ent_type_)
    ):
        last += 1
    closed = last == len(doc) or not doc[last].text[:1].isupper()
    return last if last > end + 1 and closed else end


def _without_covered(ents: list[TokenSpan]) -> list[TokenSpan]:
    """The names, less any a whole name now covers ("England" of "England and Wales Cricket
    Board", whose start the NER put after "and")."""
    out: list[TokenSpan] = []
    for ent in sorted(ents, key=lambda e: (e.start, -len(e))):
        if out and ent.end <= out[-1].end:
            continue
        out.append(ent)
    return out


def _with_uk(ents: list[TokenSpan]) -> list[TokenSpan]:
    """An organisation's name runs on through a "UK" right after it, as British bodies and
    branches name themselves ("Cancer Research UK", "Carers UK"); the place it covers goes."""
    out: list[TokenSpan] = []
    for ent in ents:
        last = out[-1] if out else None
        if (
            last is not None
            and last.label_ == "ORG"
            and ent.start == last.end
            and ent.text == "UK"
            and last[-1].whitespace_ == " "
        ):
            out[-1] = TokenSpan(ent.doc, last.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _with_place_before(ents: list[TokenSpan]) -> list[TokenSpan]:
    """A council's name starts at its place, which the NER may leave out or take
    apart ("East Devon" | "District Council", "Hampshire" GPE | "County Council"): the
    capitalised proper nouns right before it on its line, of no entity or of one place
    that ends there, join the organisation."""
    out: list[TokenSpan] = []
    for ent in ents:
        doc, start = ent.doc, ent.start
        if (  # a council's, not "U.S." | "District Court"
            ent.label_ == "ORG"
            and len(ent) > 1
            and word_key(ent[0]) in COUNCIL_WORDS
            and word_key(ent[-1]) == "council"
        ):
            if out and out[-1].end == start and out[-1].label_ in PLACE_LABELS:
                start = out.pop().start  # "Hampshire" | "County Council"
            else:
                while (
                    start > 0
                    and doc[start - 1].pos_ == "PROPN"
                    and doc[start - 1].text[:1].isupper()
                    and not doc[start - 1].ent_type_
                    and doc[start - 1].whitespace_ == " "
                    and doc[start - 1].head.i in range(ent.start, ent.end)
                ):
                    start -= 1  # "East Devon"
        out.append(ent if start == ent.start else TokenSpan(doc, start, ent.end, label="ORG"))
    return out


def _with_particles(ents: list[TokenSpan]) -> list[TokenSpan]:
    """A person's name runs on through the lower-case particles of a surname to the
    capitalised word after them on its line, whatever the NER made of those ("Erik" "ten"
    "Hag", "Ursula von der" "Leyen"); the entities it then covers go."""
    out: list[TokenSpan] = []
    for ent in ents:
        if out and ent.start < out[-1].end:
            continue  # the surname the NER read apart ("Leyen" GPE)
        doc, end = ent.doc, ent.end
        while end < len(doc) and doc[end].text in SURNAME_PARTICLES:
            end += 1
        if (
            ent.label_ == "PERSON"
            and doc[end - 1].text in SURNAME_PARTICLES
            and end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and "\n" not in doc[ent.end - 1 : end].text
        ):
            ent = TokenSpan(doc, ent.start, end + 1, label="PERSON")
        out.append(ent)
    return out


_GENERIC_BODIES = ORG_NOUNS - CHAMBERS  # "Party", not "Senate": a chamber is one body's name


def _with_post_nominals(ents: list[TokenSpan], seats: bool = True) -> list[TokenSpan]:
    """A person's name runs on over the letters after it for a seat or an honour ("Tom
    McCabe MSP"), which the NER may take for an organisation of their own ("MSP"); the
    name itself drops them (`names`). With `seats`, not after an article: "the Twickenham
    MP" is an MP described by their seat (`_before_a_role`)."""
    out: list[TokenSpan] = []
    for e in ents:
        if out and out[-1].label_ == "PERSON" and e.start < out[-1].end:
            continue  # the letters, now the person's
        end = e.end
        described = seats and e.start > 0 and e.doc[e.start - 1].lower_ in ARTICLES
        while (
            e.label_ == "PERSON"
            and not described
            and end < len(e.doc)
            and e.doc[end].is_upper
            and word_key(e.doc[end]) in POST_NOMINALS
        ):
            end += 1
        out.append(e if end == e.end else TokenSpan(e.doc, e.start, end, label="PERSON"))
    return out


def _shop_name(ent: TokenSpan) -> TokenSpan:
    """An organisation's name written as a possessive that owns nothing ("Barnardo's said",
    "at Sainsbury's.", "Sainsbury's, which", though the NER took it for a person's): a shop
    or a charity named after its founder, "'s" and all."""
    if (
        (ent.label_ == "ORG" or which_clause(ent))
        and ent.end < len(ent.doc)
        and owns_nothing(ent.doc[ent.end])
    ):
        return TokenSpan(ent.doc, ent.start, ent.end + 1, label="ORG")
    return ent


def _missed_speakers(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """Names the NER missed: a first name of the name prior and a capitalised surname, the
    subject of "say" or "tell" ("Gareth Peirce, who represents several detainees, said") or
    right after a person's noun ("Sprinter Dwain Chambers has been banned"); a person's
    name wherever the article prints it so."""
    named = {i for e in ents for i in range(e.start, e.end)}

    def name(t: Token) -> bool:  # "Dwain" "Chambers", t the surname
        return first_and_surname(t) and t.i not in named and t.i - 1 not in named

    def described(t: Token) -> bool:  # "Sprinter" of "Sprinter Dwain Chambers"
        noun = doc[t.i - 2] if t.i > 1 else None
        return noun is not None and (
            (noun.pos_ == "NOUN" and lemma_of(noun) in PERSON_NOUNS)
            or opening_word(noun, PERSON_NOUNS)
        )

    def speaks(t: Token) -> bool:  # not "X asked Sanders … he said": the asked
        return t.dep_ == "nsubj" and t.head.lemma_ in ("say", "tell")

    def inside(first: Token) -> bool:  # "the Real Donald Trump", "Navy SEAL Ty Woods"
        before = doc[first.i - 1] if first.i > 0 else None
        return (
            before is not None
            and before.tag_ == "NNP"
            and before.text[:1].isupper()
            and "\n" not in before.whitespace_
            and word_key(before) not in TITLE_WORDS | HONORIFICS
            and lemma_of(before) not in PERSON_NOUNS | ROLE_NOUNS
        )

    texts = {doc[t.i - 1 : t.i + 1].text for t in doc if name(t) and (speaks(t) or described(t))}
    # "Dwain Chambers has hit back … Chambers told BBC Sport": the surname alone speaks; such
    # a name is never part of a longer one
    speakers = {t.text for t in doc if speaks(t) and t.pos_ == "PROPN" and t.text[:1].isupper()}
    alone = {
        doc[t.i - 1 : t.i + 1].text
        for t in doc
        if name(t) and t.text in speakers and not inside(doc[t.i - 1])
    } - texts
    if not (texts or alone):
        return []
    pairs = ((t, doc[t.i : t.i + 2].text) for t in doc[:-1] if not {t.i, t.i + 1} & named)
    return [
        TokenSpan(doc, t.i, t.i + 2, label="PERSON")
        for t, pair in pairs
        if pair in texts or (pair in alone and not inside(t))
    ]


def _names_cut_at_first_names(ents: list[TokenSpan]) -> list[TokenSpan]:
    """A person's name the NER cut at its first name and took the rest of for an
    organisation's or a thing's: a first name of the name prior it left out before a one-word
    name ("Ilya" | "Shapiro", "Rosette" | "Pambakian"), or a first name it took alone before
    a surname it left out ("Ernie" | "Els"); never a place, a nationality or a group
    ("Latino" | "Republicans"), a title ("CIA" | "Director") or a party."""
    named = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for e in ents:
        if len(e) != 1 or e.label_ in PLACE_LABELS or e.label_ == "PERSON":
            continue
        word = e[0]
        if word.i > 0 and word.i - 1 not in named and _surname_word(word):
            found.append(TokenSpan(e.doc, word.i - 1, e.end, label="PERSON"))
        elif word.i + 1 < len(e.doc) and word.i + 1 not in named and "\n" not in word.whitespace_:
            after = e.doc[word.i + 1]
            if after.tag_ == "NNP" and not after.ent_type_ and _surname_word(after):
                found.append(TokenSpan(e.doc, word.i, after.i + 1, label="PERSON"))
    return _replaced(ents, found)


def _surname_word(tok: Token) -> bool:
    """A capitalised proper noun after a first name of the prior, that is no title, role,
    relation, party or nationality, after a first name that is no nationality nor initials
    ("Latino" | "Republicans", "American" | "Son", "CIA" | "Director")."""
    first = tok.doc[tok.i - 1]
    return (
        first_and_surname(tok)
        and not first.text.isupper()
        and norm_text(first.text) not in NATIONALITIES
        and norm_text(tok.text) not in PARTIES
        and norm_text(tok.text) not in NATIONALITIES
        and word_key(tok) not in TITLE_WORDS
        and lemma_of(tok) not in ROLE_NOUNS | RELATION_NOUNS
    )


def _camel_case_names(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """Names the NER missed written in camel case, of companies that speak ("Rival easyJet
    said"): organisations' wherever printed; a website no one quotes ("wikiHow is a wiki")
    is no speaker's."""
    named = {i for e in ents for i in range(e.start, e.end)}
    speaking = {
        t.text
        for t in doc
        if camel_case(t) and t.dep_ == "nsubj" and cue_kind(t.head.lemma_) == "speech"
    }
    return [
        TokenSpan(doc, t.i, t.i + 1, label="ORG")
        for t in doc
        if t.i not in named and t.text in speaking and t.pos_ in ("PROPN", "NOUN")
    ]


# Nouns that describe a person, or set one against another ("Rival Creative"); of them,
# HOLDER_NOUNS are the lexicon's own, without the learned list's names and adjectives
# ("alistair")
_DESCRIBING_NOUNS = INDIVIDUAL_NOUNS | HOLDER_NOUNS | RELATION_NOUNS


def _without_initial_nouns(ents: list[TokenSpan]) -> list[TokenSpan]:
    """The entities but a word that opens a sentence, which the tagger reads as a common
    noun or an adjective, or that is an organisation's noun but a chamber's ("Party leader
    X", not "Senate Majority Leader X") or a person's ("Actress", after a headline the NER
    ran it into), and the article prints in no other name ("Exit polls suggested": no
    person "Exit"; "Disconsolate Republican operatives": no organisation; but "Sanders
    said", tagged a noun there, where "Bernie Sanders" is named)."""

    def opening(e: TokenSpan) -> bool:  # "Party leader X": the tagger may say NNP
        return (
            len(e) == 1
            and (e[0].is_sent_start or opening_word(e[0], HOLDER_NOUNS))
            and (
                e[0].pos_ in ("NOUN", "ADJ")
                or (e[0].lower_ in _GENERIC_BODIES and e.label_ == "ORG")
                # "Actress", after a headline; not one addressed ("Counselor, are you …")
                or (e[0].lower_ in HOLDER_NOUNS and e.doc[e.end : e.end + 1].text != ",")
            )
        )

    named = {t.text for e in ents if not opening(e) for t in e}
    return [e for e in ents if not opening(e) or e.text in named]


def _without_opening_word(ent: TokenSpan, people: set[str]) -> TokenSpan:
    """A name less a person's noun that opens its sentence before a first name ("Lifeguard
    Mark Stevens said" names Mark Stevens), or a relation's ("Rival Creative said"), or
    before a name the NER took for an organisation's that is no name or surname of the
    article's `people` ("Promoter Live Nation said"; "Conductor Marin Alsop said", a person
    as her noun says; but "Actress Amandla Stenberg" stays whole where "Stenberg" is a
    person, for the title that opens it). A nationality's noun before two words or more
    names a person anywhere ("behind Spaniard Iban Mayo"): no organisation's name opens so."""
    words = [t for t in ent if t.is_alpha or t.text.isalnum()]  # "Rival O2 said"
    first, second = (norm_text(t.text) for t in words[:2]) if len(words) > 1 else ("", "")
    if (
        ent.label_ in NAME_LABELS
        and len(words) > (1 if first in RELATION_NOUNS else 2)
        and opening_word(ent[0], _DESCRIBING_NOUNS)  # not "Bernie" of "Bernie Sanders'"
        and word_key(ent[0]) not in NOT_NAME  # a title word is the title's ("Founder X")
        # "Lifeguard Mark Stevens", "Conductor Marin Alsop"; not "Hunter S Thompson"
        and (
            second in prior()
            or first in RELATION_NOUNS
            or (ent.label_ == "PERSON" and first in HOLDER_NOUNS and first not in prior())
        )
    ):
        label = ent.label_ if first in RELATION_NOUNS else "PERSON"
        return TokenSpan(ent.doc, ent.start + 1, ent.end, label=label)
    if ent.label_ in NAME_LABELS and len(words) > 2 and first in NATIONALITY_NOUNS:
        return TokenSpan(ent.doc, ent.start + 1, ent.end, label="PERSON")  # "Spaniard Iban Mayo"
    if (
        ent.label_ == "ORG"
        and len(words) > 1
        and _described_organisation(ent)
        and not {norm_text(ent[1:].text), norm_text(ent[-1].text)} & people
    ):
        # a person's noun before a name no organisation's word ends: the NER's mistake
        person = ent[0].lower_ in PERSON_NOUNS and word_key(ent[-1]) not in ORG_NAME_ENDS
        return TokenSpan(ent.doc, ent.start + 1, ent.end, label="PERSON" if person else "ORG")
    return ent


def _described_organisation(ent: TokenSpan) -> bool:
    """Does a person's noun open the sentence before an organisation's name ("Promoter Live
    Nation said", "Promoters Regular Music said")? Not a name's own first word: a plural
    opens many ("Doctors Without Borders"), so it is cut only before a name a trade's
    word ends ("Music")."""
    opener, rest = ent[0], ent[1:]
    singular = opener.lower_.removesuffix("s")
    return (
        opens_sentence(opener)
        and opener.text[1:].islower()
        and word_key(opener) not in NOT_NAME
        and word_key(opener) not in PARTIES  # "Republican National Committee"
        and rest[0].text[:1].isupper()
        and rest[0].lower_ not in _NAME_GLUE
        and (
            opener.lower_ in HOLDER_NOUNS
            or (singular in HOLDER_NOUNS and word_key(rest[-1]) in ORG_NAME_ENDS)
        )
    )


def _without_opening_nouns(ents: list[TokenSpan]) -> list[TokenSpan]:
    """The names less an organisation's noun that opens their sentence (`opening_noun`:
    "Retailer Game said" names the shop Game), an organisation's; not "Police Scotland",
    whose rest is a place, nor a known organisation's name, nor one the article prints
    whole where no sentence opens ("Network Rail said" after "members at Network Rail").
    So too a trade and its noun in lower case the NER ran into the name opening a sentence
    ("Record company EMI has dropped …" names EMI), or took for a name of its own
    ("Insurance company" of "Insurance company Norwich Union", no name). A noun that opens
    names too ("Union Pacific") is cut only before a word the article prints without it
    ("Union Amicus said" … "Amicus national officer")."""
    whole = {norm_text(e.text) for e in ents if e.label_ in PLACE_LABELS}
    opened = [opening_noun(e[0]) or _opener_apart(e) for e in ents]
    printed = KNOWN_ORGS | {norm_text(e.text) for e, o in zip(ents, opened, strict=True) if not o}
    out = []
    for ent, opener in zip(ents, opened, strict=True):
        if (
            len(ent) > 1
            and opener
            and norm_text(ent[1:].text) not in whole
            and norm_text(ent.text) not in printed
        ):
            ent = TokenSpan(ent.doc, ent.start + 1, ent.end, label="ORG")
        elif ent.label_ == "ORG" and opens_sentence(ent[0]) and (k := _lower_body_noun(ent)):
            ent = TokenSpan(ent.doc, ent.start + k + 1, ent.end, label="ORG")
        elif (
            ent.label_ == "ORG"
            and len(ent) > 1
            and opens_sentence(ent[0])
            and ent[-1].is_lower
            and ent[-1].pos_ == "NOUN"
        ):
            continue
        out.append(ent)
    return out


def _opener_apart(ent: TokenSpan) -> bool:
    """Is the name a noun that opens names and its sentence ("Union"), and one word the
    article prints elsewhere without it ("Union Amicus said" … "Amicus national officer")?"""
    doc, opener = ent.doc, ent[0]
    return (
        len(ent) == 2
        and opener.lower_ in NAME_OPENERS
        and opens_sentence(opener)
        and any(
            t.text == ent[1].text and doc[t.i - 1].lower_ != opener.lower_
            for t in doc
            if t.i > 0 and t.i != ent[1].i
        )
    )


def _lower_body_noun(ent: TokenSpan) -> int:
    """Where in the name an organisation's noun in lower case stands, after a capitalised
    trade and before a capitalised name ("Record company EMI": 1); 0 if none."""
    for k, t in enumerate(ent[1:-1], start=1):
        if (
            t.is_lower
            and t.pos_ == "NOUN"
            and lemma_of(t) in BODY_NOUNS
            and all(w.text[:1].isupper() for w in ent[k + 1 :])
        ):
            return k
    return 0


def _short_names(ents: list[TokenSpan]) -> dict[str, str]:
    """Short names in brackets right after an organisation's name: one capitalised word
    whose letters the name holds in order, from its first ("The Association for Payment
    Clearing Services (Apacs)", "… Publishers Association (Elspa)"), by the name's."""
    out = {}
    for e in ents:
        doc = e.doc
        if e.label_ != "ORG" or e.end + 2 >= len(doc) or doc[e.end].text != "(":
            continue
        short, close = doc[e.end + 1], doc[e.end + 2]
        name = norm_text(strip_det(e.text))
        if (
            close.text == ")"
            and short.is_alpha
            and short.text[:1].isupper()
            and _abbreviates(short.lower_, name)
        ):
            out[short.lower_] = name
    return out


# Lower-case words inside an organisation's name ("Transport for London")
_NAME_INNER = frozenset(("of", "for", "and", "&", "the", "on", "in"))


def _bracketed_full_names(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """The entities, with an organisation's name whole where its short name in brackets
    follows it and the NER missed or cut it ("Transport for London (TfL)", "The Convention
    of Scottish Local Authorities (Cosla)"): the longest run of capitalised words, and the
    small words between them, before the brackets that the short name abbreviates from its
    first word, no person's name. What the NER found inside it is part of it."""
    people = {(e.start, e.end) for e in ents if e.label_ == "PERSON"}
    found = []
    for i in range(1, len(doc) - 2):
        short = doc[i + 1]
        if doc[i].text != "(" or doc[i + 2].text != ")" or not short.is_alpha:
            continue
        if not (short.text[:1].isupper() and 1 < len(short) <= 8):
            continue
        start, best = i - 1, None
        while start >= 0 and (
            (doc[start].text[:1].isupper() and doc[start].pos_ in ("PROPN", "NOUN", "ADJ"))
            # "of", "for", "and"; a possessive's "'" ("Supporters' Trust")
            or ((doc[start].lower_ in _NAME_INNER or doc[start].tag_ == "POS") and start < i - 1)
        ):
            name = doc[start:i]
            if (
                name[0].text[:1].isupper()
                and name[0].lower_ != "the"
                and _abbreviates(short.lower_, norm_text(name.text))
            ):
                best = name
            start -= 1
        if best is not None and len(best) > 1 and (best.start, best.end) not in people:
            found.append(TokenSpan(doc, best.start, best.end, label="ORG"))
    return _replaced(ents, found)


def _peerages(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """A peer's name and the territorial part of the peerage ("Lord Hurd of Westwell",
    "Baroness Kennedy of The Shaws"): the name after the rank is a person's, where the NER
    missed it too ("Lord Sainsbury of Turville"); what follows "of" is part of the title,
    no organisation's, person's or place's name of its own."""
    names: list[TokenSpan] = []
    places: list[tuple[int, int]] = []
    for t in doc:
        if not (t.text[:1].isupper() and t.lower_ in PEERAGES):
            continue
        end = t.i + 1
        while end < len(doc) and _peer_name_word(doc, end):
            end += 1
        if end == t.i + 1 or end + 1 >= len(doc) or doc[end].lower_ != "of":
            continue  # "Lord Chancellor", "Lord Justice Rix", "Lady Thatcher"
        place = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        stop = place
        while stop < len(doc) and doc[stop].is_alpha and doc[stop].text[:1].isupper():
            stop += 1
            if "\n" in doc[stop - 1].whitespace_:
                break
        if stop > place:
            names.append(TokenSpan(doc, t.i + 1, end, label="PERSON"))
            places.append((end, stop))
    if not names:
        return ents
    kept = []
    for e in ents:
        cut = next(((a, b) for a, b in places if e.start < b and a < e.end), None)
        if cut is None:
            kept.append(e)
        elif e.start < cut[0]:  # "Lord Hurd of Westwell" whole: the name alone
            kept.append(TokenSpan(doc, e.start, cut[0], label="PERSON"))
    missed = [n for n in names if not any(e.start < n.end and n.start < e.end for e in kept)]
    return sorted(kept + missed, key=lambda e: e.start)


def _peer_name_word(doc: Doc, i: int) -> bool:
    """A word of the name after a peer's rank: capitalised and no title ("Hurd", the
    "Lloyd", "-" and "Webber" of "Lloyd-Webber"), not "Chancellor" of "Lord Chancellor"."""
    t = doc[i]
    if t.text == "-":
        return 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not t.whitespace_
    return t.is_alpha and t.text[:1].isupper() and word_key(t) not in TITLE_WORDS


def _replaced(ents: list[TokenSpan], found: list[TokenSpan]) -> list[TokenSpan]:
    """The entities, those `found` in place of any they overlap, in text order."""
    if not found:
        return ents
    kept = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    return sorted(kept + found, key=lambda e: e.start)


def _abbreviates(short: str, name: str) -> bool:
    """Does `short` take its letters in order from `name`, its first from the first word,
    and from two words or more ("apacs", "elspa", "nrw"; not "labour")?"""
    words = name.split()
    if len(words) < 2 or not short or short[0] != words[0][0] or len(short) > 8:
        return False
    used, w, pos = {0}, 0, 1
    for letter in short[1:]:
        while w < len(words):
            found = words[w].find(letter, pos)
            if found >= 0:
                pos = found + 1
                used.add(w)
                break
            w, pos = w + 1, 0
        else:
            return False
    return len(used) > 1


def _epithet(ent: TokenSpan) -> bool:
    """Is this "the Frenchman" or "the 32-year-old Welshman", a person just named, and no
    name whatever the NER says? Not a title mid-sentence ("told The Scotsman")."""
    words = ent[1:] if ent[0].lower_ == "the" else ent
    one = len(words) == 1 and words[0].lower_ in NATIONALITY_NOUNS
    if not (one or (len(words) == 2 and norm_text(words.text) in NATIONALITIES)):
        return False  # "the New Zealander", which the NER may take for a product
    before = words.start - 1
    doc = ent.doc
    age = [t.lower_ for t in doc[max(before - 3, 0) : before + 1]] == ["-", "year", "-", "old"]
    if age and before >= 5 and doc[before - 4].like_num:
        before -= 5  # "the 51-year-old Scot"
    while before > 0 and doc[before].pos_ == "ADJ" and doc[before].is_lower:
        before -= 1  # "the outspoken Scot"
    if before < 0:
        return False
    the = doc[before]
    return the.text == "the" or (the.text == "The" and opens_sentence(the))


def _before_a_role(ent: TokenSpan) -> bool:
    """Is this a seat or a team between an article and the person's noun it qualifies
    ("the Twickenham MP said", "the Sale full-back said"), no one's name whatever the NER
    says? A person's name takes no article."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON" or ent.start == 0 or doc[ent.start - 1].lower_ not in ARTICLES:
        return False
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_:
        end += 2  # a hyphenated noun: "full-back"
    if end >= len(doc):
        return False
    noun = doc[end]
    last = end + 1 == len(doc) or doc[end + 1].pos_ not in ("NOUN", "PROPN")
    person = (hyphened_noun(noun) or lemma_of(noun)) in PERSON_NOUNS
    return last and person and noun.tag_ in ("NN", "NNP")


def _by_first_word(names: frozenset[str]) -> dict[str, list[str]]:
    """Names of several words by their first word, the longest first ("save" -> ["save the
    children"])."""
    out: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        if " " in name:
            out.setdefault(name.split()[0], []).append(name)
    return out


_KNOWN_BY_FIRST = _by_first_word(KNOWN_ORGS)


def _known_organisations(ents: list[TokenSpan]) -> list[TokenSpan]:
    """A broadcaster, outlet, platform or body the lexicon knows (KNOWN_ORGS: "Twitter",
    "RT") is an organisation whatever label the NER gave it, but a place's ("the Amazon"
    may be the river), and unless it is the surname of someone the article names in full
    ("Michael Fox" … "Fox said")."""
    surnames = {norm_text(e[-1].text) for e in ents if len(e) > 1 and e.label_ == "PERSON"}
    labels = (RELABEL | {"PERSON"}) - PLACE_LABELS - {"ORG"}
    out = []
    for e in ents:
        name = norm_text(e.text.removeprefix("the ").removeprefix("The "))
        if e.label_ in labels and name in KNOWN_ORGS - surnames:
            e = TokenSpan(e.doc, e.start, e.end, label="ORG")
        out.append(e)
    return out


def _missed_known(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """Known names of several words the NER missed, as printed with capitals: "Save the
    Children said", which the parser reads as a verb and its object, and "Barnardo's"."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    found: list[TokenSpan] = []
    for i, tok in enumerate(doc):
        if (
            tok.text[:1].isupper()
            and i not in taken
            and i + 1 < len(doc)
            and doc[i + 1].tag_ == "POS"
            and norm_text(doc[i : i + 2].text) in KNOWN_ORGS  # "barnardos"
        ):
            found.append(_shop_name(TokenSpan(doc, i, i + 1, label="ORG")))
            continue
        names = _KNOWN_BY_FIRST.get(tok.lower_) if tok.text[:1].isupper() else None
        for name in names or ():  # the longest first
            words = doc[i : i + len(name.split())]
            if (
                norm_text(words.text) == name
                and (words[-1].text[:1].isupper() or words[-1].like_num)  # "Channel 4"
                and not any(t.i in taken or "\n" in t.text for t in words)
            ):
                found.append(TokenSpan(doc, words.start, words.end, label="ORG"))
                taken.update(range(words.start, words.end))
                break
    return found


def _classified_all(ents: list[TokenSpan]) -> list[TokenSpan]:
    """The entities with the label their classifier says (`_classified`), and the same
    name elsewhere in the article with it too ("firm Zentrix" … "Zentrix urged"), as the
    first word of an organisation's name of more ("Redline Records" … "Redline denied")."""
    classified = [_classified(e) for e in ents]
    says = {
        norm_text(c.text[-len(e.text) :]): c.label_
        for e, c in zip(ents, classified, strict=True)
        if c is not e
    }
    firsts = {
        norm_text(c[0].text)
        for e, c in zip(ents, classified, strict=True)
        if c is not e and c.label_ == "ORG" and len(c) > 1
    }
    out = []
    for e, c in zip(ents, classified, strict=True):
        label = says.get(norm_text(e.text))
        if label is None and e.label_ != "NORP" and norm_text(e.text) in firsts:
            label = "ORG"  # but "Chinese" of "Chinese Air Force" stays a nationality
        if c is e and label is not None and label != e.label_ and not _full_name(e):
            c = TokenSpan(e.doc, e.start, e.end, label=label)
        out.append(c)
    return out


# Nouns of people that name no organisation: an organisation's name beside "publisher",
# "carrier" or "owner" ("The newspaper's publisher, Trinity Mirror,", "Airport owner BAA")
# stays one
_PERSONS = PERSON_NOUNS | INDIVIDUAL_NOUNS
_PERSONS_ONLY = _PERSONS - ORG_NOUNS - COMPANY_ROLES


def _classified(ent: TokenSpan) -> TokenSpan:
    """A name with a common noun that says what it names just before it: a person after a
    role ("rap star 50 Cent", a number opening the name), an organisation after an
    organisation noun ("anti-virus firm Sophos", "security lab F-Secure"), whatever label
    the NER gave it; a person after an honorific ("Lord Turner"); a person named in full
    stays a person, but none has a clause on "which" after it ("BAA, which runs the
    airports,")."""
    if ent.label_ == "PERSON" and which_clause(ent):
        return TokenSpan(ent.doc, ent.start, ent.end, label="ORG")
    if ent.start == 0:
        return ent
    honorific = ent.doc[ent.start - 1]
    if _honorific_first_name(ent):  # "Dr Sara" "Rezaei-Lane", the NER's organisation
        return TokenSpan(ent.doc, ent.start - 1, ent.end, label="PERSON")
    if (
        ent.label_ != "PERSON"
        and word_key(honorific) in HONORIFICS
        and honorific.text[:1].isupper()  # not "to miss Commonwealth talks"
        and ent[0].text[:1].isupper()
    ):
        return TokenSpan(ent.doc, ent.start, ent.end, label="PERSON")  # "Lord" "Turner"
    if (  # "her former record label, Redline Records": no first name, a label's name;
        # "Games publisher Electronic Arts": a trade's publisher is a company
        ent.label_ == "PERSON"
        and ent[0].lower_ not in prior()
        and (_beside(ent, BODY_NOUNS, shortest=1) or _trade_noun_before(ent))
    ):
        return TokenSpan(ent.doc, ent.start, ent.end, label="ORG")
    if ent.label_ in PLACE_LABELS and _place_beside_body(ent):
        return TokenSpan(ent.doc, ent.start, ent.end, label="ORG")
    if ent.label_ == "PERSON" and len(ent) > 1 and not _after_org_noun(ent):
        return ent  # "Jo Ng" named in full is a person wherever she works
    if ent.label_ != "PERSON" and _beside(ent, _PERSONS_ONLY if ent.label_ == "ORG" else _PERSONS):
        return TokenSpan(ent.doc, ent.start, ent.end, label="PERSON")
    start = ent.start
    if ent.doc[start - 1].like_num and ent.doc[start - 1].head.i in range(ent.start, ent.end):
        start -= 1  # "50" of "50 Cent"
    noun = ent.doc[start - 1] if start > 0 else None
    # a capitalised title before a first name and a surname: "Taoiseach Bertie Ahern"
    titled = (
        noun is not None
        and noun.pos_ == "PROPN"
        and word_key(noun) in TITLE_WORDS
        and len(ent) > 1
        and given_name(ent[0].text)
    )
    if (
        noun is None
        or not (noun.pos_ == "NOUN" or _role_initials(noun) or titled)
        or not (noun.head.i in range(ent.start, ent.end) or ent.root.head.i == noun.i)
        or not all(t.text[:1].isupper() or t.like_num or t.is_punct for t in ent)
    ):
        return ent
    if (
        lemma_of(noun) in (_PERSONS_ONLY if ent.label_ == "ORG" else PERSON_NOUNS)
        and not plural_role(noun)
        and ent.label_ != "PERSON"
    ):
        return TokenSpan(ent.doc, start, ent.end, label="PERSON")
    if lemma_of(noun) in ORG_NOUNS and ent.label_ != "ORG" and start == ent.start:
        return TokenSpan(ent.doc, ent.start, ent.end, label="ORG")
    return ent


def _honorific_first_name(ent: TokenSpan) -> bool:
    """Is one word no person's to the NER right after a first name of the prior, itself
    after an honorific ("Dr Sara Rezaei-Lane")? Only a person is named so."""
    doc, i = ent.doc, ent.start
    return (
        ent.label_ != "PERSON"
        and not any(t.whitespace_ for t in ent[:-1])  # one word, hyphens and all
        and i > 1
        and doc[i - 1].text[:1].isupper()
        and not doc[i - 1].ent_type_
        and norm_text(doc[i - 1].text) in prior()
        and word_key(doc[i - 2]) in HONORIFICS
    )


def _role_initials(noun: Token) -> bool:
    """Is this a role's initials, which the tagger reads as a name ("MP", "MEP")?"""
    return noun.is_upper and noun.is_alpha and lemma_of(noun) in PERSON_NOUNS


def _after_org_noun(ent: TokenSpan) -> bool:
    """Does an organisation's noun that is no role run into the name ("Fashion chain Karen
    Millen")? Not the end of a person's hyphened noun ("Film-maker Lynne Ramsay")."""
    noun = ent.doc[ent.start - 1]
    return (
        noun.pos_ == "NOUN"
        and noun.head.i in range(ent.start, ent.end)
        and lemma_of(noun) in ROLELESS_BODY_NOUNS  # not "England centre Tom Reid"
        and hyphened_noun(noun) not in PERSON_NOUNS
    )


# Verbs' tags but the present participle's, which may describe in an apposition; a past
# participle may be a finite verb the parser misread ("Doral, the candidate boasted")
_FINITE = ("VB", "VBD", "VBN", "VBZ", "VBP", "MD")


def _beside(ent: TokenSpan, nouns: set[str] | frozenset[str], shortest: int = 2) -> bool:
    """A name of `shortest` capitalised words or more set off by a comma beside a singular
    noun of `nouns`, its apposition: a person's role ("the EU's chief observer, Marietje
    Schaake", "Marietje Schaake, the chief observer"), an organisation's noun ("her record
    label, Redline Records", "The drivers' union, Aslef,"); not a place ("…, New York")."""
    # a place only with a first name and a role after it: "Gethin Lewis, secretary of NUT
    # Cymru," the NER's place, is a person
    place = ent.label_ in PLACE_LABELS
    if (
        len(ent) < shortest
        or (place and norm_text(ent[0].text) not in prior())
        or not all(t.text[:1].isupper() for t in ent if not t.is_punct)  # "Hart-Kingsley"
    ):
        return False
    doc, root = ent.doc, ent.root
    after_role = root.dep_ == "appos" and root.head.i == ent.start - 2 and not place
    before = root.head if after_role else None
    after = [  # "Jo Ng, the chief observer, said": closed, unlike "X, the candidate said"
        c
        for c in root.children
        if c.dep_ == "appos"
        and c.left_edge.i == ent.end + 1
        and c.right_edge.i + 1 < len(doc)
        and doc[c.right_edge.i + 1].text in (",", ".", ";", ")")
        # a participle may describe ("Euratex, the body representing the industry,"), and a
        # relative clause ("Endemol, the company which makes the show,")
        and not any(
            (t.tag_ in _FINITE or t.pos_ == "AUX") and not _in_which_clause(t, c) for t in c.subtree
        )
    ]
    beside = ([before] if before is not None and doc[ent.start - 1].text == "," else []) + (
        after if ent.end < len(doc) and doc[ent.end].text == "," else []
    )
    return any(t.pos_ == "NOUN" and t.tag_ == "NN" and lemma_of(t) in nouns for t in beside)


def _in_which_clause(tok: Token, top: Token) -> bool:
    """Is this word inside a relative clause on "which" or "that" below `top` ("which makes
    the show"), a thing's; not on "who" ("a policy maker who is advising"), a person's?"""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return tok.left_edge.lower_ in ("which", "that")
        tok = tok.head
    return False


def _place_beside_body(ent: TokenSpan) -> bool:
    """A place's name set off by a comma right after a singular organisation's noun ("for
    Brown's record label, Polydor,", which the parser may hang on the noun before): the
    organisation's, as no place is a label, a club or a union."""
    doc = ent.doc
    noun = doc[ent.start - 2] if ent.start > 1 and doc[ent.start - 1].text == "," else None
    return (
        noun is not None
        and ent.root.dep_ == "appos"
        and ent.end < len(doc)
        and doc[ent.end].text in (",", ".")
        and noun.pos_ == "NOUN"
        and noun.tag_ == "NN"
        and lemma_of(noun) in BODY_NOUNS
    )


def _full_name(ent: TokenSpan) -> bool:
    """A person named in full: a PERSON of two or more capitalised words, or any entity
    whose first word is a known first name ("Amanda Nunes" the NER took for an ORG), or a
    first name of the prior with a middle initial ("Russell T Davies")."""
    # "O'Neill", "Lloyd-Webber" whole; the hyphen of "Anne - Marie", split off, is no word
    words = [t for t in ent if t.is_alpha or (("'" in t.text or "-" in t.text) and not t.is_punct)]
    if len(words) < 2 or not all(t.text[:1].isupper() for t in words):
        return False
    if ent.label_ == "PERSON":
        return True
    first = norm_text(words[0].text)
    # "Russell T Davies": a first name of the prior, a middle initial and a surname
    initial = len(words) == 3 and len(words[1].text) == 1 and first in prior()
    return (first in FEMALE_NAMES | MALE_NAMES or initial) and lemma_of(words[-1]) not in ORG_NOUNS


def _called_a_person(ent: TokenSpan) -> bool:
    """A first name of the prior and a capitalised word, the subject of a clause that goes
    on to call it "he" or "she" ("Edith Barnes said she had never …"), the NER's
    organisation; an organisation is "it"."""
    return (
        len(ent) == 2
        and all(t.is_alpha and t.text[:1].isupper() for t in ent)
        and norm_text(ent[0].text) in prior()
        and pronoun_calling(ent.root) in THIRD_SINGULAR
    )


def _first_and_surname(ent: TokenSpan, people: set[str]) -> bool:
    """Two words, a first name (the name prior's) and a surname among `people`, in an
    entity the NER labelled other than PERSON or a place ("Vigo County" is no person)."""
    if len(ent) != 2 or ent.label_ not in RELABEL - PLACE_LABELS:
        return False
    first, last = ent
    return (
        all(t.tag_ == "NNP" and t.is_alpha and t.text[:1].isupper() for t in ent)
        and norm_text(last.text) in people
        and lemma_of(last) not in ORG_NOUNS
        and norm_text(first.text) in prior()
    )


def _company_names(ents: list[TokenSpan], places: set[str]) -> set[str]:
    """Organisations' names less a trailing place or legal form ("Kinder Morgan" of "Kinder
    Morgan Canada" or "Kinder Morgan Inc."), when that leaves two words or more: such a name
    is the company's however much it reads like a person's, first name and all."""
    out = set()
    for e in ents:
        for k in range(2, len(e)) if e.label_ == "ORG" else ():
            rest = e[k:]
            if norm_text(rest.text) in places or all(word_key(t) in LEGAL_FORMS for t in rest):
                out.add(norm_text(e[:k].text))
    return out


def _owning_companies(ents: list[TokenSpan]) -> set[str]:
    """Names that own what only a company owns ("Expedia's shares rose", "shares in
    Morrison", "Tesco shares") or an office only a body has ("Populus's managing director",
    "the chairman of Emap", "Orange chief executive Sanjiv Ahuja"): a company's, however the
    NER labelled them elsewhere. With "'s", a name that opens with no first name of the
    prior; otherwise any name. A name the NER took for a place or a nationality wherever
    the article prints it owns so only as one word with "'s" ("Sri Lanka's board", "UK
    shares" say nothing of a company)."""
    unplaced = {norm_text(e.text) for e in ents if e.label_ not in PLACE_LABELS | {"NORP"}}
    out = set()
    for e in ents:
        root, first = e.root, norm_text(e[0].text)
        if root.dep_ == "poss":  # "Sarah's board": a first name owns no more than a person
            # not "Sri Lanka's board", nor "Trump's Indiana chairman" run into one name
            alone = len(e) == 1 or (
                norm_text(e.text) in unplaced and not any(t.tag_ == "POS" for t in e[:-1])
            )
            owned = root.head if alone and first not in prior() else None
        elif norm_text(e.text) not in unplaced:
            continue
        elif root.dep_ == "pobj" and root.head.lower_ in ("of", "in", "at"):
            owned = root.head.head  # "the chairman of Emap", "shares in Morrison"
        elif root.dep_ == "compound" and e.end < len(e.doc) and root.head.i >= e.end:
            owned = _office_after(e.doc[e.end])  # "Orange chief executive", "Tesco shares"
            if owned is not None and not _company_office(owned) and first in prior():
                owned = None  # "Rooney shares his joy", a verb the tagger may take for a noun
        else:
            continue
        if owned is not None and root.dep_ != "poss" and owned.lower_ in CAMPAIGN_HAS:
            continue  # "Trump headquarters" are his campaign's
        if owned is not None and owned.pos_ in ("NOUN", "PROPN") and _company_owned(owned):
            out.add(norm_text(e.text))
    return out


def _company_owned(noun: Token) -> bool:
    """Is this noun what only a company owns, or an office only a body has?"""
    return noun.lower_ in COMPANY_POSSESSIONS or _company_office(noun)


def _office_after(word: Token) -> Token | None:
    """The office's noun that `word`, lower case, opens ("chief" of "chief executive"), or
    `word` itself."""
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    if not word.is_lower:
        return None
    if after is not None and after.is_lower and _company_office(after):
        return after
    return word


def _company_office(noun: Token) -> bool:
    """Is this noun, with the word before it, an office only a body has ("managing
    director", "chairman")?"""
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    two = f"{before.lower_} {noun.lower_}" if before is not None else ""
    return lemma_of(noun) in COMPANY_OFFICERS or two in COMPANY_OFFICERS


def _companies_by_role(ents: list[TokenSpan]) -> set[str]:
    """One-word names, no first name nor the surname of anyone named in full, in apposition
    with a trade's noun a company holds ("Her publisher, Headline,", "Endemol, the show's
    producer,"), or after one with its trade ("Airport owner BAA"): a person is introduced
    by a full name, a company by its one."""
    surnames = {norm_text(e[-1].text) for e in ents if e.label_ == "PERSON" and len(e) > 1}
    out = set()
    for e in ents:
        word, root = norm_text(e.text), e.root
        if len(e) != 1 or word in prior() or word in surnames:
            continue
        beside = _apposed_to(root)
        if e.start > 1 and (trade := e.doc[e.start - 1]).is_lower and _trade_before(trade):
            beside.append(trade)
        if any(t.pos_ == "NOUN" and lemma_of(t) in COMPANY_ROLES for t in beside):
            out.add(word)
    return out


def _missed_after_trade_nouns(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """Names the NER missed right after an organisation's noun that is no role ("Internet
    company Ask Jeeves has agreed"), or after one that may be either, before no first name
    ("Video games publisher Eidos"): the run of capitalised proper nouns there, but a
    title word, or a word in camel case ("Mobile phone operator mmO2"), as an
    organisation's name."""
    named = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for noun in doc:
        if (
            noun.pos_ != "NOUN"
            or not noun.is_lower
            or noun.i + 1 >= len(doc)
            or lemma_of(noun) not in ORG_NOUNS
            or (
                lemma_of(noun) not in ROLELESS_BODY_NOUNS
                and (not _trade_noun(noun) or norm_text(doc[noun.i + 1].text) in prior())
            )
        ):
            continue
        end = noun.i + 1
        while (
            end < len(doc)
            and (
                (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper())
                or camel_case(doc[end])  # "Mobile phone operator mmO2"
            )
            and end not in named
            and word_key(doc[end]) not in NOT_NAME
        ):
            end += 1
        if end > noun.i + 1:
            out.append(TokenSpan(doc, noun.i + 1, end, label="ORG"))
    return out


def _firms_after_plurals(doc: Doc, ents: list[TokenSpan]) -> tuple[list[TokenSpan], set[str]]:
    """One name right after a plural noun of a role or a trade is a firm's: a singular name
    cannot be those people ("Administrators PricewaterhouseCoopers said", "analysts
    Gartner", "Pollsters Mori", "Estate agents Knight Frank"), though the NER took it for a
    person's, ran the noun into it or missed it. Not a list ("Analysts Jane Smith and Tom
    Lee"), nor a name the noun does not qualify ("told reporters Smith had gone"); a word
    that ends names makes the plural the name's first ("Shareholders United"). Gives the
    entities, each such name an organisation's, and the names, to be one wherever
    printed."""
    starts = {e.start: e for e in ents}
    named = {i for e in ents for i in range(e.start, e.end)}
    found: dict[int, TokenSpan] = {}
    for noun in doc:
        after = noun.i + 1
        if (
            after >= len(doc)
            or _in_a_name(noun)
            or not doc[after].text[:1].isupper()
            or not plural_role(noun)
            or lemma_of(noun) not in ROLE_NOUNS | ORG_NOUNS
        ):
            continue
        if (ent := starts.get(after)) is None and (ent := starts.get(noun.i)) is not None:
            # "Pollsters Mori", one PERSON; but "Publishers Weekly" is an organisation's name
            ent = ent[1:] if len(ent) > 1 and ent.label_ != "ORG" else None
        if ent is None and after not in named:
            end = after
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            ent = TokenSpan(doc, after, end) if end > after else None
        if (
            ent is not None
            and ent.label_ not in PLACE_LABELS | {"NORP", "DATE", "TIME"}
            and (noun.head.i in range(ent.start, ent.end) or ent.root.head == noun)
            and not _listed_on(ent)
        ):
            # "Shareholders United", "Supporters Direct": a capitalised plural opens the name
            whole = len(ent) == 1 and word_key(ent[0]) in ORG_NAME_ENDS | _SET_NAME_ENDS
            start = noun.i if whole and noun.text[:1].isupper() else ent.start
            if not whole or start == noun.i:
                found[start] = TokenSpan(doc, start, ent.end, label="ORG")
    return _replaced(ents, list(found.values())), {norm_text(f.text) for f in found.values()}


def _in_a_name(tok: Token) -> bool:
    """Is this capitalised word after a proper noun capitalised too, a word of a longer
    name ("Mid Yorkshire Hospitals NHS Trust")?"""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (
        before is not None
        and tok.text[:1].isupper()
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
    )


# Words that end a name a plural of people opens ("Supporters Direct", "Parents Together")
_SET_NAME_ENDS = frozenset(("direct", "together", "first"))


def _listed_on(ent: TokenSpan) -> bool:
    """Does another name follow this one in a list ("Jane Smith and Tom Lee", "Smith, Lee
    and Ng")?"""
    doc, end = ent.doc, ent.end
    return end + 1 < len(doc) and (
        doc[end].lower_ in ("and", "&", "or")
        or (doc[end].text == "," and doc[end + 1].pos_ == "PROPN")
    )


def _trade_noun_before(ent: TokenSpan) -> bool:
    """Is the word before the name an organisation's noun after a trade's ("Games
    publisher Electronic Arts")?"""
    noun = ent.doc[ent.start - 1] if ent.start > 0 else None
    return noun is not None and noun.pos_ == "NOUN" and _trade_noun(noun)


def _trade_before(noun: Token) -> bool:
    """Is there a word of trade before this noun ("Airport" of "Airport owner", "games" of
    "games publisher"), lower-case or opening the sentence, no name?"""
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    return before is not None and (
        (before.is_lower and before.pos_ in ("NOUN", "ADJ"))
        or (opens_sentence(before) and before.text[1:].islower() and not before.ent_type_)
    )


def _trade_noun(noun: Token) -> bool:
    """Is this an organisation's noun with a word of trade right before it ("games
    publisher", "budget carrier", "Games publisher" opening a sentence), a business, though
    the noun may name a person? Not a team's position ("rugby centre")."""
    return lemma_of(noun) in ORG_NOUNS and lemma_of(noun) not in PLAYERS and _trade_before(noun)


def _hometowns(ents: list[TokenSpan]) -> list[TokenSpan]:
    """A name after someone's age and "from" is where they live, wherever the article
    prints it ("Derek Walsh, 58, from Leeds", "Mark Evans, 34, of Swansea", "the
    17-year-old from Devon", "a 15-year-old schoolgirl from Glasgow"): a place, though the
    NER took it for a person or an organisation; so is one word the NER took for a person's
    after "a woman from", "a man from" ("A woman from Kent has won …")."""

    def after_age(e: TokenSpan) -> bool:
        doc, i = e.doc, e.start
        if i < 3 or doc[i - 1].lower_ not in ("from", "of"):
            return False
        if doc[i - 2].text == "," and doc[i - 3].like_num:  # ", 58, from"
            return True
        before = (t for t in doc[i - 1].head.subtree if t.i < i - 1)
        sex = e.label_ == "PERSON" and len(e) == 1 and lemma_of(doc[i - 1].head) in AGE_AND_SEX
        return doc[i - 1].lower_ == "from" and (aged(before) or sex)

    named = {"PERSON", "ORG"}
    places = {norm_text(e.text) for e in ents if e.label_ in named and after_age(e)}
    return _labelled_wherever(ents, places, named, "GPE")


_NOT_ORG = {"GPE", "LOC", "NORP", "PERSON"}
# "the Canaries", capitalised (not "sang the blues"): any club's nickname, one search an article
_NICKNAMED = re.compile(rf"\b[Tt]he ({'|'.join(re.escape(n.title()) for n in CLUB_NICKNAMES)})\b")


def _nicknamed_clubs(doc: Doc, ents: list[TokenSpan]) -> list[TokenSpan]:
    """The entities, the football clubs an article calls by a nickname among them
    ("Norwich City have signed … the Canaries said"): a club's name in full is an
    organisation's wherever printed, though the NER took it for a place's or missed it
    ("Arsenal beat Chelsea. The Gunners said"). Not a place's name alone ("Norwich")."""
    text = doc.text
    clubs = {
        club
        for nickname in {m.group(1).lower() for m in _NICKNAMED.finditer(text)}
        for club in CLUB_NICKNAMES[nickname]
    }
    if not clubs:
        return ents
    ents = _labelled_wherever(ents, clubs, _NOT_ORG, "ORG")
    named = {i for e in ents for i in range(e.start, e.end)}
    missed = []
    for club in clubs:  # as printed: "Norwich City", "Brighton and Hove Albion"
        words = r"\s+".join(w if w == "and" else re.escape(w.capitalize()) for w in club.split())
        for found in re.finditer(rf"\b{words}\b", text):
            span = doc.char_span(found.start(), found.end())
            if span is not None and not named & set(range(span.start, span.end)):
                missed.append(TokenSpan(doc, span.start, span.end, label="ORG"))
    return sorted(ents + missed, key=lambda e: e.start)


def _products(ents: list[TokenSpan]) -> list[TokenSpan]:
    """Names printed right after a made thing's noun are that thing's wherever the article
    prints them ("the arthritis painkiller Vioxx … Vioxx was"): a PRODUCT, no speaker; but
    one that speaks is its maker's ("Internet search engine Yahoo … said it would buy")."""
    speaking = {
        norm_text(e.text)
        for e in ents
        if e.root.dep_ == "nsubj" and cue_kind(e.root.head.lemma_) == "speech"
    }
    made = {
        norm_text(e.text)
        for e in ents
        if e.start > 0
        and e.label_ in NAME_LABELS
        and (noun := e.doc[e.start - 1]).pos_ == "NOUN"
        and noun.is_lower
        and noun.head.i in range(e.start, e.end)
        and lemma_of(noun) in PRODUCT_NOUNS
    }
    return _labelled_wherever(ents, made - speaking, NAME_LABELS, "PRODUCT")


def _labelled_wherever(
    ents: list[TokenSpan], names: set[str], labels: set[str], label: str
) -> list[TokenSpan]:
    """The entities, those with one of `labels` whose name is among `names` given `label`."""
    return [
        TokenSpan(e.doc, e.start, e.end, label=label)
        if e.label_ in labels and norm_text(e.text) in names
        else e
        for e in ents
    ]


def _after_trade_nouns(ents: list[TokenSpan]) -> set[str]:
    """Names printed right after an organisation's noun that is no role, which makes them
    an organisation's wherever the article prints them again ("Bookmakers William Hill
    have cut the odds … William Hill spokesman", "Airport operator BAA")."""
    return {
        norm_text(e.text)
        for e in ents
        if e.start > 0
        and e.label_ not in PLACE_LABELS
        and (opening_noun(e.doc[e.start - 1]) or _after_org_noun(e))
    }


def _relabelled(
    ents: list[TokenSpan], companies: set[str], it: bool = True, they: bool = False
) -> list[TokenSpan]:
    """The entities with labels that do not hinge on one guess of the small NER: a person
    named in full is a PERSON whatever label it got (a first name of the prior and a word
    whose clause calls it "he" or "she" too), and so is one word that is such a person's
    surname ("Lonechild" tagged ORG); any other name takes the label most of its
    occurrences have ("Facebook" once PERSON, three times ORG, is an ORG; "Daniel's" is an
    occurrence of "Daniel"). One word that opens an organisation's longer name is that
    organisation's short name, or its place's ("Edmonton" beside "Edmonton Oilers", "Surrey"
    beside "Surrey City Council"; not "Daniel" of "Daniel's"), unless it is the surname of
    someone the article names in full ("Trump" of "Trump Organization") or a nationality
    ("European" beside "European Council").
    No one word after "the" but a role ("the Queen") is a person's name ("the feeder
    Tour"), nor one of `companies` (`_company_names`, `_after_trade_nouns`), nor, with
    `it`, one word that is no first name which the article calls "it" ("Abta said ….
    Its spokesman"), or with `they` "they" ("Molde said they were sad"), wherever printed."""
    surnames = {
        norm_text(e[-1].text) for e in ents if _full_name(e) and norm_text(e.text) not in companies
    }
    # "Caleb Jones", an ORG to the small NER, beside "Martin Jones": a first name and the
    # surname of someone the article names make a person too
    people = surnames | {norm_text(e.text) for e in ents if e.label_ == "PERSON" and len(e) == 1}
    surnames |= {norm_text(e[-1].text) for e in ents if _first_and_surname(e, people)}
    shorts = {  # not "Daniel" of "Daniel's"
        norm_text(e[0].text)
        for e in ents
        if (e.label_ == "ORG" or norm_text(e.text) in companies) and " " in _less_possessive(e)
    }
    called = (
        {  # wherever the article prints it
            word
            for e in ents
            # or a nationality to the NER, no party's, with no "the" ("Rival Tiscali said it")
            if (
                e.label_ == "PERSON"
                or (e.label_ == "NORP" and not has_the(e.root) and norm_text(e.text) not in PARTIES)
            )
            and len(e) == 1
            and (word := norm_text(e.text)) not in surnames
            and word not in prior()
            and subject_called_it(e.root, they)
        }
        if it
        else set()
    )
    votes: dict[str, dict[str, int]] = {}
    for e in ents:
        by_label = votes.setdefault(_less_possessive(e), {})
        by_label[e.label_] = by_label.get(e.label_, 0) + 1
    out = []
    for e in ents:
        label = e.label_
        word = norm_text(e.text) if len(e) == 1 else None
        if norm_text(e.text) in companies:
            label = "ORG"
        elif label in RELABEL and (
            _full_name(e)
            or word in surnames
            or _first_and_surname(e, people)
            or _called_a_person(e)
        ):
            label = "PERSON"
        elif word in shorts and word not in surnames and label != "NORP":
            label = "ORG"  # but "European" of "European Council" stays a nationality
        elif (
            label == "PERSON"
            and word is not None
            and word not in surnames
            and word not in PERSON_NOUNS  # "the Queen", "the Pope"
            and has_the(e.root)
        ):
            label = "ORG"  # "the feeder Tour": a person's one-word name takes no "the"
        elif label in ("PERSON", "NORP") and word in called:
            label = "ORG"
        elif label in RELABEL | {"PERSON"} and word not in surnames:
            by_label = votes[_less_possessive(e)]
            top = max(by_label, key=lambda k: (by_label[k], k == label))
            label = top if top in RELABEL | {"PERSON"} else label
        out.append(e if label == e.label_ else TokenSpan(e.doc, e.start, e.end, label=label))
    return out


def _less_possessive(ent: TokenSpan) -> str:
    """A name as label votes count it: "Daniel's" is a vote for "Daniel"."""
    return norm_text(ent.text).removesuffix("'s")


def find_asides(text: str) -> list[tuple[int, int]]:
    """The character ranges of photo credits, bylines (see _CREDIT), teaser lines and the
    site's furniture (_CHROME)."""
    patterns = (_CREDIT, _TEASER, _CHROME)
    return [m.span() for pattern in patterns for m in pattern.finditer(text) if m.end() > m.start()]
