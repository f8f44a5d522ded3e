"""The second layer of the safeguarding net, the learnt classifier (safeguarding/classifier.py), on its own."""
from collections import defaultdict

import pytest

from safeguarding import classifier, corpus
from safeguarding.kinds import KINDS, ORDINARY


@pytest.fixture(scope="module")
def model():
    return classifier.load()


@pytest.fixture(scope="module")
def rows():
    return corpus.read()


def test_the_corpus_is_big_enough_and_covers_every_kind(rows):
    at_risk = [r for r in rows if r.label != ORDINARY]
    assert len(at_risk) >= 800 and len(rows) - len(at_risk) >= 800
    assert {r.kind for r in at_risk} == set(KINDS)


def test_thresholds_were_chosen_for_recall_by_cross_validation(model):
    cv = model.cross_validation
    assert cv["folds"] == classifier.FOLDS and cv["at_risk_rows"] >= 800
    assert classifier.THRESHOLD_FLOOR <= model.flag_threshold <= classifier.THRESHOLD_CEILING
    assert model.flag_threshold == cv["flag_threshold"]
    assert cv["recall"] >= classifier.RECALL_TARGET or model.flag_threshold == classifier.THRESHOLD_FLOOR


def test_it_flags_the_disclosures_and_concerns_it_learnt_from_in_every_kind(model, rows):
    by_kind = defaultdict(list)
    for row in rows:
        if row.label != ORDINARY:
            by_kind[row.kind].append(row.text)
    for kind, texts in by_kind.items():
        caught = sum(model.flags(model.scores(t)) for t in texts)
        assert caught / len(texts) >= 0.95, kind


def test_it_names_a_known_kind(model):
    scores = model.scores("my step dad hasnt fed me properly in days")
    assert scores.kind in KINDS and 0 <= scores.kind_confidence <= 1 and 0 <= scores.risk <= 1


def test_it_is_deterministic(model):
    text = "my mums new bf scares me"
    assert model.scores(text) == model.scores(text)


def test_it_retrains_only_when_the_corpus_changes(tmp_path, monkeypatch):
    small = tmp_path / "corpus.csv"
    lines = ["text,label,kind"]
    for i in range(12):
        lines += [f"my dad hits me {i},disclosure,physical_abuse", f"i feel so low {i},concern,distress",
                  f"how much do nurses earn {i},ordinary,careers_near_topic"]
    small.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(corpus, "CORPUS", small)
    monkeypatch.setattr(corpus, "nlu_ordinary", lambda: [])
    monkeypatch.setattr(corpus, "project_ordinary", lambda: [])
    artefact = tmp_path / "model.pkl"
    first = classifier.ensure_trained(artefact)
    assert classifier.is_current(artefact)
    stamp = artefact.stat().st_mtime_ns
    classifier.ensure_trained(artefact)
    assert artefact.stat().st_mtime_ns == stamp
    small.write_text(small.read_text() + "my mum locks me out,disclosure,physical_abuse\n")
    assert not classifier.is_current(artefact)
    second = classifier.ensure_trained(artefact)
    assert second.corpus_digest != first.corpus_digest
    assert second.scores("my dad hits me").risk == classifier.train(corpus.training_rows()).scores("my dad hits me").risk


def test_leave_one_batch_out_never_judges_a_batch_with_a_model_that_saw_it(monkeypatch):
    from safeguarding import crossval_by_batch
    rows = []
    for i in range(12):
        rows += [corpus.Row(f"my dad hits me {i}", "disclosure", "physical_abuse", batch="a"),
                 corpus.Row(f"how much do nurses earn {i}", ORDINARY, "careers_near_topic", batch="a"),
                 corpus.Row(f"i feel so low {i}", "concern", "distress", batch="b"),
                 corpus.Row(f"this test is killing me {i}", ORDINARY, "exaggeration", batch="b")]
    seen = []
    real_fit = classifier._fit
    monkeypatch.setattr(classifier, "_fit", lambda texts, train: seen.append(set(texts)) or real_fit(texts, train))
    out = crossval_by_batch.figures(rows, threshold=0.5)
    assert set(out) == {"a", "b"} and len(seen) == 2
    assert out["a"]["at_risk"] == 12 and out["a"]["ordinary"] == 12 and out["b"]["at_risk"] == 12
    assert not any(t.startswith("my dad hits me") for t in seen[0])      # batch a was left out of a's model
    assert not any(t.startswith("i feel so low") for t in seen[1])       # batch b was left out of b's model
    assert "all batches" in crossval_by_batch.report(out)
