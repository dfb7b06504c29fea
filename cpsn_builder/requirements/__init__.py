"""A procurement's requirement set: the catalogue's standard clauses as the lead selected, edited and
added to them, with partners' own clauses, layered on the catalogue without changing it.

The catalogue is the library of standard clauses; a set says, per lot, which are in (in order),
what was changed, and what was added. A set is self-contained (every clause it holds carries its
full text), so an issued version rebuilds the same document even after the catalogue moves on.
"""

from .files import dump_set, load_set, parse_set
from .layering import apply_set, standard_set
from .models import Clause, LotClauses, RequirementSet, SectionText

__all__ = ["Clause", "LotClauses", "RequirementSet", "SectionText", "apply_set", "dump_set", "load_set", "parse_set", "standard_set"]
