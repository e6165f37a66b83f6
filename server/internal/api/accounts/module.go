// Package accounts is the account administration's module: the usage and
// billing rollup and each account's history.
package accounts

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/trial"
	"github.com/leitstand/leitstand/server/internal/usage"
)

var (
	classes = protoenum.ByName[account.Class, adminv1.RevenueClass](account.Classes()...)
	risks   = protoenum.ByName[account.Risk, adminv1.AccountRisk](account.Risks()...)
	// statuses are the organizations' table, listed by their module.
	statuses = protoenum.ByName[string, adminv1.OrganizationStatus](organization.StatusPendingApproval, organization.StatusActive,
		organization.StatusSuspended, organization.StatusClosed)
)

// Module is the account administration: the rollup, the accounts at risk,
// their history, and the reverse trials with the job that reverts them.
func Module(s *account.Service, trials *trial.Service, orgs *organization.Service, use *usage.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "accounts",
		Demo:     seed.Trials,
		Enums:    []protoenum.Table{classes, risks, trialStatuses},
		Prefixes: []ids.Prefix{ids.Trial},
		Services: []module.Service{
			module.Serve[adminv1connect.AccountServiceHandler](adminv1connect.AccountServiceName, adminv1connect.NewAccountServiceHandler, New(s, trials, orgs, use)),
		},
		Names: []audit.Namer{{Prefix: ids.Trial, Permission: authz.AccountsRead, Names: trials.Names}},
		Jobs: []jobs.Job{{
			Name:  "trial-reverts",
			Title: "Trial Reverts",
			Description: "Ends every reverse trial whose month is over: the organization is back on its own plan's tier (its " +
				"contract, and every invoice, stayed on it throughout). Each trial is reverted once.",
			// Hourly, so a trial ends soon after midnight in every calendar.
			Schedule:  jobs.MustSchedule("20 * * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{trialsReverted},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				n, err := trials.RevertDue(ctx)
				return trialsReverted.Of("reverted "+coded.Int(n)+" trials", map[string]string{"reverted": coded.Int(n)}), err
			},
		}},
	}
}

var trialsReverted = jobs.SummaryCode{Code: "trials-reverted", Params: []string{"reverted"}}

// Handler implements adminv1connect.AccountServiceHandler.
type Handler struct {
	accounts *account.Service
	trials   *trial.Service
	orgs     *organization.Service
	usage    *usage.Service
}

var _ adminv1connect.AccountServiceHandler = (*Handler)(nil)

// New returns the AccountService handler.
func New(s *account.Service, trials *trial.Service, orgs *organization.Service, use *usage.Service) *Handler {
	return &Handler{accounts: s, trials: trials, orgs: orgs, usage: use}
}

