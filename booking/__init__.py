"""Guidance interviews (Gatsby Benchmark 8): schools, advisers, slots, bookings, waiting list,
escalations to staff and the outbox of handoff messages. No Rasa or web imports.
"""
