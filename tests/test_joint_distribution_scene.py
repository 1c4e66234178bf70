"""JointDistribution: its own mobjects against its sidecar data and independent oracles.

Each case is the session's checked build (conftest's ``built``, shared with
test_scene_checks and test_golden). The numbers are checked against scikit-learn's raw
arrays counted with pandas (``cut`` and ``crosstab``), numpy's histogram edges, scipy's
chi-squared expected counts and scikit-learn's mutual information; the drawn cells'
colours against the colour scale of those tables, the bars' lengths against the
marginals, the edge labels' places against the column boundaries, and the captions
against the numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import chi2_contingency
from sklearn.datasets import load_iris, load_wine
from sklearn.metrics import mutual_info_score

from conftest import rejected_render, scene_group
from mlmath_viz import datasets, joint
from scenes.kit.numbers import format_number
from scenes.parameters import datasets as choices
from scenes.probability.params import JOINT_DATA_SETS, JointDistributionParams

CASES = {
    "default": JointDistributionParams(),
    "wine": JointDistributionParams(
        data_set="wine", x="cultivar", y="flavanoids", bins=5, given="class_1"
    ),
    "nearly-independent": JointDistributionParams(
        data_set="wine", x="cultivar", y="ash", bins=4, given="class_2"
    ),
    "most-bins": JointDistributionParams(bins=8, given="setosa"),
    "two-bins": JointDistributionParams(
        data_set="wine", x="cultivar", y="magnesium", bins=2, given="class_0"
    ),
    "longest-name": JointDistributionParams(
        data_set="wine", x="cultivar", y="od280/od315_of_diluted_wines", bins=8, given="class_2"
    ),
}

BEATS = ["joint", "marginals", "conditional", "independence"]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, built: Any) -> tuple[str, Any]:
    return request.param, built("JointDistribution", CASES[request.param])


def crosstabs(p: JointDistributionParams) -> dict[str, Any]:
    """The tables counted straight from scikit-learn's arrays with numpy and pandas."""
    if p.data_set == "iris":
        bunch = load_iris()
        names = [n.removesuffix(" (cm)").replace(" ", "_") for n in bunch.feature_names]
    else:
        bunch = load_wine()
        names = list(bunch.feature_names)
    values = bunch.data[:, names.index(p.y)]
    labels = np.asarray(bunch.target_names)[bunch.target]
    edges = np.histogram_bin_edges(values, p.bins)
    cut = pd.cut(values, bins=np.r_[edges[:-1], np.inf], right=False, labels=False)
    frame = pd.DataFrame({"x": labels, "bin": np.asarray(cut, dtype=int)})
    classes = list(bunch.target_names)
    columns = list(range(p.bins))

    def table(normalize: str) -> np.ndarray:
        t = pd.crosstab(frame.x, frame.bin, normalize=normalize)
        return t.reindex(index=classes, columns=columns, fill_value=0.0).to_numpy()

    full = table("all")
    return {
        "values": values,
        "labels": labels,
        "classes": classes,
        "edges": edges,
        "bin": frame.bin.to_numpy(),
        "joint": full,
        "rows": table("index"),
        "marginal_x": full.sum(axis=1),
        "marginal_y": full.sum(axis=0),
    }


def fill_rgb(mobject: Any) -> np.ndarray:
    return np.asarray(mobject.get_fill_color().to_rgb(), dtype=float)


def hex_rgb(colour: str) -> np.ndarray:
    c = colour.lstrip("#")
    return np.array([int(c[k : k + 2], 16) / 255 for k in (0, 2, 4)])


@scene_group("JointDistribution")
def test_every_beat_passes_the_checker_and_the_visual_standard(case: tuple[str, Any]) -> None:
    _, report = case
    assert [b.name for b in report.scene.beats] == BEATS
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    assert sum(m["invariants"] for m in report.measured.values()) >= 20


@scene_group("JointDistribution")
def test_the_numbers_are_pandas_numpys_scipys_and_scikit_learns(case: tuple[str, Any]) -> None:
    name, report = case
    p, d = CASES[name], report.scene.data
    o = crosstabs(p)
    assert d["classes"] == o["classes"] and d["n"] == o["values"].size
    assert_allclose(d["bin_edges"], o["edges"], rtol=0, atol=1e-12)
    for i, c in enumerate(o["classes"]):
        want, _ = np.histogram(o["values"][o["labels"] == c], bins=o["edges"])
        assert_array_equal(d["counts"][i], want, err_msg=c)
    assert_allclose(d["joint"], o["joint"], atol=1e-15)
    assert_allclose(d["marginal_x"], o["marginal_x"], atol=1e-15)
    assert_allclose(d["marginal_y"], o["marginal_y"], atol=1e-15)
    assert_allclose(d["conditional"], o["rows"][o["classes"].index(p.given)], atol=1e-15)
    assert_allclose(np.sum(d["conditional"]), 1.0, rtol=1e-14)
    counts = np.array(d["counts"])
    keep = counts.sum(axis=0) > 0
    expected = chi2_contingency(counts[:, keep], correction=False).expected_freq
    assert_allclose(d["n"] * np.array(d["product_of_marginals"])[:, keep], expected, rtol=1e-12)
    bits = mutual_info_score(o["labels"], o["bin"]) / np.log(2)
    assert_allclose(d["mutual_information_bits"], bits, rtol=1e-10, atol=1e-12)
    shares = o["marginal_x"]
    assert_allclose(d["entropy_x_bits"], -np.sum(shares * np.log2(shares)), rtol=1e-12)
    tv = 0.5 * np.abs(o["joint"] - np.outer(o["marginal_x"], o["marginal_y"])).sum()
    assert_allclose(d["total_variation"], tv, rtol=1e-12)


