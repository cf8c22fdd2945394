CREATE TABLE "portal_consent_attestations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"consent_text_id" uuid NOT NULL,
	"text_version" integer NOT NULL,
	"attested_name" text NOT NULL,
	"attested_at" timestamp with time zone NOT NULL,
	"attested_by" uuid NOT NULL,
	"request_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_questionnaire_schedule_versions" (
	"course_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"clinic_id" uuid NOT NULL,
	"schedule" jsonb NOT NULL,
	"change_note" text NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "course_questionnaire_schedule_versions_course_id_version_pk" PRIMARY KEY("course_id","version")
);
--> statement-breakpoint
CREATE TABLE "outbox_delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"adapter" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portal_consent_attestations" ADD CONSTRAINT "portal_consent_attestations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_attestations" ADD CONSTRAINT "portal_consent_attestations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_attestations" ADD CONSTRAINT "portal_consent_attestations_consent_text_id_consent_texts_id_fk" FOREIGN KEY ("consent_text_id") REFERENCES "public"."consent_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_consent_attestations" ADD CONSTRAINT "portal_consent_attestations_attested_by_users_id_fk" FOREIGN KEY ("attested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_questionnaire_schedule_versions" ADD CONSTRAINT "course_questionnaire_schedule_versions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_questionnaire_schedule_versions" ADD CONSTRAINT "course_questionnaire_schedule_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_questionnaire_schedule_versions" ADD CONSTRAINT "course_questionnaire_schedule_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_delivery_attempts" ADD CONSTRAINT "outbox_delivery_attempts_message_id_outbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_consent_attestations_patient" ON "portal_consent_attestations" USING btree ("patient_id","attested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_delivery_attempts_message" ON "outbox_delivery_attempts" USING btree ("message_id","attempt");