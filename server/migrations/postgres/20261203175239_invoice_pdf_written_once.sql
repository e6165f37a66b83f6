-- The PDF of an invoice is rendered just after the change that issues it:
-- its name and SHA-256 are written once, from empty to the rendered file's
-- (or again with the same values, by a second render of the same
-- document). Everything else stays as invoice_immutability says.
CREATE OR REPLACE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoices are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (NEW.id, NEW.create_time, NEW.organization_id, NEW.issuer_id, NEW.kind, NEW.origin, NEW.number, NEW.year,
      NEW.sequence, NEW.issue_date, NEW.due_date, NEW.billing_date, NEW.period_start, NEW.period_end, NEW.currency,
      NEW.net_cents, NEW.vat_cents, NEW.gross_cents, NEW.document, NEW.cancels_id, NEW.reason, NEW.created_by_email)
     IS DISTINCT FROM
     (OLD.id, OLD.create_time, OLD.organization_id, OLD.issuer_id, OLD.kind, OLD.origin, OLD.number, OLD.year,
      OLD.sequence, OLD.issue_date, OLD.due_date, OLD.billing_date, OLD.period_start, OLD.period_end, OLD.currency,
      OLD.net_cents, OLD.vat_cents, OLD.gross_cents, OLD.document, OLD.cancels_id, OLD.reason, OLD.created_by_email)
     OR (OLD.pdf_name <> '' AND (NEW.pdf_name, NEW.pdf_sha256) IS DISTINCT FROM (OLD.pdf_name, OLD.pdf_sha256)) THEN
    RAISE EXCEPTION 'an issued invoice is not changed: only its status and payment times move' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
