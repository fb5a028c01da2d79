"""Claude half of understanding a message: the Claude extractor and the rules-first router."""

from .extractor import ClaudeExtractor, ClaudeFailure
from .router import RoutedExtractor

__all__ = ["ClaudeExtractor", "ClaudeFailure", "RoutedExtractor"]
