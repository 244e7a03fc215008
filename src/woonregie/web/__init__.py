"""Dutch web pages (Jinja2 + htmx)."""
