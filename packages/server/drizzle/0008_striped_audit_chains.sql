CREATE TABLE "audit_chain_heads" (
	"chain" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chain_seq" PRIMARY KEY("chain","seq");--> statement-breakpoint
-- One head per chain (AUDIT_CHAINS = 8 in src/audit/schema.ts). Chain 0 continues the single chain of
-- the events written so far; the others start at the genesis hash (64 zeros, audit/chain.ts).
INSERT INTO "audit_chain_heads" ("chain", "seq", "hash")
SELECT k, COALESCE(h.seq, 0), COALESCE(h.hash, repeat('0', 64))
FROM generate_series(0, 7) AS k
LEFT JOIN LATERAL (
	SELECT e.seq, e.hash FROM "audit_events" e WHERE e.chain = k ORDER BY e.seq DESC LIMIT 1
) h ON true;
