"""``python -m sre_workshop`` runs the command line."""

from sre_workshop.cli import main

raise SystemExit(main())
