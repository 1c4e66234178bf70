"""Simple linear regression by gradient descent on the mean squared error.

The model is :math:`\\hat y = w z + b` on the standardised feature
:math:`z = (x - \\bar x)/s_x`; the loss

.. math:: L(b, w) = \\frac1n \\sum_k (w z_k + b - y_k)^2

is a quadratic with gradient :math:`\\nabla L = \\frac2n X^T(X\\theta - y)` and Hessian
:math:`\\frac2n X^T X`, :math:`X = [1, z]`, :math:`\\theta = (b, w)`. Standardising
makes :math:`X^T X / n = I`, so descent converges for every learning rate below 1.
The fitted line in the original units is
:math:`y = (w/s_x)\\, x + (b - w\\bar x/s_x)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.objectives import Objective

FloatArray = NDArray[np.float64]

#: Features of scikit-learn's diabetes data that a scene can use, with their units.
DIABETES_FEATURES = {
    "bmi": "body mass index (kg/m²)",
    "bp": "mean blood pressure (mm Hg)",
    "s5": "log of serum triglycerides",
}


@dataclass(frozen=True)
class Dataset:
    """One feature ``x`` against a target ``y``, with names for the axes."""

    x: FloatArray
    y: FloatArray
    x_name: str
    y_name: str


def diabetes(feature: str = "bmi") -> Dataset:
    """A feature of scikit-learn's diabetes data (442 patients) against disease
    progression one year later, in original units (``load_diabetes(scaled=False)``;
    ships with scikit-learn, nothing is downloaded)."""
    from sklearn.datasets import load_diabetes  # type: ignore[import-untyped]

    if feature not in DIABETES_FEATURES:
        raise ValueError(f"unknown feature {feature!r}; known: {', '.join(DIABETES_FEATURES)}")
    bunch = load_diabetes(scaled=False)
    column = list(bunch.feature_names).index(feature)
    return Dataset(
        x=np.asarray(bunch.data[:, column], dtype=np.float64),
        y=np.asarray(bunch.target, dtype=np.float64),
        x_name=DIABETES_FEATURES[feature],
        y_name="disease progression after one year",
    )


@dataclass(frozen=True)
class Standardiser:
    """:math:`z = (x - \\mu)/\\sigma` with the sample mean and (population) std."""

    mean: float
    std: float

    @staticmethod
    def fit(x: ArrayLike) -> Standardiser:
        """Mean and standard deviation of ``x`` (``ddof=0``)."""
        a = np.asarray(x, dtype=np.float64)
        std = float(a.std())
        if std == 0:
            raise ValueError("the feature is constant; no line can be fitted")
        return Standardiser(float(a.mean()), std)

    def transform(self, x: ArrayLike) -> FloatArray:
        """:math:`(x - \\mu)/\\sigma`."""
        out: FloatArray = (np.asarray(x, dtype=np.float64) - self.mean) / self.std
        return out

    def line_in_original_units(self, b: float, w: float) -> tuple[float, float]:
        """``(slope, intercept)`` of :math:`y = wz + b` written in ``x``:
        :math:`(w/\\sigma,\\ b - w\\mu/\\sigma)`."""
        return w / self.std, b - w * self.mean / self.std


def mse_objective(z: ArrayLike, y: ArrayLike) -> Objective:
    """:math:`L(b, w) = \\frac1n\\sum_k (w z_k + b - y_k)^2` as an :class:`Objective` of
    :math:`(b, w)`, with its exact gradient and (constant) Hessian."""
    zz = np.asarray(z, dtype=np.float64)
    yy = np.asarray(y, dtype=np.float64)
    n = len(zz)
    s_z, s_zz = float(zz.sum()), float(zz @ zz)
    s_y, s_zy, s_yy = float(yy.sum()), float(zz @ yy), float(yy @ yy)

    def f(b: FloatArray, w: FloatArray) -> FloatArray:
        # Expanded sum of squares, so a whole grid costs no more than one point.
        total = w * w * s_zz + 2 * w * b * s_z + n * b * b - 2 * w * s_zy - 2 * b * s_y + s_yy
        out: FloatArray = total / n
        return out

    def grad(b: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
        db = 2 * (n * b + w * s_z - s_y) / n
        dw = 2 * (b * s_z + w * s_zz - s_zy) / n
        return db, dw

    def hess(b: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        ones = np.ones_like(b * w)
        return 2 * ones, 2 * s_z / n * ones, 2 * s_zz / n * ones

    theta = least_squares(zz, yy)
    return Objective(
        name="mse",
        latex=r"L(b, w) = \frac1n \sum_k (w z_k + b - y_k)^2",
        f=f,
        grad=grad,
        hess=hess,
        minimizers=((theta[0], theta[1]),),
        minimum=float(f(np.array([theta[0]]), np.array([theta[1]]))[0]),
        view=((theta[0] - 1, theta[0] + 1), (theta[1] - 1, theta[1] + 1)),
    )


def least_squares(x: ArrayLike, y: ArrayLike) -> FloatArray:
    """Closed-form ``(intercept, slope)`` of the least-squares line:
    :math:`\\text{slope} = \\frac{\\sum (x - \\bar x)(y - \\bar y)}{\\sum (x - \\bar x)^2}`,
    :math:`\\text{intercept} = \\bar y - \\text{slope}\\,\\bar x`."""
    xx = np.asarray(x, dtype=np.float64)
    yy = np.asarray(y, dtype=np.float64)
    dx = xx - xx.mean()
    slope = float(dx @ (yy - yy.mean()) / (dx @ dx))
    return np.array([float(yy.mean()) - slope * float(xx.mean()), slope], dtype=np.float64)


def r_squared(x: ArrayLike, y: ArrayLike, intercept: float, slope: float) -> float:
    """Coefficient of determination :math:`1 - \\sum(y - \\hat y)^2 / \\sum(y - \\bar y)^2`."""
    xx = np.asarray(x, dtype=np.float64)
    yy = np.asarray(y, dtype=np.float64)
    residual = yy - (intercept + slope * xx)
    return 1.0 - float(residual @ residual) / float(((yy - yy.mean()) ** 2).sum())
