"""The exit codes of every `qinqing` command, and nothing more."""

EXIT_OK = 0  # done; no errors found
EXIT_PROBLEMS = 1  # the content (or a profile, a petition record) has errors
EXIT_CANNOT_RUN = 2  # could not run: missing files, a broken configuration, an internal error
EXIT_INTERRUPTED = 130  # Ctrl+C
