"""The labelled sets scored in the suite, with the same normalization as
shared/tools/nlu_score.py (reimplemented here: a clone has no /work/shared)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from keloia.adapters.rules import RulesExtractor
from keloia.apps.cli.nlu import context_of

DATA = Path(__file__).resolve().parent.parent / "data"
MONEY = {"price", "dp_amount", "amount", "cost"}
UNSCORED = {"passengers", "pickup_place"}
# Fields added after the sets were labelled (issue 8): welcome, but the labels do not mark
# them, so they are not counted as spurious. A booking's DP method likewise, and whether
# its DP is only promised (dp_promised).
UNLABELLED = {"buses", "bus_count", "kernet", "odometer_km", "unplaced"}
UNLABELLED_FOR = {"create_booking": {"method", "dp_promised"}}
HONORIFIC_RE = re.compile(r"^(?:pak|bu|bapak|ibu|mas|mbak|bpk|sdr|kak|om)\b\.?\s*")
ALIASES = {
    alias: canon
    for canon, names in {
        "jogja": ("jogja", "yogya", "yogyakarta", "jogjakarta", "yk"),
        "solo": ("solo", "surakarta"),
        "jakarta": ("jakarta", "jkt"),
        "bandung": ("bandung", "bdg"),
        "surabaya": ("surabaya", "sby"),
        "semarang": ("semarang", "smg"),
    }.items()
    for alias in names
}


def _trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P") or ch in "+$^`|~<=>"


def norm_str(value: Any) -> str:
    s = str(value)
    i, j = 0, len(s)
    while i < j and _trim(s[i]):
        i += 1
    while j > i and _trim(s[j - 1]):
        j -= 1
    return re.sub(r"\s+", " ", s[i:j]).casefold()


def norm_person(value: Any) -> str:
    s = norm_str(value)
    while True:
        t = norm_str(HONORIFIC_RE.sub("", s, count=1))
        if t == s or not t:
            return s
        s = t


def norm_bus(value: Any) -> str:
    s = re.sub(r"\bbus(?=\b|\d)", " ", str(value).casefold())
    s = re.sub(r"(?<!\d)0+(?=\d)", "", s)
    return re.sub(r"[^0-9a-z]+", "", s)


def equal(name: str, gold: Any, pred: Any) -> bool:
    if pred is None:
        return False
    if name in MONEY:
        return type(pred) is int and pred == gold
    if name == "method":
        return str(pred).lower() == str(gold).lower()
    if name in ("client_name", "driver", "kernet"):
        return norm_person(pred) == norm_person(gold)
    if name == "bus":
        return norm_bus(pred) == norm_bus(gold)
    if name in ("route_from", "route_to"):
        return ALIASES.get(norm_str(pred), norm_str(pred)) == ALIASES.get(
            norm_str(gold), norm_str(gold)
        )
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        return bool(pred == gold)
    # Strings, and lists such as crew, payments or documents, are compared as the project's
    # scorer compares them: their text, case-insensitively ("Joko" in a crew line is "joko").
    return norm_str(pred) == norm_str(gold)


def run_set(path: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    extractor = RulesExtractor()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        context = context_of(item)
        out.append((item, extractor.extract(item["text"], context).to_contract()))
    return out


def score(results: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, float]:
    intents = fields = fields_right = exact = 0
    for item, got in results:
        want = item["expect"]
        intent_ok = got["intent"] == want["intent"]
        ok = {k: equal(k, v, got["fields"].get(k)) for k, v in want["fields"].items()}
        spurious = set(got["fields"]) - set(want["fields"]) - UNSCORED - UNLABELLED
        spurious -= UNLABELLED_FOR.get(got["intent"], set())
        intents += intent_ok
        fields += len(ok)
        fields_right += sum(ok.values())
        exact += intent_ok and all(ok.values()) and not spurious
    n = len(results)
    return {"intent": intents / n, "fields": fields_right / fields, "exact": exact / n}


@pytest.fixture(scope="module")
def dev() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return run_set(DATA / "nlu_dev.jsonl")


@pytest.fixture(scope="module")
def own() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return run_set(DATA / "nlu_own.jsonl")


# The sets are read once, on one worker (pytest-xdist), for every test of this module.
pytestmark = pytest.mark.xdist_group("labelled_sets")

# The floors sit within a point of what the rules achieve (100% on both sets when they
# were last raised): a regression of a single message in a hundred fails here.
FLOOR = 0.99


def test_dev_set_floor(dev: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    figures = score(dev)
    assert figures["intent"] >= FLOOR, figures
    assert figures["fields"] >= FLOOR, figures
    assert figures["exact"] >= FLOOR, figures


def test_own_set_floor(own: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    assert len(own) >= 150
    figures = score(own)
    assert figures["intent"] >= FLOOR, figures
    assert figures["fields"] >= FLOOR, figures
    assert figures["exact"] >= FLOOR, figures


def test_every_answer_is_from_the_rules(dev: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    assert {got["source"] for _, got in dev} == {"rules"}


def test_confidence_means_something(
    dev: list[tuple[dict[str, Any], dict[str, Any]]],
    own: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    """When the rules say >= 0.85 they are right at least 9 times in 10; what they get
    wrong mostly sits below the router's 0.75."""
    results = dev + own
    sure = [(i, g) for i, g in results if g["confidence"] >= 0.85]
    right = sum(g["intent"] == i["expect"]["intent"] for i, g in sure)
    assert len(sure) >= len(results) * 0.6
    assert right / len(sure) >= 0.9


def test_heldout_confidence_means_something() -> None:
    """On messages never used to tune the rules, a wrong reading (intent or a labelled
    field) almost never scores at or above the Claude threshold: at most 1 in 100."""
    results = run_set(DATA / "nlu_heldout.jsonl")
    trusted_wrong = [
        item["id"]
        for item, got in results
        if got["confidence"] >= 0.75
        and not (
            got["intent"] == item["expect"]["intent"]
            and all(equal(k, v, got["fields"].get(k)) for k, v in item["expect"]["fields"].items())
        )
    ]
    assert len(trusted_wrong) <= len(results) / 100, trusted_wrong


def test_own_lines_are_never_trusted_wrong(
    dev: list[tuple[dict[str, Any], dict[str, Any]]],
    own: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    """The lines written to guard a reading (the own set's fx* lines among them) hold: none
    is read wrongly (intent or a labelled field) at a confidence the router trusts, or as a
    yes or no (bench/nlu.py's definition)."""
    trusted_wrong = [
        item["id"]
        for item, got in dev + own
        if (got["confidence"] >= 0.75 or got["intent"] in ("confirm", "reject"))
        and not (
            got["intent"] == item["expect"]["intent"]
            and all(equal(k, v, got["fields"].get(k)) for k, v in item["expect"]["fields"].items())
        )
    ]
    assert trusted_wrong == []
