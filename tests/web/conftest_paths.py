from conftest import REPO

DEMO_GOVERNANCE = REPO / "demo" / "governance.yml"
