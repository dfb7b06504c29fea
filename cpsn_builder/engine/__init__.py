"""The demand and savings engine: pure functions from catalogue and responses to an Estimate."""

from .estimate import estimate
from .models import Estimate, JoinChange, NoticeChange, Scenario
from .participants import ScenarioError
from .scenarios import Comparison, compare, parse_scenario

__all__ = ["Comparison", "compare", "parse_scenario", "Estimate", "JoinChange", "NoticeChange", "Scenario", "ScenarioError", "estimate"]
