"""Reusable widgets of the desktop app: the live radar canvas and the vote tally."""
