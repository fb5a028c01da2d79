"""Reading a drawn PDF back: its text (pypdf) and a PNG of page one (pdftoppm)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "papers"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[ \t]+", " ", text)


def a4_pages(content: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(content))
    return [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages]


def page_one_png(content: bytes, name: str, dpi: int = 60) -> Path:
    """Page one as a PNG under test-artifacts/papers/ (kept for a person to look at)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        message = "pdftoppm (Debian's poppler-utils) is needed to draw page one"
        if os.environ.get("KELOIA_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(content)
    subprocess.run(
        [
            tool,
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(ARTIFACTS / name),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return ARTIFACTS / f"{name}.png"
