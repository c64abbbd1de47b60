"""Read: the workbook's layout (sheets, columns, the catalogue of indicators) and the .xlsx reader,
our own on expat, bounded in size and count; it returns raw cells and knows nothing of a report."""
