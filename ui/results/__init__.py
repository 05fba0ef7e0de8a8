"""Results of an assessment (radars, scores, per-area verdicts), its projector view, and a team's
history across assessments."""
