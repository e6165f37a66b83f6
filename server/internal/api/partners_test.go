package api_test

import (
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Partners over the API: an organization created as referred by one that
// is no partner is refused at the field and not created; made a partner,
// it refers a new organization at its creation, earns on the invoice that
// organization pays once the job ran, and is paid out at most its balance.
// The rollup names the referring partner; an account is set managed with
// its account manager, which a customer's user cannot be.
func TestPartnersAndManagedBillingOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		env.Issuer(t)
		basis := env.Plan(t, "Basis", 20, plan.Terms{MonthlyFeeCents: 4900})
		agency := env.Customer(t, "Agentur Nord", basis)
		agencyID := ids.Format(ids.Organization, agency)
		hc := apptest.HTTPClient(srv)
		staff := env.SignIn(t, hc, srv.URL, "owner@platform.example", authz.RoleOwner)
		orgs := adminv1connect.NewOrganizationServiceClient(hc, srv.URL)
		partners := adminv1connect.NewPartnerServiceClient(hc, srv.URL)
		accounts := adminv1connect.NewAccountServiceClient(hc, srv.URL)
		create := func() (*connect.Response[adminv1.CreateOrganizationResponse], error) {
			return orgs.CreateOrganization(ctx, connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "Bäckerei Kühl",
				BillingAddress: &adminv1.Address{Line1: "Seeweg 2", PostalCode: "24103", City: "Kiel", CountryCode: "DE"},
				PlanId:         ids.Format(ids.Plan, basis), ReferredById: agencyID, Reason: "über die Agentur"}))
		}
		if _, err := create(); connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["partner_id"] == "" {
			t.Errorf("referred by no partner = %v", err)
		}
		if list, _ := orgs.ListOrganizations(ctx, connect.NewRequest(&adminv1.ListOrganizationsRequest{})); list.Msg.GetTotalSize() != 1 {
			t.Errorf("the refused organization was created: %v", list.Msg)
		}
		if _, err := partners.SetPartner(ctx, connect.NewRequest(&adminv1.SetPartnerRequest{OrganizationId: agencyID, Partner: true,
			CommissionBasisPoints: 10001, Reason: "x"})); connect.CodeOf(err) != connect.CodeInvalidArgument {
			t.Errorf("a commission above 100 %% = %v", err)
		}
		if _, err := partners.SetPartner(ctx, connect.NewRequest(&adminv1.SetPartnerRequest{OrganizationId: agencyID, Partner: true,
			CommissionBasisPoints: 1000, Reason: "Partnervertrag"})); err != nil {
			t.Fatal(err)
		}
		made, err := create()
		if err != nil || made.Msg.GetOrganization().GetReferredById() != agencyID {
			t.Fatalf("referred at creation = %v %v", made, err)
		}
		customer, _ := ids.Parse(ids.Organization, "", made.Msg.GetOrganization().GetId())
		inv, err := env.Invoices.Manual(sys, customer, []invoice.ManualLine{{Description: "Einrichtung", Quantity: 1, Unit: "C62",
			UnitPriceCents: 25000}}, nil, nil, "Einrichtung", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Payments.Record(sys, payment.Receipt{Invoice: inv.ID, Method: payment.BankTransfer, AmountCents: inv.GrossCents,
			Currency: inv.Currency, ValueDate: inv.IssueDate, Reference: inv.Number}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Jobs.RunNow(sys, "referral-commissions"); err != nil {
			t.Fatal(err)
		}
		ledger, err := partners.ListReferralLedger(ctx, connect.NewRequest(&adminv1.ListReferralLedgerRequest{PartnerId: agencyID}))
		if err != nil || len(ledger.Msg.GetEntries()) != 1 || ledger.Msg.GetEntries()[0].GetAmountCents() != 2500 ||
			ledger.Msg.GetEntries()[0].GetInvoiceNumber() != inv.Number || ledger.Msg.GetPartner().GetBalanceCents() != 2500 {
			t.Fatalf("ledger = %v %v", ledger, err)
		}
		if _, err := partners.RecordPartnerPayout(ctx, connect.NewRequest(&adminv1.RecordPartnerPayoutRequest{PartnerId: agencyID,
			AmountCents: 2501, PaidOn: inv.IssueDate.String()})); connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["amount_cents"] == "" {
			t.Errorf("a payout above the balance = %v", err)
		}
		out, err := partners.RecordPartnerPayout(ctx, connect.NewRequest(&adminv1.RecordPartnerPayoutRequest{PartnerId: agencyID,
			AmountCents: 2500, PaidOn: inv.IssueDate.String(), Reference: "GS-1"}))
		if err != nil || out.Msg.GetPartner().GetBalanceCents() != 0 || out.Msg.GetEntry().GetKind() != adminv1.LedgerEntryKind_LEDGER_ENTRY_KIND_PAYOUT {
			t.Errorf("payout = %v %v", out, err)
		}

		customerID := ids.Format(ids.Organization, customer)
		user := env.User(t, "kunde@kuehl.example", authz.RoleUser)
		_, err = accounts.SetManagedBilling(ctx, connect.NewRequest(&adminv1.SetManagedBillingRequest{OrganizationId: customerID,
			Managed: true, AccountManagerUserId: ids.Format(ids.User, user.ID), Reason: "Großkunde"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["account_manager_user_id"] == "" {
			t.Errorf("a customer's user as account manager = %v", err)
		}
		_, err = accounts.SetManagedBilling(ctx, connect.NewRequest(&adminv1.SetManagedBillingRequest{OrganizationId: customerID,
			Managed: true, Reason: "Großkunde"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["account_manager_user_id"] == "" {
			t.Errorf("managed without a manager = %v", err)
		}
		set, err := accounts.SetManagedBilling(ctx, connect.NewRequest(&adminv1.SetManagedBillingRequest{OrganizationId: customerID,
			Managed: true, AccountManagerUserId: ids.Format(ids.User, staff.ID), Reason: "Großkunde"}))
		if err != nil || !set.Msg.GetManaged() || set.Msg.GetAccountManagerUserId() != ids.Format(ids.User, staff.ID) {
			t.Fatalf("managed = %v %v", set, err)
		}
		reset, err := accounts.ResetUsage(ctx, connect.NewRequest(&adminv1.ResetUsageRequest{OrganizationId: customerID, Reason: "Backup-Lauf"}))
		if err != nil || reset.Msg.GetResetDay() != "2026-03-14" {
			t.Errorf("reset = %v %v", reset, err)
		}
		rollup, err := accounts.ListAccounts(ctx, connect.NewRequest(&adminv1.ListAccountsRequest{Query: "Kühl"}))
		if err != nil || len(rollup.Msg.GetAccounts()) != 1 {
			t.Fatalf("rollup = %v %v", rollup, err)
		}
		if a := rollup.Msg.GetAccounts()[0]; a.GetReferredByName() != "Agentur Nord" || !a.GetManaged() ||
			a.GetRevenueClass() != adminv1.RevenueClass_REVENUE_CLASS_MANAGED || a.GetAccountManager() == "" ||
			a.GetUsageResetDay() != "2026-03-14" {
			t.Errorf("account = %v", a)
		}
	})
}
