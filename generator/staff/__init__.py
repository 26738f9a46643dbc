"""Staff identity: accounts, roles, departments, passwords, second factor, sessions, audit log."""
