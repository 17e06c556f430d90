-- Repeatable: re-applied by init-db whenever this file changes.
-- One row per cart: number of items and total at current prices.
CREATE OR REPLACE VIEW cart_summary AS
SELECT c.id                                        AS cart_id,
       c.status                                    AS status,
       COALESCE(SUM(i.quantity), 0)                AS item_count,
       COALESCE(SUM(i.quantity * p.price_cents), 0) AS total_cents
  FROM carts c
  LEFT JOIN cart_items i ON i.cart_id = c.id
  LEFT JOIN products p   ON p.id = i.product_id
 GROUP BY c.id, c.status;
