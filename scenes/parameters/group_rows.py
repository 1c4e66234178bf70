"""The rows of one group: the scenes that fit one Iris species, or one group of a CSV file.

MultivariateGaussian, MaximumLikelihood and Bootstrap fit the rows of one group on one or
two numeric columns. Without ``data`` the group is an Iris species (``species``); with
``data`` it is the rows of the file whose ``group_column`` holds ``group`` (both empty:
every row of the file). :func:`group_rows` loads, checks and cuts that table once for the
three; :func:`group_column_parameter` and :func:`group_parameter` declare the two new
parameters the same way in each.

The table's :class:`~mlmath_viz.tables.DataSource` then describes the group: ``rows`` are
the group's rows used, ``rows_dropped`` the group's rows left out for a missing value in a
used column (a row whose group cell is empty belongs to no group and is not counted), and
``columns`` the numeric columns followed by ``group_column``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from mlmath_viz import tables
from scenes.parameters import ParamError, parameter
from scenes.parameters.data import DATA_PATTERN, Table, resolve, table

#: Most group values a refusal lists.
LISTED_VALUES = 10


def group_column_parameter() -> Any:
    """The ``group_column`` parameter: "" (every row of the file), or a column of it."""
    return parameter(
        "",
        "only with data: the column of the file whose value group selects the rows used; "
        "empty: every row of the file",
        pattern=DATA_PATTERN,
    )


def group_parameter() -> Any:
    """The ``group`` parameter: the value of ``group_column`` whose rows are used."""
    return parameter(
        "",
        "only with data and group_column: the value of group_column whose rows are used",
        pattern=DATA_PATTERN,
    )


def _only_with_data(name: str, value: str) -> ParamError:
    return ParamError(
        f"parameter '{name}' got {value!r}; allowed only with data (empty for the Iris "
        "data, whose rows species selects)"
    )


def group_rows(
    *,
    data: str,
    species: str,
    group_column: str,
    group: str,
    numeric: Sequence[str],
    columns: dict[str, str],
    min_rows: int,
    max_rows: int | None = None,
) -> Table:
    """The rows of the group, the ``numeric`` columns as floats (and ``group_column``).

    Without ``data``: the Iris flowers of ``species`` (``group_column`` and ``group``
    must be empty). With ``data``: the rows of the file with ``group_column == group``,
    or every row when ``group_column`` is empty. ``columns`` maps each numeric column to
    the parameter naming it (for the refusals). At least ``min_rows`` and (with data) at
    most ``max_rows`` rows are used.

    Raises
    ------
    ParamError
        One line naming the parameter and what is allowed.
    """
    if not data:
        for name, value in (("group_column", group_column), ("group", group)):
            if value:
                raise _only_with_data(name, value)
        tab = table("", "iris", numeric=numeric, categorical=("species",), min_rows=1)
        rows = tab.frame[tab.frame["species"] == species].reset_index(drop=True)
        source = dataclasses.replace(tab.source, rows=len(rows), columns=tuple(numeric))
        return Table(rows[list(numeric)], source)
    if group and not group_column:
        raise ParamError(
            f"parameter 'group' got {group!r}; allowed: empty without group_column (every "
            "row of the file is used)"
        )
    if group_column and not group:
        raise ParamError(
            f"parameter 'group' got ''; allowed: a value of group_column ({group_column!r}) "
            "whose rows are used"
        )
    if group_column in numeric:
        which = columns.get(group_column, "a column parameter")
        raise ParamError(
            f"parameter 'group_column' got {group_column!r}; allowed: a column other than "
            f"{which} ({group_column!r})"
        )
    names = {**columns, **({group_column: "group_column"} if group_column else {})}
    categorical = (group_column,) if group_column else ()
    tab = table(data, "iris", numeric=numeric, categorical=categorical, min_rows=1, columns=names)
    if group_column:
        tab = _one_group(data, tab, group_column, group, numeric)
    if tab.source.rows < min_rows:
        where = f" with {group_column} = {group!r}" if group_column else ""
        dropped = (
            f" after dropping {tab.source.rows_dropped} with missing values"
            if tab.source.rows_dropped
            else ""
        )
        raise ParamError(
            f"parameter 'data' got {data!r}: has {tab.source.rows} usable "
            f"{'row' if tab.source.rows == 1 else 'rows'}{where}{dropped}; the scene needs "
            f"at least {min_rows}"
        )
    if max_rows is not None and tab.source.rows > max_rows:
        where = f" with {group_column} = {group!r}" if group_column else ""
        raise ParamError(
            f"parameter 'data' got {data!r}: has {tab.source.rows:,} usable rows{where}; "
            f"allowed: at most {max_rows:,} (the scene draws every row)"
        )
    return tab


def _one_group(data: str, tab: Table, column: str, value: str, numeric: Sequence[str]) -> Table:
    """``tab`` cut to the rows with ``column == value``; its drop count the group's."""
    raw, _ = tables.load_csv(resolve(data))
    labelled, _ = tables.prepare(raw, categorical=(column,))
    in_file = list(dict.fromkeys(str(v) for v in labelled[column]))
    if value not in in_file:
        more = ", ..." if len(in_file) > LISTED_VALUES else ""
        shown = ", ".join(repr(v) for v in in_file[:LISTED_VALUES]) + more
        raise ParamError(
            f"parameter 'group' got {value!r}: data {data!r} has no row with {column} = "
            f"{value!r}; values: {shown}"
        )
    rows = tab.frame[tab.frame[column] == value].reset_index(drop=True)
    total = int((labelled[column] == value).sum())
    source = dataclasses.replace(
        tab.source, rows=len(rows), rows_dropped=total - len(rows), columns=(*numeric, column)
    )
    return Table(rows, source)


def distinct_at_least(data: str, tab: Table, column: str, least: int, why: str) -> None:
    """Refuse a numeric ``column`` of the group with fewer than ``least`` distinct values.

    Raises
    ------
    ParamError
        Naming ``data``, the column and ``why`` the scene needs them.
    """
    count = int(tab.frame[column].nunique())
    if count < least:
        raise ParamError(
            f"parameter 'data' got {data!r}: column {column!r} has {count} distinct "
            f"{'value' if count == 1 else 'values'} in the rows used; {why}"
        )


def unit_text(tab: Table, unit: str = "cm") -> str:
    """The unit the screen gives a measurement: ``unit`` for the Iris data, "" for a file
    (its columns' units are not known)."""
    return "" if tab.from_file else unit


def subject(tab: Table, species: str, group_column: str, group: str, n: int) -> str:
    """What the rows are, with their count: "50 setosa flowers", "48 rows with section
    A", "96 rows"."""
    if not tab.from_file:
        return f"{n} {species} {'flower' if n == 1 else 'flowers'}"
    rows = "row" if n == 1 else "rows"
    return f"{n} {rows} with {group_column} {group}" if group_column else f"{n} {rows}"


def items(tab: Table) -> str:
    """The plural noun of one row: flowers for the Iris data, rows for a file."""
    return "rows" if tab.from_file else "flowers"


def group_json(group_column: str, group: str) -> dict[str, str]:
    """The sidecar's record of the group selection (with data)."""
    return {"group_column": group_column, "group": group}


__all__ = [
    "LISTED_VALUES",
    "distinct_at_least",
    "group_column_parameter",
    "group_json",
    "group_parameter",
    "group_rows",
    "items",
    "subject",
    "unit_text",
]
