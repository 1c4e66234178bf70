"""Parameter declaration, parsing and validation (scenes.parameters)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

import pytest
from hypothesis import given, settings
from param_strategies import overrides_strategy

from scenes.parameters import (
    Ints,
    Matrix,
    Matrix2,
    ParamError,
    Vector2,
    build,
    parameter,
    params_hash,
    parse_assignments,
    specs,
    to_plain,
)


@dataclass(frozen=True)
class Example:
    lr: float = parameter(0.1, "learning rate", low=0.0, high=2.0)
    steps: int = parameter(10, "number of steps", low=0, high=1000)
    start: Vector2 = parameter((1.0, 2.0), "start point")
    matrix: Matrix2 = parameter(((1.0, 0.0), (0.0, 1.0)), "a matrix", low=-5, high=5)
    kind: str = parameter("a", "which kind", choices=("a", "b"))
    show: bool = parameter(True, "show it")


def test_specs_read_kinds_and_shapes() -> None:
    by_name = {s.name: s for s in specs(Example)}
    assert by_name["lr"].kind == "float"
    assert by_name["steps"].kind == "int"
    assert (by_name["start"].kind, by_name["start"].shape) == ("vector", (2,))
    assert (by_name["matrix"].kind, by_name["matrix"].shape) == ("matrix", (2, 2))
    assert by_name["kind"].choices == ("a", "b")
    assert by_name["show"].kind == "bool"


def test_strings_from_the_command_line() -> None:
    p = build(
        "Ex",
        Example,
        {
            "lr": "0.5",
            "steps": "3",
            "start": "-1,0.5",
            "matrix": "0,-1,1,0",
            "kind": "b",
            "show": "false",
        },
    )
    assert p == Example(0.5, 3, (-1.0, 0.5), ((0.0, -1.0), (1.0, 0.0)), "b", False)


def test_toml_values_nested_and_flat() -> None:
    nested = build("Ex", Example, {"matrix": [[1, 1], [0, 1]], "steps": 4})
    flat = build("Ex", Example, {"matrix": [1, 1, 0, 1]})
    json_text = build("Ex", Example, {"matrix": "[[1, 1], [0, 1]]"})
    assert nested.matrix == flat.matrix == json_text.matrix == ((1.0, 1.0), (0.0, 1.0))


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("lr", "fast", "a real number in [0, 2]"),
        ("lr", "nan", "a real number"),
        ("lr", "inf", "a real number"),
        ("lr", "-0.1", "in [0, 2]"),
        ("steps", "2.5", "an integer"),
        ("steps", True, "an integer"),
        ("start", "1,2,3", "2 comma-separated real numbers"),
        ("matrix", "1,2,3", "2x2 matrix"),
        ("matrix", "1,2,3,6", "each in [-5, 5]"),
        ("matrix", "[[1,2],[3", "2x2 matrix"),
        ("kind", "c", "one of a, b"),
        ("show", "maybe", "true or false"),
    ],
)
def test_bad_values_name_the_parameter_and_what_is_allowed(
    name: str, value: object, fragment: str
) -> None:
    with pytest.raises(ParamError) as err:
        build("Ex", Example, {name: value})
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("Ex: ")
    assert f"'{name}'" in message
    assert fragment in message


def test_unknown_parameter_lists_the_known_ones() -> None:
    with pytest.raises(ParamError, match=r"unknown parameter 'lrate'.*lr, steps"):
        build("Ex", Example, {"lrate": "1"})


@pytest.mark.parametrize("item", ["lr", "=3", "lr=", "lr= "])
def test_assignment_without_value_is_rejected(item: str) -> None:
    with pytest.raises(ParamError, match="key=value"):
        parse_assignments("Ex", [item])


def test_parameters_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        Example().lr = 3.0  # type: ignore[misc]


def test_hash_is_stable_and_distinguishes() -> None:
    a = to_plain(Example())
    assert params_hash(a) == params_hash(to_plain(Example()))
    assert params_hash(a) != params_hash(to_plain(Example(lr=0.2)))
    assert len(params_hash(a)) == 8
    int(params_hash(a), 16)


def test_data_set_choices_match_the_shipped_data() -> None:
    """The command line's Iris choices (kept Manim- and scikit-learn-free) are the data's
    own column names and species, in the data's order."""
    from sklearn.datasets import load_iris

    from mlmath_viz import datasets
    from scenes.parameters.datasets import IRIS_FEATURES, IRIS_SPECIES

    iris = load_iris()
    assert IRIS_FEATURES == datasets.IRIS_FEATURES
    assert [n.removesuffix(" (cm)").replace(" ", "_") for n in iris.feature_names] == list(
        IRIS_FEATURES
    )
    assert IRIS_SPECIES == tuple(iris.target_names)


