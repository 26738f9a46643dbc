"""Development helpers (screenshots, the Chromium launcher): not part of the wheel."""
