"""The engine: messages x rules -> findings -> score and verdict. Prints nothing."""

from .runner import Engine
from .scoring import score_and_verdict

__all__ = ["Engine", "score_and_verdict"]
