"""Machine-readable outputs of the estimate (JSON, CSV)."""
