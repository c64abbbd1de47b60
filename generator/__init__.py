"""法治政府建设年度报告初稿生成器 — the library.

The folders are the stages a workbook goes through in ``build``, in order; a stage imports only
the stages before it (tests/test_structure.py checks it):

- ``read/``     the workbook's layout (the catalogue) and our bounded .xlsx reader
- ``model/``    typed values: the report, its figures, their checks; validation
- ``render/``   the templates: the report's outline, the data sentences, the apparatus
- ``docx/``     OOXML both ways: the GB/T 9704 writer, tracked changes, the PDF, and the reading
                ``check`` and the fingerprint use
- ``check/``    the audit of any DOCX against GB/T 9704
- ``workbook/`` writing workbooks for the clerk: the blank one (``init``), ``upgrade``
- ``web/``      the web pages (``serve``), an adapter over the API like ``cli/``

Beside them: ``pipeline`` (read → validate → render → write) and ``batch`` and ``changes`` (the
library API the adapters call), the shared ``errors``, ``files``, ``lock``, ``cache`` and
``gbt9704`` (the standard's numbers, read by the writer and by ``check``).  ``cli/`` is an adapter
over the API (and over ``web/``'s server) and nothing else calls it.
"""
