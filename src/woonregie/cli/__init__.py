"""The `woonregie` command line (Typer + Rich)."""
