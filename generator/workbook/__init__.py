"""Workbook: the workbooks we write for the clerk — the blank one (``init``, with openpyxl), its
structure sheets, and ``upgrade`` from an older layout."""
