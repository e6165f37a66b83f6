// Package partners is the partner programme's module: partners, referrals,
// the referral ledger with its job, and payouts.
package partners

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/partner"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var kinds = protoenum.ByName[string, adminv1.LedgerEntryKind](partner.Commission, partner.Clawback, partner.Payout)

// Module is the partner programme.
func Module(s *partner.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "partners",
		Demo:     seed.Partners,
		Enums:    []protoenum.Table{kinds},
		Prefixes: []ids.Prefix{ids.ReferralLine, ids.PartnerPayout},
		Services: []module.Service{
			module.Serve[adminv1connect.PartnerServiceHandler](adminv1connect.PartnerServiceName,
				adminv1connect.NewPartnerServiceHandler, &Handler{partners: s}),
		},
		Names: []audit.Namer{
			{Prefix: ids.ReferralLine, Permission: authz.AccountsRead, Names: s.Names},
			{Prefix: ids.PartnerPayout, Permission: authz.AccountsRead, Names: s.Names},
		},
		Jobs: []jobs.Job{{
			Name:  "referral-commissions",
			Title: "Referral Commissions",
			Description: "Books each partner's commission on every invoice its referred organizations paid in full, and " +
				"claws back the commission of an invoice cancelled since. Each invoice is booked once.",
			Schedule:  jobs.MustSchedule("40 * * * *"),
			CatchUp:   true,
			Summaries: []jobs.SummaryCode{commissionsBooked},
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				b, err := s.BookCommissions(ctx)
				return commissionsBooked.Of("booked "+coded.Int(b.Commissions)+" commissions and "+coded.Int(b.Clawbacks)+" clawbacks",
					map[string]string{"commissions": coded.Int(b.Commissions), "clawbacks": coded.Int(b.Clawbacks)}), err
			},
		}},
	}
}

var commissionsBooked = jobs.SummaryCode{Code: "commissions-booked", Params: []string{"commissions", "clawbacks"}}

// Handler implements adminv1connect.PartnerServiceHandler.
type Handler struct{ partners *partner.Service }

var _ adminv1connect.PartnerServiceHandler = (*Handler)(nil)

func toProtoPartner(p *partner.Partner) *adminv1.Partner {
	return &adminv1.Partner{OrganizationId: ids.Format(ids.Organization, p.Organization), Name: p.Name, Partner: p.Active,
		CommissionBasisPoints: int32(p.RateBP), Referrals: int32(p.Referrals), ExternalLed: int32(p.ExternalLed),
		EarnedCents: p.EarnedCents, PaidOutCents: p.PaidOutCents, BalanceCents: p.BalanceCents(), Currency: p.Currency}
}

func toProtoLine(l partner.Line) *adminv1.LedgerEntry {
	out := &adminv1.LedgerEntry{Kind: kinds.ToProto(l.Kind), Day: l.Day.String(), AmountCents: l.AmountCents, Currency: l.Currency,
		Reference: l.Reference, Note: l.Note, RecordedByEmail: l.RecordedByEmail}
	if l.Kind == partner.Payout {
		out.Id = ids.Format(ids.PartnerPayout, l.ID)
		return out
	}
	out.Id = ids.Format(ids.ReferralLine, l.ID)
	out.OrganizationId, out.OrganizationName = ids.Format(ids.Organization, l.Organization), l.OrganizationName
	out.InvoiceId, out.InvoiceNumber = ids.Format(ids.Invoice, l.Invoice), l.InvoiceNumber
	out.InvoiceNetCents, out.RateBasisPoints = l.InvoiceNetCents, int32(l.RateBP)
	return out
}

func toProtoReferral(r partner.Referral) *adminv1.Referral {
	out := &adminv1.Referral{OrganizationId: ids.Format(ids.Organization, r.Organization), OrganizationName: r.Name, Status: r.Status,
		PartnerId: ids.Format(ids.Organization, r.Partner), PartnerName: r.PartnerName, EarnedCents: r.EarnedCents}
	if !r.Since.IsZero() {
		out.ReferralTime = timestamppb.New(r.Since)
	}
	return out
}

// ListPartners implements PartnerService.ListPartners.
func (h *Handler) ListPartners(ctx context.Context, req *connect.Request[adminv1.ListPartnersRequest]) (*connect.Response[adminv1.ListPartnersResponse], error) {
	ps, err := h.partners.List(ctx, req.Msg.GetIncludeFormer())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListPartnersResponse{}
	for i := range ps {
		out.Partners = append(out.Partners, toProtoPartner(&ps[i]))
	}
	return connect.NewResponse(out), nil
}

