-- Postgres added paid_cents to invoices in place (add_payments); its
-- triggers stand. SQLite rebuilt the table and makes them again in this
-- version.
SELECT 1;
