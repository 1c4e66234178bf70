"""Typed scene parameters: declaration, parsing and validation in one place.

A scene declares its parameters once, as a frozen dataclass whose fields are made
with :func:`parameter`::

    @dataclass(frozen=True)
    class LinearMapParams:
        matrix: Matrix2 = parameter(((1.0, 1.0), (0.0, 1.0)), "the 2x2 matrix, row-major",
                                    low=-50, high=50)

The field's annotation gives its kind (``float``, ``int``, ``bool``, ``str``, a
fixed-length vector ``tuple[float, float]``, a fixed-shape matrix of tuples, a matrix of
any shape ``Matrix`` (``tuple[tuple[float, ...], ...]``, nested lists up to
``max_shape``) or whole numbers ``tuple[int, int, int]`` / ``Ints`` (``tuple[int, ...]``,
up to ``max_shape[0]`` of them)); the metadata gives help, range and choices.
Values arrive as strings from the command line (``matrix=0,-1,1,0``) or as TOML values
from ``scenes.toml``; both go through :func:`resolve`, which raises :class:`ParamError`
with one line naming the scene, the parameter, the value and what is allowed. This
module never imports manim, so the command line can validate everything before any
rendering starts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

Vector2 = tuple[float, float]
Matrix2 = tuple[tuple[float, float], tuple[float, float]]
#: A matrix of any shape up to the parameter's ``max_shape``: nested lists, rows of equal
#: length (``[[1, 2, 3], [4, 5, 6]]``).
Matrix = tuple[tuple[float, ...], ...]
#: Whole numbers, as many as the parameter allows (``[1, 2, 4]`` or ``1,2,4``).
Ints = tuple[int, ...]

P = TypeVar("P")


def matrix_text(m: Matrix2) -> str:
    """A 2x2 matrix as an error message shows it: ``[[1, 0], [0, -1]]``."""
    return "[" + ", ".join("[" + ", ".join(f"{x:g}" for x in row) + "]" for row in m) + "]"


class ParamError(ValueError):
    """Bad scene input. ``str(error)`` is the one-line message shown to the user."""


@dataclass(frozen=True)
class ParamSpec:
    """What one parameter accepts, read from a dataclass field."""

    name: str
    kind: str  # "float", "int", "bool", "str", "vector", "matrix", "array" or "ints"
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None
    pattern: str | None = None  # regular expression a free-text value must match
    shape: tuple[int, ...] = ()  # fixed shape ("vector", "matrix", fixed-length "ints")
    max_shape: tuple[int, ...] = ()  # most rows and columns ("array"), most items ("ints")
    #: The parameter (e.g. ``data``) that, when not empty, lifts ``choices``: the value is
    #: then any text, checked by the params class's ``check`` (a column of the data file).
    choices_unless: str | None = None

    def type_text(self) -> str:
        """The type as shown by ``python -m scenes params``."""
        if self.kind == "vector":
            return f"vector[{self.shape[0]}]"
        if self.kind == "matrix":
            return f"matrix[{self.shape[0]}x{self.shape[1]}]"
        if self.kind == "array":
            return f"matrix[up to {self.max_shape[0]}x{self.max_shape[1]}]"
        if self.kind == "ints":
            return f"ints[{self.shape[0]}]" if self.shape else f"ints[1-{self.max_shape[0]}]"
        return self.kind

    def allowed_text(self) -> str:
        """What values are allowed, in words: used in errors and ``params``."""
        if self.choices is not None:
            lifted = f" (any column with {self.choices_unless} set)" if self.choices_unless else ""
            return "one of " + ", ".join(self.choices) + lifted
        if self.kind == "bool":
            return "true or false"
        if self.kind == "str" and self.pattern is not None:
            return f"text matching {self.pattern}"
        if self.kind == "vector":
            what = f"{self.shape[0]} comma-separated real numbers"
        elif self.kind == "matrix":
            rows, cols = self.shape
            what = (
                f"a {rows}x{cols} matrix of real numbers ({rows * cols} comma-separated, row-major)"
            )
        elif self.kind == "array":
            rows, cols = self.max_shape
            what = (
                f"a matrix of real numbers as nested lists like [[1, 2, 3], [4, 5, 6]], "
                f"1-{rows} rows of equal length 1-{cols}, entries"
            )
        elif self.kind == "ints":
            count = f"{self.shape[0]}" if self.shape else f"1-{self.max_shape[0]}"
            what = f"{count} comma-separated whole numbers"
        else:
            what = {"float": "a real number", "int": "an integer", "str": "text"}[self.kind]
        each = " each" if self.kind in ("vector", "matrix", "ints") else ""
        if self.low is not None and self.high is not None:
            return f"{what}{each} in [{_num(self.low)}, {_num(self.high)}]"
        if self.low is not None:
            return f"{what}{each} >= {_num(self.low)}"
        if self.high is not None:
            return f"{what}{each} <= {_num(self.high)}"
        return what


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def parameter(
    default: Any,
    help: str,
    *,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] | None = None,
    pattern: str | None = None,
    max_shape: tuple[int, ...] = (),
    choices_unless: str | None = None,
) -> Any:
    """Declare a scene parameter: its default, help text, range, choices or text pattern.

    ``low`` and ``high`` bound numbers (each entry of a vector or matrix); ``choices``
    lists the allowed values of a ``str`` parameter; ``pattern`` is a regular expression
    that a free-text ``str`` value must match in full (fuzzing draws from it too);
    ``max_shape`` bounds a ``Matrix`` (most rows, most columns) or ``Ints`` (most items).
    ``choices_unless`` names a parameter (``"data"``) that, when set to non-empty text,
    lifts ``choices``: the value is then checked by the class's ``check`` instead (the
    columns of a user's data file are not known when the class is declared).
    """
    return dataclasses.field(
        default=default,
        metadata={
            "help": help,
            "low": low,
            "high": high,
            "choices": choices,
            "pattern": pattern,
            "max_shape": max_shape,
            "choices_unless": choices_unless,
        },
    )


def _kind_of(annotation: Any) -> tuple[str, tuple[int, ...]]:
    """Map a field annotation to (kind, shape)."""
    if annotation is float:
        return "float", ()
    if annotation is int:
        return "int", ()
    if annotation is bool:
        return "bool", ()
    if annotation is str:
        return "str", ()
    if annotation == Matrix:
        return "array", ()
    if annotation == Ints:
        return "ints", ()
    if typing.get_origin(annotation) is tuple:
        args = typing.get_args(annotation)
        if args and all(a is int for a in args):
            return "ints", (len(args),)
        if args and all(a is float for a in args):
            return "vector", (len(args),)
        if args and all(typing.get_origin(a) is tuple for a in args):
            rows = [typing.get_args(a) for a in args]
            if all(len(r) == len(rows[0]) and all(x is float for x in r) for r in rows):
                return "matrix", (len(rows), len(rows[0]))
    raise TypeError(f"unsupported parameter annotation {annotation!r}")


def specs(params_type: type[Any]) -> tuple[ParamSpec, ...]:
    """The :class:`ParamSpec` of each field of a parameter dataclass, in order."""
    hints = typing.get_type_hints(params_type)
    out = []
    for f in dataclasses.fields(params_type):
        kind, shape = _kind_of(hints[f.name])
        max_shape = tuple(f.metadata.get("max_shape", ()))
        if kind == "array" and len(max_shape) != 2:
            raise TypeError(
                f"{params_type.__name__}.{f.name}: a Matrix needs max_shape=(rows, cols)"
            )
        if kind == "ints" and not shape and len(max_shape) != 1:
            raise TypeError(f"{params_type.__name__}.{f.name}: Ints needs max_shape=(count,)")
        out.append(
            ParamSpec(
                name=f.name,
                kind=kind,
                default=f.default,
                help=f.metadata.get("help", ""),
                low=f.metadata.get("low"),
                high=f.metadata.get("high"),
                choices=f.metadata.get("choices"),
                pattern=f.metadata.get("pattern"),
                shape=shape,
                max_shape=max_shape,
                choices_unless=f.metadata.get("choices_unless"),
            )
        )
    return tuple(out)


class _Reject(Exception):
    """Internal: a value does not fit; the caller adds scene and parameter names."""


def _real(value: Any) -> float:
    if isinstance(value, bool):
        raise _Reject
    if isinstance(value, (int, float)):
        x = float(value)
    elif isinstance(value, str):
        try:
            x = float(value.strip())
        except ValueError:
            raise _Reject from None
    else:
        raise _Reject
    if not math.isfinite(x):
        raise _Reject
    return x


def _numbers(value: Any, count: int) -> list[float]:
    """Flatten a comma-separated string, a JSON-style list or nested lists to floats."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise _Reject from None
        else:
            value = [part for part in text.split(",")]
    if not isinstance(value, (list, tuple)):
        raise _Reject
    flat: list[Any] = []
    for item in value:
        if isinstance(item, (list, tuple)):
            flat.extend(item)
        else:
            flat.append(item)
    if len(flat) != count:
        raise _Reject
    return [_real(x) for x in flat]


