CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), name text, age integer, status text, legacy text, created_at timestamp);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(10,2), note varchar(50));
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
