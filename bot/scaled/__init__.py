"""Pathfinder's scaled layout on one machine: PostgreSQL, Redis, several Rasa replicas, a multi-worker action
server, the console and a HAProxy reverse proxy in front (`make run-scaled`, tests/scaled/, bench/load/)."""
