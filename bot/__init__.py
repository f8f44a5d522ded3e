"""Pathfinder's Rasa assistant: config, domain and the Python glue that builds, trains and runs it."""
