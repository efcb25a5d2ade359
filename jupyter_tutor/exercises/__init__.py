"""Exercises: declared in module notebooks, released without solutions, checked by students."""
