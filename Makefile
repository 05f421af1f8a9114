# Two commands do all the set-up on a fresh machine:  `make run`  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: run test bench install install-test browser clean

# The app needs only the package; the tests add pytest, Playwright and Dask (installed by `make test` alone).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Debian's chromium drives the browser tests (Playwright's own browser download is not used); a CJK font lets
# screenshots of Chinese reports show characters instead of empty boxes.
browser:
	@{ command -v chromium >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null; }

run: install
	$(VENV)/bin/tosscan serve

test: install-test browser
	$(PY) -m pytest

bench: install
	$(VENV)/bin/tosscan bench

clean:
	rm -rf $(VENV) .pytest_cache
