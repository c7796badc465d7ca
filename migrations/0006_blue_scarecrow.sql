CREATE TABLE "exam_tallies" (
	"user_key" text NOT NULL,
	"exam_key" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"tallies" jsonb NOT NULL,
	CONSTRAINT "exam_tallies_pk" PRIMARY KEY("user_key","exam_key")
);
