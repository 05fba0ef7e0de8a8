# Two commands do all set-up on a fresh machine with Python 3.11+ and make:
#   make run     start SRE Workshop
#   make check   lint, import contract, type check of the core, and the whole test suite
# and, for a release: make package (the frozen app in dist/sre-workshop/, packaging/README.md)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run check lint typecheck test screenshots package package-check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("SRE Workshop needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sre-workshop $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

check: lint typecheck test

# Rewrite the README's screenshots in docs/screenshots/ from the demo data (offscreen).
# The room voting pictures need Debian's chromium (apt-get install -y chromium).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/take_screenshots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/take_room_voting_screenshots.py

# The frozen app (PyInstaller, one folder) in dist/sre-workshop/; see packaging/README.md.
PACKAGING_STAMP := $(VENV)/.installed-packaging
$(PACKAGING_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,packaging]'
	touch $(PACKAGING_STAMP)

package: $(PACKAGING_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean packaging/pyinstaller/sre-workshop.spec

# What CI runs after `make check`: the frozen build's and the wheel's self-tests, the validators.
package-check: $(STAMP)
	bash packaging/ci-package-checks.sh

# Benchmarks against the performance budgets (docs/performance.md); not part of `make check`.
# Start-up is timed on Xvfb; on Debian/Ubuntu first: apt-get install -y xvfb xdotool
#   libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1
#   libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0
# BENCH_ARGS="--quick" or "--only startup,pdf" narrow it down.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
