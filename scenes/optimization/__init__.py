"""Optimization: gradient descent and its variants."""

#: Where this topic comes in the gallery and in ``python -m scenes list``.
ORDER = 3
