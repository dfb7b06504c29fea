"""The partnership agreement: who takes part in what, votes, capped contributions, membership."""
