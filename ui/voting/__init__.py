"""Room voting in the desktop app: the coach's panel, the projector's join code, the Qt bridge."""
