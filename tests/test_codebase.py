"""The codebase's own rules run with the tests: lint, format, types, import layers."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the dev extras (pip install -e '.[dev]')")
    return found


def test_ruff_lint() -> None:
    result = _run(_tool("ruff"), "check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(_tool("ruff"), "format", "--check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    # Strict on domain/ and ports/ (pyproject.toml), typed everywhere else.
    result = _run(_tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers() -> None:
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_control_characters_in_code() -> None:
    """A control character typed into a raw regex (a backspace where \\b was meant) makes a
    pattern that can never match, and neither ruff nor mypy sees it."""
    allowed = {"\n", "\t", "\r"}
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(ord(ch) < 32 and ch not in allowed for ch in line):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    assert not found, f"control characters in: {found}"


def test_no_module_name_bound_twice() -> None:
    """A second module-level `X_RE = ...` further down silently replaces the first for every
    function of the module, those above it too (two `UNPAID_RE` and two `WORKSHOP_RE` in the
    reader did so); ruff only sees functions and imports defined again."""
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            else:
                continue
            found += [f"{path.relative_to(ROOT)}: {name}" for name in names if name in seen]
            seen.update(names)
    assert not found, f"bound twice: {found}"
