-- Release "unsafe" (a deliberate mistake, for the pipeline demo): the team
-- decides to go back to `products.name` and "cleans up" the rename in one
-- go, in an ordinary migration. The code of this release reads `name` again
-- (release 1's code), so QA — one stack, new code only — passes. But in a
-- blue-green environment the LIVE colour still runs release 2, which reads
-- `title`: dropping it would break the live site before the switch. init-db's
-- phase expand refuses this file before applying anything (destructive
-- statements in an expand migration); the fix is to keep `title` until no
-- running colour reads it, and drop it later in a migration marked
-- `-- init-db: contract`.
DROP TRIGGER IF EXISTS products_title_sync_insert;
DROP TRIGGER IF EXISTS products_title_sync_update;
UPDATE products SET name = title WHERE name IS NULL;
ALTER TABLE products
  MODIFY COLUMN name VARCHAR(200) NOT NULL,
  DROP COLUMN title;
