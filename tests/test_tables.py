"""The shared data path (issue 21): mlmath_viz.tables and scenes.parameters.data.

The loader is checked against pandas and numpy on the same file; every kind of bad data
is its own test through the real command line (one line naming ``data`` and the
problem, exit 2, nothing written).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from conftest import PROJECT_DIR, rejected_render
from mlmath_viz import datasets, tables
from scenes.optimization.params import LinearRegressionGDParams
from scenes.parameters import ParamError, build, specs
from scenes.parameters.data import resolve, table, tex_text
from scenes.statistics.params import HypothesisTestParams

EXAM = PROJECT_DIR / "data" / "exam_scores.csv"

GOOD = "x,y,g\n1,2.5,a\n2,,a\n3,6.5,b\n4,8.0,b\n5,9.5,a\n"


def write(tmp_path: Path, text: str | bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- the loader against pandas ----------------------------------------------------------


def test_shipped_exam_file_loads_as_pandas_reads_it() -> None:
    frame, digest = tables.load_csv(EXAM)
    expected = pd.read_csv(EXAM)
    assert list(frame.columns) == list(expected.columns)
    assert len(frame) == len(expected)
    assert digest == hashlib.sha256(EXAM.read_bytes()).hexdigest()
    rows, source = tables.prepare(frame, numeric=("hours_studied", "final"), path="p")
    want = expected[["hours_studied", "final"]].dropna()
    assert_allclose(rows.to_numpy(), want.to_numpy(), rtol=0, atol=0)
    assert source.rows == len(want) and source.rows_dropped == len(expected) - len(want)
    assert source.rows_dropped == 3  # the file has 3 empty cells in these columns
    assert source.columns == ("hours_studied", "final")


def test_prepare_drops_missing_rows_in_the_used_columns_only(tmp_path: Path) -> None:
    frame, _ = tables.load_csv(write(tmp_path, GOOD))
    rows, source = tables.prepare(frame, numeric=("x",), categorical=("g",))
    assert source.rows == 5 and source.rows_dropped == 0  # y's gap is not used
    rows, source = tables.prepare(frame, numeric=("x", "y"))
    assert source.rows == 4 and source.rows_dropped == 1
    assert source.to_json()["dropped_reason"] == tables.DROP_REASON
    assert_allclose(rows["y"].to_numpy(), [2.5, 6.5, 8.0, 9.5])
    assert rows["x"].dtype == np.float64


def test_group_values_stay_text_as_written(tmp_path: Path) -> None:
    frame, _ = tables.load_csv(write(tmp_path, "v,g\n1,01\n2,1\n3,01\n4,1\n"))
    rows, _ = tables.prepare(frame, numeric=("v",), categorical=("g",))
    assert list(rows["g"]) == ["01", "1", "01", "1"]
    a, b = tables.require_groups(rows, "g", ("01", "1"), 2)
    assert list(a["v"]) == [1.0, 3.0] and list(b["v"]) == [2.0, 4.0]


def test_shipped_default_goes_through_the_same_path() -> None:
    """Empty data: the Iris frame (as_frame=True) gives the same numbers as the arrays."""
    p = build("HypothesisTest", HypothesisTestParams, {})
    tab, xa, xb = p.samples()
    assert tab.source.path == "" and tab.source.sha256 is None and tab.source.name == "iris"
    assert_allclose(xa, datasets.iris_sample("sepal_length", "versicolor"), rtol=0, atol=0)
    assert_allclose(xb, datasets.iris_sample("sepal_length", "virginica"), rtol=0, atol=0)
    from sklearn.datasets import load_diabetes

    reg = build("LinearRegressionGD", LinearRegressionGDParams, {}).table()
    bunch = load_diabetes(scaled=False)
    assert_allclose(reg.frame["bmi"], bunch.data[:, 2], rtol=0, atol=0)
    assert_allclose(reg.frame["target"], bunch.target, rtol=0, atol=0)


def test_relative_paths_resolve_from_the_cwd_then_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve("data/exam_scores.csv") == PROJECT_DIR / "data" / "exam_scores.csv"
    (tmp_path / "data").mkdir()
    mine = write(tmp_path / "data", GOOD, "exam_scores.csv")
    assert resolve("data/exam_scores.csv") == mine  # the current directory wins


def test_choices_apply_only_without_data() -> None:
    by_name = {s.name: s for s in specs(HypothesisTestParams)}
    assert by_name["feature"].choices_unless == "data"
    with pytest.raises(ParamError, match=r"parameter 'feature' got 'final'.*any column"):
        build("HypothesisTest", HypothesisTestParams, {"feature": "final"})
    p = build(
        "HypothesisTest",
        HypothesisTestParams,
        {"data": str(EXAM), "feature": "final", "group_column": "section", "group_a": "A",
         "group_b": "B"},
    )  # fmt: skip
    assert p.feature == "final"


def test_tex_text_escapes_latex_specials() -> None:
    assert tex_text("final_score (%)") == r"final\_score (\%)"
    assert tex_text("a&b#c$") == r"a\&b\#c\$"


def test_the_row_cap_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    with pytest.raises(tables.TableError, match="more than 3 data rows"):
        tables.read_csv(write(tmp_path, GOOD))


def test_a_missing_column_through_table_names_the_parameter() -> None:
    with pytest.raises(ParamError, match=r"parameter 'feature' got 'hourz'.*columns: student"):
        table(str(EXAM), "diabetes", numeric=("hourz",), columns={"hourz": "feature"})


# -- bad data through the command line: one line, exit 2, nothing written ----------------


def regression_args(data: Path | str, feature: str = "x", target: str = "y") -> list[str]:
    return [
        "LinearRegressionGD",
        "--set",
        f"data={data}",
        "--set",
        f"feature={feature}",
        "--set",
        f"target={target}",
    ]


def assert_names(line: str, *parts: str) -> None:
    for part in parts:
        assert part in line, line


def test_cli_missing_file(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, *regression_args(tmp_path / "nope.csv"))
    assert_names(line, "parameter 'data'", "nope.csv", "no such file")


def test_cli_a_directory(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, *regression_args(tmp_path))
    assert_names(line, "parameter 'data'", str(tmp_path), "is a directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_cli_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    path.chmod(0)
    try:
        line = rejected_render(tmp_path, *regression_args(path))
    finally:
        path.chmod(0o644)
    assert_names(line, "parameter 'data'", "t.csv", "cannot be read")


def test_cli_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.csv")
    line = rejected_render(tmp_path, *regression_args(path))
    assert_names(line, "parameter 'data'", "image.csv", "is binary")


def test_cli_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, b"x,y\n1,2\n" + "caf\xe9,3\n".encode("latin-1") * 3)
    line = rejected_render(tmp_path, *regression_args(path))
    assert_names(line, "parameter 'data'", "t.csv", "not UTF-8")


def test_cli_empty_file(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, *regression_args(write(tmp_path, "")))
    assert_names(line, "parameter 'data'", "t.csv", "is empty")


def test_cli_header_only(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, *regression_args(write(tmp_path, "x,y\n")))
    assert_names(line, "parameter 'data'", "t.csv", "no data rows")


def test_cli_missing_column_lists_the_columns(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, *regression_args(write(tmp_path, GOOD), feature="z"))
    assert_names(line, "parameter 'feature' got 'z'", "data", "t.csv", "columns: x, y, g")


def test_cli_text_in_a_numeric_column_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "x,y\n1,2\n2,3\nthree,4\n4,5\nfive,6\n")
    line = rejected_render(tmp_path, *regression_args(path))
    assert_names(line, "parameter 'data'", "t.csv", "column 'x' must be numeric", "line 4")
    assert "'three'" in line


def test_cli_fewer_rows_than_the_scene_needs(tmp_path: Path) -> None:
    path = write(tmp_path, "x,y\n1,2\n2,\n3,4\n")
    line = rejected_render(tmp_path, *regression_args(path))
    assert_names(line, "parameter 'data'", "t.csv", "2 usable rows", "1 with missing", "at least 3")


def test_cli_group_column_without_a_named_value(tmp_path: Path) -> None:
    args = [
        "HypothesisTest",
        "--set",
        f"data={write(tmp_path, GOOD)}",
        "--set",
        "feature=x",
        "--set",
        "group_column=g",
        "--set",
        "group_a=a",
        "--set",
        "group_b=c",
    ]
    line = rejected_render(tmp_path, *args)
    assert_names(line, "parameter 'data'", "t.csv", "no row with g = 'c'", "values: 'a', 'b'")


def test_cli_more_rows_than_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("x,y\n" + "1,2\n" * (tables.MAX_ROWS + 1), encoding="utf-8")
    line = rejected_render(tmp_path, *regression_args(path))
    assert_names(line, "parameter 'data'", "big.csv", "more than 1,000,000 data rows")


def test_cli_malformed_csv(tmp_path: Path) -> None:
    path = write(tmp_path, 'x,y\n1,2\n3,4,5,6\n"7,8\n')
    line = rejected_render(tmp_path, *regression_args(path))
    assert_names(line, "parameter 'data'", "t.csv", "not valid CSV")


def test_unreadable_file_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable: a PermissionError from open stands in for mode 0."""
    path = write(tmp_path, GOOD)
    real_open = open

    def refuse(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(ParamError, match=r"parameter 'data' got .*t\.csv.*cannot be read"):
        build(
            "LinearRegressionGD",
            LinearRegressionGDParams,
            {"data": str(path), "feature": "x", "target": "y"},
        )


def test_cli_a_group_with_too_few_rows_for_its_variance(tmp_path: Path) -> None:
    path = write(tmp_path, "v,g\n1,a\n2,a\n3,a\n4,b\n5,\n")
    args = ["HypothesisTest", "--set", f"data={path}", "--set", "feature=v"]
    args += ["--set", "group_column=g", "--set", "group_a=a", "--set", "group_b=b"]
    line = rejected_render(tmp_path, *args)
    assert_names(line, "parameter 'data'", "t.csv", "1 usable row with g = 'b'", "at least 2")
