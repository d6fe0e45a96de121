CREATE DOMAIN positive_int AS integer;
CREATE TABLE public.items (id bigint PRIMARY KEY, qty positive_int);
