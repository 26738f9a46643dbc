"""企业诉求: the petition form, its WSGI handler, storage, time limits and staff tools."""
