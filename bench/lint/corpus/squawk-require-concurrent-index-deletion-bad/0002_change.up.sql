SET lock_timeout = '5s';
DROP INDEX orders_user_id_idx;
