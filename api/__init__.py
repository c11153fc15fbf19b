"""The HTTP API: FastAPI app over the citation graph (``create_app`` in :mod:`danchieu.api.app`)."""
