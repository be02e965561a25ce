"""What saidwhat knows about the words of news text, defined once: honorifics, titles,
role and organisation nouns, parties, first names, institutions, news agencies, name suffixes and
paragraph breaks, and what kind of attribution each cue makes (quotation marks are
`quotemarks`' own). Takes nothing; gives constants, the long lists read from the package's
`data/` files, `parties_in` (the parties a phrase names) and `cue_kind` (speech, writing,
thought or other, from a cue's words). Imports nothing of saidwhat: speakers, evaluate,
archive and scripts use it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal


def _lines(name: str) -> list[str]:
    """A data file's lines, comments (#) and blank lines left out."""
    text = (files("saidwhat") / "data" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _words(name: str) -> frozenset[str]:
    return frozenset(_lines(name))


# Honorifics that say whether a person is a man or a woman.
GENDERED_HONORIFICS = {
    "mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male",
    "dame": "female", "lord": "male", "lady": "female", "mister": "male",
    "baroness": "female", "baron": "male",
}  # fmt: skip
# Every honorific: never part of a name when names are compared ("Dr Jane Smith" is Jane Smith).
HONORIFICS = frozenset(GENDERED_HONORIFICS) | {"mx", "dr", "prof", "rev"}
# Honorifics that say no role, never a title ("Dr Jo Ng"); a professor or a priest has one.
ROLELESS_HONORIFICS = HONORIFICS - {"prof", "rev"}
# Titles and their abbreviations written before a name ("Sen.", "Shadow Health Secretary").
TITLE_WORDS = _words("title_words.txt")
# Titles that say whether a person is a man or a woman, as honorifics do.
TITLE_GENDER = {
    "congresswoman": "female", "councilwoman": "female", "assemblywoman": "female",
    "chairwoman": "female", "congressman": "male", "councilman": "male", "assemblyman": "male",
}  # fmt: skip
# Person nouns that say whether one is a man or a woman ("spokeswoman", "father").
NOUN_GENDER = dict(line.split("\t") for line in _lines("noun_gender.tsv"))
# "Jr", "III": the end of a name, not its surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Letters after a name for a seat or an honour ("Sam Kurtz MS", "Jo Ng QC"): no part of it.
POST_NOMINALS = frozenset({"mp", "msp", "ms", "am", "mla", "mpp", "mep", "td", "qc", "kc",
                           "obe", "mbe", "cbe", "kbe", "dbe", "frs"})  # fmt: skip
# Singular nouns naming one person by role ("spokesman"), and heads naming an organisation.
PERSON_NOUNS = _words("person_nouns.txt")
ORG_NOUNS = _words("org_nouns.txt")
LEXICON_NOUNS = PERSON_NOUNS | ORG_NOUNS  # the nouns of people and organisations
# Places that speak for an institution ("Downing Street said").
INSTITUTIONS = _words("institutions.txt")
# News agencies and photo services that sign captions and bylines ("The Canadian Press").
AGENCIES = _lines("agencies.txt")
# Public bodies known by short names ("Ofcom", "Nato"): never a company or a broadcaster.
PUBLIC_BODIES = _words("public_bodies.txt")
# Football clubs' plural nicknames ("the Gunners") -> the names of the clubs so called, in
# lower case ("arsenal"; "manchester united", "man utd").
CLUB_NICKNAMES = {
    nickname: tuple(clubs.split(";"))
    for nickname, clubs in (line.split("\t") for line in _lines("club_nicknames.tsv"))
}
# Broadcasters, outlets, platforms and bodies that are organisations whatever the NER says
# ("Twitter said", "RT reported"), news agencies too; lower case, punctuation dropped.
KNOWN_ORGS = (
    _words("known_orgs.txt")
    | PUBLIC_BODIES
    | CLUB_NICKNAMES.keys()
    | {re.sub(r"[^\w\s-]", "", a.lower()) for a in AGENCIES if len(a) > 2}
)
# Common first names: a hint for pronouns only, never a reported gender.
FEMALE_NAMES = _words("female_names.txt")
MALE_NAMES = _words("male_names.txt")
# A party's spellings (lower case, punctuation dropped) -> the party's name.
PARTIES = dict(line.split("\t") for line in _lines("parties.tsv"))
# What a title may be: a role, never a relation ("his friend"), a description ("the man")
# or a party word ("a Republican" says which party, not what one does).
RELATION_NOUNS = _words("relation_nouns.txt")
NON_ROLE_NOUNS = _words("non_role_nouns.txt")
ROLE_NOUNS = (PERSON_NOUNS | TITLE_WORDS | _words("role_nouns.txt")) - (
    RELATION_NOUNS | NON_ROLE_NOUNS | PARTIES.keys()
)
# Words before a role that say it is not held ("the next president") or judge its holder
# ("a powerful surrogate"): the one is no title, the other no part of it.
UNHELD_WORDS = _words("unheld_words.txt")
JUDGING_WORDS = _words("judging_words.txt")
# Common nouns that name things, never people ("messages", "the policy"), and nouns beyond
# PERSON_NOUNS that name one person ("pensioner", "cashier"): learned from typed mentions
# (scripts/build_noun_lists.py).
INANIMATE_NOUNS = _words("inanimate_nouns.txt")
# Nouns for a made thing whose name follows them ("the painkiller Vioxx").
PRODUCT_NOUNS = _words("product_nouns.txt")
INDIVIDUAL_NOUNS = _words("individual_nouns.txt")
# Words of nationality that may stand before a name ("Kenyan Martin Lel"): no part of it.
NATIONALITIES = _words("nationalities.txt")
# A party tag after a name: "Rep. Jason Chaffetz (R-Utah)", "Sen. Tim Kaine, D-Va."
PARTY_TAG = re.compile(r"\(?\b([RDI])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)?")
PARTY_OF_TAG = {"R": "Republican", "D": "Democratic", "I": "Independent"}
# A blank line between paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LONGEST_PARTY = max(len(p.split()) for p in PARTIES)
# What kind of attribution a cue makes: lemma or phrase (its words a tuple) -> kind.
CueKind = Literal["speech", "writing", "thought", "other"]
CUE_KINDS: tuple[CueKind, ...] = ("speech", "writing", "thought", "other")
_CUE_LEXICON: dict[tuple[str, ...], CueKind] = {
    tuple(words.split()): kind  # type: ignore[misc]
    for words, kind in (line.split("\t") for line in _lines("cue_kinds.tsv"))
}
_CUE_PHRASES = sorted((p for p in _CUE_LEXICON if len(p) > 1), key=len, reverse=True)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def parties_in(words: list[str]) -> set[str]:
    """The parties these lower-case words name, longest spelling first: "liberal democrat"
    is the Liberal Democrats, not the Democratic party."""
    found: set[str] = set()
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_PARTY, len(words) - i), 0, -1):
            party = PARTIES.get(" ".join(words[i : i + size]))
            if party is not None:
                found.add(party)
                i += size
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=65536)  # a few cues ("said", "told") make most quotes: each is looked up once
def cue_kind(cue: str | None) -> CueKind:
    """What kind of attribution the cue's words make (`data/cue_kinds.tsv`): a listed phrase
    ("in a statement"), else the first listed word in any inflection ("declined to comment"
    is other, "has also said" speech); no listed word is other. No cue, or a bare colon, is
    speech: a quotation that stands alone or a transcript's "NAME:"."""
    words = [w.lower() for w in _WORD.findall(cue or "")]
    if not words:
        return "speech"
    for phrase in _CUE_PHRASES:
        for i in range(len(words) - len(phrase) + 1):  # zip stops at the phrase's end
            if all(p in _lemmas(w) for p, w in zip(phrase, words[i:], strict=False)):
                return _CUE_LEXICON[phrase]
    for word in words:
        for lemma in _lemmas(word):
            if (lemma,) in _CUE_LEXICON:
                return _CUE_LEXICON[(lemma,)]
    return "other"


@cache
def _lemmas(word: str) -> tuple[str, ...]:
    """The word and the lemmas its regular inflection may come from: "says" -> say,
    "argued" -> argue, "stopped" -> stop, "denied" -> deny, "saying" -> say."""
    found = [word]
    for ending in ("s", "es", "ed", "d", "ing"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            found.append(stem)
            if ending in {"ed", "ing"}:
                found.append(stem + "e")
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    found.append(stem[:-1])  # "stopped", "stopping"
    if word.endswith(("ies", "ied")) and len(word) > 4:
        found.append(word[:-3] + "y")
    return tuple(found)
