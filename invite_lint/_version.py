"""The version, alone in its module: importing it loads nothing else."""

__version__ = "0.1.0"
