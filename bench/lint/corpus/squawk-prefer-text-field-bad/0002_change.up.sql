CREATE TABLE public.tags (id bigint PRIMARY KEY, name varchar(40));
