"""The `qinqing` command line: one module per command group."""
