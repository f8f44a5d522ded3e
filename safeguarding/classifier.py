"""The second layer of the safeguarding net: linear models over word and character n-grams, learnt from the
labelled corpus (data/safeguarding/corpus.csv) with no downloaded weights.

Two models share one set of features. `risk_model` learns every kind as its own class (each disclosure/concern
kind as "risk:<kind>", each ordinary kind as itself, see `risk_target`), which keeps everyday exaggeration apart from the harm it
sounds like; its kind is the likeliest "risk:" class. `binary_model` learns at risk / ordinary alone. A message's
risk is the mean of the two models' probabilities that it is at risk (the sum of `risk_model`'s "risk:" classes,
and `binary_model`'s): in cross-validation the mean flagged fewer ordinary messages at the same recall than either.
`tier_model` learns disclosure / concern / ordinary and decides urgency: a flagged message is urgent when
P(disclosure) is at least `urgent_share` of P(disclosure) + P(concern) and its risk is at least `urgent_risk`.
The thresholds are chosen by cross-validation on the corpus when the model is trained (see `choose_thresholds`).

  python -m safeguarding.classifier           train if the corpus changed, print the cross-validation figures
  python -m safeguarding.classifier --force   train anyway
"""
from __future__ import annotations

import argparse
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lmi.config import PROJECT_ROOT
from safeguarding import corpus
from safeguarding.kinds import CONCERN, DISCLOSURE, ORDINARY
from safeguarding.normalise import normalise

ARTEFACT = PROJECT_ROOT / "models" / "safeguarding-classifier.pkl"
VERSION = "5"  # bump when features or training change, so stale artefacts are retrained
FOLDS = 5
SEED = 7
# Cross-validated recall the flag threshold must keep (the classifier alone, out of fold).
RECALL_TARGET = 0.99
# Share of out-of-fold disclosures that must stay urgent once flagged (by the disclosure share alone, then by
# share and risk together: a weak flag is a concern, so a doubtful message does not send an urgent alert).
URGENT_TARGET = 0.97
URGENT_RISK_TARGET = 0.93
# Never flag below this probability, whatever the cross-validation says: keeps false alarms bounded.
THRESHOLD_FLOOR = 0.10
THRESHOLD_CEILING = 0.50


@dataclass(frozen=True)
class Scores:
    risk: float          # P(any disclosure or concern kind)
    disclosure: float    # the share of it the tier model gives to disclosure (urgent)
    kind: str            # most likely known kind (always filled, even for ordinary messages)
    kind_confidence: float


RISK = "risk:"


@dataclass
class Classifier:
    features: object
    risk_model: object
    tier_model: object
    binary_model: object
    flag_threshold: float
    urgent_share: float
    urgent_risk: float
    corpus_digest: str
    version: str = VERSION
    cross_validation: dict = field(default_factory=dict)

    def scores(self, text: str) -> Scores:
        # The vectorisers one by one: FeatureUnion.transform's joblib round trip costs more than the work itself.
        from scipy.sparse import hstack
        texts = [normalise(text).strip()]
        x = hstack([vectoriser.transform(texts) for _name, vectoriser in self.features.transformer_list]).tocsr()
        risks = {c[len(RISK):]: p for c, p in zip(self.risk_model.classes_, self.risk_model.predict_proba(x)[0])
                 if c.startswith(RISK)}
        tiers = dict(zip(self.tier_model.classes_, self.tier_model.predict_proba(x)[0]))
        risk = float(sum(risks.values()) + self.binary_model.predict_proba(x)[0][1]) / 2
        kind = max(sorted(risks), key=lambda k: risks[k])
        harm = tiers.get(DISCLOSURE, 0) + tiers.get(CONCERN, 0)
        share = tiers.get(DISCLOSURE, 0) / harm if harm else 0.0
        total = sum(risks.values())
        return Scores(risk=risk, disclosure=float(share * risk), kind=kind,
                      kind_confidence=float(risks[kind] / total) if total else 0.0)

    def flags(self, scores: Scores) -> bool:
        return scores.risk >= self.flag_threshold

    def urgent(self, scores: Scores) -> bool:
        return scores.risk >= self.urgent_risk and scores.disclosure >= self.urgent_share * scores.risk


def risk_target(row: corpus.Row) -> str:
    """The risk model's class: each disclosure/concern kind, each ordinary kind of the corpus, and one class for
    ordinary talk taken from the assistant's own data (careers questions, short answers), which is unlike the
    corpus's everyday near-misses."""
    if row.label != ORDINARY:
        return RISK + row.kind
    return row.kind if row.source == "corpus" else "assistant_data"


def _features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"[a-z0-9']+")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])


def _linear():
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=SEED)


def _fit(texts: list[str], rows: list[corpus.Row]):
    features = _features()
    x = features.fit_transform(texts)
    risk_model = _linear().fit(x, [risk_target(r) for r in rows])
    tier_model = _linear().fit(x, [r.label for r in rows])
    binary_model = _linear().fit(x, [int(r.label != ORDINARY) for r in rows])
    return features, risk_model, tier_model, binary_model


