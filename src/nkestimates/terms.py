"""The vocabulary terms the code itself writes into the tables: every kind of number the detector
tells apart, the kinds its rules exclude (each its own reason) and the statuses of a mention.
The registry's vocabularies must define each (registry.load_registry checks it)."""

ESTIMATE_KINDS = (
    "count", "percent", "percentage_points", "money", "ratio", "vague", "vague_share", "ordinal", "rate",
    "other",
)
# Kinds that are never an estimate: the rule that excludes them is obvious and safe.
RULE_EXCLUDED_KINDS = (
    "year", "date", "time", "age", "duration", "measurement", "rating", "citation",
    "exchange_rate", "phone", "ip_address", "version", "model",
)
KINDS = ESTIMATE_KINDS + RULE_EXCLUDED_KINDS
STATUSES = ("estimate", "excluded", "unreviewed")
WRITTEN = {"kind": KINDS, "reason": RULE_EXCLUDED_KINDS, "status": STATUSES}  # vocabulary: terms written
