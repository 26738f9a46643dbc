"""Editor Markdown: linear scanners over it, and its conversion to sanitized HTML."""
