"""The HTTP routes, one small router per concern; each parses input, calls a core function, renders."""
