"""LowRankApproximation: its own mobjects against scikit-learn and NumPy.

Each case is the session's checked build (conftest's ``built``, shared with the scene
checks: the default and the two presets). The drawn pictures are read back from the
scene's picture record: pixel opacities from the squares, the curve and markers in
plotted coordinates (``Plot.coords``), and compared with oracles computed here from
scikit-learn's digits: ``PCA(n_components=k).inverse_transform`` for the rebuilds and the
measured errors, ``numpy.linalg.eigvalsh`` of the 1/n covariance for the curve. The
reconstruction at earlier ranks is gone by the final state: there the checker's report
(no problem at that beat) says the drawn squares matched the scene's numbers, which are
compared with the oracle. Tolerances: ``ATOL`` = 1e-6 plotted units (far below a
pixel), opacities 1e-9, errors rtol 1e-9 (atol 1e-8 for the exact zeros).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits  # type: ignore[import-untyped]
from sklearn.decomposition import PCA as SkPCA  # type: ignore[import-untyped]

from conftest import rejected_render, scene_group
from scenes import presets
from scenes.linear_algebra.params import LowRankApproximationParams
from scenes.parameters import ParamError, build

ATOL = 1e-6
PRESETS = presets.load()["LowRankApproximation"]
CASES: dict[str, dict[str, Any]] = {"default": {}, **PRESETS}


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    bunch = load_digits()
    return np.asarray(bunch.data, dtype=float), bunch.target


@pytest.fixture(params=list(CASES))
def scene_build(request: pytest.FixtureRequest, built: Callable[..., Any]) -> Any:
    """The session's checked build with the case's parameters (a CheckReport)."""
    params = build("LowRankApproximation", LowRankApproximationParams, CASES[request.param])
    return built("LowRankApproximation", params)


@functools.cache
def _sk_pca(k: int) -> Any:
    """scikit-learn's PCA of all the digits with k components (fitted once per k)."""
    return SkPCA(n_components=k, svd_solver="full").fit(load_digits().data)


def _oracle_rebuilds(x: np.ndarray, ranks: tuple[int, ...], row: int) -> list[np.ndarray]:
    """The image ``row`` rebuilt from k components by scikit-learn, for each k."""
    out = []
    for k in ranks:
        sk = _sk_pca(k)
        out.append(sk.inverse_transform(sk.transform(x[row : row + 1]))[0])
    return out


def _oracle_errors(x: np.ndarray, ranks: tuple[int, ...]) -> np.ndarray:
    """Mean over the images of the squared error summed over the pixels (sklearn)."""
    errors = []
    for k in ranks:
        sk = _sk_pca(k)
        rebuilt = sk.inverse_transform(sk.transform(x))
        errors.append(np.mean(np.sum((x - rebuilt) ** 2, axis=1)))
    return np.array(errors)


@scene_group("LowRankApproximation")
def test_every_rank_beat_passed_the_checker(scene_build: Any) -> None:
    ranks = scene_build.scene.params.ranks
    assert scene_build.beats == ["digit", "error_curve", *(f"rank_{k}" for k in ranks)]
    assert scene_build.problems == []


@scene_group("LowRankApproximation")
def test_drawn_pixels_are_the_image_and_its_sklearn_rebuilds(
    scene_build: Any, digits: tuple[np.ndarray, np.ndarray]
) -> None:
    from manim import UL

    from scenes.linear_algebra.low_rank_approximation import grid_opacities

    scene = scene_build.scene
    pic = scene.picture
    x, _ = digits
    row = scene.params.digit_index
    assert_allclose(grid_opacities(pic.original, pic.original_frame), x[row] / 16.0, atol=1e-9)
    oracle = _oracle_rebuilds(x, scene.params.ranks, row)
    # Every rank's rebuild as drawn: sklearn's, clipped to 0..16 and rounded to the data
    # set's whole grey levels.
    for grid, image in zip(pic.rebuilt_grids, oracle, strict=True):
        drawn = grid_opacities(grid, pic.reconstruction_frame)
        assert_allclose(drawn, np.round(np.clip(image, 0, 16)) / 16, atol=1e-9)
    # The final state shows the last rank's rebuild only.
    assert [g in scene.mobjects for g in pic.rebuilt_grids] == [
        i == len(oracle) - 1 for i in range(len(oracle))
    ]
    assert_allclose(scene.data["digit_reconstructions"], oracle, atol=1e-9)
    assert_allclose(scene.data["digit_pixels"], x[row])
    # Each drawn square is one cell of the 8x8 lattice filling the frame, none twice.
    cell = pic.reconstruction_frame.width / 8
    for grid in [pic.original, *pic.rebuilt_grids]:
        squares = np.concatenate([patch.points.reshape(-1, 16, 3) for patch in grid])
        sides = np.ptp(squares[:, :, :2], axis=1)
        assert_allclose(sides, cell, atol=1e-9)
        corner = (
            pic.reconstruction_frame.get_corner(UL)
            if grid is not pic.original
            else (pic.original_frame.get_corner(UL))
        )
        offsets = (squares[:, :, :2].min(axis=1) - (corner[:2] - [0, 8 * cell])) / cell
        assert_allclose(offsets, np.round(offsets), atol=1e-9)
        assert np.all((offsets > -0.5) & (offsets < 7.5))
        assert len({tuple(o) for o in np.round(offsets).astype(int)}) == len(offsets)


