"""The staff console: escalation queue, transcripts, bookings and the Benchmark 8 report.

Thin Flask views over booking/; no business logic lives here.
"""
