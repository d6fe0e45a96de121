SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_no_dup EXCLUDE USING btree (user_id WITH =);
