ALTER TYPE order_status ADD VALUE 'packed' BEFORE 'shipped';
