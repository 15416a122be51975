"""I/O: reading workbooks and files, writing workbooks and reports, the store."""
