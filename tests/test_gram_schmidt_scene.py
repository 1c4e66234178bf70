"""GramSchmidt: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden for the default and the presets). Arrows are read
back as scene points and compared with the view's ``c2p`` of the sidecar's vectors
(Coords in R^2, the orthographic Space in R^3); the sidecar's Q and R are compared with
numpy's Householder QR (signs fixed to a positive diagonal), the projections with
numpy's least squares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from scenes.linear_algebra.params import GramSchmidtParams

CASES = {
    "default": GramSchmidtParams(),
    "space": GramSchmidtParams(vectors=((2.0, 1.0, 0.5), (0.5, 2.0, 1.0), (0.0, 0.5, 2.0))),
    "dependent": GramSchmidtParams(vectors=((2.0, 1.0, 1.0), (0.5, 2.0, -1.5), (0.0, 0.5, -0.5))),
    "nearly-parallel": GramSchmidtParams(vectors=((3.0, 3.0), (1.0, 1.1))),
    "three-in-plane": GramSchmidtParams(vectors=((2.0, 1.0, -1.0), (1.0, 2.0, 1.5))),
    # found by looking: a zero middle column (no arrow), and a remainder 1e-7 long
    "zero-column": GramSchmidtParams(vectors=((1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.0, 0.0, 0.0))),
    "tiny-remainder": GramSchmidtParams(vectors=((1.0, 1.0), (0.0, 1e-7))),
}

TWO = ["vectors", "normalise_1", "project_2", "remainder_2", "normalise_2", "qr"]
THREE = [*TWO[:-1], "project_3", "remainder_3", "normalise_3", "qr"]
BEATS = {
    "default": TWO,
    "space": THREE,
    "dependent": [b for b in THREE if b != "normalise_3"],
    "nearly-parallel": TWO,
    "three-in-plane": [b for b in THREE if b != "normalise_3"],
    "zero-column": [b for b in THREE if b != "normalise_2"],
    "tiny-remainder": TWO,
}
ZOOMED = {"nearly-parallel", "tiny-remainder"}


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("GramSchmidt", CASES[request.param])


def matrix(case_name: str) -> np.ndarray:
    return np.array(CASES[case_name].vectors, dtype=float)


@scene_group("GramSchmidt")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    name, report = case
    assert [b.name for b in report.scene.beats] == BEATS[name]
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    for beat in BEATS[name]:  # the checker has something to check at every beat
        assert report.scene.invariants(beat), beat


@scene_group("GramSchmidt")
def test_q_and_r_match_numpy_qr(case: tuple[str, Any]) -> None:
    name, report = case
    d = report.scene.data
    a = matrix(name)
    rank = np.linalg.matrix_rank(a)
    assert d["rank"] == rank
    independent = [j for j, dep in enumerate(d["dependent"]) if not dep]
    assert d["sources"] == independent and len(independent) == rank
    q_np, r_np = np.linalg.qr(a[:, independent])  # the oracle, on the independent columns
    signs = np.sign(np.diag(r_np))
    q, r = np.array(d["q"]), np.array(d["r"])
    assert q.shape == (a.shape[0], rank) and r.shape == (rank, a.shape[1])
    assert_allclose(q, q_np * signs, atol=1e-10)
    assert_allclose(r[:, independent], r_np * signs[:, None], atol=1e-10)
    assert_allclose(q.T @ q, np.eye(rank), atol=1e-10)
    assert_allclose(q @ r, a, atol=1e-10)
    assert all(r[k, j] > 0 for k, j in enumerate(independent))
    assert all(abs(r[k, i]) < 1e-15 for k, j in enumerate(independent) for i in range(j))


@scene_group("GramSchmidt")
def test_projections_are_least_squares_projections(case: tuple[str, Any]) -> None:
    name, report = case
    d = report.scene.data
    a = matrix(name)
    for j in range(1, a.shape[1]):
        before = a[:, :j]
        x = np.linalg.lstsq(before, a[:, j], rcond=None)[0]
        assert_allclose(d["projection_sums"][j], before @ x, atol=1e-10)
        assert_allclose(np.sum(d["projections"][j], axis=0), d["projection_sums"][j], atol=1e-12)
        w = a[:, j] - before @ x
        if d["dependent"][j]:
            assert np.linalg.norm(w) <= 1e-9 * np.linalg.norm(a[:, j])
            assert_allclose(d["remainders"][j], 0.0, atol=0)
        else:
            assert_allclose(d["remainders"][j], w, atol=1e-10)


@scene_group("GramSchmidt")
def test_arrows_end_at_the_sidecar_vectors(case: tuple[str, Any]) -> None:
    name, report = case
    scene = report.scene
    pic, d = scene.picture, scene.data
    a = matrix(name)
    m = a.shape[0]
    atol = 1e-9 * pic.view.unit * max(1.0, np.abs(a).max())
    zero = np.zeros(m)
    for j, arrow in enumerate(pic.column_arrows):
        if arrow is None:  # a zero column: a dot at the origin instead
            assert not a[:, j].any()
            continue
        assert_allclose(arrow.get_start(), pic.view.c2p(zero), atol=atol)
        assert_allclose(arrow.get_end(), pic.view.c2p(a[:, j]), atol=atol)
    q = np.array(d["q"])
    for k, j in enumerate(d["sources"]):
        assert_allclose(pic.q_arrows[j].get_end(), pic.view.c2p(q[:, k]), atol=atol)
    for j, step in pic.steps.items():
        corner = zero
        for arrow, comp in zip(step.projection_arrows, d["projections"][j], strict=True):
            tip = corner + np.array(comp)
            if arrow is not None:
                assert_allclose(arrow.get_start(), pic.view.c2p(corner), atol=atol)
                assert_allclose(arrow.get_end(), pic.view.c2p(tip), atol=atol)
            corner = tip
        if d["dependent"][j]:
            assert step.remainder is None and step.zero_dot is not None
            assert_allclose(step.zero_dot.get_center(), pic.view.c2p(zero), atol=atol)
        elif step.remainder is None:  # too short for the main view: the zoom draws it
            assert step.zoom is not None and step.zero_dot is None
        else:
            assert step.zero_dot is None
            assert_allclose(step.remainder.get_start(), pic.view.c2p(corner), atol=atol)
            assert_allclose(step.remainder.get_end(), pic.view.c2p(a[:, j]), atol=atol)


@scene_group("GramSchmidt")
def test_right_angle_marks_sit_at_the_projection(case: tuple[str, Any]) -> None:
    _, report = case
    pic, d = report.scene.picture, report.scene.data
    for j, step in pic.steps.items():
        if step.mark_corners is None:
            continue
        p = np.array(d["projection_sums"][j])
        first, corner, last = step.mark_corners
        w = np.array(d["remainders"][j])
        # one side along w, the other along the span (perpendicular to w), a square
        side = last - p
        w_unit = w / np.linalg.norm(w)
        assert_allclose(side - (side @ w_unit) * w_unit, 0.0, atol=1e-12)
        assert abs((first - p) @ w) < 1e-12
        assert_allclose(corner, first + last - p, atol=1e-12)
        assert_allclose(step.right_angle.get_start(), pic.view.c2p(first), atol=1e-9)


@scene_group("GramSchmidt")
def test_short_remainder_gets_a_zoom(case: tuple[str, Any]) -> None:
    """nearly-parallel: the remainder is 0.095 long, drawn under 0.45 units (and 1e-7 in
    tiny-remainder); the inset draws it at least 0.8 units long and inside itself, at the
    zoom's c2p, and says its round factor."""
    name, report = case
    pic, d = report.scene.picture, report.scene.data
    zooms = {j: st.zoom for j, st in pic.steps.items() if st.zoom is not None}
    if name not in ZOOMED:
        assert zooms == {} and d["zoom"] == {}
        return
    assert list(zooms) == [1]
    z, step = zooms[1], pic.steps[1]
    assert d["zoom"] == {"2": {"factor": z.factor, "centre": list(z.centre)}}
    a = matrix(name)
    w = np.array(d["remainders"][1])
    # |w2| = |det [a1 a2]| / |a1| (the parallelogram's height)
    assert_allclose(np.linalg.norm(w), abs(np.linalg.det(a)) / np.linalg.norm(a[:, 0]), rtol=1e-8)
    assert step.zoom_remainder is not None
    assert_allclose(step.zoom_remainder.get_start(), z.c2p(d["projection_sums"][1]), atol=1e-9)
    assert_allclose(step.zoom_remainder.get_end(), z.c2p(a[:, 1]), atol=1e-9)
    drawn = np.linalg.norm(step.zoom_remainder.get_end() - step.zoom_remainder.get_start())
    assert 0.8 - 1e-9 <= drawn < 2 * z.half
    mantissa = z.factor / 10 ** np.floor(np.log10(z.factor))
    assert min(abs(mantissa - k) for k in (1, 2, 5)) < 1e-9


