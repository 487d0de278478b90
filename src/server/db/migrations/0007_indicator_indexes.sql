-- Indicator rollups read the approved values of an indicator by period, index only: the value is in the index
-- (an index-only scan skips the table once VACUUM has set its visibility map).
DROP INDEX "indicator_values_rollup_idx";--> statement-breakpoint
CREATE INDEX "indicator_values_approved_idx" ON "indicator_values" USING btree ("indicator_id","period","organization_id","value") WHERE status = 'approved';