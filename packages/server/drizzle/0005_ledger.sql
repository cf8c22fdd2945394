CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"user_id" uuid NOT NULL,
	"patient_id" uuid,
	"session_id" uuid,
	"ndc" text,
	"lot" text,
	"entry" jsonb NOT NULL,
	"request_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "ledger_entries_seq_positive" CHECK ("ledger_entries"."seq" >= 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"name" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_locations" ADD CONSTRAINT "ledger_locations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_locations" ADD CONSTRAINT "ledger_locations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_clinic_seq" ON "ledger_entries" USING btree ("clinic_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_clinic_time" ON "ledger_entries" USING btree ("clinic_id","occurred_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_clinic_lot" ON "ledger_entries" USING btree ("clinic_id","ndc","lot","occurred_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_clinic_patient" ON "ledger_entries" USING btree ("clinic_id","patient_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_locations_clinic_name" ON "ledger_locations" USING btree ("clinic_id","name");