"""Real data for the statistics scenes, from the data sets that ship with scikit-learn.

Nothing is downloaded: ``sklearn.datasets.load_iris`` reads a CSV file installed with
scikit-learn (Fisher's Iris data, 150 flowers, 50 of each species, measured in cm).
"""

from __future__ import annotations

import functools

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

#: Iris columns, in the order of ``load_iris().data``.
IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
#: Iris species, in the order of ``load_iris().target_names``.
IRIS_SPECIES = ("setosa", "versicolor", "virginica")


@functools.cache
def _iris() -> tuple[FloatArray, NDArray[np.int64]]:
    from sklearn.datasets import load_iris  # type: ignore[import-untyped]

    bunch = load_iris()
    return np.asarray(bunch.data, dtype=np.float64), np.asarray(bunch.target, dtype=np.int64)


def iris_sample(feature: str, species: str) -> FloatArray:
    """One Iris measurement (in cm) for the 50 flowers of one species, in file order.

    Raises
    ------
    ValueError
        For an unknown feature or species.
    """
    if feature not in IRIS_FEATURES:
        raise ValueError(f"unknown Iris feature {feature!r}; known: {', '.join(IRIS_FEATURES)}")
    if species not in IRIS_SPECIES:
        raise ValueError(f"unknown Iris species {species!r}; known: {', '.join(IRIS_SPECIES)}")
    data, target = _iris()
    column: FloatArray = data[target == IRIS_SPECIES.index(species), IRIS_FEATURES.index(feature)]
    return column.copy()


def iris() -> tuple[FloatArray, NDArray[np.int64]]:
    """All 150 Iris flowers: measurements (cm) in :data:`IRIS_FEATURES` column order, and
    species indices into :data:`IRIS_SPECIES` (copies; file order)."""
    data, target = _iris()
    return data.copy(), target.copy()


#: The classes of the digits data set, 0 to 9.
DIGIT_CLASSES = tuple(range(10))
#: Side of a digits image in pixels (each image is 8 x 8 = 64 features).
DIGIT_SIDE = 8


@functools.cache
def _digits() -> tuple[FloatArray, NDArray[np.int64]]:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return np.asarray(bunch.data, dtype=np.float64), np.asarray(bunch.target, dtype=np.int64)


def digits(classes: tuple[int, ...] | None = None) -> tuple[FloatArray, NDArray[np.int64]]:
    """The 8x8 handwritten digits that ship with scikit-learn (1797 images, no download).

    Each row is one image's 64 grey levels (0 to 16), row by row; the target is the
    digit. ``classes`` keeps only those digits (in file order).

    Raises
    ------
    ValueError
        For a class outside 0-9 or an empty selection.
    """
    data, target = _digits()
    if classes is None:
        return data.copy(), target.copy()
    unknown = [c for c in classes if c not in DIGIT_CLASSES]
    if unknown or not classes:
        raise ValueError(f"digit classes must be a non-empty selection of 0-9, got {classes!r}")
    keep = np.isin(target, classes)
    return data[keep].copy(), target[keep].copy()