@scene_group("GramSchmidt")
def test_captions_say_what_the_frame_shows(case: tuple[str, Any]) -> None:
    name, report = case
    d = report.scene.data
    captions = {b.name: b.caption for b in report.scene.beats}
    for j, dep in enumerate(d["dependent"][1:], start=1):
        text = captions[f"remainder_{j + 1}"]
        if dep:
            assert "= 0" in text and "depends on" in text and "dot at the origin" in text
        else:
            assert "right angles" in text
    if name in ZOOMED:
        assert "inset magnifies it" in captions["remainder_2"]
    if d["rank"] < len(d["dependent"]):
        assert f"Q has {d['rank']} columns" in captions["qr"]
    assert "-" not in captions["qr"].replace("Gram-Schmidt", "")  # real minus signs


def test_presets_in_scenes_toml() -> None:
    """The presets say what their comments claim."""
    from scenes import presets

    table = presets.load()["GramSchmidt"]
    assert set(table) == {"space", "dependent", "nearly-parallel", "three-in-plane"}
    for name, values in table.items():
        assert tuple(map(tuple, values["vectors"])) == CASES[name].vectors, name
    dep = matrix("dependent")
    assert_allclose(dep[:, 2], dep[:, 0] - dep[:, 1], atol=0)
    assert np.linalg.matrix_rank(matrix("space")) == 3
    assert np.linalg.matrix_rank(matrix("three-in-plane")) == 2
    a = matrix("nearly-parallel")
    cos = a[:, 0] @ a[:, 1] / np.linalg.norm(a[:, 0]) / np.linalg.norm(a[:, 1])
    assert 1 < np.degrees(np.arccos(cos)) < 2


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("[[1,2],[3,4],[5,6],[7,8]]", "parameter 'vectors'"),
        ("[[1,2]]", "2 or 3 rows"),
        ("[[1],[2]]", "2 or 3 columns"),
        ("[[0,1],[0,2]]", "non-zero first column"),
        ("[[1,2],[3]]", "parameter 'vectors'"),
        ("[[1,NaN],[3,4]]", "parameter 'vectors'"),
        ("[[1,0.01],[0,0.05]]", "at least 0.1"),
    ],
    ids=["four-rows", "one-row", "one-column", "zero-first", "ragged", "nan", "too-short"],
)
def test_bad_vectors_exit_2_naming_vectors(tmp_path: Path, value: str, fragment: str) -> None:
    line = rejected_render(tmp_path, "GramSchmidt", "--set", f"vectors={value}")
    assert "parameter 'vectors'" in line and fragment in line, line
