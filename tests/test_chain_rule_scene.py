"""ChainRule: its own mobjects against its sidecar numbers and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden for the default and the presets). The dots and the
nudges' arrows are read back with each number line's ``p2c``; the derivative is checked
against a central difference of the composition, not against the module.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from manim import Arrow, Dot
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz.derivatives import FUNCTIONS
from scenes.calculus.chain_rule import LONGEST, SHORTEST
from scenes.calculus.params import ChainRuleParams

CASES = {
    "default": ChainRuleParams(),
    "sigmoid-of-square": ChainRuleParams(outer="sigmoid", inner="square", x=1.5, dx=0.2),
    "flat-inner": ChainRuleParams(outer="exp", inner="square", x=0.0, dx=0.2),
    "double-flip": ChainRuleParams(outer="cubic", inner="sine", x=2.5, dx=0.2),
    "steep, exp of exp near its end": ChainRuleParams(outer="exp", inner="exp", x=0.38, dx=0.2),
}

BEATS = ["composition", "inner", "outer", "product"]


@pytest.fixture(params=[pytest.param(c, marks=scene_group("ChainRule")) for c in CASES])
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("ChainRule", CASES[request.param])


def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert sum(m["invariants"] for m in report.measured.values()) >= 20
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)


def test_derivative_is_a_central_difference_of_the_composition(case: tuple[str, Any]) -> None:
    name, report = case
    d, p = report.scene.data, CASES[name]
    f, g = FUNCTIONS[p.outer], FUNCTIONS[p.inner]
    h = 1e-6
    central = (f.value(g.value(p.x + h)) - f.value(g.value(p.x - h))) / (2 * h)
    assert_allclose(d["derivative"], central, rtol=1e-6, atol=1e-8)
    assert_allclose(d["derivative"], d["inner_derivative"] * d["outer_derivative"], rtol=1e-15)
    assert_allclose(d["inner_value"], g.value(p.x), rtol=1e-15)
    u = d["inner_value"]
    assert_allclose(d["outer_derivative"], (f.value(u + h) - f.value(u - h)) / (2 * h),
                    rtol=1e-6, atol=1e-8)  # fmt: skip
    assert_allclose(d["outer_change"], f.value(g.value(p.x + p.dx)) - f.value(g.value(p.x)),
                    rtol=1e-12, atol=1e-15)  # fmt: skip
    for key in ("x", "inner_value", "inner_derivative", "outer_derivative", "derivative"):
        assert key in d


def test_dots_and_arrows_sit_at_the_sidecar_values(case: tuple[str, Any]) -> None:
    _, report = case
    pic, d = report.scene.picture, report.scene.data
    x_line, u_line, y_line = pic.lines
    for line, dot, value in zip(
        pic.lines, pic.points, (d["x"], d["inner_value"], d["outer_value"]), strict=True
    ):
        assert_allclose(line.p2c(dot.get_center()), value, atol=1e-9)
        assert_allclose(dot.get_center()[1], line.y, atol=1e-12)
    for line, nudge, start, change in (
        (x_line, pic.dx_nudge, d["x"], d["dx"]),
        (u_line, pic.inner_predicted, d["inner_value"], d["inner_prediction"]),
        (u_line, pic.inner_actual, d["inner_value"], d["inner_change"]),
        (y_line, pic.outer_predicted, d["outer_value"], d["outer_prediction"]),
        (y_line, pic.outer_actual, d["outer_value"], d["outer_change"]),
    ):
        if isinstance(nudge.mark, Arrow):
            assert_allclose(line.p2c(nudge.mark.get_start()), start, atol=1e-9)
            assert_allclose(line.p2c(nudge.mark.get_end()), start + change, atol=1e-9)
            assert nudge.mark.get_stroke_width() >= 4
            # the label sits beyond the tip, on the side the nudge points to
            side = np.sign(nudge.mark.get_end()[0] - nudge.mark.get_start()[0])
            assert side * (nudge.label.get_center()[0] - nudge.mark.get_end()[0]) > 0
        else:
            assert isinstance(nudge.mark, Dot)
            assert abs(change) * line.unit < 0.03
            if nudge is pic.inner_predicted or nudge is pic.outer_predicted:
                assert nudge.label.tex_string.endswith("= 0"), nudge.label.tex_string


def test_drawn_lengths_are_the_stretch_factors(case: tuple[str, Any]) -> None:
    """On screen, the u arrow is g'(x) times the dx arrow and the y arrow f'(u) times the
    u arrow, once each line's zoom is divided out; signs flip with negative slopes."""
    _, report = case
    pic, d = report.scene.picture, report.scene.data
    zx, zu, zy = d["zoom"]
    assert list(pic.zoom) == d["zoom"]

    def drawn(nudge: Any) -> float:
        if isinstance(nudge.mark, Dot):
            return 0.0
        return float(nudge.mark.get_end()[0] - nudge.mark.get_start()[0])

    base = d["scene_units_per_unit"]
    for line, z in zip(pic.lines, d["zoom"], strict=True):
        assert_allclose(line.unit, base * z, rtol=1e-12)
    dx_len = drawn(pic.dx_nudge) / zx
    u_len = drawn(pic.inner_predicted) / zu
    y_len = drawn(pic.outer_predicted) / zy
    if u_len:
        assert_allclose(u_len / dx_len, d["inner_derivative"], rtol=1e-9)
    if y_len:
        assert_allclose(y_len / u_len, d["outer_derivative"], rtol=1e-9)
    # the longest nudge is LONGEST before zooming; every zoomed line's nudges reach SHORTEST
    longest = max(abs(d[k]) for k in ("dx", "inner_prediction", "inner_change",
                                      "outer_prediction", "outer_change"))  # fmt: skip
    assert_allclose(longest * base, LONGEST, rtol=1e-12)
    for z, keys in zip(d["zoom"], (("dx",), ("inner_prediction", "inner_change"),
                                   ("outer_prediction", "outer_change")), strict=True):  # fmt: skip
        if z != 1:
            assert max(abs(d[k]) for k in keys) * base * z >= SHORTEST * (1 - 1e-12)
    assert len(pic.zoom_notes) == sum(z != 1 for z in d["zoom"])


