-- QA seed data (init-db `seed-dir`, QA only). Idempotent: safe to apply on every run.
INSERT INTO products (sku, name, price_cents, stock) VALUES
  ('MUG-001',  'Switchyard mug',          1200, 500),
  ('TEE-001',  'Blue-green T-shirt',      2500, 300),
  ('CAP-001',  'Zero-downtime cap',       1800, 200),
  ('BOOK-001', 'Immutable images (book)', 3900, 100)
ON DUPLICATE KEY UPDATE sku = VALUES(sku);
