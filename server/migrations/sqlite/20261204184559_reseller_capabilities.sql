-- Resellers created before capabilities existed keep what their staff could do.
UPDATE `billing_entities` SET `capabilities` = '["MANAGE_CUSTOMERS","ISSUE_INVOICES","SEE_USAGE_REPORTS"]' WHERE `kind` = 'RESELLER' AND `capabilities` IS NULL;
