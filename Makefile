# The two commands: `make run` and `make test`. Everything else is set up by them.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTHON ?= python3

.PHONY: run test lint bench browser pdf clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP) pdf
	$(BIN)/woonregie init
	$(BIN)/woonregie sample --seed 1 --if-empty
	$(BIN)/woonregie serve

test: $(STAMP) browser pdf
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/matching.py

# Browser tests drive Debian's Chromium; Playwright cannot download browsers here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Chromium installeren (apt-get install chromium)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The driepartijenovereenkomst is printed by WeasyPrint, which needs Debian's Pango at run time;
# the tests read the PDF back with pdftotext (poppler-utils).
pdf:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && command -v pdftotext >/dev/null 2>&1; } || { \
	  echo "Pango en poppler-utils installeren (apt-get install)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache woonregie.db
