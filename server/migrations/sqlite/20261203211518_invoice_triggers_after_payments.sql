-- atlas:delimiter \nGO

-- The invoices table was rebuilt again (add_payments, for paid_cents),
-- which drops its triggers: they are made again, as
-- invoice_pdf_written_once made them. paid_cents, like the status, moves
-- with the payments.
DROP TRIGGER IF EXISTS invoices_no_delete;
GO
DROP TRIGGER IF EXISTS invoices_immutable;
GO
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'invoices are never deleted');
END;
GO
CREATE TRIGGER invoices_immutable BEFORE UPDATE ON invoices
WHEN NEW.id IS NOT OLD.id OR NEW.create_time IS NOT OLD.create_time OR NEW.organization_id IS NOT OLD.organization_id
  OR NEW.issuer_id IS NOT OLD.issuer_id OR NEW.kind IS NOT OLD.kind OR NEW.origin IS NOT OLD.origin
  OR NEW.number IS NOT OLD.number OR NEW.year IS NOT OLD.year OR NEW.sequence IS NOT OLD.sequence
  OR NEW.issue_date IS NOT OLD.issue_date OR NEW.due_date IS NOT OLD.due_date OR NEW.billing_date IS NOT OLD.billing_date
  OR NEW.period_start IS NOT OLD.period_start OR NEW.period_end IS NOT OLD.period_end OR NEW.currency IS NOT OLD.currency
  OR NEW.net_cents IS NOT OLD.net_cents OR NEW.vat_cents IS NOT OLD.vat_cents OR NEW.gross_cents IS NOT OLD.gross_cents
  OR NEW.document IS NOT OLD.document OR NEW.cancels_id IS NOT OLD.cancels_id OR NEW.reason IS NOT OLD.reason
  OR NEW.created_by_email IS NOT OLD.created_by_email
  OR (OLD.pdf_name <> '' AND (NEW.pdf_name IS NOT OLD.pdf_name OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256))
BEGIN
  SELECT RAISE(ABORT, 'an issued invoice is not changed: only its status and payment times move');
END;
GO
