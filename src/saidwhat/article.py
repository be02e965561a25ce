"""What every stage passes on: Span, Quote, Speaker and Article.

Takes nothing but plain values; gives the dataclasses the stages fill in and the
dictionaries (`to_dict` / `from_dict`) that every output format starts from.

A Span is character offsets into the article's text plus the text they cover.
`Span.of(text, start, end)` is the only way stages build one, so
`span.text == article.text[span.start:span.end]` holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from saidwhat.lexicon import CUE_KINDS, CueKind, cue_kind

QuoteType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organisation", "group", "unknown"]
# Where a speaker's gender comes from: the article's own words, or the first-name prior.
GenderBasis = Literal["article", "name"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} outside a text of {len(text)} characters")
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str) -> Span:
        """Rebuild a span against `text`, refusing one whose stored text disagrees."""
        span = cls.of(text, int(data["start"]), int(data["end"]))
        if "text" in data and data["text"] is not None and data["text"] != span.text:
            raise ValueError(
                f"span {span.start}:{span.end} says {data['text']!r} but the text has {span.text!r}"
            )
        return span

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class Quote:
    """One attribution: who (sources) said (cue) what (contents). `cue_kind` says what kind
    of attribution its cue makes: speech, writing, thought (or belief) or other (an act or
    a plan: "issued", "is discussing"), from the cue lexicon (`lexicon.cue_kind`)."""

    cue: Span | None
    sources: list[Span]
    contents: list[Span]
    type: QuoteType = "indirect"
    confidence: float = 1.0
    speaker_id: str | None = None
    # the kind an input states (saidwhat's own output read back), over the lexicon's
    stated_kind: CueKind | None = field(default=None, compare=False)

    @property
    def start(self) -> int:
        spans = self.spans()
        return min(s.start for s in spans) if spans else 0

    @property
    def cue_kind(self) -> CueKind:
        return self.stated_kind or cue_kind(self.cue.text if self.cue else None)

    def spans(self) -> list[Span]:
        return ([self.cue] if self.cue else []) + self.sources + self.contents

    def to_dict(self, speakers: dict[str, Speaker] | None = None) -> dict[str, Any]:
        speaker = (speakers or {}).get(self.speaker_id or "")
        return {
            "cue": self.cue.to_dict() if self.cue else None,
            "sources": [s.to_dict() for s in self.sources],
            "contents": [s.to_dict() for s in self.contents],
            "type": self.type,
            "cue_kind": self.cue_kind,
            "confidence": round(self.confidence, 4),
            "speaker": {"id": speaker.id, "name": speaker.name} if speaker else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str) -> Quote:
        cue = data.get("cue")
        if isinstance(cue, list):  # Citron writes one cue; some tools write a list
            cue = cue[0] if cue else None
        speaker = data.get("speaker") or {}
        return cls(
            cue=Span.from_dict(cue, text) if cue else None,
            sources=[Span.from_dict(s, text) for s in data.get("sources") or []],
            contents=[Span.from_dict(s, text) for s in data.get("contents") or []],
            type=data.get("type") or "indirect",
            confidence=float(data.get("confidence", 1.0)),
            speaker_id=speaker.get("id") if isinstance(speaker, dict) else None,
            stated_kind=data["cue_kind"] if data.get("cue_kind") in CUE_KINDS else None,
        )


@dataclass(slots=True)
class Speaker:
    """One entity of the article, with every mention that refers to it. `gender` is a label
    from the text ("article": pronouns, honorifics, gendered titles) or a first-name prior
    ("name", see `namegender`), as `gender_basis` says; None where neither gives one."""

    id: str
    name: str
    kind: SpeakerKind = "unknown"
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None
    gender_basis: GenderBasis | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "titles": list(self.titles),
            "affiliations": list(self.affiliations),
            "gender": self.gender,
            "gender_basis": self.gender_basis,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str) -> Speaker:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=data.get("kind") or "unknown",
            titles=list(data.get("titles") or []),
            affiliations=list(data.get("affiliations") or []),
            mentions=[Span.from_dict(m, text) for m in data.get("mentions") or []],
            gender=data.get("gender"),
            gender_basis=data.get("gender_basis"),
        )


@dataclass(slots=True)
class Article:
    """An article's text and what the pipeline found in it.

    `meta` carries the input's other fields (url, outlet, title, ...) through untouched.
    `error` is why extraction failed on this article (then it has no quotes or speakers);
    None when it did not.
    """

    id: str
    text: str
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        by_id = {s.id: s for s in self.speakers}
        data: dict[str, Any] = {"id": self.id}
        data.update(self.meta)
        if include_text:
            data["text"] = self.text
        data["quotes"] = [q.to_dict(by_id) for q in self.quotes]
        data["speakers"] = [s.to_dict() for s in self.speakers]
        if self.error is not None:  # only a failed article has the key
            data["error"] = self.error
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str | None = None) -> Article:
        text = data["text"] if text is None else text
        known = {"id", "text", "quotes", "speakers", "error"}
        return cls(
            id=str(data.get("id", "")),
            text=text,
            quotes=[Quote.from_dict(q, text) for q in data.get("quotes") or []],
            speakers=[Speaker.from_dict(s, text) for s in data.get("speakers") or []],
            meta={k: v for k, v in data.items() if k not in known},
            error=data.get("error"),
        )
