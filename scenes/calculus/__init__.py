"""Calculus: derivatives, partial derivatives, gradients and backpropagation."""

#: Where this topic comes in the gallery and in ``python -m scenes list``.
ORDER = 2
