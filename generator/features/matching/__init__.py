"""政策匹配: an enterprise profile checked against funds' eligibility rules (CLI and web page)."""
