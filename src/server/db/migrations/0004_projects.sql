CREATE TABLE "project_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"applied_on" date NOT NULL,
	"organization_id" integer,
	"description" text NOT NULL,
	"follow_up_until" date NOT NULL,
	"status" text DEFAULT 'applying' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_council_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"organization_id" integer
);
--> statement-breakpoint
CREATE TABLE "project_council_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"criterion" text NOT NULL,
	"score" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_councils" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"rule" jsonb NOT NULL,
	"mean_score" double precision,
	"result" text,
	"minutes_number" text,
	"minutes_file_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"issued_on" date,
	"title" text,
	"file_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"stage" text NOT NULL,
	"on" date NOT NULL,
	"action" text NOT NULL,
	"document_number" text,
	"document_date" date,
	"note" text,
	"data" jsonb,
	"actor_user_id" integer,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"paid_on" date NOT NULL,
	"year" integer NOT NULL,
	"amount" double precision NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_stages" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer NOT NULL,
	"required_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requires_council" text,
	"is_optional" boolean DEFAULT false NOT NULL,
	CONSTRAINT "project_stages_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"field" text NOT NULL,
	"directive_id" integer,
	"host_organization_id" integer NOT NULL,
	"principal_investigator" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"objectives" text,
	"expected_products" text,
	"start_month" text,
	"end_month" text,
	"budget_total" double precision DEFAULT 0 NOT NULL,
	"budget_state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"budget_other" double precision DEFAULT 0 NOT NULL,
	"stage" text NOT NULL,
	"task_id" integer,
	"acceptance_rating" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "project_councils_project_idx" ON "project_councils" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_documents_project_idx" ON "project_documents" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_payments_project_idx" ON "project_payments" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_key" ON "projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "projects_host_idx" ON "projects" USING btree ("host_organization_id");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage");