"""Organisations, teams, people, signing in, API tokens."""
