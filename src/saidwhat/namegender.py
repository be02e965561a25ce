"""The first-name prior: takes a person's name; gives "female", "male" or None.

Used only where the article itself says nothing of a person's gender (no pronoun, honorific
or gendered title): a name is a weak, often wrong, clue, so the prior abstains unless a
first name is given almost always to one gender in many records. The data is the name table
that the `nomquamgender` package (MIT) ships, `name_data.json`: per lower-case name, the
number of sources, the number of records, and p(female). It is read as a file, without
importing the package's code (which imports Unidecode, GPL, and pandas), and loaded once per
process (`prior`).

    name_gender("Theresa May") -> "female";  name_gender("Lee Smith") -> None (ambiguous)
    name_gender("Smith") -> None (a bare surname has no first name)
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.metadata import distribution

from saidwhat.article import Speaker
from saidwhat.lexicon import HONORIFICS

# Where speakers' genders may come from: the article alone, or the article then the prior.
GENDER_FROM = ("article", "name")
DEFAULT_GENDER_FROM = "name"

# A name counts as one gender's when p(female) is this close to 0 or 1 over this many
# records; "Jean" (0.48), "Kim" (0.67) and "Chris" (0.12) abstain.
DECISIVE = 0.1
MIN_RECORDS = 10


@cache
def prior() -> dict[str, str]:
    """One-word first names that pass DECISIVE and MIN_RECORDS -> their gender (about
    120,000 of the table's 720,000 names). Loaded once per process (a few seconds, and a
    few hundred MB while the 22 MB JSON is parsed); the pipeline loads it with the
    component, so that worker processes forked after share it and no request waits."""
    # Found through the installed distribution's files: `importlib.resources` would import
    # the package, whose code loads the table itself and imports Unidecode and pandas.
    path = distribution("nomquamgender").locate_file("nomquamgender/name_data.json")
    with open(path, "rb") as f:  # type: ignore[arg-type]  # a local path here
        table: dict[str, list] = json.load(f)
    return {
        name: "female" if p_female >= 0.5 else "male"
        for name, (_, records, p_female, *_) in table.items()
        if " " not in name
        and records >= MIN_RECORDS
        and (p_female <= DECISIVE or p_female >= 1 - DECISIVE)
    }


def _plain(word: str) -> str:
    """Lower case, accents dropped ("José" -> "jose"), as the table spells names."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_gender(name: str) -> str | None:
    """The gender the first name of `name` gives, or None: a name of one word (a bare
    surname), an initial, an ambiguous or rare first name. Honorifics in front are skipped
    (they are the article's evidence, weighed before this)."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS]
    if len(words) < 2:
        return None
    return prior().get(_plain(words[0]))


def fill_genders(speakers: list[Speaker]) -> None:
    """Give each person speaker the article left without a gender its name's, marked
    `gender_basis` "name"."""
    for speaker in speakers:
        if speaker.kind == "person" and speaker.gender is None:
            gender = name_gender(speaker.name)
            if gender is not None:
                speaker.gender, speaker.gender_basis = gender, "name"
