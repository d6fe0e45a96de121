CREATE TABLE public.counters (id bigint PRIMARY KEY, hits integer);
