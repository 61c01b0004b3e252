CREATE TABLE "start_visit" (
	"membership_id" uuid PRIMARY KEY NOT NULL,
	"since_at" timestamp with time zone,
	"since_seen" jsonb,
	"last_at" timestamp with time zone NOT NULL,
	"last_seen" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "start_visit" ADD CONSTRAINT "start_visit_membership_id_membership_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."membership"("id") ON DELETE cascade ON UPDATE no action;