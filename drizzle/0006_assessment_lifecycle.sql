ALTER TABLE "assessment" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessment" ADD COLUMN "completed_by" uuid;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_completed_by_user_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Assessments made before there were drafts were all counted: they stay counted, as completed (decision 0016).
UPDATE "assessment" SET "completed_at" = coalesce("projected_at", "created_at"), "completed_by" = "created_by" WHERE "completed_at" IS NULL;
