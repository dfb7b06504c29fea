"""Reading data files (catalogue, responses) and reporting problems with file and line."""
