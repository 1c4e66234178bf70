"""Parameters of the PCA scenes (Iris and the 8x8 digits)."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.parameters import ParamError, parameter

#: The Iris columns (as ``mlmath_viz.datasets.IRIS_FEATURES``; repeated here so the
#: command line validates without importing scikit-learn).
IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
#: A selection of digit classes: "all", or distinct digits separated by commas.
DIGITS_PATTERN = r"all|[0-9](,[0-9]){0,9}"


@dataclass(frozen=True)
class PCAParams:
    """Parameters of :class:`scenes.pca.PCA`."""

    standardize: bool = parameter(
        False,
        "divide every measurement by its standard deviation first (z-scores), so no feature "
        "dominates by its units alone",
    )
    x_feature: str = parameter(
        "sepal_length", "the Iris measurement on the horizontal axis", choices=IRIS_FEATURES
    )
    y_feature: str = parameter(
        "petal_length", "the Iris measurement on the vertical axis", choices=IRIS_FEATURES
    )
    ellipse_sd: float = parameter(
        2.0,
        "size of the covariance ellipse in standard deviations along each principal axis",
        low=0.5,
        high=3.0,
    )

    def check(self) -> None:
        if self.x_feature == self.y_feature:
            raise ParamError(
                f"parameter 'y_feature' got {self.y_feature!r}; allowed: a feature other "
                f"than x_feature ({self.x_feature!r})"
            )


@dataclass(frozen=True)
class PCADigitsParams:
    """Parameters of :class:`scenes.pca.PCADigits`."""

    digits: str = parameter(
        "all",
        "the digit classes to analyse: all, or distinct digits like 0,1,7 (PCA is fitted "
        "to those images only)",
        pattern=DIGITS_PATTERN,
    )
    standardize: bool = parameter(
        False, "divide every pixel by its standard deviation first (constant pixels stay 0)"
    )

    def classes(self) -> tuple[int, ...]:
        """The selected digits, ascending."""
        if self.digits == "all":
            return tuple(range(10))
        return tuple(sorted(int(d) for d in self.digits.split(",")))

    def check(self) -> None:
        if self.digits == "all":
            return
        chosen = self.digits.split(",")
        if len(set(chosen)) != len(chosen):
            raise ParamError(
                f"parameter 'digits' got {self.digits!r}; allowed: distinct digits "
                "(each at most once)"
            )


#: The PCA scenes, in gallery order, with their parameter types.
SCENE_PARAMS: dict[str, type] = {"PCA": PCAParams, "PCADigits": PCADigitsParams}
