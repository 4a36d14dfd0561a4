"""Grids (网格) and their visit logs (民情日志): coverage, logging visits, one-tap demands."""
