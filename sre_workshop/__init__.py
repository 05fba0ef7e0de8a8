"""SRE Workshop core: the assessment model, framework, storage, scoring, charts, bundles and CLI.

This package never imports Qt; the desktop front end lives in the separate ``ui`` package.
"""

__version__ = "0.1.0"
