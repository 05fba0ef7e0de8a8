"""Qt item models: thin adapters that show core objects in Qt views (no logic of their own)."""
