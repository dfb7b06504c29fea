"""Blueprints by audience: sign-in, the partner questionnaire, the lead, reports."""
