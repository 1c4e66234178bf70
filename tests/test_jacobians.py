"""mlmath_viz.jacobians against independent oracles.

- The closed-form Jacobians against central finite differences of F, step 1e-5: the
  truncation error is h^2/6 |F'''| (about 1e-10 here) and rounding about 1e-16 / h, so
  atol 1e-8.
- det J against the closed forms (polar: r; swirl: 1) and against numpy's det of J.
- tanh-layer against numpy written out here (np.tanh(W v + c), diag(1 - tanh^2) W).
- The measured area ratio against scipy's double integral of det J over the square
  (change of variables; the polygon's O(1/n^2) boundary error bounds the tolerance),
  and its limit |det J| as the square shrinks: the error is O(half^2) (the first-order
  term cancels on a centred square), so it shrinks about 4 times per halving, and at
  half = 1e-3 it is under 1e-5 relative.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.integrate
from numpy.testing import assert_allclose

from mlmath_viz import jacobians as jac

SEED = 19


def maps() -> list[jac.PlaneMap]:
    rng = np.random.default_rng(SEED)
    out = [jac.plane_map("polar"), jac.plane_map("swirl")]
    for _ in range(3):
        out.append(jac.plane_map("tanh-layer", rng.normal(size=(2, 2)), rng.normal(size=2)))
    out.append(jac.plane_map("tanh-layer", [[0.0, 1.0], [1.0, 0.0]], [0.0, 0.0]))  # det W < 0
    return out


def points(m: jac.PlaneMap, count: int = 6) -> np.ndarray:
    rng = np.random.default_rng(SEED + 1)
    p = rng.uniform(-2.0, 2.0, size=(count, 2))
    if m.name == "polar":
        p[:, 0] = np.abs(p[:, 0]) + 0.1  # r > 0
    return p


MAPS = maps()
IDS = [f"{m.name}-{k}" for k, m in enumerate(MAPS)]


def central_difference(m: jac.PlaneMap, p: np.ndarray, h: float = 1e-5) -> np.ndarray:
    cols = []
    for e in np.eye(2):
        cols.append((m(p + h * e) - m(p - h * e)) / (2 * h))
    return np.column_stack(cols)


@pytest.mark.parametrize("m", MAPS, ids=IDS)
def test_jacobian_matches_central_differences(m: jac.PlaneMap) -> None:
    for p in points(m):
        assert_allclose(
            jac.jacobian(m, p), central_difference(m, p), atol=1e-8, err_msg=f"{m.name} at {p}"
        )


@pytest.mark.parametrize("m", MAPS, ids=IDS)
def test_determinant_is_det_of_the_jacobian(m: jac.PlaneMap) -> None:
    for p in points(m):
        assert_allclose(
            jac.determinant(m, p), np.linalg.det(jac.jacobian(m, p)), rtol=1e-12, atol=1e-14
        )


def test_polar_determinant_is_r_and_swirl_keeps_areas() -> None:
    polar, swirl = jac.plane_map("polar"), jac.plane_map("swirl")
    for r, theta in [(0.0, 0.3), (0.5, -2.0), (1.7, 1.0), (3.0, 3.1)]:
        assert jac.determinant(polar, (r, theta)) == r
        assert_allclose(
            np.linalg.det(central_difference(polar, np.array([r, theta]))), r, atol=1e-8
        )
    for p in points(swirl):
        assert_allclose(np.linalg.det(central_difference(swirl, p)), 1.0, atol=1e-8)


def test_polar_and_swirl_against_their_formulas() -> None:
    r, t = 1.3, 0.7
    assert_allclose(jac.plane_map("polar")((r, t)), [r * np.cos(t), r * np.sin(t)], rtol=1e-15)
    v = np.array([0.8, -0.4])
    rho = np.hypot(*v)
    phi = np.pi / 2 * np.exp(-(rho**2) / 2)
    expected = [np.cos(phi) * v[0] - np.sin(phi) * v[1], np.sin(phi) * v[0] + np.cos(phi) * v[1]]
    assert_allclose(jac.plane_map("swirl")(v), expected, rtol=1e-14)
    # the swirl keeps the radius
    assert_allclose(np.hypot(*jac.plane_map("swirl")(v)), rho, rtol=1e-14)


def test_tanh_layer_against_numpy() -> None:
    rng = np.random.default_rng(SEED)
    for _ in range(5):
        w, c = rng.normal(size=(2, 2)), rng.normal(size=2)
        m = jac.plane_map("tanh-layer", w.ravel(), c)  # flat weights too
        v = rng.normal(size=(7, 2))
        assert_allclose(m(v), np.tanh(v @ w.T + c), rtol=1e-14)
        for p in v:
            z = w @ p + c
            expected = np.diag(1 - np.tanh(z) ** 2) @ w
            assert_allclose(jac.jacobian(m, p), expected, rtol=1e-13, atol=1e-15)
            assert_allclose(jac.determinant(m, p), np.linalg.det(expected), rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("m", MAPS, ids=IDS)
def test_area_ratio_is_the_mean_of_det_over_the_square(m: jac.PlaneMap) -> None:
    """Change of variables: shoelace(F(boundary)) = integral of det J over the square.
    With 256 points a side the polygon misses O(1/256^2) of the curved image's area;
    rtol 1e-5 of the largest |det J| in the square covers it."""
    half = 0.2
    for p in points(m, 3):
        exact, _ = scipy.integrate.dblquad(
            lambda y, x: jac.determinant(m, (x, y)),
            p[0] - half,
            p[0] + half,
            p[1] - half,
            p[1] + half,
            epsabs=1e-12,
            epsrel=1e-12,
        )
        measured = jac.area_ratio(m, p, half)
        scale = max(1e-3, abs(jac.determinant(m, p)))
        assert_allclose(measured.signed, exact / (2 * half) ** 2, atol=1e-5 * scale, rtol=1e-5)
        assert measured.ratio == abs(measured.signed)


@pytest.mark.parametrize("m", MAPS, ids=IDS)
def test_area_ratio_tends_to_abs_det_as_the_square_shrinks(m: jac.PlaneMap) -> None:
    for p in points(m, 3):
        det = abs(jac.determinant(m, p))
        errors = [abs(jac.area_ratio(m, p, h).ratio - det) for h in (0.2, 0.1, 0.05, 0.025)]
        floor = 1e-9 * max(1.0, det)  # the polygon's own error, once the O(h^2) term is gone
        for big, small in itertools.pairwise(errors):
            assert small <= big / 3 or small < floor, (m.name, p, errors)
        tiny = jac.area_ratio(m, p, 1e-3).ratio
        assert_allclose(tiny, det, rtol=1e-5, atol=1e-9, err_msg=f"{m.name} at {p}")


def test_area_ratio_signs_follow_det() -> None:
    flip = jac.plane_map("tanh-layer", [[0.0, 1.0], [1.0, 0.0]], [0.0, 0.0])
    got = jac.area_ratio(flip, (0.2, -0.1), 0.01)
    assert got.signed < 0 < got.ratio
    assert_allclose(got.signed, jac.determinant(flip, (0.2, -0.1)), rtol=1e-3)


def test_polar_at_the_origin_is_singular() -> None:
    polar = jac.plane_map("polar")
    s = jac.summarize(polar, (0.0, 0.8), 0.1)
    assert s.singular and s.determinant == 0.0
    # r changes sign inside the square: the two halves' signed areas cancel
    assert abs(s.measured.signed) < 1e-6
    assert s.to_json()["orientation"] == "collapsed"


def test_linearization_error_is_second_order() -> None:
    for m in MAPS:
        p = points(m, 1)[0]
        errs = [
            jac.linearization_error(m, p, jac.square_boundary(p, h, 8)) for h in (0.1, 0.05, 0.025)
        ]
        if errs[0] < 1e-12:  # an affine map here (none of ours, but safe)
            continue
        assert errs[1] < errs[0] / 3 and errs[2] < errs[1] / 3, (m.name, errs)


def test_homotopy_ends() -> None:
    m = jac.plane_map("swirl")
    v = np.array([[0.3, 0.4], [1.0, -1.0]])
    assert_allclose(jac.homotopy(m, v, 0.0), v)
    assert_allclose(jac.homotopy(m, v, 1.0), m(v))


def test_grid_lines_and_bounds() -> None:
    lines = jac.grid_lines(((0.0, 2.0), (-1.0, 1.0)), 0.5, 11, through=(0.25, 0.0))
    # x = 0.25, 0.75, 1.25, 1.75 and y = -1, -0.5, 0, 0.5, 1
    assert len(lines) == 9 and all(line.shape == (11, 2) for line in lines)
    assert_allclose([line[0, 0] for line in lines[:4]], [0.25, 0.75, 1.25, 1.75])
    assert_allclose([line[0, 1] for line in lines[4:]], [-1, -0.5, 0, 0.5, 1])
    lines = jac.grid_lines(((0.0, 2.0), (-1.0, 1.0)), 0.5, 11)
    bounds = jac.image_bounds(jac.plane_map("polar"), lines)
    # [0, 2] x [-1, 1] and its image under polar (x in [0, 2], |y| <= 2 sin 1 > 1)
    assert_allclose(bounds, [[0.0, -2 * np.sin(1.0)], [2.0, 2 * np.sin(1.0)]], atol=1e-12)


def test_unknown_map_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown map"):
        jac.plane_map("spiral")


def test_local_window_is_nearly_linear() -> None:
    for m in MAPS:
        p = points(m, 1)[0]
        half = jac.local_half_width(m, p)
        size = np.linalg.svd(jac.jacobian(m, p), compute_uv=False)[1]  # none singular here
        err = jac.linearization_error(m, p, jac.square_boundary(p, half, 16))
        assert half == jac.MIN_LOCAL_HALF_WIDTH or err <= jac.LINEAR_TOLERANCE * half * size
        if m.name == "polar":
            assert half <= p[0] / 2


def test_thinnest_stretch() -> None:
    assert_allclose(jac.thinnest_stretch([[3.0, 0.0], [0.0, 0.5]]), 0.5, rtol=1e-14)
    # singular: the image is a line, its stretch the largest singular value, |(1, 2)| |(1, 2)|
    assert_allclose(jac.thinnest_stretch([[1.0, 2.0], [2.0, 4.0]]), 5.0, rtol=1e-12)
