"""Attributions by rules: cues, their sources and their contents, from the parse.

Takes a parsed spaCy Doc and the article's quotations (from quotemarks); gives Quotes
with a cue (a verb of saying, writing, thinking or believing, or "according to"), its
sources (the subject, as PolNeAR marks it: with appositions and relative clauses) and
its contents (the complement clause, or the quotations standing beside the cue), each an
exact character span. Quotations no cue claims become cue-less direct quotes, for the
speakers stage to give to the previous speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.attrs import LOWER, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from saidwhat.article import Quote, Span
from saidwhat.quotemarks import quote_type

# Verbs that report speech or thought when they take a clause or a quotation. Chosen
# from PolNeAR train's most frequent single-word cues.
CUE_LEMMAS = frozenset(
    """say tell add write ask note report announce suggest tweet explain argue continue
    claim acknowledge declare urge recall conclude respond reply state warn insist promise
    reveal predict believe think hope know fear feel expect admit deny confirm indicate
    assert estimate concede mention stress emphasize emphasise complain joke remind echo
    repeat allege contend boast caution question wonder agree observe remark testify post
    retweet email signal vow pledge show find agree point threaten imply charge counter
    maintain propose recommend reiterate acknowledge caution lament muse quip scoff snap
    shout yell chant plead pray swear guess reckon suspect doubt worry read insist""".split()
)
# Verbs that report speech only when a quotation follows them (called it "a disaster").
QUOTE_ONLY_LEMMAS = frozenset("call describe dismiss label brand term dub hail".split())
# Phrasal cues: the particle belongs to the cue (went on, pointed out).
PARTICLE_CUES = {"go": "on", "point": "out", "spell": "out", "lay": "out"}
_ANY_CUE = CUE_LEMMAS | QUOTE_ONLY_LEMMAS
_SUBJECTS = {"nsubj", "nsubjpass"}
# Verbs (and objects) that take their subject from their head: said and added; …,
# saying; defended plans to close …, saying (through the object and its clause)
_SHARES_SUBJECT = {"conj", "advcl", "xcomp", "acl", "dobj"}
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
# Between a quotation and its cue only punctuation and space may stand ("…," he said).
_OWN_CUE = re.compile(r"[,?!—–-]\s*[\"”'’]+$")  # a quote ending "…," waits for a cue after it
_GLUE = re.compile(r"[ \t,;:—–-]*\n?[ \t]*")


def extract_rules(doc: Doc, quotations: list[Span], text: str | None = None) -> list[Quote]:
    """Every attribution the rules find in `doc`, in text order. `text` is `doc.text`,
    which spaCy rebuilds token by token on every call, for a caller that has it."""
    text = doc.text if text is None else text
    starts = [q.start for q in quotations]
    found: list[Quote] = []
    claimed: set[int] = set()  # quotations already used as a content
    for token in map(doc.__getitem__, _cue_candidates(doc)):
        if _inside_quotation(token, quotations, starts):
            continue  # a verb of saying inside a quote is the quoted speaker's own words
        quote = _according_to(doc, text, token) or _verb_cue(doc, text, token, quotations, starts)
        if quote is None:
            continue
        for content in quote.contents:
            claimed.update(i for i, q in enumerate(quotations) if q.overlaps(content))
        found.append(quote)
    for i, quotation in enumerate(quotations):
        if i not in claimed and _stands_alone(text, quotation):
            found.append(
                Quote(cue=None, sources=[], contents=[quotation], type="direct", confidence=0.5)
            )
    found.sort(key=lambda q: q.start)
    return _nearest_cue_per_quotation(_dedupe(found), quotations)


def _cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that can start an attribution: verbs and "according" (read
    from the Doc's arrays, so the other tokens cost no Token object and no call)."""
    attrs = doc.to_array([POS, LOWER]).reshape(-1, 2)
    verbs = numpy.isin(attrs[:, 0], (VERB, AUX))
    return numpy.flatnonzero(verbs | (attrs[:, 1] == doc.vocab.strings["according"])).tolist()


def _inside_quotation(token: Token, quotations: list[Span], starts: list[int]) -> bool:
    i = bisect_left(starts, token.idx + 1) - 1
    return i >= 0 and quotations[i].start < token.idx < quotations[i].end


