CREATE TABLE "delivery_log" (
	"key" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "delivery_log_expires_idx" ON "delivery_log" USING btree ("expires_at");