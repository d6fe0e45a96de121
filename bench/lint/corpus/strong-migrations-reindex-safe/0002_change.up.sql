-- tether:no-transaction
REINDEX TABLE CONCURRENTLY orders;