// SetPartner implements PartnerService.SetPartner.
func (h *Handler) SetPartner(ctx context.Context, req *connect.Request[adminv1.SetPartnerRequest]) (*connect.Response[adminv1.SetPartnerResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	p, err := h.partners.Set(ctx, org, m.GetPartner(), int(m.GetCommissionBasisPoints()), m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetPartnerResponse{Partner: toProtoPartner(p)}), nil
}

// SetReferral implements PartnerService.SetReferral.
func (h *Handler) SetReferral(ctx context.Context, req *connect.Request[adminv1.SetReferralRequest]) (*connect.Response[adminv1.SetReferralResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	p, err := ids.ParseOptional(ids.Organization, "partner_id", m.GetPartnerId())
	if err != nil {
		return nil, err
	}
	r, err := h.partners.SetReferral(ctx, org, p, m.GetReason())
	if err != nil {
		return nil, err
	}
	out := &adminv1.SetReferralResponse{}
	if r != nil {
		out.Referral = toProtoReferral(*r)
	}
	return connect.NewResponse(out), nil
}

// ListReferrals implements PartnerService.ListReferrals.
func (h *Handler) ListReferrals(ctx context.Context, req *connect.Request[adminv1.ListReferralsRequest]) (*connect.Response[adminv1.ListReferralsResponse], error) {
	p, err := ids.Parse(ids.Organization, "partner_id", req.Msg.GetPartnerId())
	if err != nil {
		return nil, err
	}
	rs, err := h.partners.Referrals(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListReferralsResponse{}
	for _, r := range rs {
		out.Referrals = append(out.Referrals, toProtoReferral(r))
	}
	return connect.NewResponse(out), nil
}

// ListReferralLedger implements PartnerService.ListReferralLedger.
func (h *Handler) ListReferralLedger(ctx context.Context, req *connect.Request[adminv1.ListReferralLedgerRequest]) (*connect.Response[adminv1.ListReferralLedgerResponse], error) {
	m := req.Msg
	p, err := ids.Parse(ids.Organization, "partner_id", m.GetPartnerId())
	if err != nil {
		return nil, err
	}
	size := m.GetPageSize()
	if size == 0 {
		size = 100
	}
	page, err := h.partners.Ledger(ctx, p, size, m.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListReferralLedgerResponse{NextPageToken: page.NextPageToken, Partner: toProtoPartner(&page.Partner)}
	for _, l := range page.Lines {
		out.Entries = append(out.Entries, toProtoLine(l))
	}
	return connect.NewResponse(out), nil
}

// RecordPartnerPayout implements PartnerService.RecordPartnerPayout.
func (h *Handler) RecordPartnerPayout(ctx context.Context, req *connect.Request[adminv1.RecordPartnerPayoutRequest]) (*connect.Response[adminv1.RecordPartnerPayoutResponse], error) {
	m := req.Msg
	p, err := ids.Parse(ids.Organization, "partner_id", m.GetPartnerId())
	if err != nil {
		return nil, err
	}
	day, err := calendar.ParseField("paid_on", m.GetPaidOn())
	if err != nil {
		return nil, err
	}
	if day == nil {
		return nil, apierr.Invalid("paid_on", "paid_on.required", "say the day it was paid")
	}
	l, sums, err := h.partners.RecordPayout(ctx, p, m.GetAmountCents(), *day, m.GetReference(), m.GetNote())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RecordPartnerPayoutResponse{Entry: toProtoLine(l), Partner: toProtoPartner(sums)}), nil
}

// ListExternalLedOrganizations implements PartnerService.ListExternalLedOrganizations.
func (h *Handler) ListExternalLedOrganizations(ctx context.Context, req *connect.Request[adminv1.ListExternalLedOrganizationsRequest]) (*connect.Response[adminv1.ListExternalLedOrganizationsResponse], error) {
	p, err := ids.ParseOptional(ids.Organization, "partner_id", req.Msg.GetPartnerId())
	if err != nil {
		return nil, err
	}
	led, err := h.partners.ExternalLed(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListExternalLedOrganizationsResponse{}
	for _, l := range led {
		out.Organizations = append(out.Organizations, &adminv1.ExternalLedOrganization{OrganizationId: ids.Format(ids.Organization, l.Organization),
			OrganizationName: l.Name, PartnerId: ids.Format(ids.Organization, l.Partner), PartnerName: l.PartnerName,
			AdminContacts: l.AdminContacts, Referred: l.Referred})
	}
	return connect.NewResponse(out), nil
}
