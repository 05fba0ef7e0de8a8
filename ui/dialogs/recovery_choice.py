"""What the coach chose when the database failed its start-up check."""

from __future__ import annotations

from enum import Enum


class RecoveryChoice(Enum):
    RESTORE = "restore"
    START_EMPTY = "start_empty"
    QUIT = "quit"
