"""Partner responses: which lots each partner wants and how much of each."""

from .loader import check_record, load_responses, response_files
from .models import Response, ResponseSet, Site

__all__ = ["Response", "ResponseSet", "Site", "check_record", "load_responses", "response_files"]
