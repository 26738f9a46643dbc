"""The feeds tests' fixture content serves the sitemap tests too (dates, collections, a repeal)."""

from tests.features.feeds.conftest import items, tree, write_tree  # noqa: F401 - fixtures
