-- The task list at national scale: the accent-free title kept by the database (rewrites "tasks" once),
-- its trigram index in place of the expression index, and the indexes of the long list in deadline order.
DROP INDEX "tasks_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "search_title" text GENERATED ALWAYS AS (lower(immutable_unaccent(title))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_list_deadline_idx" ON "tasks" USING btree ("original_deadline","id") WHERE not is_container;--> statement-breakpoint
CREATE INDEX "tasks_extended_idx" ON "tasks" USING btree ("id") WHERE extension_count <> 0;--> statement-breakpoint
CREATE INDEX "tasks_title_trgm_idx" ON "tasks" USING gin ("search_title" gin_trgm_ops);