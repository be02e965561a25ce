"""The first-name prior: takes a person's name; gives "female", "male" or None.

Used only where the article itself says nothing of a person's gender (no pronoun, honorific
or gendered title): a name is a weak, often wrong, clue, so the prior abstains unless a
first name is given almost always to one gender in many records. The data is the name table
that the `nomquamgender` package (MIT) ships, `name_data.json`: per lower-case name, the
number of sources, the number of records, and p(female). It is read as a file, without
importing the package's code (which imports Unidecode, GPL, and pandas), loaded once per
process (`prior`), and the names it keeps cached in the user's cache folder.

    name_gender("Theresa May") -> "female";  name_gender("Lee Smith") -> None (ambiguous)
    name_gender("Smith") -> None (a bare surname has no first name)
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

from saidwhat.article import Speaker
from saidwhat.lexicon import FEMALE_NAMES, HONORIFICS, MALE_NAMES

# Where speakers' genders may come from: the article alone, or the article then the prior.
GENDER_FROM = ("article", "name")
DEFAULT_GENDER_FROM = "name"

# A name counts as one gender's when p(female) is this close to 0 or 1 over this many
# records; "Jean" (0.48), "Kim" (0.67) and "Chris" (0.12) abstain.
DECISIVE = 0.1
MIN_RECORDS = 10
# A word is someone's first name, of either gender, in this many records from this many
# sources ("Ashley", "Jordan", "Dana"); "Variety" (4 records) and "Point" (2) are not.
GIVEN_RECORDS = 100
GIVEN_SOURCES = 5


@cache
def prior() -> dict[str, str]:
    """One-word first names that pass DECISIVE and MIN_RECORDS -> their gender (about
    120,000 of the table's 720,000 names). Loaded once per process; the pipeline loads it
    with the component, so that worker processes forked after share it and no request
    waits. Parsing the 22 MB table takes seconds and a few hundred MB, so the names kept
    are cached (2 MB, a tenth of a second to read) in the user's cache folder."""
    return load_prior(_table(), _cache_dir())


@cache
def given_names() -> frozenset[str]:
    """One-word first names of either gender (the prior's and about 37,000 more in many
    records: "ashley", "jordan"), to tell a name no one is given ("Variety", "Lucasfilm")."""
    listed = FEMALE_NAMES | MALE_NAMES
    return frozenset(load_given_names(_table(), _cache_dir())) | prior().keys() | listed


def given_name(word: str) -> bool:
    """Is this word someone's first name, of either gender ("Ashley"; not "Variety")?"""
    return _plain(word) in given_names()


def _table() -> Path:
    # Found through the installed distribution's files: `importlib.resources` would import
    # the package, whose code loads the table itself and imports Unidecode and pandas.
    return Path(str(distribution("nomquamgender").locate_file("nomquamgender/name_data.json")))


def load_prior(path: Path, cache_dir: Path | None) -> dict[str, str]:
    """The prior from the table at `path`, through a cache file in `cache_dir` named for
    the table's size and time and the thresholds (None: no cache). A cache that cannot be
    written is no error: the prior is built from the table each time."""
    return _cached(
        path,
        cache_dir,
        f"name-prior-{DECISIVE}-{MIN_RECORDS}",
        lambda table: {
            name: "female" if p_female >= 0.5 else "male"
            for name, (_, records, p_female, *_) in table.items()
            if " " not in name
            and records >= MIN_RECORDS
            and (p_female <= DECISIVE or p_female >= 1 - DECISIVE)
        },
    )


def load_given_names(path: Path, cache_dir: Path | None) -> list[str]:
    """The names of the table at `path` given to either gender in GIVEN_RECORDS records
    from GIVEN_SOURCES sources, cached as `load_prior` caches the prior."""
    return _cached(
        path,
        cache_dir,
        f"given-names-{GIVEN_RECORDS}-{GIVEN_SOURCES}",
        lambda table: sorted(
            name
            for name, (sources, records, *_) in table.items()
            if " " not in name and records >= GIVEN_RECORDS and sources >= GIVEN_SOURCES
        ),
    )


def _cached(path: Path, cache_dir: Path | None, label: str, build: Callable[[dict], Any]) -> Any:
    """`build` of the table at `path`, through a cache file in `cache_dir` named for `label`
    and the table's size and time (None: no cache)."""
    stat = path.stat()
    key = f"{stat.st_size}-{stat.st_mtime_ns}"
    cached = cache_dir / f"{label}-{key}.json" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a cache cut short: built again below
    with open(path, "rb") as f:
        names = build(json.load(f))
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(names), encoding="utf-8")
            partial.replace(cached)  # whole or not at all, also with parallel workers
        except OSError:
            pass
    return names


def _cache_dir() -> Path | None:
    """$SAIDWHAT_CACHE, else $XDG_CACHE_HOME/saidwhat, else ~/.cache/saidwhat."""
    if folder := os.environ.get("SAIDWHAT_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(base) if base else Path.home() / ".cache") / "saidwhat"
    except RuntimeError:  # no home folder to be found
        return None


def _plain(word: str) -> str:
    """Lower case, accents dropped ("José" -> "jose"), as the table spells names."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_gender(name: str) -> str | None:
    """The gender the first name of `name` gives, or None: a name of one word (a bare
    surname), an initial, an ambiguous or rare first name. Honorifics in front are skipped
    (they are the article's evidence, weighed before this). A description is no name: "aide
    to Mr Brown" has no first name "Aide", "Home Office source" none "Home" (a name ends in
    a capital, a description's noun does not)."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS]
    if len(words) < 2 or not words[0][:1].isupper() or initials(words[0]) or words[-1].islower():
        return None
    return prior().get(_plain(words[0]))


def initials(word: str) -> bool:
    """Is this word initials, no first name ("JK" of "JK Rowling", "J.K.")?"""
    letters = word.replace(".", "")
    return "." in word or (letters.isalpha() and letters.isupper() and len(letters) <= 3)


def fill_genders(speakers: list[Speaker]) -> None:
    """Give each person speaker the article left without a gender its name's, marked
    `gender_basis` "name"."""
    for speaker in speakers:
        if speaker.kind == "person" and speaker.gender is None:
            gender = name_gender(speaker.name)
            if gender is not None:
                speaker.gender, speaker.gender_basis = gender, "name"
