-- A schema with one of every object class verification must see, built by the tests.
CREATE DOMAIN positive_amount AS numeric(12, 2) CHECK (VALUE > 0);
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE SEQUENCE invoice_no AS integer INCREMENT 5 START 1000 MINVALUE 1000 MAXVALUE 999999 CYCLE;

CREATE TABLE accounts (
    id serial PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE,
    invoice integer NOT NULL DEFAULT nextval('invoice_no'),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE orders (
    id bigint NOT NULL,
    account_id integer NOT NULL REFERENCES accounts (id),
    placed_at timestamptz NOT NULL,
    amount positive_amount NOT NULL,
    status order_status NOT NULL DEFAULT 'new',
    PRIMARY KEY (id, placed_at)
) PARTITION BY RANGE (placed_at);
CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE FUNCTION add_positive(state numeric, v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT state + greatest(v, 0)';
CREATE AGGREGATE positive_sum(numeric) (SFUNC = add_positive, STYPE = numeric, INITCOND = '0');

CREATE VIEW paid_orders AS SELECT id, account_id, amount FROM orders WHERE status = 'paid';
CREATE MATERIALIZED VIEW account_totals AS
    SELECT account_id, count(*) AS orders, positive_sum(amount) AS total FROM orders GROUP BY account_id;

INSERT INTO accounts (name) SELECT 'account ' || i FROM generate_series(1, 20) i;
INSERT INTO orders (id, account_id, placed_at, amount, status)
    SELECT i, 1 + i % 20, timestamptz '2024-06-01' + (i * interval '1 day'), (i % 50) + 0.5, (ARRAY['new', 'paid', 'shipped'])[1 + i % 3]::order_status
    FROM generate_series(1, 400) i;
REFRESH MATERIALIZED VIEW account_totals;
