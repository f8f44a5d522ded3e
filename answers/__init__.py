"""What Pathfinder says: short, plain-English, sourced replies composed from lmi queries.

No Rasa imports: actions/ hands these replies to Rasa, and pytest checks them directly.
"""
