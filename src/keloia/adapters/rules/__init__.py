"""The offline Indonesian rule-based extractor (docs/nlu.md)."""

from keloia.adapters.rules.extractor import RulesExtractor

__all__ = ["RulesExtractor"]
