CREATE TABLE "goal_status_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"track_status" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_quarter" (
	"municipality_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"on_track" integer NOT NULL,
	"at_risk" integer NOT NULL,
	"off_track" integer NOT NULL,
	"no_data" integer NOT NULL,
	"closed" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_quarter_municipality_id_quarter_pk" PRIMARY KEY("municipality_id","quarter")
);
--> statement-breakpoint
CREATE TABLE "status_recording" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "goal_status_change" ADD CONSTRAINT "goal_status_change_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_status_change" ADD CONSTRAINT "goal_status_change_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_quarter" ADD CONSTRAINT "status_quarter_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_recording" ADD CONSTRAINT "status_recording_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goal_status_change_goal_idx" ON "goal_status_change" USING btree ("goal_id","changed_at");