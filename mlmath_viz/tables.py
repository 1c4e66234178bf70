"""Tables for the data scenes: a shipped data set or a user's CSV file, one path for both.

A scene's data arrives as a pandas DataFrame: a shipped data set from scikit-learn's
loaders with ``as_frame=True`` (:func:`shipped`), or a CSV file read with
``pandas.read_csv`` (:func:`read_csv`). Both then go through :func:`prepare`, which
checks the columns a scene uses, converts the numeric ones, drops the rows with missing
values in those columns and returns the frame with a :class:`DataSource` record for the
sidecar. Everything wrong with a file raises :class:`TableError` with a short phrase
(the parameter layer adds the parameter's and the file's names).

Dtype handling of a CSV file: every cell is read as text (``dtype=str``), so group
values stay as written (``"01"`` is not ``1``); an empty cell and pandas' usual missing
markers (``NA``, ``NaN``, ``null``, ...) are missing values. A column a scene needs as
numbers is converted with ``pandas.to_numeric``; a cell that is not a finite number is
an error naming its line in the file (the header is line 1).

No manim here, no layout: numbers and names only.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

#: Most data rows read from a CSV file; a longer file is refused (no silent sampling).
MAX_ROWS = 1_000_000
#: Bytes read to tell a text file from a binary one (a NUL byte or invalid UTF-8).
SNIFF_BYTES = 65536
#: Why rows are dropped: the only reason there is.
DROP_REASON = "missing values in the used columns"
#: The shipped data sets :func:`shipped` loads, by name.
SHIPPED = ("iris", "wine", "diabetes")


class TableError(ValueError):
    """A table that a scene cannot use; ``str(error)`` says what is wrong, in a phrase."""


@dataclass(frozen=True)
class DataSource:
    """Where a scene's rows came from, as the sidecar records it.

    ``path`` is the path as given ("" for a shipped data set), ``name`` the file's name or
    the data set's, ``sha256`` the file's digest (``None`` for a shipped data set: it is
    part of the installed scikit-learn, whose version the environment records), ``rows``
    the rows used, ``rows_dropped`` the rows left out and ``dropped_reason`` why,
    ``columns`` the columns used, in the scene's order.
    """

    path: str
    name: str
    sha256: str | None
    rows: int
    rows_dropped: int
    dropped_reason: str
    columns: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The sidecar's ``data_source``."""
        return {
            "path": self.path,
            "name": self.name,
            "sha256": self.sha256,
            "rows": self.rows,
            "rows_dropped": self.rows_dropped,
            "dropped_reason": self.dropped_reason if self.rows_dropped else "",
            "columns": list(self.columns),
        }


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _diabetes_frame() -> Any:
    from sklearn.datasets import load_diabetes  # type: ignore[import-untyped]

    return load_diabetes(as_frame=True, scaled=False).frame.copy()


def shipped(name: str) -> Any:
    """A shipped data set as a DataFrame: ``iris`` and ``wine`` from
    :mod:`mlmath_viz.datasets` (``species`` / ``cultivar`` columns of names), ``diabetes``
    from ``load_diabetes(as_frame=True, scaled=False)`` (10 features and ``target``).

    Raises
    ------
    ValueError
        For a name not in :data:`SHIPPED`.
    """
    from mlmath_viz import datasets

    if name == "iris":
        return datasets.iris_frame()
    if name == "wine":
        return datasets.wine_frame()
    if name == "diabetes":
        return _diabetes_frame()
    raise ValueError(f"unknown shipped data set {name!r}; known: {', '.join(SHIPPED)}")


def read_csv(path: Path) -> Any:
    """Read a CSV file as text cells (see the module's dtype handling).

    Raises
    ------
    TableError
        If the file is missing, a directory, unreadable, binary or not UTF-8, empty,
        not parseable as CSV, or longer than :data:`MAX_ROWS` data rows.
    """
    path = Path(path)
    if not path.exists():
        raise TableError("no such file")
    if path.is_dir():
        raise TableError("is a directory, not a CSV file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as err:
        raise TableError(f"cannot be read ({err.strerror or type(err).__name__})") from None
    if b"\x00" in head:
        raise TableError("is binary, not a text CSV file")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 4:  # not just a character cut at the sniff's end
            raise TableError("is not UTF-8 text (binary or another encoding)") from None
    if not head.strip():
        raise TableError("is empty")
    return _read_text_csv(path)


def _read_text_csv(path: Path) -> Any:
    import pandas as pd  # type: ignore[import-untyped]

    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=True, skipinitialspace=True, nrows=MAX_ROWS + 1
        )
    except pd.errors.EmptyDataError:
        raise TableError("is empty") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise TableError(f"is not valid CSV ({first})") from None
    if len(frame) > MAX_ROWS:
        raise TableError(f"has more than {MAX_ROWS:,} data rows (the most a scene reads)")
    if len(frame) == 0:
        raise TableError("has a header but no data rows")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _line(position: int) -> int:
    """The file line of the data row at ``position`` (the header is line 1)."""
    return position + 2