def _verb_cue(
    doc: Doc, text: str, verb: Token, quotations: list[Span], starts: list[int]
) -> Quote | None:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if lemma not in _ANY_CUE and not _has_particle(verb):
        return None
    cue = _cue_span(text, verb)
    sources = _sources(doc, text, verb)
    anchor_start = min([cue.start] + [s.start for s in sources])
    anchor_end = max([cue.end] + [s.end for s in sources])
    before, after = _quotations_beside(text, quotations, starts, anchor_start, anchor_end)
    clause = None if lemma in QUOTE_ONLY_LEMMAS else _complement(doc, text, verb, quotations)
    if clause is not None and any(clause.overlaps(s) for s in [*sources, cue]):
        clause = None
    if clause is not None and clause.start >= cue.end and after is None:
        before = None  # "X said that …": the clause, not a quotation that ended before X
    beside = [q for q in (before, after) if q is not None]
    if lemma in QUOTE_ONLY_LEMMAS:
        beside = [q for q in beside if q.start >= cue.end]
        clause = None
    contents = beside or ([clause] if clause else [])
    if not contents or not (sources or beside):
        return None  # a clause with no one saying it is rarely an attribution
    kind = quote_type(contents)
    confidence = 0.9 if beside else 0.7
    if not sources:
        confidence -= 0.2
    return Quote(cue=cue, sources=sources, contents=contents, type=kind, confidence=confidence)


def _has_particle(verb: Token) -> bool:
    particle = PARTICLE_CUES.get(verb.lemma_.lower())
    return particle is not None and any(
        c.dep_ == "prt" and c.lower_ == particle for c in verb.rights
    )


def _cue_span(text: str, verb: Token) -> Span:
    end = verb.idx + len(verb.text)
    particle = PARTICLE_CUES.get(verb.lemma_.lower())
    for child in verb.rights:
        if child.dep_ == "prt" and (particle is None or child.lower_ == particle):
            end = child.idx + len(child.text)
            break
    return Span.of(text, verb.idx, end)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares: conjuncts (said and added), participles
    (…, saying that …) and infinitives take the subject of the verb they hang from."""
    seen = 0
    while verb is not None and seen < 4:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ in _SHARES_SUBJECT and verb.head is not verb:
            participle = verb.tag_ == "VBG" and verb.dep_ == "advcl"
            verb, seen = verb.head, seen + 1
            if participle and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CUE_LEMMAS:
                verb = verb.head  # he said MPs erred, saying …: the saying is still his
            continue
        if verb.dep_ == "relcl":
            return verb.head
        return None
    return None


def _sources(doc: Doc, text: str, verb: Token) -> list[Span]:
    subject = _subject(verb)
    if subject is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        subject = pobj
    if subject is None or (subject.pos_ == "PRON" and subject.lower_ in {"it", "there"}):
        return []
    tokens = [t for t in subject.subtree if t.i < verb.i or subject.i > verb.i]
    span = _trim(doc, text, tokens[0].i, tokens[-1].i + 1, _QUOTE_MARKS) if tokens else None
    return [span] if span else []


def _complement(doc: Doc, text: str, verb: Token, quotations: list[Span]) -> Span | None:
    """The clause the verb reports: its complement's subtree, that-clause and all."""
    for child in verb.rights:
        if child.dep_ in _CONTENT_DEPS or (child.dep_ == "dobj" and child.lower_ in {"that"}):
            if child.dep_ == "xcomp" and not any(
                t.dep_ == "aux" and t.lower_ == "to" for t in child.children
            ):
                continue
            span = _trim(doc, text, child.left_edge.i, _clause_end(child))
            return _snap_to_quotations(text, span, quotations) if span else None
    for child in verb.children:  # "…," he said: the quoted clause parsed as the verb's ccomp
        if child.dep_ in _CONTENT_DEPS and child.i < verb.i:
            span = _trim(doc, text, child.left_edge.i, child.right_edge.i + 1)
            return _snap_to_quotations(text, span, quotations) if span else None
    return None


def _clause_end(clause: Token) -> int:
    """Where a reported clause ends: before a participle of saying hanging inside it
    (insisted he meant none of it, telling the show: "…"), which is a cue of its own."""
    for token in clause.subtree:
        participle = token.i > clause.i and token.tag_ == "VBG" and token.dep_ == "advcl"
        if participle and token.lemma_.lower() in CUE_LEMMAS:
            return token.left_edge.i
    return clause.right_edge.i + 1


