"""LinearMap's own mobjects against the numbers in its sidecar (no video needed).

Each matrix's scene is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden where the parameters are the defaults or a preset).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import scene_group
from mlmath_viz.linear_maps import parallelogram_area
from scenes.linear_algebra.params import LinearMapParams

MATRICES = {
    "default": ((2.0, 1.0), (1.0, 2.0)),
    "rotation": ((0.0, -1.0), (1.0, 0.0)),
    "shear": ((1.0, 1.0), (0.0, 1.0)),
    "reflection": ((1.0, 0.0), (0.0, -1.0)),
    "singular": ((1.0, 2.0), (2.0, 4.0)),
    "zero": ((0.0, 0.0), (0.0, 0.0)),
    "large": ((10.0, -10.0), (10.0, 10.0)),
    "scalar": ((-3.0, 0.0), (0.0, -3.0)),
    "near_singular": ((1.0, 1.0), (1.0, 1.0001)),
}

# Drawn coordinates are compared in plane units; the tolerance allows for Manim's
# float32-free but curve-approximated geometry (1e-6 of a unit is far below a pixel).
ATOL = 1e-6


@pytest.fixture(params=list(MATRICES))
def scene(request: pytest.FixtureRequest, built: Any) -> Any:
    """LinearMap with one of MATRICES, in its final state (the session's shared build)."""
    return built("LinearMap", LinearMapParams(matrix=MATRICES[request.param])).scene


def test_basis_tips_sit_at_the_columns(scene: Any) -> None:
    a = np.array(scene.params.matrix)
    view, stage = scene.picture.view, scene.picture.stage
    assert_allclose(view.p2c(stage.i_hat.get_end()), a[:, 0], atol=ATOL)
    assert_allclose(view.p2c(stage.j_hat.get_end()), a[:, 1], atol=ATOL)
    assert_allclose(scene.data["basis_images"], a.T, atol=0)


def test_parallelogram_area_is_the_determinant(scene: Any) -> None:
    view, square = scene.picture.view, scene.picture.stage.square
    corners = np.array([view.p2c(v) for v in square.get_vertices()])
    det = np.linalg.det(np.array(scene.params.matrix))
    assert_allclose(parallelogram_area(corners), det, rtol=1e-6, atol=ATOL)
    assert_allclose(abs(parallelogram_area(corners)), abs(scene.data["determinant"]), atol=ATOL)


def test_area_readout_shows_the_determinant(scene: Any) -> None:
    assert_allclose(scene.picture.area_value.get_value(), scene.data["determinant"], atol=1e-12)


def test_eigen_arrows_stay_on_their_lines(scene: Any) -> None:
    # The eigen arrows are drawn EIGEN_ARROW_LENGTH long (1.6 units, not the unit
    # eigenvector, so they do not pile up with i-hat, j-hat and the arc in the unit
    # square): A sends the arrow along v of that length to lambda times it.
    from scenes.linear_algebra.linear_map import EIGEN_ARROW_LENGTH

    directions = scene.data["eigen_directions"]
    tips = [scene.picture.view.p2c(arrow.get_end()) for arrow in scene.picture.eigen_arrows]
    expected = [
        d["eigenvalue"] * EIGEN_ARROW_LENGTH * np.array(d["vector"])
        for d in directions
        if max(abs(d["vector"][0]), abs(d["vector"][1])) < 1 - 1e-9
    ]
    if scene.data["eigen_structure"] in ("complex", "scalar"):
        expected = []
    assert len(tips) == len(expected)
    for tip, want in zip(tips, expected, strict=True):
        assert_allclose(tip, want, atol=ATOL)


def test_everything_written_is_inside_the_frame(scene: Any) -> None:
    from manim import MathTex, Text, config
    from manim.mobject.text.numbers import DecimalNumber

    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    texts = [
        m
        for m in scene.get_mobject_family_members()
        if isinstance(m, MathTex | Text | DecimalNumber)
    ]
    assert texts
    for m in texts:
        assert m.get_left()[0] >= -half_w and m.get_right()[0] <= half_w, m
        assert m.get_bottom()[1] >= -half_h and m.get_top()[1] <= half_h, m
    stage = scene.picture.stage
    for arrow in (stage.i_hat, stage.j_hat, *scene.picture.eigen_arrows):
        x, y = arrow.get_end()[:2]
        assert abs(x) <= half_w and abs(y) <= half_h


def test_basis_caption_says_only_what_the_panel_shows(scene: Any) -> None:
    # In the basis beat the arrows still sit at e1 and e2: the caption names A's
    # columns (drawn in the panel) as where they WILL go, never that e1 "goes to" them.
    from scenes.linear_algebra.linear_map import basis_caption

    caption = basis_caption(scene.picture.summary)
    assert "goes to" not in caption and "will send" in caption
    (p, q), (r, s) = np.array(scene.params.matrix).T
    from scenes.kit.numbers import format_number

    assert f"({format_number(p)}, {format_number(q)})" in caption
    assert f"({format_number(r)}, {format_number(s)})" in caption


def test_the_panel_is_shown_from_the_first_frames(scene: Any) -> None:
    # The panel box and A's row appear while the grid is drawn (was: 2.8 s of an
    # empty panel). The first beat's first animation writes the matrix row.
    beats = scene.beats if hasattr(scene, "beats") else None
    assert beats is None or beats[0].name == "basis"
    assert scene.picture.box in scene.mobjects


def test_eigen_arrows_are_apart_from_the_unit_square(scene: Any) -> None:
    # Issue 17: five arrows and an arc piled into the unit square. The eigen arrows'
    # tips before the map lie outside the unit square, past i-hat's and j-hat's tips.
    for _, vector in scene.picture.eigen_arrow_vectors:
        assert np.hypot(*vector) >= 1.5
        assert max(abs(vector[0]), abs(vector[1])) > 1.0


def test_the_grid_covers_the_frame_after_the_map(scene: Any) -> None:
    # A map that shrinks the plane must not show the grid's edge (a staircase of line
    # ends): the image of the grid's outline contains the frame, unless A squashes
    # the plane (then the grid is MAX_GRID_REACH times the frame).
    from manim import config

    from scenes.linear_algebra.linear_map import MAX_GRID_REACH

    a = np.array(scene.params.matrix, dtype=float)
    smallest = np.linalg.svd(a, compute_uv=False)[-1]
    if smallest * MAX_GRID_REACH < 1:
        return
    plane = scene.picture.stage.plane
    view = scene.picture.view
    # the drawn grid is the image under A of the home grid: map the frame back by A^-1
    home = scene.picture.stage.home
    half_w, half_h = home.width / 2, home.height / 2
    centre = view.p2c(home.get_center())
    corners = np.array(
        [
            [sx * config.frame_width / 2, sy * config.frame_height / 2]
            for sx in (-1, 1)
            for sy in (-1, 1)
        ]
    )
    back = [np.linalg.solve(a, view.p2c([x, y, 0.0])) for x, y in corners]
    for p in back:
        assert abs(p[0] - centre[0]) * view.unit <= half_w + 1e-6
        assert abs(p[1] - centre[1]) * view.unit <= half_h + 1e-6
    assert plane is not None


def test_hat_labels_do_not_touch_each_other(scene: Any) -> None:
    a, b = scene.picture.stage.i_label, scene.picture.stage.j_label
    apart_x = a.get_right()[0] < b.get_left()[0] or b.get_right()[0] < a.get_left()[0]
    apart_y = a.get_top()[1] < b.get_bottom()[1] or b.get_top()[1] < a.get_bottom()[1]
    assert apart_x or apart_y


# The builds are LinearMap's shared ones: run on the worker of LinearMap's other tests.
pytestmark = scene_group("LinearMap")


@pytest.mark.parametrize("name", list(MATRICES))
def test_key_points_hold_the_basis_square_and_eigen_tips(name: str) -> None:
    """The layout's key points (moved from LinearMapSummary to the scene) keep every
    drawn tip in view: the basis before and after, the square's image, the eigen tips."""
    from mlmath_viz.linear_maps import summarize
    from scenes.linear_algebra.linear_map import key_points

    summary = summarize(MATRICES[name])
    pts = {tuple(np.round(p, 9)) for p in key_points(summary)}
    for p in [(0, 0), (1, 0), (0, 1), (1, 1), *summary.basis_images, *summary.square_image]:
        assert tuple(np.round(np.asarray(p, dtype=float), 9)) in pts
    for d in summary.directions:
        image = (d.value * d.vector[0], d.value * d.vector[1])
        assert tuple(np.round(np.asarray(image, dtype=float), 9)) in pts
