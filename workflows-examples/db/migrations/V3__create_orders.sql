-- Release 1: orders, made from a cart (at most one order per cart).
-- order_items copy the product's name and price at the time of the order.
CREATE TABLE orders (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  cart_id     CHAR(36)        NOT NULL,
  total_cents BIGINT UNSIGNED NOT NULL,
  status      ENUM('placed', 'cancelled') NOT NULL DEFAULT 'placed',
  created_at  TIMESTAMP(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY orders_cart (cart_id),
  CONSTRAINT orders_cart_fk FOREIGN KEY (cart_id) REFERENCES carts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_items (
  order_id         BIGINT UNSIGNED NOT NULL,
  product_id       BIGINT UNSIGNED NOT NULL,
  product_name     VARCHAR(200)    NOT NULL,
  unit_price_cents INT UNSIGNED    NOT NULL,
  quantity         INT UNSIGNED    NOT NULL,
  PRIMARY KEY (order_id, product_id),
  CONSTRAINT order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT order_items_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
