from documents_helpers import governance, inputs  # noqa: F401  (fixtures for this folder)
