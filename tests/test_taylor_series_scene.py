"""TaylorSeries: its own mobjects against its sidecar data.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden for the default). Drawn curves are read back with the
plot's ``p2c`` and compared with T_n evaluated by numpy's polyval from the sidecar's
coefficients; the table's cells are compared with the sidecar's numbers as the kit
formats them; the sidecar's coefficients with Cauchy-integral coefficients (the oracle
of tests/test_taylor.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from test_taylor import cauchy_coefficients

from conftest import grouped, rejected_render, scene_group
from mlmath_viz.derivatives import FUNCTIONS
from scenes.calculus.params import TaylorSeriesParams
from scenes.calculus.taylor_series import TaylorSeries
from scenes.kit.numbers import latex_number, sig_tex
from scenes.parameters import ParamError, build

CASES = {
    "default": {},
    "exp": {"function": "exp", "x0": 0.0, "max_order": 8},
    "sigmoid-far": {"function": "sigmoid", "x0": 1.0, "max_order": 8},
    "square": {"function": "square", "x0": 1.0, "max_order": 4},
    "cubic at the left end, order 1": {"function": "cubic", "x0": -2.5, "max_order": 1},
    "sine at 0: every other c_k is 0": {"function": "sine", "x0": 0.0, "max_order": 5},
    "sigmoid at the right end": {"function": "sigmoid", "x0": 5.0, "max_order": 8},
}

BEATS = ["function", "polynomials", "errors", "reach"]
KEYS = {"function", "x0", "coefficients", "max_errors", "interval"}


@pytest.fixture(params=grouped(CASES, "TaylorSeries"))
def case(request: pytest.FixtureRequest, built: Any) -> Any:
    return built(TaylorSeries, TaylorSeriesParams(**CASES[request.param]))


def test_every_beat_passes_the_checker(case: Any) -> None:
    assert [b.name for b in case.scene.beats] == BEATS
    assert sum(m["invariants"] for m in case.measured.values()) >= 8
    assert case.problems == [], "\n".join(case.problems)


def test_sidecar_contract_and_coefficients(case: Any) -> None:
    scene = case.scene
    d, p = scene.data, scene.params
    assert KEYS <= set(d)
    assert d["function"] == p.function and d["x0"] == p.x0
    assert list(d["interval"]) == list(FUNCTIONS[p.function].domain)
    assert len(d["coefficients"]) == len(d["max_errors"]) == p.max_order + 1
    expected = cauchy_coefficients(p.function, p.x0, p.max_order + 1, r=1.0)
    assert_allclose(d["coefficients"], expected, rtol=1e-9, atol=1e-12)


def test_drawn_polynomials_are_the_sidecars(case: Any) -> None:
    """Every T_k drawn on T_k from the sidecar's c_k (numpy's polyval), inside the
    plot's box; the one on screen at the end is the highest order drawn."""
    scene = case.scene
    pic, d = scene.picture, scene.data
    frame = pic.frame
    (x0, x1), (y0, y1) = frame.box
    for k, vm in enumerate(pic.polynomials):
        if not len(vm.points):
            continue
        q = np.array([frame.p2c(r) for r in vm.points])
        assert np.all((q[:, 0] >= x0 - 1e-9) & (q[:, 0] <= x1 + 1e-9)), k
        assert np.all((q[:, 1] >= y0 - 1e-9) & (q[:, 1] <= y1 + 1e-9)), k
        anchors = np.array([frame.p2c(r) for r in vm.get_anchors()])
        inner = (anchors[:, 1] > y0 + 1e-9) & (anchors[:, 1] < y1 - 1e-9)
        values = np.polynomial.polynomial.polyval(
            anchors[inner, 0] - d["x0"], d["coefficients"][: k + 1]
        )
        if d["exact_from"] is None or k < d["exact_from"]:
            assert_allclose(anchors[inner, 1], values, atol=1e-6, err_msg=f"T_{k}")
        else:  # dashed on f: T_k = f
            fn = FUNCTIONS[d["function"]]
            assert_allclose(anchors[inner, 1], fn.f(anchors[inner, 0]), atol=1e-6)
    assert pic.shown in scene.mobjects
    last = d["max_order"] if d["exact_from"] is None else min(d["max_order"], d["exact_from"])
    assert pic.shown_order == last


