"""Exchange formats: the column layout of import and export files (CSV and Excel), the readers
and writers for them, and the templates users fill in. Pure file knowledge; the use cases that
check references against the database live in services/imports.py and services/exports.py."""
