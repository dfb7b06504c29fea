"""The procurement lead's deliverables: statement of requirements, cabinet report, pricing schedule, OCDS.

Every figure comes from the engine's Estimate (and the catalogue); nothing here recomputes one.
"""
