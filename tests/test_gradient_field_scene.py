"""GradientField's arrows, read off the scene's own mobjects (issue 17 point 1).

Drawn length must be a monotone (here: proportional) function of |grad f|, with
|grad f| from central finite differences of the objective, not from the scene; no arrow
(nor its flipped twin of the last beat) leaves the plot; near-flat bases get a dot, not
an unreadable stub; the angle shown and drawn at the highlighted point is 90 degrees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import scene_group
from scenes import presets
from scenes.parameters import build

CASES = [None, *sorted(presets.load().get("GradientField", {}))]


@pytest.fixture(
    params=[pytest.param(c, marks=scene_group("GradientField"), id=c or "default") for c in CASES]
)
def field(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.calculus.params import GradientFieldParams

    overrides = presets.load()["GradientField"][request.param] if request.param else {}
    return built("GradientField", build("GradientField", GradientFieldParams, overrides)).scene


def _fd_gradient(field: Any, point: np.ndarray) -> np.ndarray:
    from mlmath_viz import objectives

    f = objectives.by_name(field.params.objective, field.params.hessian)
    h = 1e-6 * max(1.0, float(np.abs(point).max()))
    return np.array(
        [
            (f.value(point + h * e) - f.value(point - h * e)) / (2 * h)
            for e in (np.array([1.0, 0.0]), np.array([0.0, 1.0]))
        ]
    )


def _drawn(field: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scene starts and ends of the arrows, and |grad f| at their bases (by finite
    differences at the drawn start)."""
    frame = field.picture.frame
    starts = np.array([a.get_start() for a in field.picture.arrows])
    ends = np.array([a.get_end() for a in field.picture.arrows])
    g = np.array([np.linalg.norm(_fd_gradient(field, frame.p2c(s))) for s in starts])
    return starts, ends, g


def test_longer_arrow_iff_larger_gradient(field: Any) -> None:
    starts, ends, g = _drawn(field)
    assert len(g) >= 8
    length = np.linalg.norm(ends - starts, axis=1)
    ties = 1e-5 * g.max()
    for i in range(len(g)):
        for j in range(len(g)):
            if abs(g[i] - g[j]) > ties:
                assert (length[i] > length[j]) == (g[i] > g[j]), (i, j, g[i], g[j])
    # Proportional, in fact: one length per unit of gradient for every arrow.
    assert_allclose(length / g, np.full_like(g, length[0] / g[0]), rtol=1e-5)
    assert length.max() == pytest.approx(0.7, abs=1e-6)


def test_no_arrow_leaves_the_plot(field: Any) -> None:
    frame = field.picture.frame
    (x0, x1), (y0, y1) = frame.box
    starts, ends, _ = _drawn(field)
    # The arrows, and their flipped twins of the downhill beat (start - (end - start)).
    for tip in np.concatenate([ends, 2 * starts - ends]):
        x, y = frame.p2c(tip)
        assert x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9, (x, y)
    for arrow in field.picture.arrows:
        # Whole arrow, tip included: its points' bounding box inside the plot's.
        lo = frame.c2p(np.array([[x0, y0]]))[0]
        hi = frame.c2p(np.array([[x1, y1]]))[0]
        pts = arrow.get_all_points()
        assert np.all(pts[:, :2] >= lo[:2] - 0.03) and np.all(pts[:, :2] <= hi[:2] + 0.03)


def test_flat_bases_get_a_dot_not_a_stub(field: Any) -> None:
    from scenes.calculus.gradient_field import ARROW_MIN

    starts, ends, g = _drawn(field)
    length = np.linalg.norm(ends - starts, axis=1)
    assert length.min() >= ARROW_MIN - 1e-9
    per_unit = length[0] / g[0]
    frame = field.picture.frame
    assert len(field.picture.flat_dots) == len(field.data["flat_points"])
    for dot, point in zip(field.picture.flat_dots, field.data["flat_points"], strict=True):
        assert_allclose(frame.p2c(dot.get_center()), point, atol=1e-9)
        assert dot.get_fill_opacity() == pytest.approx(1.0), "dots shown again at the end"
        g_dot = float(np.linalg.norm(_fd_gradient(field, np.asarray(point))))
        assert per_unit * g_dot < ARROW_MIN * (1 + 1e-6)
    if len(field.picture.flat_dots):
        gradient_caption = next(b.caption for b in field.beats if b.name == "gradient")
        assert "dot" in gradient_caption


def test_the_angle_shown_and_drawn_is_a_right_angle(field: Any) -> None:
    pic = field.picture
    frame = pic.frame
    assert field.data["highlight"]["angle_deg"] == pytest.approx(90.0, abs=1e-9)
    assert "90.0°" in pic.angle_tex.text.replace(" ", "")
    caption = next(b.caption for b in field.beats if b.name == "right-angle")
    assert "90.0 degrees" in caption
    # The drawn tangent is perpendicular to the true gradient (finite differences).
    g = _fd_gradient(field, frame.p2c(pic.arrows[pic.pick].get_start()))
    t = pic.tangent_line.get_end() - pic.tangent_line.get_start()
    cos = float(t[:2] @ g) / (np.linalg.norm(t[:2]) * np.linalg.norm(g))
    assert np.degrees(np.arccos(cos)) == pytest.approx(90.0, abs=1e-4)
    # The built scene is in its last state (arrows flipped); the checker ran the
    # right-angle beat's invariants (drawn tangent vs drawn arrow: 90 within 1e-6 deg)
    # at that beat. Here: the flipped arrows' invariants, lengths and box included.
    names = [inv.name for inv in field.invariants("downhill")]
    assert any("proportional" in n for n in names) and any("inside the plot" in n for n in names)
    for inv in field.invariants("downhill"):
        assert_allclose(inv.actual, inv.expected, atol=inv.atol, err_msg=inv.name)
