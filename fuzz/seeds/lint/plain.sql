CREATE TABLE users (id integer PRIMARY KEY, email varchar(255));
CREATE INDEX ix_users_email ON users (email);
