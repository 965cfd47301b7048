"""Draft files as messages: formats, front matter, suppressions, positions in the file."""

from .formats import parse
from .model import Suppression, Unit
from .sourcemap import SourceMap

__all__ = ["SourceMap", "Suppression", "Unit", "parse"]
