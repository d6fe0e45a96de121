SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN country text NOT NULL DEFAULT 'unknown';
