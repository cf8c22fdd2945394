ALTER TABLE "clinics" ADD COLUMN "address" jsonb;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "dea_number" text;