@scene_group("LowRankApproximation")
def test_markers_are_measured_errors_on_the_discarded_eigenvalue_curve(
    scene_build: Any, digits: tuple[np.ndarray, np.ndarray]
) -> None:
    from scenes.kit.plotting import curve_vertices

    scene = scene_build.scene
    pic = scene.picture
    x, _ = digits
    ranks = scene.params.ranks
    centred = x - x.mean(axis=0)
    values = np.sort(np.linalg.eigvalsh(centred.T @ centred / len(x)))[::-1]
    tails = np.array([values[k:].sum() for k in range(65)])
    drawn_curve = pic.plot.coords(curve_vertices(pic.curve))
    assert_allclose(drawn_curve[:, 0], np.arange(65), atol=ATOL)
    assert_allclose(drawn_curve[:, 1], tails, atol=ATOL + 1e-9 * tails[0])
    measured = _oracle_errors(x, ranks)
    for k, marker, err in zip(ranks, pic.markers, measured, strict=True):
        assert_allclose(pic.plot.coords(marker.get_center())[0], [k, err], atol=ATOL)
    # Eckart-Young: each measured error is the sum of the eigenvalues left out.
    assert_allclose(measured, tails[list(ranks)], rtol=1e-9, atol=1e-8)
    assert_allclose(scene.data["reconstruction_error"], measured, rtol=1e-9, atol=1e-8)
    assert_allclose(scene.data["discarded_eigenvalue_sum"], tails[list(ranks)], atol=1e-8)


@scene_group("LowRankApproximation")
def test_sidecar_contract(scene_build: Any, digits: tuple[np.ndarray, np.ndarray]) -> None:
    scene = scene_build.scene
    _, target = digits
    data = scene.data
    ranks = list(scene.params.ranks)
    assert data["ranks"] == ranks
    for key in ("reconstruction_error", "discarded_eigenvalue_sum"):
        assert len(data[key]) == len(ranks)
    cumulative = [_sk_pca(k).explained_variance_ratio_.sum() for k in ranks]
    assert_allclose(data["explained_variance_ratio_cumulative"], cumulative, rtol=1e-9)
    assert data["digit_label"] == target[scene.params.digit_index]
    assert len(json.dumps(data)) < 20000


@scene_group("LowRankApproximation")
def test_captions_give_the_shown_numbers(scene_build: Any) -> None:
    scene = scene_build.scene
    captions = {b.name: b.caption for b in scene.beats}
    label = scene.data["digit_label"]
    article = "an" if label == 8 else "a"
    assert f", {article} {label}:" in captions["digit"]
    for k, err in zip(scene.data["ranks"], scene.data["reconstruction_error"], strict=True):
        caption = captions[f"rank_{k}"]
        assert f"first {k} principal" in caption
        if k >= 61:  # the digits have 61 non-zero eigenvalues: exact rebuilds
            assert "error of the rank" in caption and " is 0, on the curve" in caption
        else:
            assert err > 1e-4 and " is 0," not in caption


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"ranks": "5,2"}, "strictly increasing"),
        ({"ranks": "3,3"}, "strictly increasing"),
        ({"ranks": "0,2"}, "ranks"),
        ({"ranks": "1,2,3,4,5,6,7,8,9"}, "ranks"),
        ({"digit_index": "1797"}, "digit_index"),
    ],
)
def test_bad_parameters_are_refused(overrides: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ParamError, match=fragment):
        build("LowRankApproximation", LowRankApproximationParams, overrides)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--set", "ranks=20,10"], "parameter 'ranks'"),
        (["--set", "ranks=65"], "parameter 'ranks'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    line = rejected_render(tmp_path, "LowRankApproximation", *args)
    assert fragment in line, line
