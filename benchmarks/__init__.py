"""SRE Workshop's benchmark suite: start-up, capture latency, PDF, scale and memory budgets.

``make bench`` (or ``.venv/bin/python -m benchmarks``) runs every scenario and prints one table;
``docs/performance.md`` explains the figures, the budgets and how they were met. The suite is
not part of ``make check``: it times things on a real machine, so it reports, it does not fail
the build.

Layout:

``run.py``        the runner: orchestrates the scenarios and prints the table
``common.py``     statistics, peak memory, machine description, the result protocol
``data.py``       the demo and the generated scale data folders, cached per schema version
``generate.py``   writes the scale data folder (500 teams x 8 assessments by default)
``xserver.py``    a private Xvfb and "is the window visible yet?" polling with xdotool
``startup.py``    process start until the main window is visible, for the app and a bare program
``bare_app.py``   the bare PySide6 program the start-up and memory budgets compare with
``scenarios.py``  the in-process scenarios (each runs in its own offscreen Python process)
"""
