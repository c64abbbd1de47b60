"""DOCX: OOXML written (the GB/T 9704 document from an outline, tracked changes, the PDF through
LibreOffice) and read back (the bounded package reader ``check`` and the fingerprint use).  It
knows nothing about Excel."""
