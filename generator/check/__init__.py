"""Check: the audit of any DOCX against GB/T 9704-2012, with the standard's numbers from
``generator.gbt9704``, the same the writer uses."""
