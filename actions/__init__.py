"""Pathfinder's custom actions (rasa-sdk). Thin: they read the tracker, call answers/ and lmi/, and reply."""
