"""Choices of the shipped data sets' columns and groups, for parameters that name them.

The Iris columns are ``mlmath_viz.datasets.IRIS_FEATURES``, repeated here so that the
command line validates without importing scikit-learn (a test checks they agree).
"""

from __future__ import annotations

IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")

#: The wine measurements and cultivars (``mlmath_viz.datasets.WINE_FEATURES``,
#: ``WINE_CLASSES``): scikit-learn's names, in file order.
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
WINE_CLASSES = ("class_0", "class_1", "class_2")

#: The breast-cancer measurements (``mlmath_viz.screening.BREAST_CANCER_FEATURES``):
#: scikit-learn's names with underscores for spaces, in file order.
BREAST_CANCER_FEATURES = tuple(
    f"{kind}_{name}" if kind != "error" else f"{name}_error"
    for kind in ("mean", "error", "worst")
    for name in (
        "radius",
        "texture",
        "perimeter",
        "area",
        "smoothness",
        "compactness",
        "concavity",
        "concave_points",
        "symmetry",
        "fractal_dimension",
    )
)
