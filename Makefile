# Common commands. `make demo` and `make test` set everything up on a fresh
# clone (a virtual environment in .venv) and then run.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STORE ?= .kg/store

.PHONY: install demo eval test check lint typecheck bench wheel vocab facts golden model crossval clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## Build the curated seed-story facts and the sample corpus into $(STORE), show and check it,
## then write the centrality report and the offline explorer beside the store.
demo: install
	$(KG) load data/facts --store $(STORE)
	$(KG) build data/corpus --store $(STORE)
	$(KG) stats --store $(STORE)
	$(KG) validate --store $(STORE)
	$(KG) report --store $(STORE) --out $(dir $(STORE))report
	$(KG) view --store $(STORE) --out $(dir $(STORE))explorer.html
	@echo "open $(dir $(STORE))explorer.html in a browser; the report is in $(dir $(STORE))report/report.html"

## Score extraction on the seeds, the sample corpus and the held-out devset.
eval: install
	$(KG) eval ../shared/eval/seeds
	$(KG) eval data/corpus
	$(KG) eval data/devset

test: install
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check kg tests bench notebooks
	$(VENV)/bin/ruff format --check kg tests bench notebooks

typecheck: install
	$(VENV)/bin/mypy

check: lint typecheck test

## Benchmarks; results go to bench/RESULTS.md.
bench: install
	$(PY) -m bench.run --out bench/RESULTS.md

## A wheel of kg whose extraction modules are compiled with mypyc (faster, same output),
## in dist/; needs a C compiler. Install it with pip install dist/kg-*.whl.
wheel: install
	$(PY) -m bench.compiled --dist dist

## Regenerate generated files after editing their sources; review the diff.
vocab: install
	$(PY) -m kg.vocabgen

facts: install
	$(PY) -m kg.facts data/facts/*.json

## Retrain the pair model (data/models/pairs.json) on every gold article after the gold or
## the rules change; tests/test_pairs.py checks the file is what this gives.
model: install
	$(PY) -m kg.extract.train ../shared/eval/seeds data/corpus data/devset

crossval: install
	$(PY) -m kg.crossval ../shared/eval/seeds data/corpus data/devset

golden: install
	$(PY) -m tests.golden

clean:
	rm -rf $(VENV) .kg .mypy_cache .ruff_cache .pytest_cache build dist
