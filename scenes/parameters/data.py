"""The ``data`` parameter of the data scenes: a CSV file, or empty for the shipped data.

A data scene declares ``data: str = data_parameter(...)`` and its column parameters with
``choices_unless="data"`` (:func:`scenes.parameters.parameter`): without ``data`` they
take the shipped data set's choices, with it any text, checked against the file's
columns after loading. The scene's ``check`` calls :func:`table` (validation before any
rendering) and ``construct`` calls it again (read once per file version).

Paths: an absolute path is used as it is; a relative one is looked up in the current
directory first and then in the repository root, so a preset in ``scenes.toml`` naming
``data/exam_scores.csv`` works from any directory and a command-line path works as the
shell completes it. The sidecar records the path as given.

Every problem is one line naming ``data``, the file and what is wrong, e.g.
``parameter 'data' got 'scores.csv': no such file``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlmath_viz import tables
from scenes.parameters import ParamError, parameter

#: The repository root: relative paths not found in the current directory resolve here.
PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
#: Any text without control characters (a path); fuzzing keeps ``data`` empty.
DATA_PATTERN = r"[^\x00-\x1f]*"


def data_parameter(default_name: str) -> Any:
    """The ``data`` parameter: a CSV path, empty for the shipped ``default_name`` data."""
    return parameter(
        "",
        f"a CSV file (header row, one row per observation) whose columns the column "
        f"parameters name; empty: the shipped {default_name} data. Rows with a missing "
        f"value in a used column are dropped and counted; at most {tables.MAX_ROWS:,} rows",
        pattern=DATA_PATTERN,
    )


def resolve(data: str) -> Path:
    """The file ``data`` names: absolute as is; relative in the current directory, else
    in the repository root (else the current directory's path, which then fails)."""
    path = Path(data).expanduser()
    if path.is_absolute():
        return path
    here = Path.cwd() / path
    if here.exists():
        return here
    root = PROJECT_DIR / path
    return root if root.exists() else here


def data_digest(data: str) -> str | None:
    """SHA-256 of the file ``data`` names, ``None`` for empty ``data`` or no readable
    file (the cache key's part; a missing file is refused earlier by ``check``)."""
    if not data:
        return None
    try:
        return tables.file_sha256(resolve(data))
    except OSError:
        return None


@dataclass(frozen=True)
class Table:
    """A scene's rows (a DataFrame of the used columns) and where they came from."""

    frame: Any
    source: tables.DataSource

    @property
    def from_file(self) -> bool:
        return bool(self.source.path)


def _refuse(data: str, what: str) -> ParamError:
    return ParamError(f"parameter 'data' got {data!r}: {what}")


def table(
    data: str,
    default: str,
    *,
    numeric: Sequence[str] = (),
    categorical: Sequence[str] = (),
    min_rows: int = 2,
    columns: dict[str, str] | None = None,
) -> Table:
    """Load, check and trim the scene's table: the shipped ``default`` data set when
    ``data`` is empty, else the CSV file ``data`` names.

    ``columns`` maps each column the scene uses to the parameter that names it, so a
    missing column is reported on that parameter (``parameter 'feature' got 'hourz':
    data 'x.csv' has no column ...``).

    Raises
    ------
    ParamError
        One line naming ``data`` (or the column's parameter), the file and the problem.
    """
    if data:
        try:
            frame, digest = tables.load_csv(resolve(data))
        except tables.TableError as err:
            raise _refuse(data, str(err)) from None
        path, name = data, resolve(data).name
    else:
        frame, digest, path, name = tables.shipped(default), None, "", default
    names = columns or {}
    present = [str(c) for c in frame.columns]
    for column in dict.fromkeys([*numeric, *categorical]):
        if column not in present and column in names:
            raise ParamError(
                f"parameter '{names[column]}' got {column!r}: data {data!r} has no such "
                f"column; columns: {', '.join(present)}"
            )
    try:
        rows, source = tables.prepare(
            frame, numeric=numeric, categorical=categorical, path=path, name=name, sha256=digest
        )
        tables.require_rows(source, min_rows)
    except tables.TableError as err:
        raise _refuse(data, str(err)) from None
    return Table(rows, source)


def feature_target_table(
    data: str, feature: str, target: str, *, constant: str | None = None
) -> Table:
    """The x column ``feature`` and y column ``target`` of the shipped diabetes data or the
    file ``data`` (at least 3 rows), checked: the two must differ, and with ``constant``
    (why, e.g. "a line needs at least 2 distinct x values") a file's x may not be constant.

    Raises
    ------
    ParamError
        Naming ``target`` for equal columns, ``data`` for a constant x, or as :func:`table`.
    """
    if feature == target:
        raise ParamError(
            f"parameter 'target' got {target!r}; allowed: a column other than feature ({feature!r})"
        )
    tab = table(
        data,
        "diabetes",
        numeric=(feature, target),
        min_rows=3,
        columns={feature: "feature", target: "target"},
    )
    if constant and data and tab.frame[feature].nunique() < 2:
        raise ParamError(
            f"parameter 'data' got {data!r}: column {feature!r} is constant; {constant}"
        )
    return tab


def numeric_columns(data: str) -> list[str]:
    """The columns of the file ``data`` names whose every filled cell is a number.

    Raises
    ------
    ParamError
        As :func:`table`, for a file that cannot be read.
    """
    try:
        frame, _ = tables.load_csv(resolve(data))
    except tables.TableError as err:
        raise _refuse(data, str(err)) from None
    return tables.numeric_columns(frame)


def groups(data: str, tab: Table, column: str, values: Sequence[str], least: int) -> list[Any]:
    """The rows of each group ``column == value`` (see :func:`mlmath_viz.tables.require_groups`).

    Raises
    ------
    ParamError
        Naming ``data`` and the value missing or the group too small.
    """
    try:
        return tables.require_groups(tab.frame, column, values, least)
    except tables.TableError as err:
        raise _refuse(data, str(err)) from None


def tex_text(name: str) -> str:
    r"""A column name or group value for ``\text{...}`` in LaTeX: the special characters
    escaped (``final_score`` -> ``final\_score``)."""
    out = []
    for char in name:
        if char in "&%$#_{}":
            out.append("\\" + char)
        elif char == "\\":
            out.append(r"\textbackslash{}")
        elif char == "~":
            out.append(r"\textasciitilde{}")
        elif char == "^":
            out.append(r"\textasciicircum{}")
        else:
            out.append(char)
    return "".join(out)


def screen_name(column: str) -> str:
    """A column name as the screen shows it: underscores as spaces (``hours_studied`` ->
    ``hours studied``; the visual standard reads ``_`` in plain text as math). The
    sidecar keeps the exact name."""
    return column.replace("_", " ")


def dropped_note(source: tables.DataSource) -> str:
    """The on-screen note when rows were dropped ("" when none were)."""
    if not source.rows_dropped:
        return ""
    rows = "row" if source.rows_dropped == 1 else "rows"
    return f"{source.rows_dropped} {rows} dropped (missing values)"


__all__ = [
    "DATA_PATTERN",
    "Table",
    "data_digest",
    "data_parameter",
    "dropped_note",
    "groups",
    "numeric_columns",
    "resolve",
    "screen_name",
    "table",
    "tex_text",
]
