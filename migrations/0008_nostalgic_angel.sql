-- Exam dates per channel AND exam (a channel studying for two exams keeps both dates). The old key
-- was the channel alone ("exam_dates_pkey", Postgres's name for 0004's inline PRIMARY KEY); every
-- existing row stays, now keyed by its channel and exam.
ALTER TABLE "exam_dates" DROP CONSTRAINT "exam_dates_pkey";--> statement-breakpoint
ALTER TABLE "exam_dates" ADD CONSTRAINT "exam_dates_pk" PRIMARY KEY("channel_key","exam_id");--> statement-breakpoint
ALTER TABLE "exam_sessions" ADD COLUMN "requested" integer;
