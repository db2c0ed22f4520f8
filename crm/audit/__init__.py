"""The audit trail: every create, update, delete, restore and stage change of the audited
records, written by a flush hook in the same transaction as the change itself."""
