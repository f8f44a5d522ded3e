"""Hub insight: what a hub's pupils ask Pathfinder about, and what its dataset could not answer.

One anonymous row per question (no conversation id, no message text, the month only), counted for hub leads and
careers leaders with small counts suppressed. `insight.record.record_asked` is the one entry point for writers.
"""
