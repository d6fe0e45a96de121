-- tether:no-transaction
SET lock_timeout = '5s';
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