def _according_to(doc: Doc, text: str, token: Token) -> Quote | None:
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    cue = Span.of(text, token.idx, to.idx + len(to.text))
    source = _trim(doc, text, pobj.left_edge.i, pobj.right_edge.i + 1)
    sent = token.sent
    phrase_end = max(pobj.right_edge.i, to.i) + 1
    before = _trim(doc, text, sent.start, token.i)
    after = _trim(doc, text, phrase_end, sent.end)
    content = max((s for s in (before, after) if s), key=len, default=None)
    if content is None or source is None:
        return None
    return Quote(
        cue=cue, sources=[source], contents=[content], type=quote_type([content]), confidence=0.8
    )


def _quotations_beside(
    text: str, quotations: list[Span], starts: list[int], anchor_start: int, anchor_end: int
) -> tuple[Span | None, Span | None]:
    """Quotations joined to the cue and source by punctuation alone: before them ("…,"
    he said), after them (he said: "…"), or both ("…," said X, "…")."""
    i = bisect_left(starts, anchor_start)
    before = after = None
    if i > 0 and _GLUE.fullmatch(text[quotations[i - 1].end : anchor_start]):
        before = quotations[i - 1]
    j = bisect_left(starts, anchor_end)
    if j < len(quotations):
        gap = text[anchor_end : quotations[j].start]
        # after the cue: only glue, or a short adverbial (said in a statement: "…")
        words_then_colon = gap.rstrip().endswith(":") and len(gap) < 60 and "," not in gap
        # "A," she said. "B." -- B goes on with her words unless it waits for its own cue
        goes_on = (
            before is not None and gap.strip() == "." and not _OWN_CUE.search(quotations[j].text)
        )
        if _GLUE.fullmatch(gap) or goes_on or (words_then_colon and "\n" not in gap):
            after = quotations[j]
    return before, after


def _snap_to_quotations(text: str, span: Span, quotations: list[Span]) -> Span:
    """Widen a clause to the whole of every quotation it cuts through."""
    start, end = span.start, span.end
    for q in quotations:
        if q.start < end and start < q.end:
            start, end = min(start, q.start), max(end, q.end)
    return Span.of(text, start, end)


_EDGE_PUNCT = frozenset([*",.;:—–-()[]", "--"])
_QUOTE_MARKS = frozenset([*"\"“”‘’'`«»", "''", "``"])


def _trim(
    doc: Doc, text: str, start: int, end: int, also: frozenset[str] = frozenset()
) -> Span | None:
    """Character span of tokens [start, end) without punctuation (or `also`) at its edges."""
    strip = _EDGE_PUNCT | also
    while start < end and (doc[start].text in strip or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in strip or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    first, last = doc[start], doc[end - 1]
    return Span.of(text, first.idx, last.idx + len(last.text))


def _stands_alone(text: str, quotation: Span) -> bool:
    """A quotation that is a paragraph of its own carries on the previous speaker."""
    line_start = text.rfind("\n", 0, quotation.start) + 1
    line_end = text.find("\n", quotation.end)
    line_end = len(text) if line_end < 0 else line_end
    return (
        not text[line_start : quotation.start].strip()
        and len(text[quotation.end : line_end].strip()) <= 1
    )


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per cue: the same cue token can be reached by two rules."""
    kept: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in quotes:
        key = (q.cue.start, q.cue.end) if q.cue else (q.contents[0].start, -1)
        if key not in seen:
            seen.add(key)
            kept.append(q)
    return kept


def _nearest_cue_per_quotation(quotes: list[Quote], quotations: list[Span]) -> list[Quote]:
    """A quotation beside two cues ("…," he said, adding …) belongs to the nearer one."""
    owner: dict[Span, Quote] = {}
    whole = set(quotations)  # a set: a long article has hundreds of quotations
    for q in quotes:
        for c in q.contents:
            if c in whole and q.cue is not None:
                best = owner.get(c)
                if best is None or _distance(q, c) < _distance(best, c):
                    owner[c] = q
    kept = []
    for q in quotes:
        q.contents = [c for c in q.contents if c not in owner or owner[c] is q]
        if q.contents:
            kept.append(q)
    return kept


def _distance(quote: Quote, span: Span) -> int:
    cue = quote.cue or span
    return max(span.start - cue.end, cue.start - span.end, 0)
