"""答复选登: the published answers the site shows (from content/answers.json)."""
