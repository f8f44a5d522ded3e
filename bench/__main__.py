"""`make bench`: prints resolver latency and accuracy, safeguarding recall and false alarms, intent F1 on the
held-out set, and REST latency."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench import latency, nlu, resolver
from bench import safeguarding as safeguarding_bench
from bot.local_servers import start
from bot.train import ensure_model
from lmi.config import PROJECT_ROOT, make_engine
from lmi.loader import load
from lmi.queries import LMI


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        load(PROJECT_ROOT / "data" / "lmi", engine)
        lmi = LMI(engine)
        lat = resolver.latency(lmi)
        print(f"Occupation resolution latency: p50 {lat['p50_ms']:.3f} ms, p95 {lat['p95_ms']:.3f} ms, "
              f"max {lat['max_ms']:.3f} ms over {lat['queries']} queries ({lat['phrases']} known phrases, cold cache)")
        acc = resolver.accuracy(lmi)
        if "error" in acc:
            print(f"Resolver accuracy: {acc['error']}")
        else:
            print(f"Resolver top-1 accuracy on held-out phrasings (ONS related job titles as aliases): "
                  f"{acc['top1']:.1%} ({acc['phrasings']} phrasings); {acc['top1_not_ons']:.1%} on the "
                  f"{acc['phrasings_not_ons']} that are not ONS titles")
            for text, want, got in acc["misses"][:10]:
                print(f"  miss: {text!r}: expected {want}, got {got}")
        sys.stdout.flush()

        model = ensure_model()
        safeguarding_bench.main([], model_path=model)
        sys.stdout.flush()
        scores = nlu.evaluate(model, lmi)
        print(f"Intents on {scores['utterances']} held-out utterances ({scores['intents']} intents): "
              f"macro-F1 {scores['macro_f1']:.3f}, accuracy {scores['accuracy']:.3f} "
              f"({scores['fallbacks']} fell back to 'I didn't understand', counted as misses)")
        if scores["entity_recall"] is not None:
            print(f"Entities found (spaCy entity rules) on the same set: {scores['entity_recall']:.1%} "
                  f"of {scores['entities']} annotated")
        if scores["occupation_top1"] is not None:
            print(f"Occupation top-1 on the same set (entity, then whole message, as the actions do): "
                  f"{scores['occupation_top1']:.1%} of {scores['occupations']}")
            for text, want, got in scores["occupation_misses"][:10]:
                print(f"  miss: {text!r}: expected {want}, got {got}")
        for (want, got), count in scores["confusions"]:
            print(f"  confused {want} -> {got}: {count}")
        sys.stdout.flush()

        servers = start(Path(tmp))
        try:
            rest = latency.measure(servers)
        finally:
            servers.stop()
        print(f"REST end to end, one conversation: p50 {rest['single_p50_ms']:.0f} ms, "
              f"p95 {rest['single_p95_ms']:.0f} ms over {rest['messages_single']} messages")
        print(f"REST end to end, {rest['concurrent_conversations']} conversations at once: "
              f"p50 {rest['concurrent_p50_ms']:.0f} ms, p95 {rest['concurrent_p95_ms']:.0f} ms, "
              f"{rest['throughput_msgs_per_s']:.1f} messages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
