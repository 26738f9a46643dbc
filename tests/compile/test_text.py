"""How a content file is labelled for download: its type and size, or 0 字节 when missing."""

from __future__ import annotations

from pathlib import Path

from generator.compile.text import file_label


def test_a_file_reads_as_its_type_and_size(tmp_path: Path):
    source = tmp_path / "attachments" / "申报表.DOCX"
    source.parent.mkdir()
    source.write_bytes(b"x" * 12_288)
    assert file_label(source) == "Word，12 KB"


def test_a_missing_file_reads_as_empty(tmp_path: Path):
    assert file_label(tmp_path / "gone.pdf") == "PDF，0 字节"
