-- Modify "server_events" table
ALTER TABLE "server_events" ADD COLUMN "message_code" character varying NOT NULL DEFAULT '', ADD COLUMN "message_params" jsonb NULL;
