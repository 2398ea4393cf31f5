"""The one place that runs articles through the stages.

The CLI, the evaluator, ingest and the benchmarks all call `Pipeline.code` / `Pipeline.code_many`; none
re-implements a stage. The stages themselves are registered spaCy components (`eventwire.components`): this
module loads the language's model, adds them after its own components, hands each doc its article's context,
and merges what the stages found in an article's body and title into one `ArticleResult`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors.kb import KnowledgeBase, default_kb
from eventwire.actors.resolve import ActorResolver
from eventwire.coding.article import CLASSIFIER_MODES, ArticleState, FieldState, Trace, finish
from eventwire.coding.coder import Coder
from eventwire.coding.lexicon import has_lexicon, lexicon
from eventwire.coding.prefilter import Prefilter
from eventwire.coding.window import WindowCoder
from eventwire.components import CLASSIFIER, KEY, STAGES
from eventwire.errors import EventwireError, InternalError, UnsupportedLanguage
from eventwire.model import Article, ArticleResult
from eventwire.nlp import models
from eventwire.nlp.text import blocks, normalise

__all__ = ["Pipeline", "Trace", "with_stages"]

PIPE_BATCH = 32  # docs per nlp.pipe call at most
PIPE_CHARS = 60_000  # characters per nlp.pipe call at most (a news article is 2,000-8,000)


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
                 classifier: str | None = None, prefilter: bool = False) -> None:
        """`classifier`: None (rules alone, the default), or how the learned type classifier is used — "add"
        (codes sentences the lexicon has no trigger for), "veto" (drops events in sentences it finds none in),
        "both". `prefilter`: parse only the sentences that can hold an event (coding/prefilter.py); False
        parses every sentence."""
        if classifier is not None and classifier not in CLASSIFIER_MODES:
            raise ValueError(f"classifier must be one of {CLASSIFIER_MODES} or None")
        self.kb = kb or default_kb()
        self.model_override = model_override or {}
        self.classifier = classifier
        self.prefilter = prefilter
        self._resolvers: dict[str, ActorResolver] = {}
        self._prefilters: dict[str, Prefilter] = {}

    # ---------------------------------------------------------------- public
    def code(self, article: Article, trace: Trace | None = None) -> ArticleResult:
        """Code one article; a coded error (E010 unsupported language, E300 internal) is raised."""
        out = next(iter(self.code_many([article], trace=trace)))
        if isinstance(out, EventwireError):
            raise out
        return out

    def code_many(self, articles: Iterable[Article], batch_size: int = 32,
                  trace: Trace | None = None) -> Iterator[ArticleResult | EventwireError]:
        """One result per article, in order: its ArticleResult, or the coded error that kept it from being
        coded (E010: no pipeline for its language; E300: an unforeseen failure, which costs that article only)."""
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch, trace)
                batch = []
        if batch:
            yield from self._code_batch(batch, trace)

    def supported_languages(self) -> frozenset[str]:
        return supported_languages(self.model_override)

    # ---------------------------------------------------------------- internals
    def _code_batch(self, batch: list[Article], trace: Trace | None) -> Iterator[ArticleResult | EventwireError]:
        by_lang: dict[str, list[int]] = {}
        results: list[ArticleResult | EventwireError | None] = [None] * len(batch)
        for i, art in enumerate(batch):
            by_lang.setdefault(art.lang or "und", []).append(i)
        for lang, idx in by_lang.items():
            name = models.model_name_for(lang, self.model_override)
            try:
                lex = lexicon(lang)
            except EventwireError as e:  # a broken lexicon costs its own language only
                for i in idx:
                    results[i] = type(e)(e.message, source=_where(batch[i]))
                continue
            if name is None or lex is None:
                missing = "no spaCy model" if name is None else "no trigger lexicon"
                for i in idx:
                    results[i] = UnsupportedLanguage(f"language '{lang}' has no pipeline ({missing} installed "
                                                     f"for it): not coded", source=_where(batch[i]))
                continue
            nlp = with_stages(models.load(name), classifier=self.classifier is not None)
            resolver = self._resolver(lang, nlp, name)
            coder = WindowCoder(lex) if models.is_blank(name) else Coder(lex)
            try:
                for i, res in zip(idx, self._run(nlp, [batch[i] for i in idx], resolver, coder, trace), strict=True):
                    res.pipeline = name
                    results[i] = res
            except Exception:  # noqa: BLE001 - find the article that broke the batch: code each on its own
                for i in idx:
                    try:
                        (res,) = self._run(nlp, [batch[i]], resolver, coder, trace)
                        res.pipeline = name
                        results[i] = res
                    except Exception as e:  # noqa: BLE001 - costs this article only, with its reason
                        results[i] = InternalError(f"coding failed: {type(e).__name__}: {e}", source=_where(batch[i]))
        for r in results:
            assert r is not None
            yield r

    def _run(self, nlp: Language, arts: list[Article], resolver: ActorResolver, coder: Coder,
             trace: Trace | None) -> list[ArticleResult]:
        """Code articles of one language in one nlp.pipe. Docs are made as the pipe asks for them, one per
        block of a long body (nlp/text.py), then the title: memory holds a batch of blocks, not whole texts."""
        states = [ArticleState(art, resolver, coder, trace, classifier=self.classifier) for art in arts]

        pre = self._prefilter(coder, nlp, resolver) if self.prefilter else None

        def docs() -> Iterator[Doc]:
            for st in states:
                # the body first, then the title: the title's events may refer back to the body's
                text = normalise(st.article.text)
                runs = pre.runs(text) if pre is not None else [(0, len(text))]
                if pre is not None:
                    st.skipped = len(text) - sum(e - s for s, e in runs)
                for r_start, r_end in runs:
                    for start, end in blocks(text[r_start:r_end]):
                        yield _doc(nlp, text[r_start + start:r_start + end], FieldState(st, "text",
                                                                                      offset=r_start + start))
                yield _doc(nlp, normalise(st.article.title or ""), FieldState(st, "title"))

        for group in _bounded(docs()):
            for doc in nlp.pipe(group, batch_size=len(group)):
                doc.user_data.pop(KEY, None)  # the state refers to the docs: let them go once coded
        return [finish(st) for st in states]

    def _prefilter(self, coder: Coder, nlp: Language, resolver: ActorResolver) -> Prefilter:
        lang = coder.lex.lang
        if lang not in self._prefilters:
            self._prefilters[lang] = Prefilter(coder.lex, resolver.gazetteer, nlp.tokenizer)
        return self._prefilters[lang]

    def _resolver(self, lang: str, nlp, name: str) -> ActorResolver:
        if lang not in self._resolvers:
            self._resolvers[lang] = ActorResolver(self.kb, lang, nlp.tokenizer, models.person_labels(name))
        return self._resolvers[lang]


def supported_languages(model_override: dict[str, str] | None = None) -> frozenset[str]:
    """Languages with an installed model (or tokenizer-only pipeline) and a trigger lexicon."""
    return frozenset(lang for lang in models.model_table()
                     if models.model_name_for(lang, model_override) and has_lexicon(lang))


def _bounded(docs: Iterator[Doc]) -> Iterator[list[Doc]]:
    """Groups of docs for one nlp.pipe call: at most PIPE_BATCH docs and PIPE_CHARS characters (the parser's
    memory grows with the text of a batch, so a batch of long blocks is kept short)."""
    group: list[Doc] = []
    chars = 0
    for doc in docs:
        if group and (len(group) >= PIPE_BATCH or chars + len(doc.text) > PIPE_CHARS):
            yield group
            group, chars = [], 0
        group.append(doc)
        chars += len(doc.text)
    if group:
        yield group


def _doc(nlp: Language, text: str, fs: FieldState) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[KEY] = fs
    return doc


def _where(art: Article) -> str:
    return art.path or art.id
