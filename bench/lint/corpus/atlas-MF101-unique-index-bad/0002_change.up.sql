-- tether:nolint create-index-without-concurrently small table, maintenance window
SET lock_timeout = '5s';
CREATE UNIQUE INDEX users_email_uq ON users (email);
