"""Linear algebra: vectors, matrices as maps of the plane, eigenvectors, the SVD and PCA."""

#: Where this topic comes in the gallery and in ``python -m scenes list``.
ORDER = 1