def prepare(
    frame: Any,
    *,
    numeric: Sequence[str] = (),
    categorical: Sequence[str] = (),
    path: str = "",
    name: str = "",
    sha256: str | None = None,
) -> tuple[Any, DataSource]:
    """The rows and columns a scene uses, checked, with numbers as floats.

    ``numeric`` columns become ``float64`` (each cell a finite number or missing);
    ``categorical`` columns become text. Rows with a missing value in any used column
    are dropped and counted (:data:`DROP_REASON`); the row order is kept and the index
    reset. Duplicate names count once.

    Raises
    ------
    TableError
        For a missing column (listing those there are) or a cell of a numeric column
        that is not a number (naming its line).
    """
    import pandas as pd

    used = list(dict.fromkeys([*numeric, *categorical]))
    present = [str(c) for c in frame.columns]
    for column in used:
        if column not in present:
            raise TableError(f"has no column {column!r}; columns: {', '.join(present)}")
    table = frame.loc[:, used].copy()
    table.columns = used
    for column in dict.fromkeys(numeric):
        raw = table[column]
        if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
            values = raw.astype(np.float64)
            bad = ~np.isfinite(values) & values.notna()
        else:
            values = pd.to_numeric(raw, errors="coerce").astype(np.float64)
            bad = raw.notna() & ~np.isfinite(values)
        if bad.any():
            at = int(np.flatnonzero(bad.to_numpy())[0])
            raise TableError(
                f"column {column!r} must be numeric but line {_line(at)} holds "
                f"{str(raw.iloc[at])!r}"
            )
        table[column] = values
    for column in dict.fromkeys(categorical):
        if column not in numeric:
            raw = table[column]
            table[column] = raw.where(raw.isna(), raw.astype(str).str.strip())
            table.loc[table[column] == "", column] = None
    keep = table.notna().all(axis=1)
    dropped = int((~keep).sum())
    table = table[keep].reset_index(drop=True)
    source = DataSource(
        path=path,
        name=name,
        sha256=sha256,
        rows=len(table),
        rows_dropped=dropped,
        dropped_reason=DROP_REASON,
        columns=tuple(used),
    )
    return table, source


def numeric_columns(frame: Any) -> list[str]:
    """The columns of ``frame`` whose every non-missing cell is a finite number (a CSV
    file's columns are text; they count when ``pandas.to_numeric`` takes them all)."""
    import pandas as pd

    out = []
    for column in frame.columns:
        raw = frame[column]
        values = pd.to_numeric(raw, errors="coerce")
        if raw.notna().any() and bool((values.notna() == raw.notna()).all()):
            if np.isfinite(values.dropna().astype(np.float64)).all():
                out.append(str(column))
    return out


def require_rows(source: DataSource, least: int, what: str = "rows") -> None:
    """Refuse a table with fewer than ``least`` usable rows.

    Raises
    ------
    TableError
        Naming the count and the rows dropped.
    """
    if source.rows < least:
        dropped = (
            f" after dropping {source.rows_dropped} with missing values"
            if (source.rows_dropped)
            else ""
        )
        raise TableError(
            f"has {source.rows} usable {what}{dropped}; the scene needs at least {least}"
        )


def require_groups(table: Any, column: str, values: Sequence[str], least: int) -> list[Any]:
    """The rows of ``table`` in each group ``column == value``, in order.

    Raises
    ------
    TableError
        If a value is absent (listing the values there are, up to 20) or a group has
        fewer than ``least`` rows.
    """
    present = list(dict.fromkeys(str(v) for v in table[column]))
    out = []
    for value in values:
        if value not in present:
            more = ", ..." if len(present) > 20 else ""
            shown = ", ".join(repr(v) for v in present[:20]) + more
            raise TableError(f"has no row with {column} = {value!r}; values: {shown}")
        rows = table[table[column].astype(str) == value]
        if len(rows) < least:
            raise TableError(
                f"has {len(rows)} usable {'row' if len(rows) == 1 else 'rows'} with "
                f"{column} = {value!r}; the scene needs at "
                f"least {least}"
            )
        out.append(rows.reset_index(drop=True))
    return out


@functools.lru_cache(maxsize=32)
def _cached_csv(path: str, mtime_ns: int, size: int) -> tuple[Any, str]:
    return read_csv(Path(path)), file_sha256(Path(path))


def load_csv(path: Path) -> tuple[Any, str]:
    """:func:`read_csv` and the file's SHA-256, read once per file version (path,
    modification time and size); the frame is a copy.

    Raises
    ------
    TableError
        As :func:`read_csv`.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is None or path.is_dir():
        read_csv(path)  # raises the right error
        raise TableError("cannot be read")
    frame, digest = _cached_csv(str(path.resolve()), st.st_mtime_ns, st.st_size)
    return frame.copy(), digest
