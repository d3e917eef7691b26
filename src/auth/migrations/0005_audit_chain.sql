-- The audit trail made tamper-evident (hardening issue): every audit row, in the order it was
-- sealed, gets a hash of itself and of the entry before it. Changing, removing or adding a row
-- by hand breaks the chain, and `linkway audit verify` says where. Append-only, like the trail.
CREATE TABLE audit_chain (
  id {{id}},
  audit_id BIGINT NOT NULL UNIQUE,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- sqlite only
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
  BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
  BEGIN SELECT RAISE(ABORT, 'the audit chain is append-only'); END;
-- end
-- postgresql only
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION linkway_append_only('the audit chain');
-- end
