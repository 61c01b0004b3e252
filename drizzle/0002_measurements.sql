CREATE TABLE "calendar_feed" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_settings" (
	"indicator_id" uuid PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"header" jsonb,
	"separator" text NOT NULL,
	"decimal_mark" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measurement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"group_name" text DEFAULT '' NOT NULL,
	"ref_date" date NOT NULL,
	"value" double precision,
	"symbol" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"cases" integer,
	"note" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"import_id" uuid,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone,
	CONSTRAINT "measurement_value_or_symbol" CHECK (("measurement"."value" is null) <> ("measurement"."symbol" is null)),
	CONSTRAINT "measurement_cases_positive" CHECK ("measurement"."cases" is null or "measurement"."cases" >= 0)
);
--> statement-breakpoint
CREATE TABLE "measurement_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"measurement_id" uuid NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"import_id" uuid,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measurement_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"user_id" uuid,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"content" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "goal" ADD COLUMN "progress" double precision;--> statement-breakpoint
ALTER TABLE "goal" ADD COLUMN "track_status" text DEFAULT 'noData' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "template_key" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "frequency" text DEFAULT 'yearly' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "breakdown" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "groups" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "target_group" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "gap_group" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "weight" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "progress" double precision;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "track_status" text DEFAULT 'noData' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "track_reason" text DEFAULT 'forecast_not_enough_data' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "track_params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "latest_date" date;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "next_due" date;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_settings" ADD CONSTRAINT "import_settings_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_entered_by_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_audit" ADD CONSTRAINT "measurement_audit_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_audit" ADD CONSTRAINT "measurement_audit_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_audit" ADD CONSTRAINT "measurement_audit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_import" ADD CONSTRAINT "measurement_import_municipality_id_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipality"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_import" ADD CONSTRAINT "measurement_import_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_import" ADD CONSTRAINT "measurement_import_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_user_idx" ON "calendar_feed" USING btree ("user_id","municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "measurement_series_date_idx" ON "measurement" USING btree ("indicator_id","group_name","ref_date");--> statement-breakpoint
CREATE INDEX "measurement_goal_idx" ON "measurement" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "measurement_audit_indicator_idx" ON "measurement_audit" USING btree ("indicator_id","at");