"""Command-line interface: Typer commands (thin) and Rich rendering."""
