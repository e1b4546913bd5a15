"""The document model: what readers produce and engines check."""

from mtcheck.document.builder import DocumentBuilder
from mtcheck.document.lines import LineIndex
from mtcheck.document.model import Document, Run, Segment

__all__ = ["Document", "DocumentBuilder", "LineIndex", "Run", "Segment"]
