"""parley.analysis stage."""