def out_of_fold(rows: list[corpus.Row]) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold risk and disclosure share of it for every row (folds stratified by label and kind)."""
    from sklearn.model_selection import StratifiedKFold
    texts = [normalise(r.text).strip() for r in rows]
    strata = [f"{r.label}:{r.kind}" for r in rows]
    counts = {s: strata.count(s) for s in set(strata)}
    strata = [s if counts[s] >= FOLDS else r.label for s, r in zip(strata, rows)]
    risk, disclosure = np.zeros(len(rows)), np.zeros(len(rows))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(texts, strata):
        model = Classifier(*_fit([texts[i] for i in train], [rows[i] for i in train]), 0.0, 0.0, 0.0, "")
        for i in test:
            scores = model.scores(rows[i].text)
            risk[i], disclosure[i] = scores.risk, scores.disclosure
    return risk, disclosure


def choose_thresholds(rows: list[corpus.Row], risk: np.ndarray, disclosure: np.ndarray) -> dict:
    """The highest flag threshold whose out-of-fold recall on disclosure+concern rows is at least
    RECALL_TARGET (kept within FLOOR..CEILING), and the highest urgent share that keeps URGENT_TARGET of
    flagged disclosures urgent. Returns the thresholds and the cross-validated figures behind them."""
    at_risk = np.array([r.label != ORDINARY for r in rows])
    is_disclosure = np.array([r.label == DISCLOSURE for r in rows])
    kinds = np.array([r.kind if r.label == ORDINARY else "" for r in rows])
    candidates = np.round(np.arange(THRESHOLD_FLOOR, THRESHOLD_CEILING + 1e-9, 0.01), 2)
    flag = THRESHOLD_FLOOR
    for t in candidates:
        if (risk[at_risk] >= t).mean() >= RECALL_TARGET:
            flag = float(t)
    flagged = risk >= flag
    share = disclosure / np.maximum(risk, 1e-9)
    urgent_share = 0.2
    for u in np.round(np.arange(0.2, 0.51, 0.01), 2):
        caught = is_disclosure & flagged
        if caught.sum() and (share[caught] >= u).mean() >= URGENT_TARGET:
            urgent_share = float(u)
    urgent_risk = flag
    caught = is_disclosure & flagged
    for r in np.round(np.arange(flag, 0.91, 0.01), 2):
        if caught.sum() and ((share[caught] >= urgent_share) & (risk[caught] >= r)).mean() >= URGENT_RISK_TARGET:
            urgent_risk = float(r)
    urgent = (share >= urgent_share) & (risk >= urgent_risk)
    return {
        "flag_threshold": flag, "urgent_share": urgent_share, "urgent_risk": urgent_risk, "folds": FOLDS,
        "urgent_false_alarms": int((urgent & flagged & ~at_risk).sum()),
        "at_risk_rows": int(at_risk.sum()), "ordinary_rows": int((~at_risk).sum()),
        "recall": float(flagged[at_risk].mean()) if at_risk.any() else 0.0,
        "false_alarm_rate": float(flagged[~at_risk].mean()) if (~at_risk).any() else 0.0,
        "false_alarms_by_kind": {kind: [int(flagged[kinds == kind].sum()), int((kinds == kind).sum())]
                                 for kind in sorted(set(kinds[~at_risk]))},
        "disclosures_urgent": float(urgent[caught].mean()) if caught.any() else 0.0,
    }


def train(rows: list[corpus.Row] | None = None, digest: str | None = None) -> Classifier:
    rows = corpus.training_rows() if rows is None else rows
    risk, disclosure = out_of_fold(rows)
    cv = choose_thresholds(rows, risk, disclosure)
    return Classifier(*_fit([normalise(r.text).strip() for r in rows], rows), cv["flag_threshold"], cv["urgent_share"], cv["urgent_risk"],
                      digest or corpus.training_digest(), cross_validation=cv)


def _stamp() -> str:
    code = Path(__file__).read_bytes() + (Path(__file__).parent / "normalise.py").read_bytes()
    return hashlib.sha256(code + VERSION.encode() + corpus.training_digest().encode()).hexdigest()


def is_current(path: Path = ARTEFACT) -> bool:
    if not path.exists():
        return False
    try:
        return _load(path).corpus_digest == _stamp()
    except Exception:  # an unreadable or old artefact is retrained, never trusted
        return False


def _load(path: Path) -> Classifier:
    with path.open("rb") as fh:
        return pickle.load(fh)


def ensure_trained(path: Path = ARTEFACT, force: bool = False) -> Classifier:
    """The saved classifier, retrained first if the corpus or this code changed since it was saved."""
    if not force and is_current(path):
        return _load(path)
    model = train(digest=_stamp())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two processes may train at once; each renames its own
    with tmp.open("wb") as fh:
        pickle.dump(model, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return model


_LOADED: Classifier | None = None


def load() -> Classifier:
    """The classifier for this process (trained on first use if there is no current artefact)."""
    global _LOADED
    if _LOADED is None:
        _LOADED = ensure_trained()
    return _LOADED


def describe(cv: dict) -> str:
    return (f"{cv['folds']}-fold cross-validation on {cv['at_risk_rows']} disclosure/concern and "
            f"{cv['ordinary_rows']} ordinary rows: flag threshold {cv['flag_threshold']:.2f} "
            f"(recall {cv['recall']:.1%}, false alarms {cv['false_alarm_rate']:.1%}), urgent share "
            f"{cv['urgent_share']:.2f} with risk at least {cv['urgent_risk']:.2f} ({cv['disclosures_urgent']:.1%} of "
            f"caught disclosures urgent, {cv['urgent_false_alarms']} ordinary rows urgent); false alarms by "
            f"ordinary kind: " + ", ".join(f"{k} {n}/{d}" for k, (n, d) in cv.get("false_alarms_by_kind", {}).items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the safeguarding classifier if the corpus changed.")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    fresh = args.force or not is_current()
    model = ensure_trained(force=args.force)
    print(("Trained" if fresh else "Up to date:") + " safeguarding classifier: " + describe(model.cross_validation))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
