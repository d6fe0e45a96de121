CREATE TABLE public.tags (id serial PRIMARY KEY);
