"""Papers drawn as PDFs with fpdf2 (pure Python, no browser)."""

from .render import FpdfRenderer

__all__ = ["FpdfRenderer"]
