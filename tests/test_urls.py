"""urls: where attachments land in the site."""

from __future__ import annotations

from generator.urls import attachment_path


def test_attachment_path_drops_a_leading_dot_slash_only():
    assert attachment_path("./attachments/a.pdf") == "attachments/a.pdf"
    assert attachment_path("attachments/a.pdf") == "attachments/a.pdf"
    # A prefix, not a set of characters: the dot of a dot-folder stays.
    assert attachment_path(".forms/a.pdf") == ".forms/a.pdf"
