"""The pupil chat widget: a demo school page, the embed script and its assets (no build step)."""
