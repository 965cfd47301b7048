"""Formatters: reports to text for people and JSON for machines. They only build strings."""
