CREATE TABLE "exam_dates" (
	"channel_key" text PRIMARY KEY NOT NULL,
	"exam_id" text NOT NULL,
	"exam_date" date NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"exam_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"flagged" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"version" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"scaled" integer,
	CONSTRAINT "exam_sessions_end_reason_check" CHECK ("exam_sessions"."end_reason" is null or "exam_sessions"."end_reason" in ('finished', 'ended-early', 'time'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exam_sessions_one_open_uq" ON "exam_sessions" USING btree ("user_key") WHERE "exam_sessions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "exam_sessions_history_idx" ON "exam_sessions" USING btree ("user_key","exam_id","started_at") WHERE "exam_sessions"."ended_at" is not null;--> statement-breakpoint
CREATE INDEX "exam_sessions_expiry_idx" ON "exam_sessions" USING btree ("ends_at") WHERE "exam_sessions"."ended_at" is null;