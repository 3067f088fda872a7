# Two commands set up a fresh machine (only Python 3.10+ and make needed):
#   make test     create .venv/, install the pinned environment, run the whole test suite
#   (make test-fast: only the fast tier, tests/unit/: the pure parts, no kernel, no subprocess, seconds)
#   make demo     the whole grading job on a made-up class: collect, grade, feedback, export, report
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# nbgrader shells out to `alembic`: the environment's bin/ must be on PATH for every nbgrader call.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup sandbox test-packages test test-fast lint demo course release check clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# pip compiles every module to bytecode one file at a time; compileall makes the same .pyc files on every core
	# (a fresh set-up 65 s -> 46 s on 2 cores).
	$(BIN)/python -m pip install --quiet --no-compile -r requirements.txt
	$(BIN)/python -m compileall -q -j 0 "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" > /dev/null
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# Validate answers with a summary first (mlmath/validate.py): a Jupyter server extension, enabled in .venv.
	mkdir -p $(VENV)/etc/jupyter/jupyter_server_config.d
	echo '{"ServerApp": {"jpserver_extensions": {"mlmath.validate": true}}}' \
		> $(VENV)/etc/jupyter/jupyter_server_config.d/mlmath.json
	# Every nbgrader and Jupyter process would spend a second building rfc3987_syntax's parsers for jsonschema's
	# unused "iri" format check (jsonschema#1428; see mlmath/__init__.py): a .pth line, run at start-up, skips it.
	echo 'import sys; sys.modules.setdefault("rfc3987_syntax", None)' \
		> "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/mlmath_skip_rfc3987.pth"
	touch $@

setup: $(VENV)/.installed

# bubblewrap, the sandbox of every grading kernel: installed as root, else the command to run is printed.
sandbox:
	@sh scripts/need_packages.sh bwrap:bubblewrap

# ... and for the browser tests (tests/test_browser.py) Debian's headless Chromium and its WebDriver, and for
# the PostgreSQL gradebook's tests (tests/pg_server.py) Debian's PostgreSQL server.
test-packages:
	@sh scripts/need_packages.sh bwrap:bubblewrap chromium:chromium chromedriver:chromium-driver ps:procps \
		'/usr/lib/postgresql/*/bin/initdb:postgresql'

lint: setup
	$(BIN)/ruff check .

# The suite runs in TEST_WORKERS pytest-xdist processes (one per core by default; TEST_WORKERS=1: one process),
# each taking whole groups of tests so that no shared fixture is made twice (tests/conftest.py).
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
test: test-packages lint
	$(BIN)/python -m pytest $(if $(filter-out 0 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadgroup)

test-fast: setup
	$(BIN)/python -m pytest tests/unit -q

release: setup
	$(BIN)/mlmath release

check: setup
	$(BIN)/mlmath check

course: release check

demo: sandbox setup
	$(BIN)/mlmath demo

clean:
	rm -rf gradebook.db submitted feedback reports demo grades.csv tests.csv .pytest_cache
