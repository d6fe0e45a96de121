SET lock_timeout = '5s';
ALTER TABLE users ADD CONSTRAINT users_pk2 PRIMARY KEY USING INDEX users_id_idx;
