"""The one place that reads settings and chooses adapters."""

from __future__ import annotations

from keloia.ports.extractor import IntentExtractor
from keloia.settings import Settings


def build_extractor(settings: Settings, *, offline: bool = False) -> IntentExtractor:
    """Rules alone offline or without a key; otherwise rules first, Claude for the rest."""
    from keloia.adapters.rules import RulesExtractor

    rules = RulesExtractor()
    if offline or not settings.anthropic_api_key:
        return rules
    from keloia.adapters.claude import ClaudeExtractor, RoutedExtractor

    claude = ClaudeExtractor(
        model=settings.claude_model,
        timeout=settings.claude_timeout_seconds,
        max_retries=settings.claude_max_retries,
        api_key=settings.anthropic_api_key,
    )
    return RoutedExtractor(rules=rules, claude=claude, threshold=settings.claude_threshold)
