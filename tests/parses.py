"""Parses built by hand, for the speaker tests whose outcome the small model's own parse
would decide: a Doc from its text and a table of its tokens, and the speaker each quote
gets."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.article import Quote, Speaker
from saidwhat.speakers import SpeakerSettings, resolve_speakers

# a table's columns after the word, as the Doc takes them
FIELDS = {"head": "heads", "dep": "deps", "tag": "tags", "pos": "pos", "ent": "ents"}
FIELDS |= {"lemma": "lemmas"}


def parse(nlp: Language, text: str, table: str) -> Doc:
    """The Doc of `text` with the tokens of `table`: one token a line, its fields apart by
    white space, in the columns its first line names ("word", then any of "head" (the index
    of the token it hangs on), "dep", "tag", "pos", "ent" (IOB) and "lemma"). The words
    spell the text, which says where the spaces are; "\\n" in a word is a line break."""
    header, *rows = (line.split() for line in table.strip().splitlines())
    assert header[0] == "word" and all(len(row) == len(header) for row in rows), table
    columns = dict(zip(header, map(list, zip(*rows, strict=True)), strict=True))
    words = [w.replace("\\n", "\n") for w in columns.pop("word")]
    spaces, at = [], 0
    for word in words:
        assert text.startswith(word, at), (word, text[at:])
        at += len(word)
        spaces.append(text.startswith(" ", at))
        at += spaces[-1]
    assert at == len(text), text[at:]
    fields = {FIELDS[name]: values for name, values in columns.items()}
    if "heads" in fields:
        fields["heads"] = [int(h) for h in fields["heads"]]
    return Doc(nlp.vocab, words=words, spaces=spaces, **fields)


def speakers_of(
    doc: Doc, quotes: list[Quote], settings: SpeakerSettings | None = None
) -> list[Speaker]:
    """The speaker each quote gets (a KeyError where one gets none)."""
    speakers = {s.id: s for s in resolve_speakers(doc, quotes, settings=settings)}
    return [speakers[q.speaker_id or ""] for q in quotes]
