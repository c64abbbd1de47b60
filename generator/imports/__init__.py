"""Start from last year's report (#16): a published or drafted report read back into a workbook.

``document`` reads the file into its paragraphs (DOCX, .doc/.wps through LibreOffice, text, HTML);
``outline`` finds the report's parts, 分项 and items in them; ``figures`` finds the figures in a
sentence; ``mapping`` matches a figure to the catalogue's indicator; ``workbook`` writes the new
workbook.  :func:`generator.imports.api.import_report` runs them in turn.
"""
