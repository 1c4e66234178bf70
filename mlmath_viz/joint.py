"""A joint distribution of a class and a binned measurement, counted on real data.

The data are scikit-learn's Iris (150 flowers, ``species``) and wine (178 wines,
``cultivar``) tables as pandas DataFrames (:func:`mlmath_viz.datasets.iris_frame`,
:func:`~mlmath_viz.datasets.wine_frame`). The categorical column x is the data set's
class column; the measurement y is cut into ``bins`` equal-width bins over its range on
the data, exactly as :func:`numpy.histogram` does: edges

.. math:: e_k = y_{\\min} + k\\,\\frac{y_{\\max} - y_{\\min}}{B},\\quad k = 0, \\dots, B,

every bin half-open :math:`[e_k, e_{k+1})` except the last, which also holds
:math:`y_{\\max}`. With :math:`n_{ij}` the number of rows of class i in bin j and n the
number of rows,

.. math:: P(x_i, y_j) = \\frac{n_{ij}}{n},\\qquad P(x_i) = \\sum_j P(x_i, y_j),\\qquad
          P(y_j) = \\sum_i P(x_i, y_j),

.. math:: P(y_j \\mid x_i) = \\frac{P(x_i, y_j)}{P(x_i)} = \\frac{n_{ij}}{\\sum_j n_{ij}},

and x and y are independent when the joint equals the product of the marginals
:math:`P(x_i)\\,P(y_j)` in every cell. How far they are from it is measured by the
mutual information (Cover and Thomas 2006, eq. 2.28), in bits,

.. math:: I(X; Y) = \\sum_{i,j:\\,P(x_i, y_j) > 0} P(x_i, y_j)\\,
          \\log_2 \\frac{P(x_i, y_j)}{P(x_i)\\,P(y_j)} \\;\\ge 0,

zero exactly at independence and at most :math:`H(X) = -\\sum_i P(x_i) \\log_2 P(x_i)`
(so :math:`I / H(X)`, Theil's uncertainty coefficient, lies in [0, 1]), and by the
total variation distance :math:`\\tfrac12 \\sum_{i,j} |P(x_i, y_j) -
P(x_i) P(y_j)|`.

Own data (a CSV file): :func:`table_from_columns` counts any column of labels against any
column of numbers in the same way; the classes are the distinct labels in
:func:`class_order` (numeric order when every label is a number, else text order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz import datasets

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class DataSet:
    """A shipped data set: its class column, its classes (in scikit-learn's order) and
    its measurements."""

    name: str
    class_column: str
    classes: tuple[str, ...]
    measurements: tuple[str, ...]


#: The data sets a joint table is counted on.
DATA_SETS = {
    "iris": DataSet("iris", "species", datasets.IRIS_SPECIES, datasets.IRIS_FEATURES),
    "wine": DataSet("wine", "cultivar", datasets.WINE_CLASSES, datasets.WINE_FEATURES),
}


def frame(data_set: str) -> Any:
    """The data set's pandas DataFrame (a copy): its class column and measurements.

    Raises
    ------
    ValueError
        For an unknown data set.
    """
    if data_set == "iris":
        return datasets.iris_frame()
    if data_set == "wine":
        return datasets.wine_frame()
    raise ValueError(f"unknown data set {data_set!r}; known: {', '.join(DATA_SETS)}")


def bin_edges(values: ArrayLike, bins: int) -> FloatArray:
    """``bins`` + 1 equal-width edges from the values' minimum to their maximum, as
    :func:`numpy.histogram_bin_edges` with an integer ``bins`` (a constant sample gets
    numpy's range [v - 0.5, v + 0.5]).

    Raises
    ------
    ValueError
        For ``bins`` < 1, an empty sample or non-finite values.
    """
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    if bins < 1:
        raise ValueError(f"need at least one bin, got {bins}")
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ValueError("bin edges need a non-empty sample of finite values")
    lo, hi = float(v.min()), float(v.max())
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    return np.linspace(lo, hi, bins + 1)


def bin_index(values: ArrayLike, edges: ArrayLike) -> IntArray:
    """The bin of each value: j with ``edges[j] <= v < edges[j + 1]``, the last bin
    closed (numpy's histogram convention).

    Raises
    ------
    ValueError
        For a value outside ``[edges[0], edges[-1]]``.
    """
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    e = np.asarray(edges, dtype=np.float64)
    if np.any(v < e[0]) or np.any(v > e[-1]):
        raise ValueError("a value lies outside the bin edges")
    j = np.searchsorted(e, v, side="right") - 1
    return np.minimum(j, e.size - 2).astype(np.int64)


def joint_counts(
    labels: ArrayLike, values: ArrayLike, classes: tuple[str, ...], edges: ArrayLike
) -> IntArray:
    """:math:`n_{ij}`: the rows with label ``classes[i]`` and value in bin j.

    Raises
    ------
    ValueError
        For a label not among ``classes`` or mismatched lengths.
    """
    lab = np.asarray(labels).reshape(-1)
    j = bin_index(values, edges)
    if lab.size != j.size:
        raise ValueError(f"{lab.size} labels for {j.size} values")
    unknown = set(lab.tolist()) - set(classes)
    if unknown:
        raise ValueError(f"labels {sorted(unknown)!r} are not among the classes {classes!r}")
    i = np.array([classes.index(c) for c in lab.tolist()], dtype=np.int64)
    counts = np.zeros((len(classes), np.asarray(edges).size - 1), dtype=np.int64)
    np.add.at(counts, (i, j), 1)
    return counts


def probabilities(counts: ArrayLike) -> FloatArray:
    """The joint table :math:`P(x_i, y_j) = n_{ij} / n`."""
    c = np.asarray(counts, dtype=np.float64)
    total = c.sum()
    if not total > 0:
        raise ValueError("a joint table needs at least one count")
    out: FloatArray = c / total
    return out


def marginals(joint: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """:math:`P(x_i) = \\sum_j P(x_i, y_j)` (row sums) and :math:`P(y_j)` (column
    sums)."""
    p = np.asarray(joint, dtype=np.float64)
    return p.sum(axis=1), p.sum(axis=0)


def conditional(joint: ArrayLike, row: int) -> FloatArray:
    """:math:`P(y_j \\mid x_{row}) = P(x_{row}, y_j) / P(x_{row})`: the row divided by its
    sum, so it sums to 1.

    Raises
    ------
    ValueError
        For a row of probability zero (nothing to condition on).
    """
    p = np.asarray(joint, dtype=np.float64)
    r = p[row]
    total = r.sum()
    if not total > 0:
        raise ValueError(f"row {row} has probability 0: P(y | x) is undefined there")
    out: FloatArray = r / total
    return out


def product_of_marginals(joint: ArrayLike) -> FloatArray:
    """:math:`P(x_i)\\,P(y_j)`: the joint table x and y would have if they were
    independent with the same marginals (the outer product)."""
    px, py = marginals(joint)
    return np.outer(px, py)


def mutual_information(joint: ArrayLike) -> float:
    """:math:`I(X; Y)` in bits: the sum over cells with :math:`P(x, y) > 0` of
    :math:`P(x, y) \\log_2 (P(x, y) / (P(x) P(y)))`."""
    p = np.asarray(joint, dtype=np.float64)
    q = product_of_marginals(p)
    mask = p > 0
    return float(max(0.0, np.sum(p[mask] * np.log2(p[mask] / q[mask]))))


def entropy(probs: ArrayLike) -> float:
    """:math:`H = -\\sum_k p_k \\log_2 p_k` in bits (terms with :math:`p_k = 0` are 0)."""
    p = np.asarray(probs, dtype=np.float64).reshape(-1)
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))


def total_variation(p: ArrayLike, q: ArrayLike) -> float:
    """:math:`\\tfrac12 \\sum |p - q|` over all cells of two tables of probabilities."""
    a, b = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"tables of shapes {a.shape} and {b.shape}")
    return float(0.5 * np.abs(a - b).sum())


@dataclass(frozen=True)
class JointTable:
    """The joint distribution of a data set's class and one binned measurement.

    ``counts[i, j]`` is :math:`n_{ij}` (rows in ``classes`` order, columns the bins of
    ``edges``), ``joint`` the probabilities, ``marginal_x`` and ``marginal_y`` the row
    and column sums, ``product`` their outer product.
    """

    data_set: str  # "iris" or "wine"; "" for a table of a CSV file's columns
    x: str
    y: str
    classes: tuple[str, ...]
    edges: FloatArray
    counts: IntArray
    joint: FloatArray
    marginal_x: FloatArray
    marginal_y: FloatArray
    product: FloatArray

    @property
    def n(self) -> int:
        """The number of rows counted."""
        return int(self.counts.sum())

    def conditional(self, given: str) -> FloatArray:
        """:math:`P(y_j \\mid x = \\text{given})`."""
        return conditional(self.joint, self.classes.index(given))

    @property
    def mutual_information(self) -> float:
        """:math:`I(X; Y)` in bits."""
        return mutual_information(self.joint)

    @property
    def total_variation(self) -> float:
        """Total variation distance between the joint and the product of the marginals."""
        return total_variation(self.joint, self.product)

    @property
    def entropy_x(self) -> float:
        """:math:`H(X)` in bits, the most :math:`I(X; Y)` can be."""
        return entropy(self.marginal_x)

    @property
    def dependence_share(self) -> float:
        r""":math:`I(X; Y) / H(X)`, Theil's uncertainty coefficient :math:`U(X \mid Y)`:
        the share of the class's uncertainty that knowing the bin removes, 0 for
        independence and 1 when the bin determines the class."""
        return self.mutual_information / self.entropy_x


def class_order(labels: ArrayLike) -> tuple[str, ...]:
    """The distinct labels as text, in numeric order when every one is a number
    (``"2"`` before ``"10"``), else in text order (``"A"``, ``"B"``)."""
    names = sorted({str(v) for v in np.asarray(labels, dtype=object).reshape(-1).tolist()})
    try:
        numbers = [float(v) for v in names]
    except ValueError:
        return tuple(names)
    if not all(np.isfinite(numbers)):
        return tuple(names)
    return tuple(v for _, v in sorted(zip(numbers, names, strict=True)))


def table_from_columns(
    labels: ArrayLike,
    values: ArrayLike,
    bins: int,
    *,
    classes: tuple[str, ...] | None = None,
    x: str = "x",
    y: str = "y",
    data_set: str = "",
) -> JointTable:
    """The joint table of a column of labels (x) and a column of numbers (y) cut into
    ``bins`` equal-width bins over its range; ``classes`` (default
    :func:`class_order` of the labels) orders the rows.

    Raises
    ------
    ValueError
        For mismatched lengths, a label not among ``classes``, no rows or non-finite
        values.
    """
    lab = np.asarray([str(v) for v in np.asarray(labels, dtype=object).reshape(-1).tolist()])
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    order = classes if classes is not None else class_order(lab)
    edges = bin_edges(v, bins)
    counts = joint_counts(lab, v, order, edges)
    joint = probabilities(counts)
    px, py = marginals(joint)
    return JointTable(
        data_set=data_set,
        x=x,
        y=y,
        classes=order,
        edges=edges,
        counts=counts,
        joint=joint,
        marginal_x=px,
        marginal_y=py,
        product=np.outer(px, py),
    )


def joint_table(data_set: str, y: str, bins: int) -> JointTable:
    """The joint table of ``data_set``'s class column and measurement ``y`` cut into
    ``bins`` equal-width bins over its range on the data.

    Raises
    ------
    ValueError
        For an unknown data set or a measurement it does not have.
    """
    if data_set not in DATA_SETS:
        raise ValueError(f"unknown data set {data_set!r}; known: {', '.join(DATA_SETS)}")
    spec = DATA_SETS[data_set]
    if y not in spec.measurements:
        raise ValueError(
            f"{data_set} has no measurement {y!r}; known: {', '.join(spec.measurements)}"
        )
    table = frame(data_set)
    values = table[y].to_numpy(dtype=np.float64)
    labels = table[spec.class_column].to_numpy()
    edges = bin_edges(values, bins)
    counts = joint_counts(labels, values, spec.classes, edges)
    joint = probabilities(counts)
    px, py = marginals(joint)
    return JointTable(
        data_set=data_set,
        x=spec.class_column,
        y=y,
        classes=spec.classes,
        edges=edges,
        counts=counts,
        joint=joint,
        marginal_x=px,
        marginal_y=py,
        product=np.outer(px, py),
    )


__all__ = [
    "DATA_SETS",
    "DataSet",
    "JointTable",
    "bin_edges",
    "bin_index",
    "class_order",
    "conditional",
    "entropy",
    "frame",
    "joint_counts",
    "joint_table",
    "marginals",
    "mutual_information",
    "probabilities",
    "product_of_marginals",
    "table_from_columns",
    "total_variation",
]
