"""The one place that runs articles through the stages.

The CLI, the evaluator, ingest and the benchmarks all call `Pipeline.code` / `Pipeline.code_many`; none
re-implements a stage. The stages themselves are registered spaCy components (`eventwire.components`): this
module loads the language's model, adds them after its own components, hands each doc its article's context,
and merges what the stages found in an article's body and title into one `ArticleResult`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from eventwire.actors.kb import KnowledgeBase, default_kb
from eventwire.actors.resolve import ActorResolver
from eventwire.coding.coder import Coder
from eventwire.coding.lexicon import lexicon
from eventwire.coding.window import WindowCoder
from eventwire.components import CLASSIFIER, CLASSIFIER_MODES, KEY, STAGES, ArticleState, FieldState, Trace, finish
from eventwire.model import Article, ArticleResult
from eventwire.nlp import models
from eventwire.nlp.text import normalise

__all__ = ["Pipeline", "Trace", "with_stages"]


def with_stages(nlp: Language, classifier: bool = False) -> Language:
    """Add eventwire's stages to a loaded model (once); docs without eventwire context pass through them."""
    for name in STAGES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if classifier and CLASSIFIER not in nlp.pipe_names:
        nlp.add_pipe(CLASSIFIER, before="eventwire_coder")
    return nlp


class Pipeline:
    def __init__(self, kb: KnowledgeBase | None = None, model_override: dict[str, str] | None = None,
                 classifier: str | None = None) -> None:
        """`classifier`: None (rules alone, the default), or how the learned type classifier is used — "add"
        (codes sentences the lexicon has no trigger for), "veto" (drops events in sentences it finds none in),
        "both"."""
        if classifier is not None and classifier not in CLASSIFIER_MODES:
            raise ValueError(f"classifier must be one of {CLASSIFIER_MODES} or None")
        self.kb = kb or default_kb()
        self.model_override = model_override or {}
        self.classifier = classifier
        self._resolvers: dict[str, ActorResolver] = {}

    # ---------------------------------------------------------------- public
    def code(self, article: Article, trace: Trace | None = None) -> ArticleResult:
        return next(iter(self.code_many([article], trace=trace)))

    def code_many(self, articles: Iterable[Article], batch_size: int = 32,
                  trace: Trace | None = None) -> Iterator[ArticleResult]:
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch, trace)
                batch = []
        if batch:
            yield from self._code_batch(batch, trace)

    # ---------------------------------------------------------------- internals
    def _code_batch(self, batch: list[Article], trace: Trace | None) -> Iterator[ArticleResult]:
        by_lang: dict[str, list[int]] = {}
        results: list[ArticleResult | None] = [None] * len(batch)
        for i, art in enumerate(batch):
            by_lang.setdefault(art.lang or "und", []).append(i)
        for lang, idx in by_lang.items():
            name = models.model_name_for(lang, self.model_override)
            lex = lexicon(lang)
            if name is None or lex is None:
                for i in idx:
                    missing = "no spaCy model" if name is None else "no trigger lexicon"
                    results[i] = ArticleResult(batch[i], diagnostics=[
                        f"language '{lang}' has no pipeline ({missing} installed for it): article not coded"])
                continue
            nlp = with_stages(models.load(name), classifier=self.classifier is not None)
            resolver = self._resolver(lang, nlp)
            coder = WindowCoder(lex) if models.is_blank(name) else Coder(lex)
            states = []
            docs = []
            for i in idx:
                st = ArticleState(batch[i], resolver, coder, trace, classifier=self.classifier)
                states.append(st)
                # the body first, then the title: the title's events may refer back to the body's
                for field_name, text in (("text", batch[i].text), ("title", batch[i].title or "")):
                    doc = nlp.make_doc(normalise(text))
                    doc.user_data[KEY] = FieldState(st, field_name)
                    docs.append(doc)
            for doc in nlp.pipe(docs, batch_size=64):
                doc.user_data.pop(KEY, None)  # the state refers to the docs: let them go once coded
            for i, st in zip(idx, states, strict=True):
                res = finish(st)
                res.pipeline = name
                results[i] = res
        for r in results:
            assert r is not None
            yield r

    def _resolver(self, lang: str, nlp) -> ActorResolver:
        if lang not in self._resolvers:
            self._resolvers[lang] = ActorResolver(self.kb, lang, nlp.tokenizer)
        return self._resolvers[lang]
