-- A hand-written PostgreSQL schema with objects tether does not model: a domain, a function,
-- partial, expression and GIN indexes, CHECK and EXCLUDE constraints, a view, a materialized
-- view, a trigger and a partitioned table with its partitions.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE DOMAIN us_postal_code AS text CHECK (VALUE ~ '^\d{5}$');
CREATE SEQUENCE invoice_numbers START 1000;

CREATE TABLE customers (
  id serial PRIMARY KEY,
  email text NOT NULL,
  zip us_postal_code,
  tags text[],
  deleted_at timestamptz,
  CONSTRAINT email_has_at CHECK (position('@' in email) > 1)
);
CREATE UNIQUE INDEX customers_email_lower ON customers (lower(email));
CREATE INDEX customers_live ON customers (id) WHERE deleted_at IS NULL;
CREATE INDEX customers_tags ON customers USING gin (tags);
CREATE INDEX customers_email_desc ON customers (email DESC NULLS LAST);

CREATE TABLE rooms (
  id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE bookings (
  id bigint PRIMARY KEY,
  room_id integer NOT NULL REFERENCES rooms (id),
  during tstzrange NOT NULL,
  EXCLUDE USING gist (room_id WITH =, during WITH &&)
);

CREATE TABLE events (
  id bigint NOT NULL,
  customer_id integer REFERENCES customers (id),
  created_at date NOT NULL,
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE FUNCTION touch_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.deleted_at := NULL;
  RETURN NEW;
END
$$;
CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch_customer();
CREATE VIEW live_customers AS SELECT id, email FROM customers WHERE deleted_at IS NULL;
CREATE MATERIALIZED VIEW customer_counts AS SELECT count(*) AS n FROM live_customers;
