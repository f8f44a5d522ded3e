"""Custom Rasa graph components.

Rasa imports this package in its own process whenever it loads Pathfinder's model (rasa run, shell, test), so
the one-time speed-up of its action-response check is installed here (bot/action_response_check.py).
"""
from bot.action_response_check import install as _install_action_response_check

_install_action_response_check()
