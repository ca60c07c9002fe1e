-- Every column that stores a text from a command request holds at least its bound in
-- nl.gezinscoaching.events.TextBounds (checked by TextBoundsFitTheSchemaIT). A language is a CODE (100).
-- Widening a VARCHAR is a catalogue change in PostgreSQL: no table rewrite.
ALTER TABLE rm_trajectory ALTER COLUMN language TYPE VARCHAR(100);
