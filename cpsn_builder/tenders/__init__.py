"""Tenders back in: returned pricing schedules read, evaluated through the engine, scored and awarded."""
