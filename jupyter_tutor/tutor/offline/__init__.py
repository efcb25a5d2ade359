"""Hints without a language model: rules that explain the student's actual error."""
