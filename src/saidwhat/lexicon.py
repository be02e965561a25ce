"""What saidwhat knows about the words of news text, defined once: honorifics, titles,
role and organisation nouns, parties, first names, institutions, news agencies, name suffixes and
paragraph breaks (quotation marks are `quotemarks`' own). Takes nothing; gives constants,
the long lists read from the package's `data/` files, and `parties_in` (the parties a
phrase names). Imports nothing of saidwhat: speakers, evaluate, archive and scripts use it.
"""

from __future__ import annotations

import re
from importlib.resources import files


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
# Singular nouns naming one person by role ("spokesman"), and heads naming an organisation.
PERSON_NOUNS = _words("person_nouns.txt")
ORG_NOUNS = _words("org_nouns.txt")
# Places that speak for an institution ("Downing Street said").
INSTITUTIONS = _words("institutions.txt")
# News agencies and photo services that sign captions and bylines ("The Canadian Press").
AGENCIES = _lines("agencies.txt")
# Common first names: a hint for pronouns only, never a reported gender.
FEMALE_NAMES = _words("female_names.txt")
MALE_NAMES = _words("male_names.txt")
# A party's spellings (lower case, punctuation dropped) -> the party's name.
PARTIES = dict(line.split("\t") for line in _lines("parties.tsv"))
# A party tag after a name: "Rep. Jason Chaffetz (R-Utah)", "Sen. Tim Kaine, D-Va."
PARTY_TAG = re.compile(r"\(?\b([RDI])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)?")
PARTY_OF_TAG = {"R": "Republican", "D": "Democratic", "I": "Independent"}
# A blank line between paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LONGEST_PARTY = max(len(p.split()) for p in PARTIES)


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
