"""Render: the template sets, the context they see, the data sentences, and the markup they print,
parsed into an outline (headings, paragraphs of spans, the apparatus) for a writer."""
