"""Document readers: .txt, .docx, .pdf and .html files → decoded text plus a :class:`~ingest.records.Source`.

``read_document(path)`` is the one entry point; every failure is an
:class:`~ingest.errors.IngestError` with a stable code that names the file.
"""

from ingest.readers.core import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, ReadResult, read_document

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "ReadResult", "read_document"]
