"""The MkDocs adapter: the only code that knows MkDocs. See plugin.QinqingPlugin."""
