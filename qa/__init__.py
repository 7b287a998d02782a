"""Answers questions about news articles with the sentence that answers them."""

__version__ = "0.1.0"
