"""Speed of the offline extractor: messages per second, p50/p99 latency per message, and
the share the rules answer alone (confidence >= the router's threshold).

    .venv/bin/python bench/nlu.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from keloia.adapters.rules import RulesExtractor
from keloia.apps.cli.nlu import context_of
from keloia.domain.model.intents import ExtractionContext

ROOT = Path(__file__).resolve().parent.parent
SETS = {"dev": ROOT / "tests/data/nlu_dev.jsonl", "own": ROOT / "tests/data/nlu_own.jsonl"}
THRESHOLD = 0.75


def load(path: Path) -> list[tuple[str, ExtractionContext, dict[str, Any]]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        context = context_of(item)
        items.append((item["text"], context, item))
    return items


def bench(name: str, path: Path, rounds: int) -> None:
    extractor = RulesExtractor()
    items = load(path)
    for text, context, _ in items:  # warm up compiled regexes and caches
        extractor.extract(text, context)
    latencies: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for text, context, _ in items:
            t0 = time.perf_counter()
            extractor.extract(text, context)
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    results = [(extractor.extract(text, context), item) for text, context, item in items]
    alone = [r for r, _ in results if r.confidence >= THRESHOLD]
    right_alone = sum(
        r.intent.value == item["expect"]["intent"]
        for r, item in results
        if r.confidence >= THRESHOLD
    )
    qs = statistics.quantiles(latencies, n=100)
    print(f"{name}: {len(items)} messages x {rounds} rounds")
    print(f"  throughput        {len(latencies) / elapsed:,.0f} messages/s")
    print(f"  latency p50       {qs[49] * 1000:.2f} ms")
    print(f"  latency p99       {qs[98] * 1000:.2f} ms")
    print(
        f"  rules alone       {len(alone) / len(items):.1%} (confidence >= {THRESHOLD}),"
        f" intent right in {right_alone / max(1, len(alone)):.1%} of those"
    )


def prompt_size() -> None:
    try:
        from keloia.adapters.claude.prompt import (
            STATIC_SYSTEM_PROMPT,
            estimate_tokens,
        )
    except (ImportError, AttributeError):
        print("claude prompt: keloia.adapters.claude.prompt not available, skipped")
        return
    print(
        f"claude static system prompt: ~{estimate_tokens(STATIC_SYSTEM_PROMPT)} tokens (estimate)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    print(
        f"# {dt.date.today().isoformat()} python {platform.python_version()} {platform.machine()}"
    )
    for name, path in SETS.items():
        if path.exists():
            bench(name, path, args.rounds)
    prompt_size()


if __name__ == "__main__":
    main()
