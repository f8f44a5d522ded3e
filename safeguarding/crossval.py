"""Cross-validated figures for the whole net on its own training corpus: the patterns as they are, the learnt
classifier out of fold (trained on four folds, judged on the fifth, thresholds chosen out of fold), combined
the way safeguarding/verdict.py combines them. Reads only data/safeguarding/corpus.csv and the assistant's own
data, never the held-out set.

  python -m safeguarding.crossval
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from safeguarding import classifier, corpus, net
from safeguarding.kinds import DISCLOSURE, ORDINARY
from safeguarding.verdict import learnt_flag


def figures(rows: list[corpus.Row] | None = None) -> dict:
    rows = corpus.training_rows() if rows is None else rows
    risk, disclosure = classifier.out_of_fold(rows)
    cv = classifier.choose_thresholds(rows, risk, disclosure)
    share = disclosure / np.maximum(risk, 1e-9)
    out = {"cv": cv, "recall": defaultdict(lambda: [0, 0]), "false_alarms": defaultdict(lambda: [0, 0]),
           "urgent": [0, 0], "urgent_false_alarms": 0, "misses": [], "alarms": []}
    for i, row in enumerate(rows):
        if row.source != "corpus":
            continue
        pattern = net.match(row.text) is not None
        learnt = learnt_flag(row.text, risk[i], cv["flag_threshold"])
        urgent = pattern or (learnt and share[i] >= cv["urgent_share"] and risk[i] >= cv["urgent_risk"])
        flagged = pattern or learnt
        if row.label == ORDINARY:
            out["false_alarms"][row.kind][0] += flagged
            out["false_alarms"][row.kind][1] += 1
            out["urgent_false_alarms"] += urgent
            if flagged:
                out["alarms"].append((row.kind, "pattern" if pattern else f"{risk[i]:.2f}", row.text))
        else:
            out["recall"][row.kind][0] += flagged
            out["recall"][row.kind][1] += 1
            if row.label == DISCLOSURE and flagged:
                out["urgent"][0] += urgent
                out["urgent"][1] += 1
            if not flagged:
                out["misses"].append((row.kind, f"{risk[i]:.2f}", row.text))
    return out


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.1%})" if d else "0/0"


def report(out: dict, verbose: bool = False) -> str:
    recall, alarms = out["recall"], out["false_alarms"]
    caught = sum(n for n, _ in recall.values()); total = sum(d for _, d in recall.values())
    flagged = sum(n for n, _ in alarms.values()); ordinary = sum(d for _, d in alarms.values())
    lines = [classifier.describe(out["cv"]), "",
             f"patterns + classifier, corpus rows: recall {_pct(caught, total)}; false alarms {_pct(flagged, ordinary)}; "
             f"caught disclosures urgent {_pct(*out['urgent'])}; ordinary rows urgent {out['urgent_false_alarms']}",
             "recall by kind: " + ", ".join(f"{k} {_pct(*v)}" for k, v in sorted(recall.items())),
             "false alarms by ordinary kind: " + ", ".join(f"{k} {_pct(*v)}" for k, v in sorted(alarms.items()))]
    if verbose:
        lines += ["", "missed:"] + [f"  {k} {s} {t}" for k, s, t in out["misses"]]
        lines += ["", "false alarms:"] + [f"  {k} {s} {t}" for k, s, t in out["alarms"]]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    print(report(figures(), verbose="-v" in sys.argv))