@scene_group("JointDistribution")
def test_the_picture_is_the_tables(case: tuple[str, Any]) -> None:
    name, report = case
    p = CASES[name]
    pic = report.scene.picture
    o = crosstabs(p)
    scale = pic.scale
    product = np.outer(o["marginal_x"], o["marginal_y"])
    # at the end the joint is back in its cells and the product sits below it
    for heat, values in ((pic.table, o["joint"]), (pic.product, product)):
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                want = hex_rgb(scale.colour(float(values[i, j])))
                assert_allclose(fill_rgb(heat.cell(i, j)), want, atol=1.5 / 255)
    # every number written in its cell is the oracle's, to 2 decimals (0 when empty)
    for numbers, values in ((pic.numbers, o["joint"]), (pic.product_numbers, product)):
        for number, v in zip(numbers, values.ravel(), strict=True):
            want = "0" if v == 0 else format_number(float(v), 2, mode="fixed")
            assert number.tex_string == want
    # the marginal bars, one scale for both, beside their rows and under their columns
    across = np.array([bar.width for bar in pic.across]) / pic.unit
    down = np.array([bar.height for bar in pic.down]) / pic.unit
    assert_allclose(across, o["marginal_x"], atol=1e-6)
    assert_allclose(down, o["marginal_y"], atol=1e-6)
    for i, bar in enumerate(pic.across):
        assert_allclose(bar.get_center()[1], pic.table.cell(i, 0).get_center()[1], atol=1e-9)
        assert bar.get_left()[0] > pic.table.cells.get_right()[0]
    for j, bar in enumerate(pic.down):
        assert_allclose(bar.get_center()[0], pic.table.cell(0, j).get_center()[0], atol=1e-9)
        assert bar.get_top()[1] < pic.table.cells.get_bottom()[1]
    # the product's columns line up with the joint's
    for j in range(p.bins):
        assert_allclose(
            pic.product.cell(0, j).get_center()[0], pic.table.cell(0, j).get_center()[0]
        )
    # edge labels at the column boundaries, reading numpy's edges
    left, width = pic.table.cells.get_left()[0], pic.table.cell_width
    for k, (label, edge) in enumerate(zip(pic.edges, o["edges"], strict=True)):
        assert_allclose(label.get_center()[0], left + k * width, atol=1e-9)
        assert abs(float(label.tex_string) - edge) <= 0.5 * 10.0 ** -_decimals(label.tex_string)


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@scene_group("JointDistribution")
def test_the_captions_say_what_the_numbers_are(case: tuple[str, Any]) -> None:
    name, report = case
    p = CASES[name]
    o = crosstabs(p)
    beats = {b.name: b.caption for b in report.scene.beats}
    conditional = o["rows"][o["classes"].index(p.given)]
    readout = ", ".join(
        "0" if v == 0 else format_number(float(v), 2, mode="fixed") for v in conditional
    )
    assert readout in beats["conditional"] and "sums to 1" in beats["conditional"]
    bits = mutual_info_score(o["labels"], o["bin"]) / np.log(2)
    assert f"I = {format_number(bits, 2, mode='fixed')} bits" in beats["independence"]
    share = bits / (-np.sum(o["marginal_x"] * np.log2(o["marginal_x"])))
    word = "nearly independent" if share < 0.1 else "strongly" if share > 0.5 else "dependent"
    assert word in beats["independence"]


def test_strongly_and_nearly_independent_presets(built: Any) -> None:
    strong = built("JointDistribution", CASES["default"]).scene
    weak = built("JointDistribution", CASES["nearly-independent"]).scene
    assert strong.data["verdict"] == "strongly dependent"
    assert weak.data["verdict"] == "nearly independent"
    assert strong.data["total_variation"] > 3 * weak.data["total_variation"]


def test_the_command_line_choices_are_the_data_sets() -> None:
    assert choices.IRIS_FEATURES == datasets.IRIS_FEATURES
    assert choices.WINE_FEATURES == datasets.WINE_FEATURES
    for name, (column, measurements, classes) in JOINT_DATA_SETS.items():
        spec = joint.DATA_SETS[name]
        assert (column, measurements, classes) == (
            spec.class_column,
            spec.measurements,
            spec.classes,
        )
        frame = joint.frame(name)
        assert sorted(frame[column].unique()) == sorted(classes)
        assert set(measurements) <= set(frame.columns)


@pytest.mark.parametrize(
    "settings, words",
    [
        (["x=cultivar"], "parameter 'x' got 'cultivar' with data_set 'iris'; allowed: species"),
        (["y=ash"], "parameter 'y' got 'ash' with data_set 'iris'; allowed: sepal_length"),
        (
            ["data_set=wine", "x=cultivar"],
            "parameter 'y' got 'petal_length' with data_set 'wine'",
        ),
        (
            ["data_set=wine", "x=cultivar", "y=ash", "given=setosa"],
            "parameter 'given' got 'setosa' with data_set 'wine'; allowed: class_0",
        ),
        (["bins=9"], "parameter 'bins'"),
        (["bins=1"], "parameter 'bins'"),
        (["data_set=digits"], "parameter 'data_set'"),
    ],
)
def test_bad_parameters_exit_2_naming_them(tmp_path: Path, settings: list[str], words: str) -> None:
    args = [a for s in settings for a in ("--set", s)]
    message = rejected_render(tmp_path, "JointDistribution", *args)
    assert words in message
