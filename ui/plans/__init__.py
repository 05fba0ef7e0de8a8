"""Hypotheses and action items: posed in an assessment, reviewed in a reassessment."""
