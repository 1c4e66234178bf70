"""Real data for the statistics scenes, from the data sets that ship with scikit-learn.

Nothing is downloaded: ``sklearn.datasets.load_iris`` reads a CSV file installed with
scikit-learn (Fisher's Iris data, 150 flowers, 50 of each species, measured in cm), as
do ``load_wine`` (178 wines of three cultivars, 13 measurements) and ``load_digits``.
The ``*_frame`` loaders give pandas DataFrames (``as_frame=True``), so that column
names reach the screen.
"""

from __future__ import annotations

import functools
from typing import Any

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


#: The wine measurements, in the order of ``load_wine().feature_names`` (scikit-learn's
#: own names: 178 wines of three cultivars, 13 chemical measurements each).
WINE_FEATURES = (
    "alcohol",
    "malic_acid",
    "ash",
    "alcalinity_of_ash",
    "magnesium",
    "total_phenols",
    "flavanoids",
    "nonflavanoid_phenols",
    "proanthocyanins",
    "color_intensity",
    "hue",
    "od280/od315_of_diluted_wines",
    "proline",
)
#: The wine cultivars, in the order of ``load_wine().target_names``.
WINE_CLASSES = ("class_0", "class_1", "class_2")


@functools.cache
def _iris_frame() -> Any:
    from sklearn.datasets import load_iris

    bunch = load_iris(as_frame=True)
    frame = bunch.frame.rename(columns=lambda c: str(c).removesuffix(" (cm)").replace(" ", "_"))
    frame["species"] = np.asarray(bunch.target_names)[frame.pop("target").to_numpy()]
    return frame


def iris_frame() -> Any:
    """The 150 Iris flowers as a pandas DataFrame (``load_iris(as_frame=True)``): the
    four measurements in cm under :data:`IRIS_FEATURES` names and a ``species`` column
    of :data:`IRIS_SPECIES` names, in file order (a copy)."""
    return _iris_frame().copy()


@functools.cache
def _wine_frame() -> Any:
    from sklearn.datasets import load_wine

    bunch = load_wine(as_frame=True)
    frame = bunch.frame.copy()
    frame["cultivar"] = np.asarray(bunch.target_names)[frame.pop("target").to_numpy()]
    return frame


def wine_frame() -> Any:
    """The 178 wines as a pandas DataFrame (``load_wine(as_frame=True)``): the 13
    measurements under :data:`WINE_FEATURES` names and a ``cultivar`` column of
    :data:`WINE_CLASSES` names, in file order (a copy)."""
    return _wine_frame().copy()