def test_captions_say_what_the_case_shows(case: tuple[str, Any]) -> None:
    name, report = case
    captions = {b.name: b.caption for b in report.scene.beats}
    d = report.scene.data
    assert "-" not in "".join(captions.values()).replace("second-order", "")
    if name == "flat-inner":
        assert "nudge vanishes" in captions["inner"]
        assert "the derivative is 0" in captions["product"]
        assert d["derivative"] == 0
    if name == "double-flip":
        assert "flips direction" in captions["inner"] and "flips the nudge" in captions["outer"]
        assert d["inner_derivative"] < 0 and d["outer_derivative"] < 0 < d["derivative"]
        assert "(−0.801)" in captions["product"]
    if name == "sigmoid-of-square":
        assert d["zoom"] == [1.0, 1.0, 2.0]
        assert "y line is zoomed in 2×" in captions["outer"]


def test_presets_in_scenes_toml() -> None:
    from scenes import presets

    table = presets.load()["ChainRule"]
    assert set(table) == {"sigmoid-of-square", "flat-inner", "double-flip"}
    for name, overrides in table.items():
        assert ChainRuleParams(**overrides) == CASES[name]
    # the double flip's comment: cos 2.5 = -0.80 and (sin 2.5)^2 - 1 = -0.64
    assert_allclose(math.cos(2.5), -0.80, atol=5e-3)
    assert_allclose(math.sin(2.5) ** 2 - 1, -0.64, atol=5e-3)


@pytest.mark.parametrize(
    ("settings", "fragments"),
    [
        (("outer=exp", "inner=square", "x=1.5"), ("parameter 'x'", "[-1.342, 1.342]")),
        (("outer=square", "inner=exp", "x=1"), ("parameter 'x'", "[-2.5, 0.9163]")),
        (("outer=exp", "inner=square", "x=1.3", "dx=0.1"), ("parameter 'dx'", "1.342")),
        (("x=7",), ("parameter 'x'", "-5")),
    ],
    ids=["g(x)-outside-f", "exp-then-square", "nudge-leaves", "out-of-range"],
)
def test_bad_x_exits_2_naming_it(
    tmp_path: Path, settings: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    args = [a for s in settings for a in ("--set", s)]
    line = rejected_render(tmp_path, "ChainRule", *args)
    for fragment in fragments:
        assert fragment in line, line
