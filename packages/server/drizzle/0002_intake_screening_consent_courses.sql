CREATE TABLE "intake_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"changed_sections" text[] NOT NULL,
	"mme" jsonb,
	"reason" text NOT NULL,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intake_versions_version_positive" CHECK ("intake_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "weight_measurements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"weight_kg" numeric(6, 2) NOT NULL,
	"height_cm" numeric(5, 1),
	"measured_at" timestamp with time zone NOT NULL,
	"reconfirms" uuid,
	"intake_version_id" uuid,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "weight_measurements_weight_positive" CHECK ("weight_measurements"."weight_kg" > 0),
	CONSTRAINT "weight_measurements_height_positive" CHECK ("weight_measurements"."height_cm" IS NULL OR "weight_measurements"."height_cm" > 0)
);
--> statement-breakpoint
CREATE TABLE "screening_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"intake_version_id" uuid NOT NULL,
	"intake_version" integer NOT NULL,
	"rule_set_id" text NOT NULL,
	"rule_set_version" text NOT NULL,
	"facts" jsonb NOT NULL,
	"evaluation" jsonb NOT NULL,
	"computed_decision" text NOT NULL,
	"decision" text NOT NULL,
	"conditions" text,
	"reason" text NOT NULL,
	"request_hash" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "screening_decisions_conditions" CHECK ("screening_decisions"."decision" <> 'eligible-with-conditions' OR "screening_decisions"."conditions" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"consent_text_id" uuid NOT NULL,
	"text_version" integer NOT NULL,
	"attested_name" text NOT NULL,
	"attested_at" timestamp with time zone NOT NULL,
	"witness_user_id" uuid NOT NULL,
	"consent_date" date NOT NULL,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_revocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"consent_record_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"request_hash" text NOT NULL,
	"revoked_by" uuid NOT NULL,
	"revoked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_texts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"change_note" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"screening_decision_id" uuid NOT NULL,
	"protocol_id" text NOT NULL,
	"protocol_version" text NOT NULL,
	"phases" jsonb NOT NULL,
	"total_sessions" integer NOT NULL,
	"dose_basis" text NOT NULL,
	"weight_scalar" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courses_total_sessions_positive" CHECK ("courses"."total_sessions" >= 1)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"session_number" integer NOT NULL,
	"version" integer NOT NULL,
	"supersedes_order_id" uuid,
	"change_reason" text,
	"protocol_id" text NOT NULL,
	"protocol_version" text NOT NULL,
	"drug_library_id" text NOT NULL,
	"drug_library_version" text NOT NULL,
	"weight_measurement_id" uuid NOT NULL,
	"weight_kg" numeric NOT NULL,
	"height_cm" numeric NOT NULL,
	"concentration_mg_per_ml" numeric NOT NULL,
	"concentration_source" text NOT NULL,
	"dose_basis" text NOT NULL,
	"dose_ordered" numeric NOT NULL,
	"dose_delivered" numeric NOT NULL,
	"rate_mg_per_h" numeric NOT NULL,
	"rate_ml_per_h" numeric NOT NULL,
	"duration_min" integer NOT NULL,
	"session_dose_mg" numeric NOT NULL,
	"volume_ml" numeric NOT NULL,
	"override_reason" text,
	"calculation" jsonb NOT NULL,
	"weight_check" jsonb NOT NULL,
	"request_hash" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_session_number_positive" CHECK ("orders"."session_number" >= 1),
	CONSTRAINT "orders_version_chain" CHECK (("orders"."version" = 1 AND "orders"."supersedes_order_id" IS NULL AND "orders"."change_reason" IS NULL) OR ("orders"."version" > 1 AND "orders"."supersedes_order_id" IS NOT NULL AND "orders"."change_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "intake_versions" ADD CONSTRAINT "intake_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_versions" ADD CONSTRAINT "intake_versions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_versions" ADD CONSTRAINT "intake_versions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_measurements" ADD CONSTRAINT "weight_measurements_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_measurements" ADD CONSTRAINT "weight_measurements_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_measurements" ADD CONSTRAINT "weight_measurements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_intake_version_id_intake_versions_id_fk" FOREIGN KEY ("intake_version_id") REFERENCES "public"."intake_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_consent_text_id_consent_texts_id_fk" FOREIGN KEY ("consent_text_id") REFERENCES "public"."consent_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_witness_user_id_users_id_fk" FOREIGN KEY ("witness_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_consent_record_id_consent_records_id_fk" FOREIGN KEY ("consent_record_id") REFERENCES "public"."consent_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_revocations" ADD CONSTRAINT "consent_revocations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_texts" ADD CONSTRAINT "consent_texts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_texts" ADD CONSTRAINT "consent_texts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_screening_decision_id_screening_decisions_id_fk" FOREIGN KEY ("screening_decision_id") REFERENCES "public"."screening_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_supersedes_order_id_orders_id_fk" FOREIGN KEY ("supersedes_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_weight_measurement_id_weight_measurements_id_fk" FOREIGN KEY ("weight_measurement_id") REFERENCES "public"."weight_measurements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "intake_versions_patient_version" ON "intake_versions" USING btree ("patient_id","version");--> statement-breakpoint
CREATE INDEX "weight_measurements_patient_time" ON "weight_measurements" USING btree ("patient_id","measured_at");--> statement-breakpoint
CREATE INDEX "screening_decisions_patient_signed" ON "screening_decisions" USING btree ("patient_id","signed_at");--> statement-breakpoint
CREATE INDEX "consent_records_patient" ON "consent_records" USING btree ("patient_id","attested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_revocations_record" ON "consent_revocations" USING btree ("consent_record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_texts_clinic_version" ON "consent_texts" USING btree ("clinic_id","version");--> statement-breakpoint
CREATE INDEX "courses_patient" ON "courses" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_course_session_version" ON "orders" USING btree ("course_id","session_number","version");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_supersedes" ON "orders" USING btree ("supersedes_order_id");