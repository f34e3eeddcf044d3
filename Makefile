# Two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install browser lint serve clean bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Footwork needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/footwork library load
	$(BIN)/footwork programs load
	$(BIN)/footwork demo
	$(BIN)/python -m footwork runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium from Debian's packages for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing and we are not root: browser tests will be skipped."; fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install browser lint
	$(BIN)/pytest

# Speed figures, by hand (minutes): parsing one upload, a 1,000-activity export, 10 years of load metrics, pages,
# the coach's workspace.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/import_bench.py --count 1000
	$(BIN)/python bench/load_bench.py
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/coach_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
