"""Running the linter on engines that already spread work over machines (Dask; a Spark
recipe is in docs/distributed.md). Each needs its optional extra."""
