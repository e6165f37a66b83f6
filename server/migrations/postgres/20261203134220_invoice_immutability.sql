-- Issued invoices are immutable in the database too, past every code path:
-- of an invoice only the status and the times it was paid, fell overdue or
-- was cancelled change; its lines never change; nothing is deleted.
CREATE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoices are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (NEW.id, NEW.create_time, NEW.organization_id, NEW.issuer_id, NEW.kind, NEW.origin, NEW.number, NEW.year,
      NEW.sequence, NEW.issue_date, NEW.due_date, NEW.billing_date, NEW.period_start, NEW.period_end, NEW.currency,
      NEW.net_cents, NEW.vat_cents, NEW.gross_cents, NEW.document, NEW.pdf_name, NEW.pdf_sha256, NEW.cancels_id,
      NEW.reason, NEW.created_by_email)
     IS DISTINCT FROM
     (OLD.id, OLD.create_time, OLD.organization_id, OLD.issuer_id, OLD.kind, OLD.origin, OLD.number, OLD.year,
      OLD.sequence, OLD.issue_date, OLD.due_date, OLD.billing_date, OLD.period_start, OLD.period_end, OLD.currency,
      OLD.net_cents, OLD.vat_cents, OLD.gross_cents, OLD.document, OLD.pdf_name, OLD.pdf_sha256, OLD.cancels_id,
      OLD.reason, OLD.created_by_email) THEN
    RAISE EXCEPTION 'an issued invoice is not changed: only its status and payment times move' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoice_immutable();
CREATE FUNCTION written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are written once and never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION written_once();
CREATE TRIGGER billing_periods_immutable BEFORE UPDATE OR DELETE ON billing_periods FOR EACH ROW EXECUTE FUNCTION written_once();