def _list(value: Any) -> list[Any]:
    """A JSON-style list from text (``[...]``), a list or tuple as it is."""
    if isinstance(value, str):
        try:
            value = json.loads(value.strip())
        except json.JSONDecodeError:
            raise _Reject from None
    if not isinstance(value, (list, tuple)):
        raise _Reject
    return list(value)


def _array(spec: ParamSpec, value: Any) -> tuple[tuple[float, ...], ...]:
    """Nested lists to a tuple of equal-length rows within ``max_shape``."""
    rows = _list(value)
    max_rows, max_cols = spec.max_shape
    if not 1 <= len(rows) <= max_rows or not all(isinstance(r, (list, tuple)) for r in rows):
        raise _Reject
    if len({len(r) for r in rows}) != 1 or not 1 <= len(rows[0]) <= max_cols:
        raise _Reject
    return tuple(tuple(_real(x) for x in row) for row in rows)


def _whole(value: Any) -> int:
    if isinstance(value, bool):
        raise _Reject
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            raise _Reject from None
    raise _Reject


def _ints(spec: ParamSpec, value: Any) -> tuple[int, ...]:
    """A comma-separated string or a list of whole numbers, of the allowed count."""
    if isinstance(value, str) and not value.strip().startswith("["):
        items: list[Any] = value.split(",")
    else:
        items = _list(value)
    numbers = tuple(_whole(x) for x in items)
    if spec.shape and len(numbers) != spec.shape[0]:
        raise _Reject
    if not spec.shape and not 1 <= len(numbers) <= spec.max_shape[0]:
        raise _Reject
    return numbers