def test_table_shows_the_sidecar_numbers(case: Any) -> None:
    scene = case.scene
    pic, d = scene.picture, scene.data
    for k in range(d["max_order"] + 1):
        assert pic.k_cells[k].tex_string == str(k)
        assert pic.c_cells[k].tex_string == sig_tex(d["coefficients"][k])
        assert pic.error_cells[k].tex_string == sig_tex(d["max_errors"][k])
        # one row: k, c_k and the error side by side, left to right
        ys = [c.get_center()[1] for c in (pic.k_cells[k], pic.c_cells[k], pic.error_cells[k])]
        assert max(ys) - min(ys) < 0.1
        assert pic.k_cells[k].get_right()[0] < pic.c_cells[k].get_left()[0]
        assert pic.c_cells[k].get_right()[0] + 0.15 < pic.error_cells[k].get_left()[0]


def test_bar_and_radius_lines(case: Any) -> None:
    scene = case.scene
    pic, d = scene.picture, scene.data
    frame = pic.frame
    for k, bar in enumerate(pic.reach_bars):
        a, b = frame.p2c(bar[0].get_start())[0], frame.p2c(bar[0].get_end())[0]
        assert_allclose([a, b], d["good_intervals"][k], atol=1e-9)
        lo, hi = (latex_number(x) for x in d["good_intervals"][k])
        assert pic.reach_rows[k].tex_string.endswith(rf"[{lo},\ {hi}]")
    n = d["max_order"]
    assert pic.reach_bars[n] in scene.mobjects and pic.reach_rows[n] in scene.mobjects
    r = d["radius_of_convergence"]
    (x0, x1), _ = frame.box
    if d["function"] != "sigmoid":
        assert r is None and len(pic.radius_lines) == 0
        return
    assert_allclose(r, np.hypot(d["x0"], np.pi), rtol=1e-14)
    edges = [e for e in (d["x0"] - r, d["x0"] + r) if x0 < e < x1]
    drawn = [frame.p2c(line.get_start())[0] for line in pic.radius_lines]
    assert_allclose(drawn, edges, atol=1e-9)
    for label, line in zip(pic.radius_labels, pic.radius_lines, strict=True):
        assert label.get_bottom()[1] > line.get_top()[1]  # above the plot, over its line
        assert label.get_left()[0] - 0.2 < line.get_center()[0] < label.get_right()[0] + 0.2


def test_square_says_it_is_exact(built: Any) -> None:
    report = built(TaylorSeries, TaylorSeriesParams(**CASES["square"]))
    scene = report.scene
    pic, d = scene.picture, scene.data
    assert d["exact_from"] == 2 and d["max_errors"][2:] == [0.0, 0.0, 0.0]
    assert pic.exact_label is not None and pic.exact_label.tex_string == "T_{2} = f"
    captions = {b.name: b.caption for b in scene.beats}
    assert "T_2 = f exactly" in captions["polynomials"]
    assert "0 from n = 2" in captions["errors"]


@scene_group("TaylorSeries")
@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"x0": "4"}, "parameter 'x0'"),  # outside sine's [-pi, pi]
        ({"function": "exp", "x0": "2"}, "parameter 'x0'"),  # exp's interval ends at 1.8
        ({"max_order": "9"}, "parameter 'max_order'"),
        ({"max_order": "0"}, "parameter 'max_order'"),
        ({"function": "log"}, "parameter 'function'"),
    ],
)
def test_rejects_bad_input(overrides: dict[str, str], fragment: str) -> None:
    with pytest.raises(ParamError, match=fragment):
        build("TaylorSeries", TaylorSeriesParams, overrides)


@scene_group("TaylorSeries")
def test_cli_refuses_x0_outside_the_interval(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, "TaylorSeries", "--set", "x0=4", "--quality", "low")
    assert "parameter 'x0'" in line
