"""All user-facing text (Simplified Chinese), kept in one package.

Submodules: ``common`` (CLI help and messages), ``workbook`` (sheet names, headers,
aliases), ``diagnostics`` (the problem catalogue), ``report`` (report sheet labels).
"""
