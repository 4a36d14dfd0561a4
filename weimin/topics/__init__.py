"""Deliberation topics (议题): the five steps 说议筹办评, support, the board and the figures."""
