CREATE TABLE "review_reminders" (
	"user_key" text NOT NULL,
	"deck_id" text NOT NULL,
	"channel_key" text NOT NULL,
	"enabled" boolean NOT NULL,
	"last_sent_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_reminders_pk" PRIMARY KEY("user_key","deck_id")
);
--> statement-breakpoint
CREATE INDEX "review_reminders_enabled_idx" ON "review_reminders" USING btree ("enabled");