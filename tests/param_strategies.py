"""Hypothesis strategies for scene parameters, generated from the typed dataclasses."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from scenes.parameters import ParamSpec, specs, to_plain


def _number(spec: ParamSpec) -> st.SearchStrategy[float]:
    low, high = spec.low, spec.high
    assert low is not None and high is not None, f"{spec.name} has no range"
    edges = sorted({float(low), float(high), *([0.0] if low <= 0 <= high else [])})
    whole = st.integers(int(max(low, -5)), int(min(high, 5))).map(float)
    if int(max(low, -5)) > int(min(high, 5)):
        whole = st.sampled_from(edges)
    return st.one_of(
        st.sampled_from(edges),
        whole,  # small whole numbers hit singular and symmetric cases
        st.floats(float(low), float(high), allow_nan=False, allow_infinity=False),
    )


def value_strategy(spec: ParamSpec) -> st.SearchStrategy[Any]:
    """Values of one parameter drawn from its declared type and range."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "str":
        if spec.choices is not None:
            return st.sampled_from(spec.choices)
        assert spec.pattern is not None, f"{spec.name}: free text needs a pattern"
        return st.from_regex(spec.pattern, fullmatch=True)
    if spec.kind == "int":
        assert spec.low is not None and spec.high is not None, f"{spec.name} has no range"
        low, high = int(spec.low), int(spec.high)
        return st.one_of(
            st.sampled_from([low, high]),
            st.integers(low, min(high, low + 50)),
            st.integers(low, high),
        )
    if spec.kind == "float":
        return _number(spec)
    if spec.kind == "vector":
        return st.tuples(*[_number(spec)] * spec.shape[0])
    if spec.kind == "array":
        max_rows, max_cols = spec.max_shape
        return st.tuples(st.integers(1, max_rows), st.integers(1, max_cols)).flatmap(
            lambda shape: st.tuples(*[st.tuples(*[_number(spec)] * shape[1])] * shape[0])
        )
    if spec.kind == "ints":
        assert spec.low is not None and spec.high is not None, f"{spec.name} has no range"
        item = st.integers(int(spec.low), int(spec.high))
        if spec.shape:
            return st.tuples(*[item] * spec.shape[0])
        return st.lists(item, min_size=1, max_size=spec.max_shape[0]).map(tuple)
    rows, cols = spec.shape
    return st.tuples(*[st.tuples(*[_number(spec)] * cols)] * rows)


