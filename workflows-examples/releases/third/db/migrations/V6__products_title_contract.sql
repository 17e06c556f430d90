-- Release 3 (CONTRACT): release 2 is live in every environment and reads and
-- writes only `title`; no running code reads `name` any more. (Release 2's
-- colours are what a rollback would go back to, so this is safe now — and
-- was NOT safe in release 2, while release 1 could still be live.)
-- The marker below makes this a contract migration: init-db's phase expand
-- (before the deploy) leaves it pending, phase contract (after the switch)
-- applies it.
-- init-db: contract
DROP TRIGGER IF EXISTS products_title_sync_insert;
DROP TRIGGER IF EXISTS products_title_sync_update;
ALTER TABLE products
  MODIFY COLUMN title VARCHAR(200) NOT NULL,
  DROP COLUMN name;
