"""eventwire's stages as registered spaCy components.

`eventwire_actors` (dates and actors, resolved by the date of each sentence) and `eventwire_coder` (triggers,
participants, modality, reference across sentences, quotes) run inside the spaCy pipeline, after the parser;
`eventwire_type_classifier` (coding/classifier.py) runs between them only when asked for. `Pipeline` adds them
to the model it loads and passes each doc its article's context — publication date, knowledge base, the state
shared by the body and the title — in ``doc.user_data["eventwire"]``; docs without that context pass through
untouched, so the same loaded model still serves bare parses. Added by hand to a model of your own
(``nlp.add_pipe("eventwire_actors", config={"standalone": True}); nlp.add_pipe("eventwire_coder",
config={"standalone": True})``), each doc is coded as an article of its own and ``doc._.ew_events`` holds its
events.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors.kb import KnowledgeBase, default_kb
from eventwire.actors.resolve import ActorResolver
from eventwire.coding.article import (
    CLASSIFIER_MODES,
    ArticleState,
    FieldState,
    analyse_field,
    classify_sentences,
    code_field,
    finish,
)
from eventwire.coding.coder import Coder
from eventwire.coding.lexicon import lexicon
from eventwire.coding.window import WindowCoder
from eventwire.errors import ModelUnavailable
from eventwire.model import Article
from eventwire.nlp import models

KEY = "eventwire"
STAGES = ("eventwire_actors", "eventwire_coder")
CLASSIFIER = "eventwire_type_classifier"

for _name in ("ew_mentions", "ew_events", "ew_sentence_types"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def field_state(doc: Doc) -> FieldState | None:
    st = doc.user_data.get(KEY)
    return st if isinstance(st, FieldState) else None


def _standalone_state(nlp: Language, doc: Doc, kb: KnowledgeBase | None = None) -> FieldState:
    lex = lexicon(nlp.lang)
    if lex is None:
        raise ModelUnavailable(f"eventwire has no trigger lexicon for language '{nlp.lang}'")
    art = Article(id=Article.stable_id(None, doc.text), text=doc.text, lang=nlp.lang)
    coder = Coder(lex) if "parser" in nlp.pipe_names else WindowCoder(lex)
    package = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"
    resolver = ActorResolver(kb or default_kb(), nlp.lang, nlp.tokenizer, models.person_labels(package))
    state = ArticleState(art, resolver, coder)
    return FieldState(state, "text")


class _Stage:
    def __init__(self, nlp: Language, standalone: bool) -> None:
        self.nlp = nlp
        self.standalone = standalone  # code docs that carry no eventwire context, each as an article


class ActorsStage(_Stage):
    """Dates, sentences and actor mentions, each actor resolved by the date of its sentence."""

    def __call__(self, doc: Doc) -> Doc:
        fs = field_state(doc)
        if fs is None:
            if not self.standalone:
                return doc
            fs = doc.user_data[KEY] = _standalone_state(self.nlp, doc)
        analyse_field(doc, fs)
        doc._.ew_mentions = fs.mentions
        return doc


class CoderStage(_Stage):
    """Candidate events per sentence, their participants, modality, dates and references across sentences;
    quotes. Events are added to the article's state (and, standalone, merged into ``doc._.ew_events``)."""

    def __call__(self, doc: Doc) -> Doc:
        fs = field_state(doc)
        if fs is None:
            return doc  # no actors stage ran on it: a bare parse
        if len(doc):
            code_field(doc, fs)
        if self.standalone:
            doc._.ew_events = finish(fs.article).events
        else:
            doc._.ew_events = [ev for evs in fs.sentence_events.values() for ev in evs]
        return doc


class TypeClassifierStage:
    """The learned type classifier's prediction for each sentence that names an actor (coding/classifier.py);
    the coder uses them as the article's state says (add, veto, both)."""

    def __init__(self, nlp: Language, mode: str | None) -> None:
        self.nlp = nlp
        self.mode = mode  # standalone use: the mode to code with

    def __call__(self, doc: Doc) -> Doc:
        fs = field_state(doc)
        if fs is None:
            return doc
        if fs.article.classifier is None and self.mode:
            fs.article.classifier = self.mode
        if fs.article.classifier is None or not len(doc):
            return doc
        classify_sentences(fs)
        doc._.ew_sentence_types = {fs.sents[k].start_char: p for k, p in fs.sentence_types.items()}
        return doc


@Language.factory("eventwire_actors", default_config={"standalone": False})
def make_actors(nlp: Language, name: str, standalone: bool) -> ActorsStage:
    return ActorsStage(nlp, standalone)


@Language.factory("eventwire_coder", default_config={"standalone": False},
                  requires=["doc._.ew_mentions"], assigns=["doc._.ew_events"])
def make_coder(nlp: Language, name: str, standalone: bool) -> CoderStage:
    return CoderStage(nlp, standalone)


@Language.factory(CLASSIFIER, default_config={"mode": None}, requires=["doc._.ew_mentions"],
                  assigns=["doc._.ew_sentence_types"])
def make_classifier(nlp: Language, name: str, mode: str | None) -> TypeClassifierStage:
    if mode is not None and mode not in CLASSIFIER_MODES:
        raise ValueError(f"classifier mode must be one of {CLASSIFIER_MODES}")
    return TypeClassifierStage(nlp, mode)
