# mlmath-viz: `make render` renders every scene, `make test` runs the test suite.
# Both bootstrap the machine first (system packages, .venv); that step is a no-op
# once done, until pyproject.toml or constraints.txt change.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.bootstrap-done

QUALITY ?= high
SCENE ?=
SET ?=
PRESET ?=
SWEEP_NAME ?=
JOBS ?=
OUT ?= renders
THEME ?=
FORMAT ?=

RENDER_ARGS := $(SCENE) --quality $(QUALITY) --out $(OUT) \
	$(foreach s,$(SET),--set '$(s)') \
	$(if $(PRESET),--preset '$(PRESET)') \
	$(if $(SWEEP_NAME),--sweep-name '$(SWEEP_NAME)') \
	$(if $(JOBS),--jobs $(JOBS)) \
	$(if $(FORCE),--force) \
	$(if $(THEME),--theme '$(THEME)') \
	$(foreach f,$(FORMAT),--format '$(f)') \
	$(if $(TRANSPARENT),--transparent) \
	$(if $(SECTIONS),--sections)

.PHONY: all bootstrap render sweep gallery contact-sheet test bench profile fuzz golden list lint format constraints clean clean-cache

all: render

$(STAMP): pyproject.toml constraints.txt scripts/bootstrap.sh
	@bash scripts/bootstrap.sh
	@touch $@

bootstrap: $(STAMP)

render: $(STAMP)
	@$(PY) -m scenes render $(RENDER_ARGS)

# One render per value: make sweep SCENE=GradientDescent SWEEP="lr=0.05:0.65:13"
sweep: $(STAMP)
	@test -n "$(SCENE)" -a -n "$(SWEEP)" || { echo "error: sweep: give SCENE=Name SWEEP=\"key=start:stop:count\"" >&2; exit 2; }
	@$(PY) -m scenes render $(RENDER_ARGS) $(foreach s,$(SWEEP),--sweep '$(s)')

# renders/index.html from what is rendered (make render also writes it).
gallery: $(STAMP)
	@$(PY) -m scenes gallery --out $(OUT)

# One PNG tiling every poster of $(OUT)/<quality>/ with its stem under it, per theme:
# $(OUT)/contact-sheet-<quality>.png (and ...--light.png). make contact-sheet [QUALITY=low]
# (every quality folder found when QUALITY is not given on the command line).
contact-sheet: $(STAMP)
	@$(PY) -m scenes.pipeline.contact_sheet --out $(OUT) \
		$(if $(filter command line,$(origin QUALITY)),--quality $(QUALITY))

# A slide deck of one scene, one slide per beat, into $(OUT)/slides/: <stem>.html (opens
# offline), .pdf, .pptx. make slides SCENE=LinearMap [PRESET=..] [SET=..] [QUALITY=low]
# [THEME=light]
.PHONY: slides
slides: $(STAMP)
	@test -n "$(SCENE)" || { echo "error: slides: give SCENE=Name, e.g. make slides SCENE=LinearMap" >&2; exit 2; }
	@$(PY) -m scenes slides $(SCENE) --quality $(QUALITY) --out $(OUT) \
		$(foreach s,$(SET),--set '$(s)') $(if $(PRESET),--preset '$(PRESET)') $(if $(FORCE),--force) \
		$(if $(THEME),--theme '$(THEME)')

# Render SCENE at low quality (poster and clip), print the visual standard's problems, and
# again each time a file the scene depends on, or scenes.toml, is saved; Ctrl-C stops.
# make preview SCENE=LinearMap [SET="matrix=1,1,0,1"] [PRESET=shear] [THEME=light]
.PHONY: preview
preview: $(STAMP)
	@test -n "$(SCENE)" || { echo "error: preview: give SCENE=Name, e.g. make preview SCENE=LinearMap" >&2; exit 2; }
	@$(PY) -m scenes.pipeline.preview $(SCENE) --out $(OUT) \
		$(foreach s,$(SET),--set '$(s)') $(if $(PRESET),--preset '$(PRESET)') \
		$(if $(THEME),--theme '$(THEME)')
# A lecture of lectures.toml as one video with chapters, captions, a deck and a handout,
# into $(OUT)/lectures/<quality>/; its clips are rendered first when missing or stale.
# make lecture NAME=eigen [QUALITY=low] [THEME=light] [FORCE=1]; make lectures for all.
NAME ?=
LECTURE_ARGS := --quality $(QUALITY) --out $(OUT) $(if $(FORCE),--force) \
	$(if $(THEME),--theme '$(THEME)') $(if $(JOBS),--jobs $(JOBS))
.PHONY: lecture lectures
lecture: $(STAMP)
	@test -n "$(NAME)" || { echo "error: lecture: give NAME=name, e.g. make lecture NAME=eigen (make lectures builds all)" >&2; exit 2; }
	@$(PY) -m scenes lecture $(NAME) $(LECTURE_ARGS)

lectures: $(STAMP)
	@$(PY) -m scenes lecture $(LECTURE_ARGS)

list: $(STAMP)
	@$(PY) -m scenes list

# pytest exits 5 when it collects no tests: that is a failure here, said in words.
test: $(STAMP)
	@$(PY) -m pytest -n 2 --dist loadgroup; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: test: pytest collected no tests" >&2; fi; \
	exit $$status

# Where one render's main-thread time goes: make profile SCENE=ChainRule [QUALITY=high]
profile: $(STAMP)
	@test -n "$(SCENE)" || { echo "error: profile: give SCENE=Name" >&2; exit 2; }
	@$(PY) bench/profile_scene.py $(SCENE) $(QUALITY)

# Render benchmark: writes bench/results.json (BENCH_ARGS="--scenes LinearMap" to narrow).
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

# Longer parameter fuzzing (with shrinking to a minimal failing case) over every scene.
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-60} FUZZ_SHRINK=1 $(PY) -m pytest -n 2 --dist loadfile \
		tests/test_scene_checks.py -k fuzzed

# Regenerate the golden reference frames on purpose after an intended visual change.
golden: $(STAMP)
	GOLDEN_UPDATE=1 $(PY) -m pytest -q tests/test_golden.py

lint: $(STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(PY) -m mypy

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Record the exact package set after changing dependencies (then re-render and look).
constraints: $(STAMP)
	@{ echo "# The exact package set mlmath-viz is tested with (Python 3.11, Debian 12)."; \
	  echo "# scripts/bootstrap.sh installs with 'pip install -c constraints.txt'. Regenerate with"; \
	  echo "# 'make constraints' after changing dependencies, then re-render and check the posters."; \
	  $(PY) -m pip list --format=freeze 2>/dev/null | grep -viE '^(pip|setuptools|mlmath-viz)=='; } > constraints.txt.new
	@mv constraints.txt.new constraints.txt

# Deletes only what is under renders/ (keeps the folder and its .gitkeep).
clean:
	@find $(OUT) -mindepth 1 -not -name .gitkeep -delete 2>/dev/null || true

# The LaTeX and text caches of $(OUT)/.cache/ (they only grow); renders recompile what they need.
clean-cache:
	@rm -rf $(OUT)/.cache
