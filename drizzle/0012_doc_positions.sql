-- Positions per document in commit order (decision 0032). Expand only: processes of the version
-- before keep inserting without a position, and the trigger gives their rows one too.
CREATE TABLE "doc_head" (
	"doc_name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doc_checkpoint" ADD COLUMN "up_to_seq" bigint;--> statement-breakpoint
ALTER TABLE "doc_update" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "doc_update" SET "seq" = numbered.position
FROM (SELECT "id", row_number() OVER (PARTITION BY "doc_name" ORDER BY "id") AS position FROM "doc_update") AS numbered
WHERE "doc_update"."id" = numbered."id";--> statement-breakpoint
INSERT INTO "doc_head" ("doc_name", "seq") SELECT "doc_name", max("seq") FROM "doc_update" GROUP BY "doc_name";--> statement-breakpoint
UPDATE "doc_checkpoint" SET "up_to_seq" = (SELECT max(u."seq") FROM "doc_update" u WHERE u."doc_name" = "doc_checkpoint"."doc_name" AND u."id" <= "doc_checkpoint"."up_to_id");--> statement-breakpoint
ALTER TABLE "doc_update" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "doc_update_doc_seq_idx" ON "doc_update" USING btree ("doc_name","seq");--> statement-breakpoint
CREATE FUNCTION doc_update_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- The row lock on the head is held until commit: the next writer of this document waits,
	-- so positions commit in order and what a reader sees of a document has no gaps.
	INSERT INTO doc_head AS head (doc_name, seq) VALUES (NEW.doc_name, 1)
	ON CONFLICT (doc_name) DO UPDATE SET seq = head.seq + 1
	RETURNING head.seq INTO NEW.seq;
	RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER doc_update_position BEFORE INSERT ON "doc_update" FOR EACH ROW EXECUTE FUNCTION doc_update_position();
