"""The compile core: a pure function from validated content and a date to pages and files.

Nothing in this package imports MkDocs; adapters (generator.adapters.mkdocs, the staging
folder) turn its output into a site.
"""
