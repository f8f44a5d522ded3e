"""How the net does on a writer it has never seen: leave-one-batch-out cross-validation on the training corpus.

Random folds (safeguarding/crossval.py) put rows by the same writer, written in one sitting, on both sides of
the split, so they flatter the classifier. Here each batch of the corpus (its `source` column) is judged by a
classifier trained on every other batch plus the assistant's own data, at the deployed flag threshold, with the
patterns as they are. These are the figures to compare classifier changes by, without touching a held-out set.

  python -m safeguarding.crossval_by_batch
"""
from __future__ import annotations

from collections import defaultdict

from safeguarding import classifier, corpus, net
from safeguarding.crossval import _pct
from safeguarding.kinds import ORDINARY
from safeguarding.normalise import normalise
from safeguarding.verdict import learnt_flag


def figures(rows: list[corpus.Row] | None = None, threshold: float | None = None) -> dict:
    """{batch: {"caught": n, "at_risk": n, "alarms": n, "ordinary": n}} for every corpus batch."""
    rows = corpus.training_rows() if rows is None else rows
    threshold = classifier.load().flag_threshold if threshold is None else threshold
    batches = sorted({r.batch for r in rows if r.source == "corpus"})
    out: dict = {}
    for batch in batches:
        train = [r for r in rows if not (r.source == "corpus" and r.batch == batch)]
        model = classifier.Classifier(*classifier._fit([normalise(r.text).strip() for r in train], train),
                                      threshold, 0.0, 0.0, "")
        counts = defaultdict(int)
        for row in rows:
            if row.source != "corpus" or row.batch != batch:
                continue
            flagged = net.match(row.text) is not None or learnt_flag(row.text, model.scores(row.text).risk, threshold)
            if row.label == ORDINARY:
                counts["ordinary"] += 1
                counts["alarms"] += flagged
            else:
                counts["at_risk"] += 1
                counts["caught"] += flagged
        out[batch or "(no batch)"] = dict(counts)
    return out


def report(out: dict) -> str:
    lines = [f"{'batch left out':36s} {'recall':>18s} {'false alarms':>18s}"]
    for batch, c in out.items():
        lines.append(f"{batch:36s} {_pct(c.get('caught', 0), c.get('at_risk', 0)):>18s} "
                     f"{_pct(c.get('alarms', 0), c.get('ordinary', 0)):>18s}")
    total = {k: sum(c.get(k, 0) for c in out.values()) for k in ("caught", "at_risk", "alarms", "ordinary")}
    lines.append(f"{'all batches':36s} {_pct(total['caught'], total['at_risk']):>18s} "
                 f"{_pct(total['alarms'], total['ordinary']):>18s}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(figures()))
