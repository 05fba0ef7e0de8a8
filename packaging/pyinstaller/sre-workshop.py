"""Entry point of the frozen desktop app (``sre-workshop``; ``--self-test`` checks the build)."""

from ui.app import main

raise SystemExit(main())
