"""Speed of the offline extractor: messages per second, p50/p99 latency per message, and
the share the rules answer alone (as the router decides: confirm/reject, or confidence >=
its threshold); then what Claude costs for the rest, per message and per tenant-month.

    .venv/bin/python bench/nlu.py [--rounds 20] [--messages-per-month 500]

First, per labelled set, how right the offline extractor is (intent, fields, exact, scored
as tests/nlu scores them) and whether its confidence means something: the share of
messages it reads wrongly (intent or a labelled field) with a confidence at or above the
Claude threshold (budget: at most 1 in 100). `heldout` is a set written after the rules
of issue 8 and never used to tune them.

The cost is measured from the usage fields of real SDK calls, made by Keloia's own
ClaudeExtractor against the local fake Messages API (tests/claude/fake_messages_api.py)
answering each labeled message with its expected answer. The fake counts tokens
approximately (4 characters a token for Haiku 4.5, 30% more tokens for Haiku 5.5's
tokenizer); with ANTHROPIC_API_KEY set and --live, the same calls go to the real API.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from keloia.adapters.claude.cost import ModelPrice, Usage, cost_nano_usd, format_usd, price_of
from keloia.adapters.claude.extractor import ClaudeExtractor, ClaudeFailure
from keloia.adapters.claude.prompt import render_answer
from keloia.adapters.rules import RulesExtractor, coverage
from keloia.adapters.rules.reading import find_all
from keloia.adapters.rules.takenback import taken_back
from keloia.apps.cli.nlu import context_of
from keloia.domain.model.intents import Extraction, ExtractionContext, Intent
from keloia.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "dev": ROOT / "tests/data/nlu_dev.jsonl",
    "own": ROOT / "tests/data/nlu_own.jsonl",
    "heldout": ROOT / "tests/data/nlu_heldout.jsonl",
}
THRESHOLD = 0.75
_RULES_ONLY = (Intent.CONFIRM, Intent.REJECT)


def answered_alone(result: Extraction) -> bool:
    """The router's own test (keloia.adapters.claude.router): no call to Claude."""
    return result.intent in _RULES_ONLY or result.confidence >= THRESHOLD


