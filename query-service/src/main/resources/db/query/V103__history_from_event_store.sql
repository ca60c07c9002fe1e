-- The history view reads each trajectory's own event stream from the event store (indexed by aggregate
-- and sequence), so the copy in rm_history is no longer needed: one copy of personal data less, no
-- projection lag, nothing to rebuild.
DROP TABLE rm_history;
