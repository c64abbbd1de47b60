"""The workbook: the blank one we ship (``init``, with openpyxl) and the reader (our own, on expat)."""