def _convert(spec: ParamSpec, value: Any) -> Any:
    """Convert a raw value (string or TOML value) to the spec's Python type."""
    if spec.kind == "float":
        return _real(value)
    if spec.kind == "int":
        return _whole(value)
    if spec.kind == "array":
        return _array(spec, value)
    if spec.kind == "ints":
        return _ints(spec, value)
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "on"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("false", "0", "no", "off"):
            return False
        raise _Reject
    if spec.kind == "str":
        if not isinstance(value, str):
            raise _Reject
        return value.strip()
    if spec.kind == "vector":
        return tuple(_numbers(value, spec.shape[0]))
    rows, cols = spec.shape
    flat = _numbers(value, rows * cols)
    return tuple(tuple(flat[r * cols : (r + 1) * cols]) for r in range(rows))


def _check_range(spec: ParamSpec, value: Any, lifted: bool = False) -> None:
    if spec.choices is not None and not lifted and value not in spec.choices:
        raise _Reject
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        raise _Reject
    if spec.kind in ("float", "int"):
        numbers = [value]
    elif spec.kind in ("vector", "ints"):
        numbers = list(value)
    elif spec.kind in ("matrix", "array"):
        numbers = [x for row in value for x in row]
    else:
        return
    for x in numbers:
        if spec.low is not None and x < spec.low:
            raise _Reject
        if spec.high is not None and x > spec.high:
            raise _Reject


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return json.dumps(to_plain(value))


def _set(raw: Any) -> bool:
    """Whether a raw override (text from the command line or TOML) is non-empty text."""
    return isinstance(raw, str) and bool(raw.strip())


def build(
    scene: str,
    params_type: type[P],
    overrides: Mapping[str, Any],
    *,
    source: str = "",
    check: bool = True,
) -> P:
    """Build a validated parameter instance from the defaults and ``overrides``.

    ``overrides`` maps parameter names to raw values: strings from the command line or
    values read from TOML. ``source`` (e.g. ``"preset 'shear'"``) is named in errors.
    With ``check=False`` the names, types and ranges are validated but not the
    instance's own ``check()`` (which may read a data set or a CSV file): for a preset
    that is only listed, not rendered.
    """
    by_name = {s.name: s for s in specs(params_type)}
    where = f" ({source})" if source else ""
    values: dict[str, Any] = {}
    for name, raw in overrides.items():
        spec = by_name.get(name)
        if spec is None:
            known = ", ".join(by_name) or "none"
            raise ParamError(f"{scene}: unknown parameter '{name}'{where}; parameters: {known}")
        try:
            value = _convert(spec, raw)
            lift = spec.choices_unless
            _check_range(spec, value, lifted=bool(lift and _set(overrides.get(lift))))
        except _Reject:
            raise ParamError(
                f"{scene}: parameter '{name}' got {_show(raw)}{where}; "
                f"allowed: {spec.allowed_text()}"
            ) from None
        values[name] = value
    instance = params_type(**values)
    own_check: Callable[[], None] | None = getattr(instance, "check", None) if check else None
    if own_check is not None:
        try:
            own_check()
        except ParamError as err:
            raise ParamError(f"{scene}: {err}{where}") from None
    return instance


def parse_assignments(scene: str, assignments: list[str]) -> dict[str, str]:
    """Split command-line ``key=value`` strings into a dict, rejecting malformed ones."""
    out: dict[str, str] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key or not value.strip():
            raise ParamError(
                f"{scene}: --set got {item!r}; expected key=value, e.g. matrix=0,-1,1,0"
            )
        out[key] = value
    return out


def to_plain(value: Any) -> Any:
    """Tuples to lists, recursively: the JSON form of a parameter value."""
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def params_hash(params: Any) -> str:
    """8 hex digits of the SHA-256 of the resolved parameters' canonical JSON."""
    text = json.dumps(to_plain(params), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


__all__ = [
    "Ints",
    "Matrix",
    "Matrix2",
    "ParamError",
    "ParamSpec",
    "Vector2",
    "build",
    "parameter",
    "params_hash",
    "parse_assignments",
    "specs",
    "to_plain",
]
