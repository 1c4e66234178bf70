"""Every scene, preset and fuzzed parameter set passes the scene checker.

The checker (scenes/kit/checking.py) runs each scene without video and checks layout
(everything in frame, no overlapping texts, readable sizes, finite coordinates), the
visual standard (scenes/kit/standard.py: glyph height, title-safe area, one math
typography, distinct colours, readable marks) and the scene's own truth invariants at
the end of every beat. Each (scene, parameters) is built
once per session (conftest's ``built``): the defaults' build is also the golden frames'
build, and a fuzzed set equal to the defaults or a preset reuses that build. Fuzzing
draws parameter sets from each scene's typed parameter dataclass with Hypothesis: each
must either be rejected up front by validation (the exit-2 error) or pass the checker.
Set FUZZ_EXAMPLES (``make fuzz``) for a longer run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from param_strategies import overrides_strategy

from conftest import built, scene_group
from scenes import catalog, presets
from scenes.parameters import ParamError, build, specs

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
#: Shrinking a failure to a minimal example re-runs the scene many times; only the
#: opt-in long run (`make fuzz`, FUZZ_SHRINK=1) pays for it.
PHASES = (
    list(Phase) if os.environ.get("FUZZ_SHRINK") else [Phase.explicit, Phase.reuse, Phase.generate]
)

PRESETS = presets.load()
CASES = [(entry.name, None) for entry in catalog.SCENES] + [
    (scene, name) for scene, table in PRESETS.items() for name in table
]

#: Parameter sets that fuzzing once found to break a scene, kept as regular tests.
#: (scene, overrides, what went wrong before the fix)
REGRESSIONS: list[tuple[str, dict[str, Any], str]] = [
    (
        "LinearMap",
        {"matrix": [[-10.0, -10.0], [-5e-324, -10.0]]},
        "denormal-entry-printed-in-scientific-form-pushed-the-matrix-off-screen",
    ),
]


def assert_passes(name: str, params: Any, tex_dir: Path, *, keep: bool = False) -> None:
    """``name`` with ``params`` passes the checker, on the session's build of it (conftest's
    :func:`built`, LaTeX cache ``tex_dir``); a new build is kept for later tests if
    ``keep``."""
    report = built(name, params, keep=keep, tex_dir=tex_dir)
    assert report.beats, f"{name} {params}: no beats were checked"
    assert report.problems == [], f"{name} {params}:\n" + "\n".join(report.problems)
    assert report.standard == [], f"{name} {params}, the visual standard:\n" + "\n".join(
        report.standard
    )


@pytest.mark.parametrize(
    ("scene", "preset"),
    [pytest.param(s, p, marks=scene_group(s), id=f"{s}-{p or 'default'}") for s, p in CASES],
)
def test_scene_and_presets_pass_the_checker(
    scene: str, preset: str | None, tex_cache: Path
) -> None:
    entry = catalog.BY_NAME[scene]
    overrides = PRESETS[scene][preset] if preset else {}
    assert_passes(scene, build(scene, entry.params_type, overrides), tex_cache, keep=True)


@pytest.mark.parametrize(
    ("scene", "overrides", "why"),
    [pytest.param(s, o, w, marks=scene_group(s), id=f"{s}-{w}") for s, o, w in REGRESSIONS],
)
def test_fuzzing_regressions(
    scene: str, overrides: dict[str, Any], why: str, tex_cache: Path
) -> None:
    entry = catalog.BY_NAME[scene]
    assert_passes(scene, build(scene, entry.params_type, overrides), tex_cache)


@pytest.mark.parametrize("entry", catalog.SCENES, ids=[e.name for e in catalog.SCENES])
def test_every_parameter_declares_its_range(entry: catalog.SceneEntry) -> None:
    for spec in specs(entry.params_type):
        if spec.kind in ("float", "int", "vector", "matrix", "array", "ints"):
            assert spec.low is not None and spec.high is not None, spec.name
        if spec.kind == "str":
            assert spec.choices is not None or spec.pattern is not None, spec.name
        assert spec.help, f"{spec.name} has no help text"


@pytest.mark.parametrize(
    "entry", [pytest.param(e, marks=scene_group(e.name), id=e.name) for e in catalog.SCENES]
)
def test_fuzzed_parameters_are_rejected_or_pass(entry: catalog.SceneEntry, tex_cache: Path) -> None:
    # Hypothesis seeds the derandomized examples from fuzz's source: keep it as it is,
    # or the examples change.
    @settings(
        max_examples=FUZZ_EXAMPLES,
        derandomize=True,  # seeded: the same examples on every run
        phases=PHASES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.data())
    def fuzz(data: st.DataObject) -> None:
        overrides = data.draw(overrides_strategy(entry.params_type), label="overrides")
        try:
            params = build(entry.name, entry.params_type, overrides)
        except ParamError as err:
            message = str(err)
            assert "\n" not in message and message.startswith(entry.name)
            return
        assert_passes(entry.name, params, tex_cache)

    fuzz()
