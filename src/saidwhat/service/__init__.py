"""The web service: a versioned JSON API and the pages a newsroom reads, in one FastAPI app.

Takes an optional archive path and write token; gives `create_app(...)`, run by
`saidwhat serve` under uvicorn.
"""

from saidwhat.service.api import create_app

__all__ = ["create_app"]
