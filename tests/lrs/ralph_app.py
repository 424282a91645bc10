"""Ralph's LRS application as the tests run it (imported by uvicorn in Ralph's own venv).

Two departures from ``ralph runserver -b fs``, both about the development file backend, not
about the xAPI API the tests check:

- the file backend writes its statements file with the CREATE operation, so a second
  ``POST /statements`` fails with 500 ("already exists and overwrite is not allowed"; every
  release up to 5.1.0); here it appends, as a database backend would add documents;
- ``runserver`` starts uvicorn with ``reload=True``, which watches the current folder (the
  repository) and restarts the server whenever a file changes; uvicorn runs it here without
  the reloader.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the patch: the backend is made at import)

__all__ = ["app"]
