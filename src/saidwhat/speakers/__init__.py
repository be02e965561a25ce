"""Speaker resolution: who each quote's source is, as one entity per person or organisation.

Takes a parsed spaCy Doc (tagger, parser, NER, morphology) and the article's Quotes, whose
cue/sources/contents spans are character offsets into `doc.text`. Gives the article's
Speakers (canonical name = the fullest name the article prints, kind, titles, affiliations,
gender from the article's own pronouns and honorifics, every mention) and sets
`quote.speaker_id` on each quote.

How: one pass over the named entities registers people and organisations, merging
surnames, first names and acronyms into the fullest name (photo credits, bylines and
teaser lines left out; labels voted over the article, so that a surname the NER tags ORG
is still the person; a bare surname takes the one first name printed before it); titles
and affiliations come from pre-modifiers ("Shadow Health Secretary Jonathan Ashworth",
"Labour's X", "Carolina coach X" inside the NER's span), appositions ("X, the
Conservative Chairman"), copulas and party tags ("(R-Utah)"). Then
sources and narrative pronouns are resolved in text order: pronouns to the nearest
compatible earlier entity (subjects first, never a mention inside quotation marks),
descriptions to the entity holding that title or role, else to the sentence's recent
subject ("the Shadow Health Secretary said"), lead descriptions forward to the first
person or organisation named ("A Shadow Cabinet minister…" / "Jonathan Ashworth…"), and a
quote without a source to the previous quote's speaker. What cannot be resolved becomes
kind "unknown" named by its mention, never a guess.
"""

from __future__ import annotations

from spacy.tokens import Doc

from saidwhat.article import Quote, Speaker
from saidwhat.speakers.entities import State
from saidwhat.speakers.names import (
    complete_names,
    register_missed_surnames,
    register_names,
    register_party_groups,
    unevidenced_persons,
)
from saidwhat.speakers.output import speakers
from saidwhat.speakers.ranker import Ranker
from saidwhat.speakers.resolution import resolve
from saidwhat.speakers.rules import RULES, SpeakerSettings

__all__ = ["RULES", "SpeakerSettings", "resolve_entities", "resolve_speakers"]


def resolve_speakers(
    doc: Doc,
    quotes: list[Quote],
    text: str | None = None,
    settings: SpeakerSettings | None = None,
) -> list[Speaker]:
    """The article's speakers; sets `quote.speaker_id` on each quote (None where no source).
    `text` is `doc.text`, which spaCy rebuilds token by token, for a caller that has it;
    `settings` switches rules off (default: all on)."""
    return speakers(resolve_entities(doc, quotes, text, settings))


def resolve_entities(
    doc: Doc,
    quotes: list[Quote],
    text: str | None = None,
    settings: SpeakerSettings | None = None,
    ranker: Ranker | None = None,
) -> State:
    """Every entity the resolver found and every mention it linked, speakers or not (what
    the coreference check scores); `ranker` weighs he/she (None: the shipped one)."""
    st = State(doc, quotes, text, settings, ranker)
    register_names(st)
    register_party_groups(st)
    complete_names(st)
    register_missed_surnames(st)
    resolve(st)
    unevidenced_persons(st)
    return st
