CREATE TABLE "question_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"question_number" text NOT NULL,
	"source_path" text NOT NULL,
	"source_line" integer NOT NULL,
	"reason" text NOT NULL,
	"reporter_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE INDEX "question_reports_open_idx" ON "question_reports" USING btree ("created_at") WHERE "question_reports"."resolved_at" is null;