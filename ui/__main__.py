"""``python -m ui`` starts the desktop app."""

from ui.app import main

raise SystemExit(main())
