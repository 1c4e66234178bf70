"""The render pipeline: plan renders, skip the unchanged ones, render the rest.

:mod:`~scenes.pipeline.jobs` (what a render is), :mod:`~scenes.pipeline.hashing` (its
cache key), :mod:`~scenes.pipeline.plan` (jobs from the command line),
:mod:`~scenes.pipeline.produce` (one render in a worker),
:mod:`~scenes.pipeline.executors` (a local process pool) and
:mod:`~scenes.pipeline.cluster` (Dask), then the pages and files made from renders.
The pipeline imports the scenes; nothing in the scenes imports the pipeline.
"""