// GrantReverseTrial implements AccountService.GrantReverseTrial.
func (h *Handler) GrantReverseTrial(ctx context.Context, req *connect.Request[adminv1.GrantReverseTrialRequest]) (*connect.Response[adminv1.GrantReverseTrialResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	var t trial.Trial
	effect, err := h.accounts.Measure(ctx, org, calendar.Date{}, req.Msg.GetPreview(), h.trials.Granting(ctx, org, req.Msg.GetReason(), &t))
	if err != nil {
		return nil, err
	}
	out := &adminv1.GrantReverseTrialResponse{Effect: Effect(effect)}
	if !req.Msg.GetPreview() {
		out.Trial = toProtoTrial(&t)
	}
	return connect.NewResponse(out), nil
}

// CancelReverseTrial implements AccountService.CancelReverseTrial.
func (h *Handler) CancelReverseTrial(ctx context.Context, req *connect.Request[adminv1.CancelReverseTrialRequest]) (*connect.Response[adminv1.CancelReverseTrialResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	t, err := h.trials.Cancel(ctx, org, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CancelReverseTrialResponse{Trial: toProtoTrial(t)}), nil
}

var trialStatuses = protoenum.ByName[string, adminv1.TrialStatus](trial.Active, trial.Reverted, trial.Cancelled)

func toProtoTrial(t *trial.Trial) *adminv1.ReverseTrial {
	if t == nil {
		return nil
	}
	return &adminv1.ReverseTrial{Id: ids.Format(ids.Trial, t.ID), OrganizationId: ids.Format(ids.Organization, t.Organization),
		PlanName: t.PlanName, StartDate: t.Start.String(), RevertDate: t.Revert.String(), Status: trialStatuses.ToProto(t.Status),
		Reason: t.Reason, CreatedByEmail: t.CreatedByEmail, CancelReason: t.CancelReason}
}

// ListAccounts implements AccountService.ListAccounts.
func (h *Handler) ListAccounts(ctx context.Context, req *connect.Request[adminv1.ListAccountsRequest]) (*connect.Response[adminv1.ListAccountsResponse], error) {
	m := req.Msg
	p, err := h.accounts.List(ctx, account.Query{Month: m.GetMonth(), Classes: classes.FromProtos(m.GetRevenueClasses()),
		Search: m.GetQuery(), OrderBy: m.GetOrderBy(), PageSize: m.GetPageSize(), PageToken: m.GetPageToken()})
	if err != nil {
		return nil, err
	}
	t := p.Totals
	out := &adminv1.ListAccountsResponse{NextPageToken: p.NextPageToken, TotalSize: int32(p.Total), Month: p.Month,
		Totals: &adminv1.AccountTotals{Currency: t.Currency, InvoicedGrossCents: t.InvoicedGrossCents, PaidCents: t.PaidCents,
			MrrStartCents: t.MRRStartCents, MrrEndCents: t.MRREndCents, Trial: int32(t.Classes[account.Trial]),
			Managed: int32(t.Classes[account.Managed]), Paying: int32(t.Classes[account.Paying]), Comped: int32(t.Classes[account.Comped])}}
	for _, a := range p.Accounts {
		out.Accounts = append(out.Accounts, toProto(a))
	}
	return connect.NewResponse(out), nil
}

func usageOf(u account.Usage) *adminv1.UsageAgainstCap {
	return &adminv1.UsageAgainstCap{Used: u.Used, Cap: u.Cap, Percent: int32(u.Percent())}
}

func toProto(a account.Account) *adminv1.Account {
	out := &adminv1.Account{OrganizationId: ids.Format(ids.Organization, a.Organization), OrganizationName: a.Name,
		Status: statuses.ToProto(a.Status), RevenueClass: classes.ToProto(a.Class), PlanName: a.Plan,
		Users: usageOf(a.Users), Storage: usageOf(a.Storage), Traffic: usageOf(a.Traffic), Currency: a.Currency,
		InvoicedGrossCents: a.InvoicedGrossCents, PaidCents: a.PaidCents, MrrStartCents: a.MRRStartCents, MrrEndCents: a.MRREndCents,
		AdminContacts: a.Admins, Managed: a.Managed, Trial: toProtoTrial(a.Trial), AccountManager: a.AccountManager,
		AccountManagerUserId: ids.FormatPtr(ids.User, a.AccountManagerID), Partner: a.Partner, ReferredByName: a.ReferredBy,
		ExternalLedBy: a.ExternalLedBy}
	if !a.UsageResetDay.IsZero() {
		out.UsageResetDay = a.UsageResetDay.String()
	}
	if n := a.Next; n != nil {
		out.NextInvoice = &adminv1.NextInvoiceForecast{BillingDate: n.BillingDate.String(), NetCents: n.NetCents, GrossCents: n.GrossCents}
	}
	for _, w := range a.Workspaces {
		out.Workspaces = append(out.Workspaces, &adminv1.AccountWorkspace{WorkspaceId: ids.Format(ids.Workspace, w.ID), Name: w.Name,
			PlanName: w.Plan, Users: int32(w.Users), StorageBytes: w.StorageBytes, TrafficBytes: w.TrafficBytes, AdminContact: w.Admin})
	}
	return out
}

// ListAtRiskAccounts implements AccountService.ListAtRiskAccounts.
func (h *Handler) ListAtRiskAccounts(ctx context.Context, req *connect.Request[adminv1.ListAtRiskAccountsRequest]) (*connect.Response[adminv1.ListAtRiskAccountsResponse], error) {
	m := req.Msg
	p, err := h.accounts.AtRisk(ctx, account.RiskQuery{ApproachingPercent: int(m.GetApproachingPercent()), PageSize: m.GetPageSize(),
		PageToken: m.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListAtRiskAccountsResponse{NextPageToken: p.NextPageToken, TotalSize: int32(p.Total),
		HardBlocked: int32(p.ByRisk[account.HardBlocked]), AtCap: int32(p.ByRisk[account.AtCap]), Overdue: int32(p.ByRisk[account.Overdue]),
		ApproachingCap: int32(p.ByRisk[account.ApproachingCap]), Downgraded: int32(p.ByRisk[account.Downgraded])}
	for _, a := range p.Accounts {
		r := &adminv1.AtRiskAccount{Account: toProto(a.Account)}
		for _, reason := range a.Reasons {
			pr := &adminv1.AccountRiskReason{Risk: risks.ToProto(reason.Risk), Cap: reason.Cap, Percent: int32(reason.Percent),
				OverdueInvoices: int32(reason.OverdueInvoices), OverdueCents: reason.OverdueCents, DowngradedFrom: reason.From,
				DowngradedTo: reason.To}
			if !reason.On.IsZero() {
				pr.DowngradedOn = reason.On.String()
			}
			r.Reasons = append(r.Reasons, pr)
			r.Risks = append(r.Risks, pr.Risk)
		}
		out.Accounts = append(out.Accounts, r)
	}
	return connect.NewResponse(out), nil
}

// GetAccountHistory implements AccountService.GetAccountHistory.
func (h *Handler) GetAccountHistory(ctx context.Context, req *connect.Request[adminv1.GetAccountHistoryRequest]) (*connect.Response[adminv1.GetAccountHistoryResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	months, err := h.accounts.History(ctx, org, req.Msg.GetMonth())
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetAccountHistoryResponse{Currency: "EUR"}
	for _, m := range months {
		out.Months = append(out.Months, &adminv1.AccountMonth{Month: m.Month, RevenueClass: classes.ToProto(m.Class), PlanName: m.Plan,
			MrrStartCents: m.MRRStartCents, InvoicedGrossCents: m.InvoicedGrossCents, PaidCents: m.PaidCents,
			PeakStorageBytes: m.PeakStorageBytes, TrafficBytes: m.TrafficBytes})
	}
	return connect.NewResponse(out), nil
}

// Effect is what a change does to an account, for the response of the
// RPC that made (or previewed) it.
func Effect(e account.Effect) *adminv1.AccountEffect {
	out := &adminv1.AccountEffect{NextInvoiceGrossBeforeCents: e.NextBeforeCents, NextInvoiceGrossAfterCents: e.NextAfterCents,
		MrrBeforeCents: e.MRRBeforeCents, MrrAfterCents: e.MRRAfterCents, Currency: e.Currency}
	if !e.BillingDate.IsZero() {
		out.BillingDate = e.BillingDate.String()
	}
	return out
}
