CREATE TABLE "answers" (
	"round_id" bigint NOT NULL,
	"user_key" text NOT NULL,
	"channel_key" text NOT NULL,
	"round_kind" text NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"choice" text[] NOT NULL,
	"correct" boolean NOT NULL,
	"points" integer NOT NULL,
	"bonus" integer DEFAULT 0 NOT NULL,
	"on_board" boolean NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	CONSTRAINT "answers_pk" PRIMARY KEY("round_id","user_key")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"channel_key" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rounds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel_key" text NOT NULL,
	"kind" text NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"question" jsonb NOT NULL,
	"owner_key" text,
	"message_ref" text,
	"daily_date" date,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"revealed_at" timestamp with time zone,
	CONSTRAINT "rounds_kind_check" CHECK ("rounds"."kind" in ('daily', 'quiz', 'practice'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"user_key" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"display_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_channels" (
	"channel_key" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"time_of_day" text NOT NULL,
	"timezone" text NOT NULL,
	"weekdays" integer NOT NULL,
	"deck_id" text NOT NULL,
	"close_after_minutes" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_daily_claims" (
	"channel_key" text NOT NULL,
	"local_date" text NOT NULL,
	"state" text NOT NULL,
	"owner" text NOT NULL,
	"fence" integer DEFAULT 1 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"not_before" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"deck_id" text NOT NULL,
	"close_after_minutes" integer NOT NULL,
	"round_id" text,
	"message_ref" text,
	"posted_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "schedule_daily_claims_pk" PRIMARY KEY("channel_key","local_date")
);
--> statement-breakpoint
CREATE INDEX "answers_board_idx" ON "answers" USING btree ("channel_key","answered_at","user_key","points","correct") WHERE "answers"."on_board";--> statement-breakpoint
CREATE INDEX "answers_user_idx" ON "answers" USING btree ("user_key","answered_at");--> statement-breakpoint
CREATE INDEX "rounds_due_idx" ON "rounds" USING btree ("closes_at") WHERE "rounds"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "rounds_unrevealed_idx" ON "rounds" USING btree ("closed_at") WHERE "rounds"."revealed_at" is null and "rounds"."kind" <> 'practice';--> statement-breakpoint
CREATE INDEX "rounds_message_idx" ON "rounds" USING btree ("message_ref");--> statement-breakpoint
CREATE INDEX "rounds_history_idx" ON "rounds" USING btree ("channel_key","deck_id","opened_at");--> statement-breakpoint
CREATE INDEX "rounds_owner_idx" ON "rounds" USING btree ("owner_key","deck_id","opened_at") WHERE "rounds"."owner_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_one_open_quiz_uq" ON "rounds" USING btree ("channel_key") WHERE "rounds"."kind" = 'quiz' and "rounds"."closed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_one_daily_uq" ON "rounds" USING btree ("channel_key","daily_date") WHERE "rounds"."kind" = 'daily';--> statement-breakpoint
CREATE INDEX "schedule_channels_enabled_idx" ON "schedule_channels" USING btree ("enabled");--> statement-breakpoint
CREATE INDEX "schedule_daily_claims_state_lease_idx" ON "schedule_daily_claims" USING btree ("state","lease_until");--> statement-breakpoint
CREATE INDEX "schedule_daily_claims_owner_idx" ON "schedule_daily_claims" USING btree ("owner","state");