"""CPSN Builder: the Cambridgeshire Public Sector Network's opt-in, estimate and procurement documents."""

__version__ = "0.1.0"
