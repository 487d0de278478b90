CREATE TABLE "indicator_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_groups_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"period" text NOT NULL,
	"comparator" text NOT NULL,
	"value" double precision NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_value_files" (
	"value_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	CONSTRAINT "indicator_value_files_value_id_file_id_pk" PRIMARY KEY("value_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_value_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"value_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"value" double precision NOT NULL,
	"status" text NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"return_reason" text,
	"entered_by" integer,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"group_id" integer,
	"direction" text NOT NULL,
	"value_type" text NOT NULL,
	"frequency" text NOT NULL,
	"time_aggregation" text NOT NULL,
	"org_aggregation" text NOT NULL,
	"numerator_id" integer,
	"denominator_id" integer,
	"reporting_kinds" text[] DEFAULT '{commune,ward}'::text[] NOT NULL,
	"owner_organization_id" integer,
	"source_directive_id" integer,
	"definition" text,
	"guidance" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "period_reopenings" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"period" text NOT NULL,
	"reopened_until" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_key" ON "indicator_targets" USING btree ("indicator_id","organization_id","period");--> statement-breakpoint
CREATE INDEX "indicator_value_revisions_value_idx" ON "indicator_value_revisions" USING btree ("value_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_key" ON "indicator_values" USING btree ("indicator_id","organization_id","period");--> statement-breakpoint
CREATE INDEX "indicator_values_rollup_idx" ON "indicator_values" USING btree ("indicator_id","period","organization_id") WHERE status = 'approved';--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_code_key" ON "indicators" USING btree ("code");--> statement-breakpoint
CREATE INDEX "period_reopenings_key" ON "period_reopenings" USING btree ("organization_id","period");