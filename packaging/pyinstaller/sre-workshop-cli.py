"""Entry point of the frozen command line (``sre-workshop-cli``)."""

from sre_workshop.cli import main

raise SystemExit(main())
