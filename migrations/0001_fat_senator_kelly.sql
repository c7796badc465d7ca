CREATE TABLE "memory_cards" (
	"user_key" text NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"card" jsonb NOT NULL,
	"before" jsonb,
	"last_round_id" text NOT NULL,
	"last_review_at" timestamp with time zone NOT NULL,
	"last_rating" text NOT NULL,
	"review_round_id" text,
	"due" timestamp with time zone NOT NULL,
	CONSTRAINT "memory_cards_pk" PRIMARY KEY("user_key","deck_id","question_id")
);
--> statement-breakpoint
CREATE INDEX "memory_cards_due_idx" ON "memory_cards" USING btree ("user_key","deck_id","due");