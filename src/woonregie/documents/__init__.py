"""Printable documents (pure: no database): the driepartijenovereenkomst rendered from a
Jinja2 template in a sandbox, and HTML printed as PDF by WeasyPrint."""
