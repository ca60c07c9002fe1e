-- The erasure register's head as the database last saw it (issue 23): how many lines the register had and the MAC
-- of its last line, written in the transaction of each erasure. At start-up the register must hold at least that
-- many lines and continue this MAC, so a register emptied, cut short or replaced by an older copy is refused.
-- And the erasures in the event store, found without reading the whole table: the register must hold each.
-- Shared by both services, so idempotent and serialized like V1.
SELECT pg_advisory_xact_lock(7346201);

CREATE TABLE IF NOT EXISTS erasure_register_anchor (
    id         SMALLINT     PRIMARY KEY CHECK (id = 1),
    entries    INTEGER      NOT NULL CHECK (entries >= 0),
    last_mac   VARCHAR(128) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS domain_event_entry_erasures ON domain_event_entry (aggregate_identifier)
    WHERE payload_type = 'nl.gezinscoaching.events.privacy.PersonalDataErased';
