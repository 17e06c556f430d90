-- Release 2 (MIGRATE): copy the existing names into `title`. Rows written
-- from now on are kept in sync by V4's triggers. (On a large table, do this
-- in batches of a few thousand rows, e.g. by id range, to keep locks short.)
UPDATE products SET title = name WHERE title IS NULL;
