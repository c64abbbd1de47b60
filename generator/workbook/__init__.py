"""The workbook: the blank one we ship (``init``) and the reader.  openpyxl lives only here."""
