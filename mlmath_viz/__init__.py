"""mlmath_viz."""
