"""Choices of the shipped data sets' columns and groups, for parameters that name them.

The Iris columns are ``mlmath_viz.datasets.IRIS_FEATURES``, repeated here so that the
command line validates without importing scikit-learn (a test checks they agree).
"""

from __future__ import annotations

IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
IRIS_SPECIES = ("setosa", "versicolor", "virginica")
