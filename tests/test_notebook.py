"""docs/lecture-notebook.ipynb, executed end to end in a real Jupyter kernel.

nbclient runs every cell in an ipykernel of this interpreter (the venv's ``python3``
kernel) with this checkout first on its path; the notebook renders into
``../renders`` of its folder, so it runs from a copy in a temporary ``docs/`` whose
renders are thrown away (the repository's ``data/`` is copied beside it, for the CSV
cells). Two low-quality renders of LinearMap and one of LinearRegressionGD on
``data/exam_scores.csv`` (about 30 s in all).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbclient import NotebookClient
from test_api import keep, warm

from conftest import PROJECT_DIR, rejected_render

NOTEBOOK = PROJECT_DIR / "docs" / "lecture-notebook.ipynb"

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("notebook")]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """The notebook after a run in a fresh kernel, and its renders folder."""
    root = tmp_path_factory.mktemp("notebook")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(NOTEBOOK, docs / NOTEBOOK.name)
    shutil.copytree(PROJECT_DIR / "data", root / "data")  # the CSV cells read ../data
    out = root / "renders"
    warm(out)
    nb = nbformat.read(docs / NOTEBOOK.name, as_version=4)
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_DIR), saved]))
    try:
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(docs)}}
        ).execute()
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved
    nbformat.write(nb, root / "executed.ipynb")
    keep(out)
    return nb, out


def tagged(nb: Any, tag: str) -> Any:
    (cell,) = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    return cell


def html_of(cell: Any) -> str:
    pages = [o.data["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
    assert len(pages) == 1, cell.outputs
    return str(pages[0])


def stdout_of(cell: Any) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def test_the_notebook_in_the_repository_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_every_cell_ran_without_error(executed: tuple[Any, Path]) -> None:
    nb, _ = executed
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source


def test_the_preset_shows_as_an_inline_video_with_poster_and_captions(
    executed: tuple[Any, Path],
) -> None:
    nb, out = executed
    page = html_of(tagged(nb, "preset"))
    assert page.count("<video controls") == 1
    assert 'poster="data:image/png;base64,' in page
    assert 'src="data:video/mp4;base64,' in page
    assert '<track kind="captions"' in page and 'src="data:text/vtt;base64,' in page
    assert "LinearMap--shear" in page
    for ext in (".mp4", ".png", ".json", ".vtt"):
        assert (out / "low" / f"LinearMap--shear{ext}").is_file()


def test_the_changed_matrix_renders_and_its_data_is_read(executed: tuple[Any, Path]) -> None:
    nb, out = executed
    assert "<video controls" in html_of(tagged(nb, "matrix"))
    text = stdout_of(tagged(nb, "data"))
    found = re.search(r"det A = (\S+), rank (\d+)", text)
    assert found, text
    swap = np.array([[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(float(found.group(1)), np.linalg.det(swap), atol=1e-9)
    assert int(found.group(2)) == np.linalg.matrix_rank(swap)
    assert "'matrix': [[0.0, 1.0], [1.0, 0.0]]" in text
    stem = re.search(r"files: (\S+)\.mp4", text)
    assert stem and (out / "low" / f"{stem.group(1)}.json").is_file()


def test_the_bad_value_prints_the_command_lines_line(
    executed: tuple[Any, Path], tmp_path: Path
) -> None:
    nb, _ = executed
    line = rejected_render(tmp_path, "LinearMap", "--set", "matrix=[[1, 2], [3]]")
    assert stdout_of(tagged(nb, "error")) == line + "\n"


def test_the_csv_cells_read_the_file_and_fit_it_as_numpy_does(
    executed: tuple[Any, Path],
) -> None:
    nb, out = executed
    frame = pd.read_csv(PROJECT_DIR / "data" / "exam_scores.csv")
    assert "hours_studied" in html_of(tagged(nb, "csv-read"))  # the DataFrame's table
    cell = tagged(nb, "csv")
    assert "<video controls" in html_of(cell)
    used = frame[["hours_studied", "final"]].dropna()
    slope, intercept = np.polyfit(used["hours_studied"], used["final"], 1)
    text = stdout_of(cell)
    found = re.search(r"(\d+) students used, (\d+) dropped \(([^)]*)\)", text)
    assert found, text
    assert int(found.group(1)) == len(used)
    assert int(found.group(2)) == len(frame) - len(used) > 0
    assert "missing" in found.group(3)
    fitted = re.search(r"final = (\S+) \+ (\S+) x hours", text)
    assert fitted, text
    assert float(fitted.group(1)) == pytest.approx(intercept, abs=0.005)  # printed to 2 places
    assert float(fitted.group(2)) == pytest.approx(slope, abs=0.0005)  # printed to 3 places
    assert list(out.glob("low/LinearRegressionGD--*.json"))


def test_explore_shows_its_widgets(executed: tuple[Any, Path]) -> None:
    nb, _ = executed
    (shown,) = [o for o in tagged(nb, "explore").outputs if o.output_type == "execute_result"]
    assert "application/vnd.jupyter.widget-view+json" in shown.data
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    kinds = {m["model_name"] for m in state.values()}
    assert {"DropdownModel", "GridBoxModel", "IntSliderModel", "ButtonModel"} <= kinds
