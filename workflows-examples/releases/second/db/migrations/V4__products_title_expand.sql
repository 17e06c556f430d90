-- Release 2 (EXPAND): products.name is becoming products.title.
-- Both colours share this database during the blue-green switch: release 1
-- (live) reads and writes `name`, release 2 (idle, then live) reads and
-- writes `title`. So this migration only ADDS, and keeps both columns in
-- sync whichever release writes:
--   * `title` is added (nullable: release 1 does not know it);
--   * `name` becomes nullable (release 2 does not write it);
--   * triggers copy one column to the other on every insert and update.
-- Release 1 keeps working unchanged on this schema, and a rollback to it
-- stays possible. The CONTRACT step (dropping `name`) waits for release 3,
-- when no running code reads `name` any more.
ALTER TABLE products
  ADD COLUMN title VARCHAR(200) NULL AFTER name,
  MODIFY COLUMN name VARCHAR(200) NULL;

CREATE TRIGGER products_title_sync_insert BEFORE INSERT ON products FOR EACH ROW
  SET NEW.title = COALESCE(NEW.title, NEW.name),
      NEW.name  = COALESCE(NEW.name, NEW.title);

-- Whichever column an UPDATE changed wins; the other follows.
CREATE TRIGGER products_title_sync_update BEFORE UPDATE ON products FOR EACH ROW
  SET NEW.title = IF(NOT (NEW.name <=> OLD.name) AND NEW.title <=> OLD.title, NEW.name, NEW.title),
      NEW.name  = IF(NOT (NEW.title <=> OLD.title) AND NEW.name <=> OLD.name, NEW.title, NEW.name);
