CREATE TABLE "chairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"name" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chart_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"clinic_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "double_check_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"concentration_mg_per_ml" numeric NOT NULL,
	"rate_ml_per_h" numeric NOT NULL,
	"request_hash" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "double_check_entries_ordinal" CHECK ("double_check_entries"."ordinal" IN (1, 2))
);
--> statement-breakpoint
CREATE TABLE "infusion_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"chair_id" uuid NOT NULL,
	"scheduled_start_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "infusion_sessions_version_positive" CHECK ("infusion_sessions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "session_transitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"version" integer NOT NULL,
	"evidence" jsonb,
	"request_hash" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chairs" ADD CONSTRAINT "chairs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chairs" ADD CONSTRAINT "chairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_entries" ADD CONSTRAINT "chart_entries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_entries" ADD CONSTRAINT "chart_entries_session_id_infusion_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."infusion_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_entries" ADD CONSTRAINT "chart_entries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "double_check_entries" ADD CONSTRAINT "double_check_entries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "double_check_entries" ADD CONSTRAINT "double_check_entries_session_id_infusion_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."infusion_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "double_check_entries" ADD CONSTRAINT "double_check_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusion_sessions" ADD CONSTRAINT "infusion_sessions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusion_sessions" ADD CONSTRAINT "infusion_sessions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusion_sessions" ADD CONSTRAINT "infusion_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusion_sessions" ADD CONSTRAINT "infusion_sessions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusion_sessions" ADD CONSTRAINT "infusion_sessions_chair_id_chairs_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."chairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infusion_sessions" ADD CONSTRAINT "infusion_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_transitions" ADD CONSTRAINT "session_transitions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_transitions" ADD CONSTRAINT "session_transitions_session_id_infusion_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."infusion_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_transitions" ADD CONSTRAINT "session_transitions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chairs_clinic_name" ON "chairs" USING btree ("clinic_id","name");--> statement-breakpoint
CREATE INDEX "chart_entries_session_time" ON "chart_entries" USING btree ("session_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "chart_entries_seq" ON "chart_entries" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "double_check_entries_round_ordinal" ON "double_check_entries" USING btree ("session_id","round","ordinal");--> statement-breakpoint
CREATE INDEX "infusion_sessions_clinic_chair" ON "infusion_sessions" USING btree ("clinic_id","chair_id","scheduled_start_at");--> statement-breakpoint
CREATE INDEX "infusion_sessions_patient" ON "infusion_sessions" USING btree ("patient_id","scheduled_start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "session_transitions_session_version" ON "session_transitions" USING btree ("session_id","version");