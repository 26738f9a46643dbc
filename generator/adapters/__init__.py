"""Adapters: the compiled site handed to a site builder (MkDocs) or a staging folder."""
