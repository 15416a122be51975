"""Use cases: one function per user action; no Typer or Rich here."""
