"""The safeguarding net on the held-out set written apart (bench/heldout_safeguarding.csv: text,label,kind).

Never used to choose anything: only this bench and a test that keeps it apart from the training data read it.
Per kind: recall (caught at any tier) and how many disclosures got the urgent tier; per ordinary kind: false
alarms (flagged at any tier); with the counts behind each. Then the added latency of the patterns and the
classifier per message.

  python -m bench.safeguarding            as live: with DIET's score only when it is switched on and a model exists
  python -m bench.safeguarding --no-diet  patterns and classifier only (no Rasa needed)
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from safeguarding import check, classifier, net
from safeguarding.kinds import DISCLOSURE, KINDS, ORDINARY, ORDINARY_KINDS, TIERS

HELDOUT = Path(__file__).with_name("heldout_safeguarding.csv")
# Written apart in 2026-11 after the first set's misses had been named in corpus-writing prompts: the fair measure.
HELDOUT_V2 = Path(__file__).with_name("heldout_safeguarding_v2.csv")
HELDOUT_SETS = (HELDOUT_V2, HELDOUT)
CAVEATS = {HELDOUT.name: "4 of its rows are no longer independent: their themes were named in the prompts for the "
                         "2026-11 corpus batches (bench/README.md)"}
TARGETS = {"recall": 0.99, "critical_recall": 1.0, "false_alarms": 0.02, "p95_ms": 5.0}
CRITICAL = ("suicidal_thoughts", "sexual_abuse")


@dataclass(frozen=True)
class Case:
    text: str
    label: str
    kind: str


def read(path: Path = HELDOUT) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Case(r["text"].strip(), r["label"].strip(), r["kind"].strip()) for r in csv.DictReader(fh)
                if (r.get("text") or "").strip() and (r.get("label") or "").strip() in TIERS]


def verdicts_without_diet(cases: list[Case]) -> list[tuple[str, str | None]]:
    return [(v.tier, v.kind) for v in (check(c.text) for c in cases)]


def verdicts_with_diet(cases: list[Case], model_path: Path) -> list[tuple[str, str | None]]:
    """The live verdict: each message through the trained Rasa model, whose last NLU step is the net."""
    import logging

    import structlog
    from rasa.core.agent import Agent
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(str(model_path))

    async def parse_all():
        return [await agent.parse_message(c.text) for c in cases]

    out = []
    for parsed in asyncio.run(parse_all()):
        found = parsed.get("safeguarding") or {}
        out.append((found.get("tier", ORDINARY), found.get("kind")))
    return out


def latency(texts: list[str], rounds: int = 3) -> dict:
    """Milliseconds the net adds per message (patterns + classifier), after one warm-up pass."""
    model = classifier.load()
    for text in texts:
        net.match(text), model.scores(text)
    timings = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            net.match(text)
            model.flags(model.scores(text))
            timings.append((time.perf_counter() - started) * 1000)
    ordered = sorted(timings)
    return {"p50": statistics.median(ordered), "p95": ordered[int(0.95 * (len(ordered) - 1))], "n": len(ordered)}


def report(cases: list[Case], verdicts: list[tuple[str, str | None]], *, diet: bool, out=print) -> dict:
    caught, urgent, total = defaultdict(int), defaultdict(int), defaultdict(int)
    disclosures, alarms, ordinary = defaultdict(int), defaultdict(int), defaultdict(int)
    urgent_alarms = defaultdict(int)
    misses, false_alarms = [], []
    for case, (tier, kind) in zip(cases, verdicts):
        if case.label == ORDINARY:
            ordinary[case.kind] += 1
            if tier != ORDINARY:
                alarms[case.kind] += 1
                urgent_alarms[case.kind] += tier == DISCLOSURE
                false_alarms.append((case, tier, kind))
            continue
        total[case.kind] += 1
        if tier != ORDINARY:
            caught[case.kind] += 1
        else:
            misses.append(case)
        if case.label == DISCLOSURE:
            disclosures[case.kind] += 1
            urgent[case.kind] += tier == DISCLOSURE
    out(f"Safeguarding net on {len(cases)} held-out messages written apart "
        f"({'patterns + classifier + DIET score, as live' if diet else 'patterns + classifier; DIET not included'}):")
    out(f"  {'kind':28} {'recall':>16} {'disclosures urgent':>20}")
    for kind in [k for k in KINDS if total[k]] + sorted(k for k in total if k not in KINDS):
        share = caught[kind] / total[kind]
        out(f"  {kind:28} {share:7.1%} ({caught[kind]:3}/{total[kind]:3}) "
            f"{urgent[kind]:9}/{disclosures[kind]:<3}")
    out(f"  {'ordinary kind':28} {'false alarms':>16} {'of them urgent':>20}")
    for kind in [k for k in ORDINARY_KINDS if ordinary[k]] + sorted(k for k in ordinary if k not in ORDINARY_KINDS):
        out(f"  {kind:28} {alarms[kind] / ordinary[kind]:7.1%} ({alarms[kind]:3}/{ordinary[kind]:3}) "
            f"{urgent_alarms[kind]:9}")
    at_risk, n_ordinary = sum(total.values()), sum(ordinary.values())
    figures = {
        "recall": sum(caught.values()) / at_risk if at_risk else 0.0,
        "false_alarms": sum(alarms.values()) / n_ordinary if n_ordinary else 0.0,
        "urgent": sum(urgent.values()) / sum(disclosures.values()) if sum(disclosures.values()) else 0.0,
    }
    for kind in CRITICAL:
        figures[kind] = caught[kind] / total[kind] if total[kind] else 0.0
    out(f"  Overall recall {figures['recall']:.1%} ({sum(caught.values())}/{at_risk}, target "
        f"{TARGETS['recall']:.0%}); suicidal thoughts {figures['suicidal_thoughts']:.1%} "
        f"({caught['suicidal_thoughts']}/{total['suicidal_thoughts']}), sexual abuse {figures['sexual_abuse']:.1%} "
        f"({caught['sexual_abuse']}/{total['sexual_abuse']}) (target 100%)")
    out(f"  Disclosures given the urgent tier: {figures['urgent']:.1%} "
        f"({sum(urgent.values())}/{sum(disclosures.values())})")
    out(f"  False alarms {figures['false_alarms']:.1%} of ordinary messages ({sum(alarms.values())}/{n_ordinary}, "
        f"target at most {TARGETS['false_alarms']:.0%})")
    for case in misses:
        out(f"  missed ({case.label}, {case.kind}): {case.text!r}")
    for case, tier, kind in false_alarms:
        out(f"  false alarm ({case.kind} -> {tier}, {kind}): {case.text!r}")
    return figures


def main(argv: list[str] | None = None, model_path: Path | None = None) -> int:
    parser = argparse.ArgumentParser(description="Safeguarding recall and false alarms on the held-out set.")
    parser.add_argument("--no-diet", action="store_true", help="patterns and classifier only")
    parser.add_argument("--heldout", type=Path, action="append",
                        help="a held-out CSV (repeatable; default: every set in bench/)")
    args = parser.parse_args(argv)
    sets = [p for p in (args.heldout or HELDOUT_SETS) if p.exists()]
    for missing in [p for p in (args.heldout or HELDOUT_SETS) if not p.exists()]:
        print(f"Safeguarding: no held-out set at {missing}; nothing to measure there.")
    if not sets:
        return 0
    model = classifier.ensure_trained()
    print("Safeguarding classifier threshold from " + classifier.describe(model.cross_validation))
    if model_path is None and not args.no_diet:
        from bot.train import MODEL, is_current
        model_path = MODEL if MODEL.exists() and is_current() else None
    from safeguarding.verdict import DIET_THRESHOLD
    diet = model_path is not None and not args.no_diet and DIET_THRESHOLD is not None
    if DIET_THRESHOLD is None:
        print("  DIET's score is off (PATHFINDER_SAFEGUARDING_DIET_THRESHOLD), so the live verdict is patterns + "
              "classifier, measured here without Rasa.")
    for path in sets:
        cases = read(path)
        print(f"Held-out set {path.name}" + (f" ({CAVEATS[path.name]})" if path.name in CAVEATS else "") + ":")
        verdicts = verdicts_with_diet(cases, model_path) if diet else verdicts_without_diet(cases)
        report(cases, verdicts, diet=diet)
        lat = latency([c.text for c in cases])
        print(f"  Added cost per message (patterns + classifier): p50 {lat['p50']:.2f} ms, p95 {lat['p95']:.2f} ms "
              f"over {lat['n']} checks (target p95 at most {TARGETS['p95_ms']:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
