"""BayesTheorem: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The counts are checked against scikit-learn's raw
arrays and ``confusion_matrix``, the posterior against counting a simulated population,
the drawn bars against numpy's histogram and the square's cells against the shares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import confusion_matrix

from conftest import rejected_render, scene_group
from scenes.statistics.params import BREAST_CANCER_PREVALENCE, BayesTheoremParams

CASES = {
    "default": BayesTheoremParams(),
    "rare": BayesTheoremParams(prevalence=0.01),
    "sensitive": BayesTheoremParams(threshold=12.0),
}

BEATS = ["data", "rates", "population", "posterior"]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("BayesTheorem", CASES[request.param])


def raw_column(feature: str) -> tuple[np.ndarray, np.ndarray]:
    bunch = load_breast_cancer()
    k = [n.replace(" ", "_") for n in bunch.feature_names].index(feature)
    return bunch.data[:, k], bunch.target == 0  # target 0 is malignant


@scene_group("BayesTheorem")
def test_every_beat_passes_the_checker(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)


@scene_group("BayesTheorem")
def test_the_numbers_are_scikit_learns_and_bayes(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    x, malignant = raw_column(p.feature)
    (tp, fn), (fp, tn) = confusion_matrix(malignant, x > p.threshold, labels=[True, False])
    assert d["confusion"] == {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
    assert_allclose(d["sensitivity"], tp / (tp + fn), rtol=1e-14)
    assert_allclose(d["specificity"], tn / (tn + fp), rtol=1e-14)
    s, c, prev = d["sensitivity"], d["specificity"], p.prevalence
    # Bayes' theorem written out from P(+|M), P(+|B) and P(M)
    p_pos = s * prev + (1 - c) * (1 - prev)
    assert_allclose(d["posterior"], s * prev / p_pos, rtol=1e-12)
    assert_allclose(d["negative_predictive_value"], c * (1 - prev) / (1 - p_pos), rtol=1e-12)
    assert_allclose(d["data_prevalence"], malignant.mean(), rtol=1e-15)
    assert_allclose(BREAST_CANCER_PREVALENCE, malignant.mean(), rtol=1e-15)
    people = d["population_per_10000"]
    assert_allclose(sum(people.values()), 10_000, rtol=1e-12)
    assert_allclose(people["tp"] / (people["tp"] + people["fp"]), d["posterior"], rtol=1e-12)


def test_at_the_datas_prevalence_the_posterior_is_the_share_of_true_positives(
    built: Any,
) -> None:
    d = built("BayesTheorem", CASES["default"]).scene.data
    c = d["confusion"]
    assert_allclose(d["posterior"], c["tp"] / (c["tp"] + c["fp"]), rtol=1e-12)
    assert d["posterior"] > 0.9


def test_the_rare_preset_makes_most_positives_false(built: Any) -> None:
    report = built("BayesTheorem", CASES["rare"])
    assert report.scene.data["posterior"] < 0.5
    assert "most positives are false" in report.scene.beats[-1].caption


@scene_group("BayesTheorem")
def test_the_bars_are_numpys_histograms_and_the_cells_the_shares(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    pic = report.scene.picture
    x, malignant = raw_column(p.feature)
    edges = np.array(d["bin_edges"])
    for bars, mask in ((pic.malignant_bars, malignant), (pic.benign_bars, ~malignant)):
        want, _ = np.histogram(x[mask], bins=edges)
        measured = bars.measured()
        assert_allclose(measured[:, 2], want, atol=1e-6)
        assert_allclose(measured[:, 0], edges[:-1], atol=1e-6)
    assert_allclose(pic.plot.p2c(pic.threshold_line.get_start())[0], p.threshold, atol=1e-9)
    side = pic.square.width
    s, c, prev = d["sensitivity"], d["specificity"], p.prevalence
    want = {"tp": s * prev, "fn": (1 - s) * prev, "fp": (1 - c) * (1 - prev), "tn": c * (1 - prev)}
    for key, cell in pic.cells.items():
        assert_allclose(cell.width * cell.height / side**2, want[key], atol=1e-6, err_msg=key)
    # the malignant column on the left is prevalence wide, positives on top
    left = pic.square.get_left()[0]
    assert_allclose(pic.cells["tp"].get_right()[0] - left, prev * side, atol=1e-6)
    assert pic.cells["tp"].get_bottom()[1] >= pic.cells["fn"].get_top()[1] - 1e-6


@pytest.mark.parametrize(
    "setting, words",
    [
        ("threshold=40", "parameter 'threshold' got 40"),
        ("threshold=-5", "the feature's range"),
        ("prevalence=1", "'prevalence'"),
        ("feature=worst radius", "'feature'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, setting: str, words: str) -> None:
    message = rejected_render(tmp_path, "BayesTheorem", "--set", setting)
    assert words in message
