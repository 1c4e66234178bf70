"""The one place a random ``Generator`` is made from a seed.

Every scene that draws random numbers takes an integer ``seed`` and calls
:func:`generator` (or :func:`generators` for independent runs). Nothing in the
package touches NumPy's global random state, so the same seed gives the same numbers
on every machine (NumPy's ``PCG64`` bit generator is stable across platforms).
"""

from __future__ import annotations

import numpy as np

#: Largest seed a scene accepts (any non-negative integer below 2**32 works).
MAX_SEED = 2**32 - 1


def generator(seed: int) -> np.random.Generator:
    """A fresh ``numpy.random.Generator`` (PCG64) seeded with ``seed``.

    Raises
    ------
    ValueError
        If ``seed`` is negative or above :data:`MAX_SEED`.
    """
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be in [0, {MAX_SEED}], got {seed}")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))


def generators(seed: int, count: int) -> list[np.random.Generator]:
    """``count`` statistically independent generators from one seed.

    The children of ``SeedSequence(seed).spawn(count)``: run ``k`` is the same whatever
    the number of runs after it.
    """
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be in [0, {MAX_SEED}], got {seed}")
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    children = np.random.SeedSequence(seed).spawn(count)
    return [np.random.Generator(np.random.PCG64(child)) for child in children]
