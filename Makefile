# The course's commands. `make help` lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
JOBS   ?= 2

.PHONY: help install assets book nbval html test lab serve refresh bench lock linkcheck clean

help:
	@echo "make book      install, check every notebook with nbval, build the HTML book into _build/html"
	@echo "make test      the whole test suite: nbval, structure, robustness, exercises, helpers, build, browser"
	@echo "make assets    fetch the pinned npm packages (needs npm once): make book and make test do"
	@echo "make lab       JupyterLab on the course"
	@echo "make serve     serve the built book on http://$(HOST):$(PORT)"
	@echo "make refresh   re-execute notebooks in place to update their stored outputs"
	@echo "make bench     time every notebook and the book build against the budgets"
	@echo "make lock      re-pin requirements*.txt from requirements*.in (and binder/)"
	@echo "make linkcheck check every external link of the book"

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(STAMP)

# The pinned npm packages the book ships (the widgets' scripts) and its tests use, fetched
# once into .cache/npm before any build, so parallel test workers never fetch them at once.
assets: $(STAMP)
	$(BIN)/python scripts/npm_assets.py

nbval: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile notebooks

html: assets
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is in _build/html: open _build/html/index.html, or run make serve."

book: nbval html

test: assets
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=$(HOST) --notebook-dir=notebooks

serve:
	@test -f _build/html/index.html || { echo "No book yet: run make book first."; exit 1; }
	@echo "Serving the book on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(PYTHON) -m http.server --bind $(HOST) --directory _build/html $(PORT)

refresh: $(STAMP)
	$(BIN)/python scripts/refresh.py $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

lock: $(STAMP)
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in
	cp requirements.txt binder/requirements.txt

linkcheck: $(STAMP)
	$(BIN)/jupyter-book build . --builder linkcheck

clean:
	rm -rf _build .pytest_cache
