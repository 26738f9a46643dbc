"""Helpers shared by the test suite: servers, a headless browser and accessibility checks."""
