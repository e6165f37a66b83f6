-- Create "courses" table
CREATE TABLE "courses" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "title" character varying NOT NULL, "title_key" character varying NOT NULL, "description" text NOT NULL DEFAULT '', "language" character varying NOT NULL, "duration_minutes" bigint NOT NULL, "validity_months" bigint NOT NULL, "seat_price_cents" bigint NOT NULL, "currency" character varying NOT NULL DEFAULT 'EUR', "retired" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- Create index "course_title_key" to table: "courses"
CREATE UNIQUE INDEX "course_title_key" ON "courses" ("title_key");
-- Create "licences" table
CREATE TABLE "licences" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "search_key" character varying NOT NULL DEFAULT '', "organization_id" uuid NOT NULL, "registration_id" uuid NOT NULL, "session_id" uuid NOT NULL, "course_id" uuid NOT NULL, "user_id" uuid NULL, "name" character varying NOT NULL, "email" character varying NOT NULL, "valid_from" character varying NOT NULL, "valid_until" character varying NOT NULL, "revoke_time" timestamptz NULL, "revoke_reason" text NOT NULL DEFAULT '', "verification_code" character varying NOT NULL, PRIMARY KEY ("id"));
-- Create index "licence_organization_id_valid_until" to table: "licences"
CREATE INDEX "licence_organization_id_valid_until" ON "licences" ("organization_id", "valid_until");
-- Create index "licence_registration_id" to table: "licences"
CREATE UNIQUE INDEX "licence_registration_id" ON "licences" ("registration_id");
-- Create index "licence_search_key" to table: "licences"
CREATE INDEX "licence_search_key" ON "licences" ("search_key");
-- Create index "licence_valid_until_id" to table: "licences"
CREATE INDEX "licence_valid_until_id" ON "licences" ("valid_until", "id");
-- Create index "licence_verification_code" to table: "licences"
CREATE UNIQUE INDEX "licence_verification_code" ON "licences" ("verification_code");
-- Create "licence_notices" table
CREATE TABLE "licence_notices" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "licence_id" uuid NOT NULL, "kind" character varying NOT NULL, "order_id" uuid NULL, "create_time" timestamptz NOT NULL, PRIMARY KEY ("id"));
-- Create index "licencenotice_licence_id_kind" to table: "licence_notices"
CREATE UNIQUE INDEX "licencenotice_licence_id_kind" ON "licence_notices" ("licence_id", "kind");
-- Create index "licencenotice_organization_id_create_time" to table: "licence_notices"
CREATE INDEX "licencenotice_organization_id_create_time" ON "licence_notices" ("organization_id", "create_time");
-- Create "training_charges" table
CREATE TABLE "training_charges" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "session_id" uuid NOT NULL, "description" character varying NOT NULL, "day" character varying NOT NULL, "seats" bigint NOT NULL, "seat_price_cents" bigint NOT NULL, "currency" character varying NOT NULL, "create_time" timestamptz NOT NULL, "invoice_id" uuid NULL, "invoice_time" timestamptz NULL, PRIMARY KEY ("id"));
-- Create index "trainingcharge_organization_id_invoice_time" to table: "training_charges"
CREATE INDEX "trainingcharge_organization_id_invoice_time" ON "training_charges" ("organization_id", "invoice_time");
-- Create index "trainingcharge_session_id_organization_id" to table: "training_charges"
CREATE UNIQUE INDEX "trainingcharge_session_id_organization_id" ON "training_charges" ("session_id", "organization_id");
-- Create "training_sessions" table
CREATE TABLE "training_sessions" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "start_time" timestamptz NOT NULL, "end_time" timestamptz NOT NULL, "online_url" character varying NOT NULL DEFAULT '', "location" character varying NOT NULL DEFAULT '', "trainer_id" uuid NOT NULL, "capacity" bigint NOT NULL, "status" character varying NOT NULL DEFAULT 'SCHEDULED', "status_time" timestamptz NOT NULL, "status_reason" text NOT NULL DEFAULT '', "seat_price_cents" bigint NULL, "currency" character varying NOT NULL DEFAULT '', "course_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "training_sessions_courses_sessions" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "trainingsession_course_id_start_time" to table: "training_sessions"
CREATE INDEX "trainingsession_course_id_start_time" ON "training_sessions" ("course_id", "start_time");
-- Create index "trainingsession_start_time_id" to table: "training_sessions"
CREATE INDEX "trainingsession_start_time_id" ON "training_sessions" ("start_time", "id");
-- Create "registrations" table
CREATE TABLE "registrations" ("id" uuid NOT NULL, "create_time" timestamptz NOT NULL, "update_time" timestamptz NOT NULL, "organization_id" uuid NOT NULL, "user_id" uuid NULL, "name" character varying NOT NULL, "email" character varying NOT NULL, "status" character varying NOT NULL, "waitlist_time" timestamptz NULL, "attendance" character varying NOT NULL DEFAULT 'UNMARKED', "cancel_reason" text NOT NULL DEFAULT '', "registered_by_email" character varying NOT NULL DEFAULT '', "session_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "registrations_training_sessions_registrations" FOREIGN KEY ("session_id") REFERENCES "training_sessions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "registration_organization_id_create_time" to table: "registrations"
CREATE INDEX "registration_organization_id_create_time" ON "registrations" ("organization_id", "create_time");
-- Create index "registrations_once_per_session" to table: "registrations"
CREATE UNIQUE INDEX "registrations_once_per_session" ON "registrations" ("session_id", "email") WHERE ((status)::text <> 'CANCELLED'::text);