def overrides_strategy(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """A dict of overrides for some of the parameters (the rest keep their defaults), or
    for a scene in :data:`TIED`, values drawn inside its tie."""
    if params_type.__name__ in TIED:
        return TIED[params_type.__name__](params_type)  # type: ignore[no-any-return]
    fields = {s.name: value_strategy(s).map(to_plain) for s in specs(params_type)}
    return st.fixed_dictionaries({}, optional=fields)


def _spec(params_type: type, name: str) -> ParamSpec:
    return next(s for s in specs(params_type) if s.name == name)


def _matrix_of(spec: ParamSpec, rows: int, cols: int) -> st.SearchStrategy[Any]:
    return st.lists(
        st.lists(_number(spec), min_size=cols, max_size=cols), min_size=rows, max_size=rows
    )


def _matching_product(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """``left`` m x k and ``right`` k x n: drawn independently, the inner sizes would
    almost never agree and nearly every example would be rejected before drawing."""
    left, right = _spec(params_type, "left"), _spec(params_type, "right")
    sizes = st.tuples(*[st.integers(1, left.max_shape[0])] * 3)
    return sizes.flatmap(
        lambda mkn: st.fixed_dictionaries(
            {"left": _matrix_of(left, mkn[0], mkn[1]), "right": _matrix_of(right, mkn[1], mkn[2])}
        )
    )


def _symmetric(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """A symmetric ``matrix`` [[a, b], [b, c]]: an arbitrary 2x2 is almost never one."""
    spec = _spec(params_type, "matrix")
    entry = _number(spec)
    return st.tuples(entry, entry, entry).map(
        lambda abc: {"matrix": [[abc[0], abc[1]], [abc[1], abc[2]]]}
    )


#: Scenes whose parameters are tied together (shapes that must agree, a matrix that must
#: be symmetric): fuzzing draws inside the tie, so the examples reach the picture.
TIED: dict[str, Any] = {
    "MatrixMultiplicationParams": _matching_product,
    "QuadraticFormParams": _symmetric,
}


def _threshold_in_range(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """A breast-cancer feature and a threshold inside its range on the data (a
    threshold drawn from the parameter's wide bounds is almost always outside it), and
    any prevalence."""
    from mlmath_viz.screening import breast_cancer

    features = _spec(params_type, "feature").choices or ()

    def pick(feature: str) -> st.SearchStrategy[dict[str, Any]]:
        values = breast_cancer(feature).values
        lo, hi = float(values.min()), float(values.max())
        return st.fixed_dictionaries(
            {
                "feature": st.just(feature),
                "threshold": st.floats(lo, hi, exclude_max=True),
                "prevalence": value_strategy(_spec(params_type, "prevalence")),
            }
        )

    return st.sampled_from(features).flatmap(pick)


TIED["BayesTheoremParams"] = _threshold_in_range

# -- ChainRule: x must lie where the composition is defined, and x + dx too.


def _composable(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """``outer``, ``inner``, then ``x`` and ``dx`` inside the composition's domain (drawn
    over [-5, 5], most x would be refused for the square or exp inside the others);
    fractions 0 and 1 put x + dx on the domain's ends."""
    from mlmath_viz.chain_rule import composition_domain
    from mlmath_viz.derivatives import FUNCTIONS

    outer, inner, dx = (_spec(params_type, n) for n in ("outer", "inner", "dx"))

    def inside(pair: tuple[str, str]) -> st.SearchStrategy[dict[str, Any]]:
        lo, hi = composition_domain(FUNCTIONS[pair[0]], FUNCTIONS[pair[1]])[0]
        fraction = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))
        return st.tuples(_number(dx), fraction).map(
            lambda df: {
                "outer": pair[0],
                "inner": pair[1],
                "dx": df[0],
                "x": lo + df[1] * (hi - df[0] - lo),
            }
        )

    return st.tuples(st.sampled_from(outer.choices), st.sampled_from(inner.choices)).flatmap(inside)


TIED["ChainRuleParams"] = _composable


# -- TaylorSeries: x0 must lie in the chosen function's plotted interval -----------------
def _taylor_centre(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """``function`` and an ``x0`` inside its interval (its ends included, where the
    labels crowd the border), with any ``max_order``: drawn independently, most centres
    would fall outside sine's or exp's interval and be rejected."""
    from mlmath_viz.derivatives import FUNCTIONS

    order = _spec(params_type, "max_order")

    def centre(name: str) -> st.SearchStrategy[dict[str, Any]]:
        lo, hi = FUNCTIONS[name].domain
        x0 = st.one_of(st.sampled_from([lo, hi]), st.floats(lo, hi, allow_nan=False))
        return st.fixed_dictionaries(
            {
                "function": st.just(name),
                "x0": x0,
                "max_order": st.integers(int(order.low), int(order.high)),
            }
        )

    return st.sampled_from(sorted(FUNCTIONS)).flatmap(centre)


TIED["TaylorSeriesParams"] = _taylor_centre


# -- GramSchmidt: `vectors` with 2 or 3 rows and 2 or 3 columns (the parser allows 1-3 of
# each; drawn independently a third of the examples would be refused before drawing).
def _gram_schmidt(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    spec = _spec(params_type, "vectors")
    shapes = st.tuples(st.integers(2, 3), st.integers(2, 3))
    return shapes.flatmap(lambda mn: st.fixed_dictionaries({"vectors": _matrix_of(spec, *mn)}))


TIED["GramSchmidtParams"] = _gram_schmidt


# -- StochasticGradientDescent: `batch_sizes` strictly increasing (drawn as any list of
# 1-4 sizes, most would be refused before drawing), with any feature, lr, steps and seed.
def _increasing_batches(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    spec = _spec(params_type, "batch_sizes")
    low, high = int(spec.low or 1), int(spec.high or 1)
    size = st.one_of(st.sampled_from([low, 2, high - 1, high]), st.integers(low, high))
    sizes = st.lists(size, min_size=1, max_size=spec.max_shape[0], unique=True).map(sorted)
    others = {
        s.name: value_strategy(s).map(to_plain)
        for s in specs(params_type)
        if s.name != "batch_sizes"
    }
    return st.fixed_dictionaries({"batch_sizes": sizes}, optional=others)


TIED["StochasticGradientDescentParams"] = _increasing_batches


# -- JointDistribution: y and given must belong to data_set, and x is its class column.
def _joint_columns(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    """A data set, its class column, one of its measurements and classes, and any
    ``bins`` (drawn independently, about nine in ten examples would be refused)."""
    from scenes.probability.params import JOINT_DATA_SETS

    bins = _spec(params_type, "bins")

    def pick(name: str) -> st.SearchStrategy[dict[str, Any]]:
        column, measurements, classes = JOINT_DATA_SETS[name]
        return st.fixed_dictionaries(
            {
                "data_set": st.just(name),
                "x": st.just(column),
                "y": st.sampled_from(measurements),
                "bins": value_strategy(bins),
                "given": st.sampled_from(classes),
            }
        )

    return st.sampled_from(sorted(JOINT_DATA_SETS)).flatmap(pick)


TIED["JointDistributionParams"] = _joint_columns


# -- Own data (issue 21): fuzzing keeps `data` empty (the shipped data set), so the column
# parameters keep their declared choices; the CSV cases have their own tests
# (tests/test_tables.py, tests/test_own_data.py).
def _shipped_data(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    fields = {
        s.name: value_strategy(s).map(to_plain)
        for s in specs(params_type)
        if s.name not in ("data", "features", "group")  # PCA's features and group need data
    }
    return st.fixed_dictionaries({}, optional=fields)


for _name in ("LinearRegressionGDParams", "HypothesisTestParams", "PCAParams"):
    TIED.setdefault(_name, _shipped_data)


# -- Own data for BayesTheorem and LagrangeMultipliers (issue 21): fuzzing keeps `data`
# empty. BayesTheorem's tie (_threshold_in_range above) draws only feature, threshold and
# prevalence, so data, label_column and positive keep their shipped defaults;
# LagrangeMultipliers draws its other parameters as any shipped-data scene.
TIED.setdefault("LagrangeMultipliersParams", _shipped_data)


# -- Own data, LeastSquares and StochasticGradientDescent (issue 21): fuzzing keeps `data`
# empty (and `target` at the diabetes target), and draws the ranges lifted for files inside
# the diabetes data's 442 rows, as before (rows 0-441; batch sizes 1-442, increasing).
def _least_squares_shipped(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    from scenes.linear_algebra.params import LEAST_SQUARES_PATIENTS

    last = LEAST_SQUARES_PATIENTS - 1
    row = st.one_of(st.sampled_from([0, last]), st.integers(0, last))
    others = {
        s.name: value_strategy(s).map(to_plain)
        for s in specs(params_type)
        if s.name not in ("data", "target", "rows")
    }
    return st.fixed_dictionaries(
        {}, optional={"rows": st.lists(row, min_size=3, max_size=3), **others}
    )


def _sgd_shipped(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    from scenes.optimization.params import DIABETES_ROWS

    spec = _spec(params_type, "batch_sizes")
    size = st.one_of(
        st.sampled_from([1, 2, DIABETES_ROWS - 1, DIABETES_ROWS]), st.integers(1, DIABETES_ROWS)
    )
    sizes = st.lists(size, min_size=1, max_size=spec.max_shape[0], unique=True).map(sorted)
    others = {
        s.name: value_strategy(s).map(to_plain)
        for s in specs(params_type)
        if s.name not in ("batch_sizes", "data", "target")
    }
    return st.fixed_dictionaries({"batch_sizes": sizes}, optional=others)


TIED["LeastSquaresParams"] = _least_squares_shipped
TIED["StochasticGradientDescentParams"] = _sgd_shipped
# -- Own data for MultivariateGaussian, MaximumLikelihood and Bootstrap: fuzzing keeps
# `data`, `group_column` and `group` empty (the Iris species), and draws the numbers whose
# declared ranges were lifted for a file's units (given_x, prior_mean, prior_sd) from the
# ranges the Iris data allows, as before (tests/test_own_data_*.py cover the files).
_IRIS_RANGES = {"given_x": (0.0, 8.0), "prior_mean": (0.0, 10.0), "prior_sd": (0.01, 10.0)}


def _iris_groups(params_type: type) -> st.SearchStrategy[dict[str, Any]]:
    import dataclasses

    fields = {}
    for s in specs(params_type):
        if s.name in ("data", "group_column", "group"):
            continue
        if s.name in _IRIS_RANGES:
            low, high = _IRIS_RANGES[s.name]
            s = dataclasses.replace(s, low=low, high=high)
        fields[s.name] = value_strategy(s).map(to_plain)
    return st.fixed_dictionaries({}, optional=fields)


for _name in ("MultivariateGaussianParams", "MaximumLikelihoodParams", "BootstrapParams"):
    TIED.setdefault(_name, _iris_groups)
# -- Own data for Correlation and JointDistribution (issue 21): fuzzing keeps `data` empty.
# JointDistribution's tie (`_joint_columns`) draws only data_set, x, y, bins and given, so
# its `data` stays empty already; Correlation gets the shipped-data strategy.
TIED.setdefault("CorrelationParams", _shipped_data)
