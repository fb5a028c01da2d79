"""Use cases: each opens one unit of work, applies the model's rules, records the activity
and the alerts in the same transaction, and commits. Apps call these, nothing deeper."""
