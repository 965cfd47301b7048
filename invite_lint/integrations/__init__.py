"""Running the linter on engines that already spread work over machines (Dask, Spark; see
docs/distributed.md). Each needs its optional extra."""
