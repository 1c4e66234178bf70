"""Backpropagation's picture (issue 17): weight labels clear of the crossings, readable
numbers, and every preset's loss visibly learnt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from backprop_oracle import assert_shown_gradients_match_finite_differences
from numpy.testing import assert_allclose

from conftest import grouped
from scenes import presets
from scenes.parameters import build

CASES = {"default": {}, **presets.load()["Backpropagation"]}


@pytest.fixture(params=grouped(CASES, "Backpropagation"))
def scene(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    from scenes.calculus.backpropagation import Backpropagation
    from scenes.calculus.params import BackpropagationParams

    params = build("Backpropagation", BackpropagationParams, CASES[request.param])
    return built(Backpropagation, params).scene


#: Clearance kept around a weight label's box, in scene units (6 px at 480p): the old
#: labels beside the crossing of x1->h3 and x2->h1 cleared the other edge by about 2 px.
CLEAR = 0.1


def _box(mob: Any, grow: float = 0.0) -> tuple[float, float, float, float]:
    (x0, y0, _), (x1, y1, _) = (
        mob.get_corner(np.array([-1, -1, 0])),
        mob.get_corner(np.array([1, 1, 0])),
    )
    return float(x0) - grow, float(x1) + grow, float(y0) - grow, float(y1) + grow


def _inside(points: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    x0, x1, y0, y1 = box
    return (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)


def test_weight_labels_meet_no_other_edge_label_or_node(scene: Any) -> None:
    pic = scene.picture
    lines = [(f"{kind}[{j + 1}{i + 1}]", line) for kind, j, i, line, _ in pic.edges]
    lines.append(("loss edge", pic.loss_edge))
    ts = np.linspace(0.0, 1.0, 4001)[:, None]
    sampled = {
        name: line.get_start() + ts * (line.get_end() - line.get_start()) for name, line in lines
    }
    labels = {f"{kind}[{j + 1}{i + 1}]": label for kind, j, i, _, label in pic.edges}
    for name, label in labels.items():
        box = _box(label, CLEAR)
        for other, points in sampled.items():
            if other != name:
                assert not _inside(points, box).any(), f"label {name} meets edge {other}"
        for other, mob in labels.items():
            if other != name:
                ox0, ox1, oy0, oy1 = _box(mob)
                corners = np.array([[ox0, oy0], [ox0, oy1], [ox1, oy0], [ox1, oy1]])
                apart = box[1] <= ox0 or ox1 <= box[0] or box[3] <= oy0 or oy1 <= box[2]
                assert apart, f"label {name} meets label {other} at {corners}"
        for key, node in pic.boxes.items():
            nx0, nx1, ny0, ny1 = _box(node)
            apart = box[1] <= nx0 or nx1 <= box[0] or box[3] <= ny0 or ny1 <= box[2]
            assert apart, f"label {name} meets node {key}"


def test_edge_labels_sit_on_their_own_edge_away_from_crossings(scene: Any) -> None:
    """Each label's centre lies on its edge, and no two drawn edges cross inside a
    label's box (the crossing of two edges is where a label used to sit)."""
    pic = scene.picture
    segs = [(line.get_start()[:2], line.get_end()[:2]) for *_, line, _ in pic.edges]
    crossings = []
    for n, (a, b) in enumerate(segs):
        for c, d in segs[n + 1 :]:
            m = np.column_stack([b - a, c - d])
            if abs(np.linalg.det(m)) < 1e-12:
                continue
            s, t = np.linalg.solve(m, c - a)
            if 1e-9 < s < 1 - 1e-9 and 1e-9 < t < 1 - 1e-9:
                crossings.append(a + s * (b - a))
    assert crossings, "the input edges of a 2-input network with 2+ hidden units cross"
    for kind, j, i, line, label in pic.edges:
        a, b, c = line.get_start()[:2], line.get_end()[:2], label.get_center()[:2]
        t = (c - a) @ (b - a) / ((b - a) @ (b - a))
        assert 0.05 < t < 0.95
        assert np.linalg.norm(a + t * (b - a) - c) < 1e-6
        x0, x1, y0, y1 = _box(label, CLEAR)
        for p in crossings:
            assert not (x0 < p[0] < x1 and y0 < p[1] < y1), f"{kind}[{j},{i}] covers a crossing"


def test_weights_and_node_readouts_are_at_least_12_px(scene: Any) -> None:
    from manim import config

    from scenes.kit.standard import glyph_heights
    from scenes.kit.style import MATH_TEMPLATE

    # Manim's tempconfig (round every build) restores a default TexTemplate, not the
    # kit's MATH_TEMPLATE: the reference digits would then be typeset with 70%
    # subscripts and no subscript of the scene (typeset at 90%) would be recognised.
    saved, config.tex_template = config.tex_template, MATH_TEMPLATE
    try:
        _assert_readouts_at_least_12_px(scene, glyph_heights)
    finally:
        config.tex_template = saved


def _assert_readouts_at_least_12_px(scene: Any, glyph_heights: Callable[..., Any]) -> None:

    pic = scene.picture
    texts = [label for *_, label in pic.edges] + list(pic.values.values())
    names = [m for m in pic.node_group if not hasattr(m, "corner_radius")]
    texts += [m for m in names if m.tex_string != r"\hat y"]  # no digit or capital
    texts += [row[1] for row in pic.grads_text.values()] + [pic.target]
    for text in texts:
        heights = glyph_heights(scene, text)
        assert heights, f"no digit or capital recognised in {text!r}"
        assert min(h for _, h in heights) >= 12.0 - 0.05, (text, heights)


def test_edges_are_at_least_2_px_wide(scene: Any) -> None:
    from scenes.kit.standard import mark_size_px

    for *_, line, _ in scene.picture.edges:
        assert mark_size_px(scene, "line", line) >= 2.0


def test_loss_readout_shows_the_loss_learnt(scene: Any) -> None:
    """The loss node shows both losses with at least two significant figures, so a
    step that lowers the loss is seen to lower it (sigmoid-two-units once showed 0.00)."""
    d = scene.data
    readout = scene.picture.values[("L", 0)]
    places = readout.num_decimal_places
    for loss in (d["loss_before"], d["loss_after"]):
        shown = round(loss, places)
        assert shown != 0.0
        assert abs(shown - loss) <= 0.05 * loss
    assert round(d["loss_after"], places) < round(d["loss_before"], places)
    assert_allclose(readout.get_value(), d["loss_after"], atol=1e-12)


def test_loss_and_gradients_match_finite_differences(scene: Any) -> None:
    from mlmath_viz import autodiff

    d, p = scene.data, scene.params
    hidden = p.hidden
    y_hat = float(np.dot(d["weights"]["v"], d["activations"]["h"]))
    assert_allclose(d["loss_before"], 0.5 * (y_hat - p.target) ** 2, rtol=1e-12)
    flat = [x for row in d["weights"]["W"] for x in row] + [0.0] * hidden + d["weights"]["v"]
    flat += [0.0]
    assert_allclose(
        autodiff.loss_of(flat, p.x, p.target, hidden, p.activation), d["loss_before"], rtol=1e-12
    )
    assert_shown_gradients_match_finite_differences(scene)