def test_wine_choices_and_frames_match_scikit_learns_data() -> None:
    """The wine choices are scikit-learn's names in its order; the DataFrames hold the
    same numbers as the plain arrays, with the class or species as names."""
    import numpy as np
    import pandas as pd
    from numpy.testing import assert_array_equal
    from sklearn.datasets import load_iris, load_wine

    from mlmath_viz import datasets
    from scenes.parameters.datasets import WINE_CLASSES, WINE_FEATURES

    wine = load_wine()
    assert WINE_FEATURES == datasets.WINE_FEATURES == tuple(wine.feature_names)
    assert WINE_CLASSES == datasets.WINE_CLASSES == tuple(wine.target_names)
    frame = datasets.wine_frame()
    assert isinstance(frame, pd.DataFrame) and frame.shape == (178, 14)
    assert_array_equal(frame[list(WINE_FEATURES)].to_numpy(), wine.data)
    assert_array_equal(frame["cultivar"].to_numpy(), np.asarray(wine.target_names)[wine.target])
    assert frame["cultivar"].value_counts().to_dict() == {
        "class_1": 71,
        "class_0": 59,
        "class_2": 48,
    }

    iris = load_iris()
    flowers = datasets.iris_frame()
    assert list(flowers.columns) == [*datasets.IRIS_FEATURES, "species"]
    assert_array_equal(flowers[list(datasets.IRIS_FEATURES)].to_numpy(), iris.data)
    assert (flowers["species"].to_numpy() == np.asarray(iris.target_names)[iris.target]).all()
    flowers.loc[0, "species"] = "changed"  # a copy: the cache is untouched
    assert datasets.iris_frame().loc[0, "species"] == "setosa"


@dataclass(frozen=True)
class Shapes:
    left: Matrix = parameter(((1.0, 2.0, 3.0),), "any shape", low=-9, high=9, max_shape=(4, 4))
    rows: tuple[int, int, int] = parameter((0, 1, 2), "three rows", low=0, high=441)
    ranks: Ints = parameter((1, 2), "some ranks", low=1, high=64, max_shape=(6,))


def test_any_shape_matrix_takes_nested_lists_from_toml_and_the_command_line() -> None:
    by_name = {s.name: s for s in specs(Shapes)}
    assert (by_name["left"].kind, by_name["left"].max_shape) == ("array", (4, 4))
    cli = build("Sh", Shapes, {"left": "[[1,2,3],[4,5,6]]"})
    toml = build("Sh", Shapes, {"left": [[1, 2, 3], [4, 5, 6]]})
    assert cli.left == toml.left == ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0))
    assert build("Sh", Shapes, {"left": "[[7]]"}).left == ((7.0,),)
    column = build("Sh", Shapes, {"left": [[1], [2], [3], [4]]}).left
    assert column == ((1.0,), (2.0,), (3.0,), (4.0,))


def test_whole_number_lists_fixed_and_bounded() -> None:
    assert build("Sh", Shapes, {"rows": "3,40,400"}).rows == (3, 40, 400)
    assert build("Sh", Shapes, {"rows": [5, 6, 7]}).rows == (5, 6, 7)
    assert build("Sh", Shapes, {"ranks": "[1, 4, 16, 64]"}).ranks == (1, 4, 16, 64)


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("left", "[[1,2,3],[4,5]]", "1-4 rows of equal length 1-4"),  # ragged rows
        ("left", "[[1,2,3,4,5]]", "1-4 rows of equal length 1-4"),  # too wide
        ("left", [[1]] * 5, "1-4 rows"),  # too tall
        ("left", "[]", "nested lists"),
        ("left", "[[]]", "nested lists"),
        ("left", "1,2,3", "nested lists"),  # flat: the shape is unknown
        ("left", "[[1,2],[3,10]]", "entries in [-9, 9]"),
        ("left", "[[1,2],[3,nan]]", "nested lists"),
        ("rows", "1,2", "3 comma-separated whole numbers"),
        ("rows", "1,2,2.5", "whole numbers"),
        ("rows", "1,2,442", "each in [0, 441]"),
        ("ranks", "1,2,3,4,5,6,7", "1-6 comma-separated whole numbers"),
        ("ranks", [True], "whole numbers"),
    ],
)
def test_bad_shapes_name_the_parameter_and_what_is_allowed(
    name: str, value: object, fragment: str
) -> None:
    with pytest.raises(ParamError) as err:
        build("Sh", Shapes, {name: value})
    message = str(err.value)
    assert "\n" not in message and f"'{name}'" in message
    assert fragment in message


@settings(max_examples=40, derandomize=True, database=None, deadline=None)
@given(overrides_strategy(Shapes))
def test_fuzzing_draws_shapes_the_parser_accepts(overrides: dict[str, object]) -> None:
    built = build("Sh", Shapes, overrides)
    assert 1 <= len(built.left) <= 4 and len({len(r) for r in built.left}) == 1
    assert len(built.rows) == 3 and 1 <= len(built.ranks) <= 6
