"""A precompiled gazetteer matcher: longest match of knowledge-base surface forms over a Doc's tokens.

Surface forms are tokenised with the language's own tokenizer and folded (lower case, no accents), so
"Élysée", "Elysée" and "l'Élysée" match as in the text. Built once per (language, tokenizer), then each
Doc costs one dict lookup per token and candidate length.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from eventwire.actors.kb import KnowledgeBase, Term
from eventwire.nlp.text import fold

_fold = lru_cache(maxsize=1 << 17)(fold)  # token folds repeat: cache them across Docs


@dataclass
class Match:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    terms: list[Term]
    text: str


def _declined(toks: tuple[str, ...], endings: list[str], suffixes: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The form, and where its first word is an adjective that declines before a noun (linkwords `adj-suffix`
    and `adj-ending`: "Internationaler Strafgerichtshof"), the same form with each other ending ("der
    Internationale Strafgerichtshof", "des Internationalen Strafgerichtshofs" needs its own row for the noun)."""
    out = [toks]
    if len(toks) < 2 or not endings or not suffixes:
        return out
    first = toks[0]
    ending = next((e for e in endings if first.endswith(e) and first[:-len(e)].endswith(suffixes)), None)
    if ending is None:
        return out
    stem = first[:-len(ending)]
    return out + [(stem + e, *toks[1:]) for e in endings if e != ending]


class Gazetteer:
    def __init__(self, kb: KnowledgeBase, lang: str, tokenizer) -> None:
        self.lang = lang
        self.table: dict[tuple[str, ...], list[tuple[str, Term]]] = defaultdict(list)
        self.lengths: dict[str, set[int]] = defaultdict(set)
        endings = sorted(kb.linkwords_of[(lang, "adj-ending")], key=len, reverse=True)
        suffixes = tuple(kb.linkwords_of[(lang, "adj-suffix")])
        for text, term in kb.terms_for(lang):
            toks = tuple(fold(t.text) for t in tokenizer(text) if not t.is_space)
            if not toks:
                continue
            self.table[toks].append((text, term))
            self.lengths[toks[0]].add(len(toks))
            for key in _declined(toks, endings, suffixes)[1:]:
                if all(t != term for _, t in self.table[key]):  # a row of its own may give that ending already
                    self.table[key].append((text, term))
                    self.lengths[key[0]].add(len(key))
        self.sorted_lengths = {k: sorted(v, reverse=True) for k, v in self.lengths.items()}

    def find(self, doc: Doc, titles: bool, skip: frozenset[int] = frozenset()) -> list[Match]:
        """Longest non-overlapping matches, left to right; `titles` selects title terms or all others.

        Tokens in `skip` are stepped over, so a title can match across a country adjective inside it
        ("ministre turc des Affaires étrangères" matches "ministre des Affaires étrangères").
        """
        seq = [i for i in range(len(doc)) if i not in skip]
        words = [t.text for t in doc]
        folds = [_fold(words[i]) for i in seq]
        out: list[Match] = []
        j, n = 0, len(seq)
        while j < n:
            best = None
            for length in self.sorted_lengths.get(folds[j], ()):
                if j + length > n:
                    continue
                cands = self.table.get(tuple(folds[j:j + length]))
                if not cands:
                    continue
                start, end = seq[j], seq[j + length - 1] + 1
                span = doc[start:end]
                terms = [t for text, t in cands if (t.kind == "title") == titles and _case_ok(span, text, t)]
                if terms:
                    best = (length, Match(start, end, terms, span.text))
                    break
            if best:
                out.append(best[1])
                j += best[0]
            else:
                j += 1
        return out


def _case_ok(span, text: str, term: Term) -> bool:
    if term.exact_case:
        return span.text.replace(" ", "") == text.replace(" ", "")
    if term.proper:
        first = span[0].text
        # elided articles ("l'Élysée") start lower case: look at the first word after them
        if first.endswith("'") and len(span) > 1:
            first = span[1].text
        return first[:1].isupper()
    return True
