"""Pure domain: policy models, rules, scoring. No I/O, no Typer/Rich/openpyxl."""
