"""Probability: sampling, the limit theorems and Markov chains."""

#: Where this topic comes in the gallery and in ``python -m scenes list``.
ORDER = 4
