"""The demand and savings engine: pure functions from catalogue and responses to an Estimate."""
from .estimate import estimate
from .models import Estimate, JoinChange, NoticeChange, Scenario
from .participants import ScenarioError

__all__ = ["Estimate", "JoinChange", "NoticeChange", "Scenario", "ScenarioError", "estimate"]