def load(path: Path) -> list[tuple[str, ExtractionContext, dict[str, Any]]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        context = context_of(item)
        items.append((item["text"], context, item))
    return items


def calibration(name: str, path: Path) -> None:
    """Intent/fields/exact, and wrong readings the router would trust (>= threshold)."""
    sys.path.insert(0, str(ROOT / "tests" / "nlu"))
    import test_dev_set as scoring  # the suite's own scorer, so both agree

    results = scoring.run_set(path)
    figures = scoring.score(results)
    trusted_wrong: list[str] = []
    for item, got in results:
        want = item["expect"]
        right = got["intent"] == want["intent"] and all(
            scoring.equal(k, v, got["fields"].get(k)) for k, v in want["fields"].items()
        )
        trusted = got["intent"] in {i.value for i in _RULES_ONLY} or got["confidence"] >= THRESHOLD
        if trusted and not right:
            trusted_wrong.append(f"{item.get('id')} ({got['intent']} {got['confidence']})")
    share = len(trusted_wrong) / len(results)
    print(
        f"{name}: {len(results)} messages  intent {figures['intent']:.1%}  "
        f"fields {figures['fields']:.1%}  exact {figures['exact']:.1%}  "
        f"wrong at/above {THRESHOLD}: {len(trusted_wrong)} ({share:.1%}, budget 1.0%)"
    )
    if trusted_wrong:
        print(f"  trusted wrong: {', '.join(trusted_wrong)}")
    capped = unexplained_words(path)
    print(
        f"  capped under {THRESHOLD} for words no rule explains (coverage.py): {len(capped)}"
        + (f", e.g. {'; '.join(capped[:5])}" if capped else "")
    )


def unexplained_words(path: Path) -> list[str]:
    """The readings the coverage cap took under the threshold, each with its words left."""
    rules = RulesExtractor()
    out = []
    for text, context, item in load(path):
        reading = rules._extract(text, context)  # before the cap
        found = find_all(taken_back(text[:2000]), context)
        after, left = coverage.capped(found, reading)
        if after.confidence < THRESHOLD <= reading.confidence:
            out.append(f"{item.get('id')} {reading.intent.value} {left}")
    return out


_WORDS_RE = re.compile(r"\w+")


def bare_read(text: str, context: ExtractionContext) -> int:
    """The baseline: the least any reader does with a message (fold its case, split its
    words). The extractor's time is printed as a multiple of it, measured in the same
    rounds, so figures from a slower or busier machine can still be compared."""
    return len(_WORDS_RE.findall(text.casefold()))


def timed(read: Any, items: list[tuple[str, ExtractionContext, dict[str, Any]]]) -> list[float]:
    latencies = []
    for text, context, _ in items:
        t0 = time.perf_counter()
        read(text, context)
        latencies.append(time.perf_counter() - t0)
    return latencies


def bench(name: str, path: Path, rounds: int) -> None:
    extractor = RulesExtractor()
    items = load(path)
    for text, context, _ in items:  # warm up compiled regexes and caches
        extractor.extract(text, context)
    latencies: list[float] = []
    bare: list[float] = []
    again: list[float] = []
    for _ in range(rounds):
        # Interleaved, round by round: a load that comes and goes weighs on all three alike.
        latencies += timed(extractor.extract, items)
        bare += timed(bare_read, items)
        again += timed(bare_read, items)
    results = [(extractor.extract(text, context), item) for text, context, item in items]
    alone = [r for r, _ in results if answered_alone(r)]
    right_alone = sum(
        r.intent.value == item["expect"]["intent"] for r, item in results if answered_alone(r)
    )
    qs = statistics.quantiles(latencies, n=100)
    print(f"{name}: {len(items)} messages x {rounds} rounds")
    print(f"  throughput        {len(latencies) / sum(latencies):,.0f} messages/s")
    print(f"  latency p50       {qs[49] * 1000:.2f} ms")
    print(f"  latency p99       {qs[98] * 1000:.2f} ms")
    print(
        f"  vs the baseline   {sum(latencies) / sum(bare):,.0f}x the time of a bare read"
        f" (casefold + one word regex, {sum(bare) / len(bare) * 1e6:.1f} us a message);"
        f" self-check bare vs bare {sum(again) / sum(bare):.2f}x"
    )
    print(
        f"  rules alone       {len(alone) / len(items):.1%} (confirm/reject or confidence"
        f" >= {THRESHOLD}),"
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


def claude_usages(
    model: str, effort: Any, items: list[tuple[str, ExtractionContext, dict[str, Any]]], live: bool
) -> list[Usage]:
    """One Usage per message, from the API's usage fields of a real SDK call each."""
    sys.path.insert(0, str(ROOT))
    from tests.claude.fake_messages_api import FakeMessagesAPI, message

    fake = None if live else FakeMessagesAPI().start()
    try:
        claude = ClaudeExtractor(
            model=model,
            effort=effort,
            api_key=os.environ.get("ANTHROPIC_API_KEY") if live else "sk-ant-bench",
            base_url=None if fake is None else fake.url,
            max_retries=0,
        )
        usages = []
        for text, context, item in items:
            if fake is not None:
                # The expected answer as Claude writes it: every list and "more" present.
                expect = item["expect"]
                fields = expect.get("fields", {})
                fake.queue(message(render_answer(Intent(expect["intent"]), 0.9, fields)))
            before = claude.meter.usage
            # An unusable answer was still paid for: its usage is counted all the same.
            with contextlib.suppress(ClaudeFailure):
                claude.ask(text, context)
            after = claude.meter.usage
            usages.append(
                Usage(
                    after.input_tokens - before.input_tokens,
                    after.output_tokens - before.output_tokens,
                    after.cache_write_tokens - before.cache_write_tokens,
                    after.cache_read_tokens - before.cache_read_tokens,
                )
            )
        return usages
    finally:
        if fake is not None:
            fake.stop()


def per_message(usages: list[Usage], price: ModelPrice, cache: str) -> Decimal:
    """Mean nano-USD per call with the cached prefix all written ("cold": the 5-minute cache
    expired, as it mostly does for a quiet PO) or all read ("warm": a busy one)."""
    total = 0
    for u in usages:
        prefix = u.cache_write_tokens + u.cache_read_tokens
        cold = cache == "cold"
        total += cost_nano_usd(
            Usage(u.input_tokens, u.output_tokens, prefix if cold else 0, 0 if cold else prefix),
            price,
        )
    return Decimal(total) / max(1, len(usages))


def cost_table(per_month: int, live: bool) -> None:
    settings = Settings()
    rules = RulesExtractor()
    items = [item for path in SETS.values() if path.exists() for item in load(path)]
    unsure = [(t, c, i) for t, c, i in items if not answered_alone(rules.extract(t, c))]
    share = len(unsure) / len(items)
    print(
        f"claude cost: {len(items)} labeled messages, the rules answer {1 - share:.1%} alone,"
        f" Claude reads {share:.1%}; a PO sending {per_month} messages a month"
    )
    print(
        f"  {'model':<18}{'reads':<17}{'tokens in/prefix/out':>21}"
        f"{'per message (cold / warm)':>28}{'per tenant-month (cold / warm)':>36}"
    )
    for model, effort in (("claude-haiku-5-5", settings.claude_effort), ("claude-haiku-4-5", None)):
        price = price_of(settings.claude_prices, model)
        if price is None:
            print(f"  {model}: no price in KELOIA_CLAUDE_PRICES, skipped")
            continue
        some = claude_usages(model, effort, unsure, live)
        # Live, only the unsure share is sent (every message would cost ten times more).
        every = some if live else claude_usages(model, effort, items, live)
        for label, usages, calls in (
            ("the unsure share", some, per_month * share),
            ("every message", every, per_month),
        ):
            n = max(1, len(usages))
            tin = sum(u.input_tokens for u in usages) // n
            prefix = sum(u.cache_write_tokens + u.cache_read_tokens for u in usages) // n
            tout = sum(u.output_tokens for u in usages) // n
            cold, warm = per_message(usages, price, "cold"), per_message(usages, price, "warm")
            month_cold, month_warm = cold * Decimal(calls), warm * Decimal(calls)
            print(
                f"  {model:<18}{label:<17}{f'{tin}/{prefix}/{tout}':>21}"
                f"{format_usd(int(cold)):>14} / {format_usd(int(warm))}"
                f"{format_usd(int(month_cold), 4):>15} ({rupiah(month_cold, settings)})"
                f" / {format_usd(int(month_warm), 4)} ({rupiah(month_warm, settings)})"
            )
    print(
        "  cold: every call writes the cached prefix (the 5-minute cache expired); warm: every"
        " call reads it.\n  The prefix is the same for every tenant, so one deployment's"
        " tenants keep it warm for each other;\n  a lone quiet PO's calls are mostly cold."
        f" Rp at {settings.usd_to_idr:,}/USD ({'live API' if live else 'fake API'} usage)."
    )


def rupiah(nano_usd: Decimal, settings: Settings) -> str:
    value = (nano_usd * settings.usd_to_idr / 1_000_000_000).to_integral_value()
    return f"Rp{value:,}".replace(",", ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--messages-per-month", type=int, default=500)
    parser.add_argument(
        "--live", action="store_true", help="ask the real API (needs ANTHROPIC_API_KEY)"
    )
    args = parser.parse_args()
    print(
        f"# {dt.date.today().isoformat()} python {platform.python_version()} {platform.machine()}"
    )
    for name, path in SETS.items():
        if path.exists():
            calibration(name, path)
    for name, path in SETS.items():
        if path.exists():
            bench(name, path, args.rounds)
    prompt_size()
    cost_table(args.messages_per_month, args.live)


if __name__ == "__main__":
    main()
