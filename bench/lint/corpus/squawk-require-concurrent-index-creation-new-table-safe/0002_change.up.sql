CREATE TABLE public.tags (id bigint PRIMARY KEY, name text);
CREATE INDEX tags_name_idx ON tags (name);
