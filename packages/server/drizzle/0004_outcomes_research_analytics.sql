CREATE TABLE "patient_medications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"medication_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"drug" text NOT NULL,
	"dose_mg" double precision,
	"patch_mcg_per_h" double precision,
	"times_per_day" integer,
	"start_date" date NOT NULL,
	"stop_date" date,
	"mme_per_day" double precision,
	"factor_table_id" text NOT NULL,
	"factor_table_version" text NOT NULL,
	"change_reason" text,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patient_medications_version_positive" CHECK ("patient_medications"."version" >= 1),
	CONSTRAINT "patient_medications_stop_after_start" CHECK ("patient_medications"."stop_date" IS NULL OR "patient_medications"."stop_date" >= "patient_medications"."start_date")
);
--> statement-breakpoint
CREATE TABLE "research_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"granted" boolean NOT NULL,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_ids" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"research_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohort_rows" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"condition_code" text NOT NULL,
	"protocol_id" text NOT NULL,
	"protocol_version" text NOT NULL,
	"sex" text NOT NULL,
	"age_years" integer NOT NULL,
	"baseline_mme_per_day" double precision,
	"sessions" integer NOT NULL,
	"session_dose_mg_per_kg" double precision NOT NULL,
	"course_dose_mg_per_kg" double precision NOT NULL,
	"pain_classes" text[],
	"pgic_classes" text[],
	"relief_days" integer,
	"relief_event" boolean,
	"mme_change_months" integer[] NOT NULL,
	"mme_change_mme_per_day" double precision[] NOT NULL,
	"adverse_events" integer NOT NULL,
	"rapid_onset_responses" integer NOT NULL,
	"rapid_onset_assessed" integer NOT NULL,
	"rules_id" text NOT NULL,
	"rules_version" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cohort_rows_sessions_positive" CHECK ("cohort_rows"."sessions" >= 1),
	CONSTRAINT "cohort_rows_relief_pair" CHECK (("cohort_rows"."relief_days" IS NULL) = ("cohort_rows"."relief_event" IS NULL)),
	CONSTRAINT "cohort_rows_mme_pairs" CHECK (cardinality("cohort_rows"."mme_change_months") = cardinality("cohort_rows"."mme_change_mme_per_day"))
);
--> statement-breakpoint
ALTER TABLE "patient_medications" ADD CONSTRAINT "patient_medications_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_medications" ADD CONSTRAINT "patient_medications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_medications" ADD CONSTRAINT "patient_medications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_consents" ADD CONSTRAINT "research_consents_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_consents" ADD CONSTRAINT "research_consents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_consents" ADD CONSTRAINT "research_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_ids" ADD CONSTRAINT "research_ids_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_ids" ADD CONSTRAINT "research_ids_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_rows" ADD CONSTRAINT "cohort_rows_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_rows" ADD CONSTRAINT "cohort_rows_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_medications_line_version" ON "patient_medications" USING btree ("medication_id","version");--> statement-breakpoint
CREATE INDEX "patient_medications_patient" ON "patient_medications" USING btree ("patient_id","start_date");--> statement-breakpoint
CREATE INDEX "research_consents_patient" ON "research_consents" USING btree ("patient_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "research_ids_research_id" ON "research_ids" USING btree ("research_id");--> statement-breakpoint
CREATE INDEX "cohort_rows_clinic" ON "cohort_rows" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "cohort_rows_patient" ON "cohort_rows" USING btree ("patient_id");