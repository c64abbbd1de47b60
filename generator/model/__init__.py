"""Model: the report as typed values — figures with their source cells, spans of text and figure
references, the profile's sections — and the validation that makes them from the raw workbook."""
