"""JointDistribution on a user's CSV file (issue 21) against numpy, pandas, scipy and
scikit-learn.

The scene is built (no video, every beat checked with the visual standard) from CSV files
written here: a text column of five values (the most a file's x may have, so the two
tables have five rows each), a column of numbers used as labels, awkward names (spaces,
units, underscores) and missing cells. The oracle reads the same file with
``pandas.read_csv``, drops the rows missing x or y, bins y with numpy's histogram edges
and ``pandas.cut``, counts with ``pandas.crosstab`` and takes the mutual information from
``sklearn.metrics.mutual_info_score`` (nats, converted to bits) and the product of the
marginals from ``scipy.stats.chi2_contingency``'s expected counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import chi2_contingency
from sklearn.metrics import mutual_info_score

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import joint, tables
from scenes.parameters import build
from scenes.probability.joint_distribution import JointDistribution
from scenes.probability.params import JOINT_MAX_CLASSES, JointDistributionParams

#: Tolerance against the oracles: shares of the same counts, float64.
RTOL = 1e-12

EXAM = PROJECT_DIR / "data" / "exam_scores.csv"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """90 invented plots: a soil type of five values (one cell empty, one with padding
    spaces), a yield that depends on the soil, a plot number and a numeric grade column
    of labels 1, 2, 10 (numeric order, not text order); two yields missing."""
    rng = np.random.default_rng(2111)
    n = 90
    soils = np.array(["sandy loam", "clay", "peat", "silt", "chalk_rich"])
    soil = soils[np.arange(n) % 5]
    shift = {"sandy loam": 0.0, "clay": 1.5, "peat": 3.0, "silt": 0.8, "chalk_rich": -1.0}
    crop = np.round([4.0 + shift[s] for s in soil] + rng.normal(0, 1.0, n), 2)
    grade = np.array(["1", "2", "10"])[np.arange(n) % 3]
    frame = pd.DataFrame(
        {"plot no": np.arange(1, n + 1), "soil type": soil, "yield (t/ha)": crop, "grade": grade}
    ).astype(object)
    frame.loc[8, "yield (t/ha)"] = None
    frame.loc[41, "yield (t/ha)"] = None
    frame.loc[60, "soil type"] = None
    frame.loc[3, "soil type"] = " silt "  # read as 'silt': cells are stripped
    path = tmp_path_factory.mktemp("own-data-joint") / "plots.csv"
    frame.to_csv(path, index=False)
    return path


def oracle(path: Path, x: str, y: str, bins: int, classes: list[str]) -> dict[str, Any]:
    """The tables counted from the file as pandas reads it."""
    frame = pd.read_csv(path, dtype={x: str})[[x, y]].dropna()
    labels = frame[x].str.strip().to_numpy()
    values = frame[y].to_numpy(dtype=float)
    edges = np.histogram_bin_edges(values, bins)
    cut = pd.cut(values, bins=np.r_[edges[:-1], np.inf], right=False, labels=False)
    cells = pd.DataFrame({"x": labels, "bin": np.asarray(cut, dtype=int)})
    counts = (
        pd.crosstab(cells.x, cells.bin)
        .reindex(index=classes, columns=range(bins), fill_value=0)
        .to_numpy()
    )
    return {
        "n": len(frame),
        "labels": labels,
        "bin": cells.bin.to_numpy(),
        "edges": edges,
        "counts": counts,
    }


@scene_group("JointDistribution")
def test_five_values_against_pandas_numpy_scipy_and_scikit_learn(
    user_csv: Path, built: Any
) -> None:
    params = build(
        "JointDistribution",
        JointDistributionParams,
        {
            "data": str(user_csv),
            "x": "soil type",
            "y": "yield (t/ha)",
            "bins": "6",
            "given": "peat",
        },
    )
    report = built(JointDistribution, params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    classes = ["chalk_rich", "clay", "peat", "sandy loam", "silt"]  # text order
    assert d["classes"] == classes and len(classes) == JOINT_MAX_CLASSES
    want = oracle(user_csv, "soil type", "yield (t/ha)", 6, classes)
    assert d["n"] == want["n"] == 87  # 2 missing yields, 1 missing soil type
    assert_allclose(d["bin_edges"], want["edges"], rtol=RTOL)
    assert_array_equal(d["counts"], want["counts"])
    full = want["counts"] / want["n"]
    assert_allclose(d["joint"], full, rtol=RTOL)
    assert_allclose(d["marginal_x"], full.sum(axis=1), rtol=RTOL)
    assert_allclose(d["marginal_y"], full.sum(axis=0), rtol=RTOL)
    row = want["counts"][classes.index("peat")]
    assert_allclose(d["conditional"], row / row.sum(), rtol=RTOL)
    assert_allclose(d["given_probability"], row.sum() / want["n"], rtol=RTOL)
    expected = chi2_contingency(want["counts"], correction=False).expected_freq
    assert_allclose(d["product_of_marginals"], expected / want["n"], rtol=1e-10)
    mi = mutual_info_score(want["labels"], want["bin"]) / np.log(2)
    assert_allclose(d["mutual_information_bits"], mi, rtol=1e-10)
    shares = full.sum(axis=1)
    assert_allclose(d["entropy_x_bits"], -np.sum(shares * np.log2(shares)), rtol=1e-12)
    # data_set is not used with data, and the sidecar says so
    assert d["data_set"] is None and d["data_set_used"] is False
    source = d["data_source"]
    assert source["path"] == str(user_csv) and source["name"] == "plots.csv"
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (87, 3)
    assert source["columns"] == ["yield (t/ha)", "soil type"]
    captions = {b.name: b.caption for b in report.scene.beats}
    assert "The 87 rows of plots.csv counted by soil type (rows)" in captions["joint"]
    assert "3 rows dropped (missing values)" in captions["joint"]
    assert "Conditioning on soil type = peat" in captions["conditional"]
    # five rows share the height three rows have: both tables fit one above the other
    heat = report.scene.picture.table
    assert heat.cells.height == pytest.approx(3 * 0.6, abs=1e-6)


@scene_group("JointDistribution")
def test_number_labels_are_in_numeric_order(user_csv: Path, built: Any) -> None:
    params = build(
        "JointDistribution",
        JointDistributionParams,
        {"data": str(user_csv), "x": "grade", "y": "yield (t/ha)", "bins": "3", "given": "10"},
    )
    report = built(JointDistribution, params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    assert d["classes"] == ["1", "2", "10"]
    want = oracle(user_csv, "grade", "yield (t/ha)", 3, ["1", "2", "10"])
    assert d["n"] == want["n"] == 88  # the missing soil type is not used here
    assert_array_equal(d["counts"], want["counts"])
    assert d["data_source"]["rows_dropped"] == 2


def test_class_order_is_numeric_for_numbers_else_text() -> None:
    assert joint.class_order(["10", "2", "1", "2"]) == ("1", "2", "10")
    assert joint.class_order(["b", "A", "a"]) == ("A", "a", "b")
    assert joint.class_order(["1", "x"]) == ("1", "x")
    assert joint.class_order(["nan", "1"]) == ("1", "nan")


def test_a_file_table_equals_the_shipped_counting() -> None:
    """The same labels and values give the same table by either entry point."""
    frame = joint.frame("wine")
    shipped = joint.joint_table("wine", "ash", 4)
    again = joint.table_from_columns(
        frame["cultivar"], frame["ash"], 4, classes=shipped.classes, x="cultivar", y="ash"
    )
    assert_array_equal(again.counts, shipped.counts)
    assert_allclose(again.edges, shipped.edges, rtol=0, atol=0)


@scene_group("JointDistribution")
def test_the_exam_preset_matches_pandas(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["JointDistribution"]["exam-sections"]
    params = build("JointDistribution", JointDistributionParams, overrides)
    report = built(JointDistribution, params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    want = oracle(EXAM, "section", "final", 4, ["A", "B"])
    assert d["n"] == want["n"] == 94 and d["data_source"]["rows_dropped"] == 2
    assert_array_equal(d["counts"], want["counts"])
    assert_allclose(d["bin_edges"], [53, 64.75, 76.5, 88.25, 100], rtol=RTOL)
    mi = mutual_info_score(want["labels"], want["bin"]) / np.log(2)
    assert_allclose(d["mutual_information_bits"], mi, rtol=1e-10)
    # the numbers the preset's comment quotes
    assert [round(v, 2) for v in d["conditional"]] == [0.13, 0.30, 0.41, 0.15]
    a = want["counts"][0] / want["counts"][0].sum()
    assert [round(v, 2) for v in a] == [0.31, 0.42, 0.21, 0.06]
    assert (round(mi, 2), round(d["entropy_x_bits"], 2)) == (0.07, 1.0)
    assert round(d["total_variation"], 2) == 0.15 and d["verdict"] == "nearly independent"
    assert d["data_source"]["path"] == "data/exam_scores.csv"


def test_the_shipped_data_goes_through_the_same_path() -> None:
    tab, classes = JointDistributionParams().table()
    assert tab.source.name == "iris" and tab.source.path == ""
    assert (tab.source.rows, tab.source.rows_dropped) == (150, 0)
    assert classes == ("setosa", "versicolor", "virginica")


# -- refusals through the command line: one line, exit 2, nothing written ---------------

FILE = "id,team,score,one\n" + "".join(
    f"k{i},{'abcdef'[i % 6]},{i * 1.5},same\n" for i in range(12)
)


@pytest.mark.parametrize(
    ("sets", "words"),
    [
        (
            ["x=team", "y=score", "given=a"],
            ["parameter 'x' got 'team'", "6 distinct values", "allowed: a column of 2 to 5 values"],
        ),
        (["x=one", "y=score", "given=same"], ["parameter 'x' got 'one'", "1 distinct value"]),
        (["x=id", "y=score", "given=k1"], ["parameter 'x' got 'id'", "12 distinct values"]),
        (["x=tem", "y=score", "given=a"], ["parameter 'x' got 'tem'", "columns: id, team"]),
        (["x=team", "y=scor", "given=a"], ["parameter 'y' got 'scor'", "has no such column"]),
        (["x=team", "y=team", "given=a"], ["parameter 'y' got 'team'", "other than x"]),
        (["x=score", "y=team", "given=a"], ["parameter 'data'", "column 'team' must be numeric"]),
    ],
)
def test_bad_columns_exit_2_naming_the_parameter(
    tmp_path: Path, sets: list[str], words: list[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(FILE, encoding="utf-8")
    args = ["--set", f"data={path}", *(a for s in sets for a in ("--set", s))]
    message = rejected_render(tmp_path, "JointDistribution", *args)
    for word in words:
        assert word in message, message


def test_a_given_value_x_does_not_have_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("g,v\nA,1\nB,2\nA,3\nB,\n", encoding="utf-8")
    message = rejected_render(
        tmp_path,
        "JointDistribution",
        "--set",
        f"data={path}",
        "--set",
        "x=g",
        "--set",
        "y=v",
        "--set",
        "given=C",
    )
    assert "parameter 'given' got 'C'" in message
    assert "has no row with g = 'C'; allowed: A, B" in message
