"""Statistics: Bayesian updating, hypothesis tests and confidence intervals."""

#: Where this topic comes in the gallery and in ``python -m scenes list``.
ORDER = 5
