"""The feeds tests' fixture content serves the QR code tests too (items with URLs)."""

from tests.features.feeds.conftest import items, tree, write_tree  # noqa: F401 - fixtures
