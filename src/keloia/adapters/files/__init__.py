"""The file store: a local folder (embedded default) or an S3-compatible bucket, and the
signed, expiring download links served by our HTTP app."""

from .keys import FileKeyInvalid, check_key
from .links import SignedLinks
from .local import LocalFileStore

__all__ = ["FileKeyInvalid", "LocalFileStore", "SignedLinks", "check_key"]
