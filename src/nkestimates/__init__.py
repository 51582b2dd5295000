"""Estimates of North Korean human trafficking as the news prints them: find, annotate, tabulate."""
