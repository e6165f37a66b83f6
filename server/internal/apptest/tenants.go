package apptest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// ResellerOwner creates a reseller billing entity named name and the owner
// of its staff, signing in with Password.
func (e *Env) ResellerOwner(t testing.TB, name, ownerEmail string) (uuid.UUID, *member.User) {
	t.Helper()
	be := e.Reseller(t, name)
	owner := e.User(t, ownerEmail, authz.RoleOwner)
	e.JoinReseller(t, be, owner.ID)
	return be, owner
}

// AssignedServer creates a server named name assigned to org, with one
// running container, and returns both ids.
func (e *Env) AssignedServer(t testing.TB, name string, org uuid.UUID) (server, ctr uuid.UUID) {
	t.Helper()
	ctx := authz.System(context.Background())
	s, err := e.Infra.CreateServer(ctx, infra.ServerValues{Name: name, Provider: "OTHER", Kind: "HOST"})
	if err != nil {
		t.Fatalf("create server %s: %v", name, err)
	}
	if _, err := e.Infra.Assign(ctx, s.ID, org, nil); err != nil {
		t.Fatalf("assign server %s: %v", name, err)
	}
	now := e.Clock.Now()
	c, err := e.DB.Client.Container.Create().SetServerID(s.ID).SetName(name + "-web").SetSourceConnectionID(uuid.New()).
		SetSource(container.SourceDOCKER).SetStatus(container.StatusRUNNING).SetFirstSeenTime(now).SetLastSeenTime(now).Save(ctx)
	if err != nil {
		t.Fatalf("create container on %s: %v", name, err)
	}
	return s.ID, c.ID
}

// Fingerprint is what a refused call must leave as it was: organizations,
// users, memberships, workspaces, servers, containers, connections,
// catalog items, service instances with their status history, logbook and
// container links, orders with their comments, time entries and
// processes, process templates, alerts with their labels, feedback, plans, contracts
// and their versions, invoices, payments and bank statements, usage snapshots, reported usage events and usage counters,
// upgrade requests, the partners' ledger and payouts, training, webhook
// endpoints with their deliveries and events, images and their shares, the
// stored usage reports, saved views and dashboard layouts, the billing
// entities and their settings.
func (e *Env) Fingerprint(t testing.TB) string {
	t.Helper()
	ctx := authz.System(t.Context())
	var b strings.Builder
	orgs, err := e.DB.Client.Organization.Query().Order(ent.Asc("id")).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		fmt.Fprintf(&b, "org %s %s %s %t %s %t %d %s %v %q|", o.ID, o.Name, o.Status, o.Managed, opt(o.AccountManagerID), o.Partner,
			o.PartnerCommissionBp, opt(o.ReferredByID), o.DecisionTime, o.RejectionReason)
	}
	bes, _ := e.DB.Client.BillingEntity.Query().Order(ent.Asc("id")).All(ctx)
	for _, be := range bes {
		fmt.Fprintf(&b, "billing entity %s %s %s %q %s %t %t %v|", be.ID, be.Name, be.Status, be.SuspendReason, optString(be.SignupHandle),
			be.AcceptSignups, be.AutoApproveSignups, be.Capabilities)
	}
	sets, _ := e.DB.Client.Settings.Query().Order(ent.Asc("id")).All(ctx)
	for _, st := range sets {
		fmt.Fprintf(&b, "settings %s %s|", st.BillingEntityID, st.UpdateTime)
	}
	users, _ := e.DB.Client.User.Query().Order(ent.Asc("id")).All(ctx)
	for _, u := range users {
		fmt.Fprintf(&b, "user %s %s %v|", u.Email, u.PlatformRole, u.Disabled)
	}
	ms, _ := e.DB.Client.Membership.Query().Order(ent.Asc("id")).All(ctx)
	for _, m := range ms {
		fmt.Fprintf(&b, "member %s %s %s|", m.OrganizationID, m.UserID, m.Role)
	}
	wss, _ := e.DB.Client.Workspace.Query().Order(ent.Asc("id")).All(ctx)
	for _, w := range wss {
		fmt.Fprintf(&b, "ws %s %s|", w.ID, w.Name)
	}
	servers, _ := e.DB.Client.Server.Query().Order(ent.Asc("id")).All(ctx)
	for _, s := range servers {
		fmt.Fprintf(&b, "srv %s %s|", s.ID, s.Name)
	}
	ctrs, _ := e.DB.Client.Container.Query().Order(ent.Asc("id")).All(ctx)
	for _, c := range ctrs {
		fmt.Fprintf(&b, "ctr %s %s|", c.ID, c.Status)
	}
	conns, _ := e.DB.Client.Connection.Query().Order(ent.Asc("id")).All(ctx)
	for _, c := range conns {
		fmt.Fprintf(&b, "conn %s %s|", c.ID, c.Name)
	}
	items, _ := e.DB.Client.CatalogItem.Query().Order(ent.Asc("id")).All(ctx)
	for _, i := range items {
		fmt.Fprintf(&b, "cat %s %v %s %d %v %v|", i.ID, i.BillingEntityID, i.Name, i.MonthlyPriceCents, i.Bookable, i.RetireTime)
	}
	offers, _ := e.DB.Client.ProductOffer.Query().Order(ent.Asc("id")).All(ctx)
	for _, o := range offers {
		fmt.Fprintf(&b, "offer %s %s %s %d %d %d %q %v %v|", o.ID, o.BillingEntityID, o.CatalogItemID, o.MonthlyPriceCents,
			o.MinimumTermMonths, o.NoticePeriodDays, o.Description, o.Bookable, o.RetireTime)
	}
	svcs, _ := e.DB.Client.ServiceInstance.Query().Order(ent.Asc("id")).All(ctx)
	for _, s := range svcs {
		fmt.Fprintf(&b, "svc %s %s %s %d %q %v|", s.ID, s.Name, s.Status, s.MonthlyPriceCents, s.Notes, s.DecommissionTime)
	}
	creds, _ := e.DB.Client.ServiceCredential.Query().Order(ent.Asc("id")).All(ctx)
	for _, c := range creds {
		fmt.Fprintf(&b, "cred %s %s %s %x|", c.ServiceInstanceID, c.Name, c.UpdateTime, c.SealedValue)
	}
	history, _ := e.DB.Client.ServiceStatusChange.Query().Count(ctx)
	logbook, _ := e.DB.Client.ServiceLogbookEntry.Query().Count(ctx)
	links, _ := e.DB.Client.ServiceContainerLink.Query().Order(ent.Asc("id")).All(ctx)
	for _, l := range links {
		fmt.Fprintf(&b, "link %s %s %s %v|", l.ServiceInstanceID, l.ContainerID, l.Role, l.Primary)
	}
	fmt.Fprintf(&b, "status changes %d, logbook entries %d|", history, logbook)
	orders, _ := e.DB.Client.Order.Query().Order(ent.Asc("id")).All(ctx)
	for _, o := range orders {
		fmt.Fprintf(&b, "order %d %s %s %s %s %v %v|", o.Number, o.Title, o.Status, o.Priority, o.Kind, o.AssigneeID, o.DueDate)
	}
	comments, _ := e.DB.Client.OrderComment.Query().Count(ctx)
	fmt.Fprintf(&b, "order comments %d|", comments)
	templates, _ := e.DB.Client.ProcessTemplate.Query().Order(ent.Asc("id")).All(ctx)
	for _, t := range templates {
		fmt.Fprintf(&b, "template %s %s %v|", t.Name, t.Description, t.Steps)
	}
	steps, _ := e.DB.Client.ProcessStep.Query().Order(ent.Asc("id")).All(ctx)
	for _, st := range steps {
		fmt.Fprintf(&b, "step %s %s %v|", st.ProcessID, st.Title, st.DoneTime)
	}
	alerts, _ := e.DB.Client.Alert.Query().Order(ent.Asc("id")).All(ctx)
	for _, a := range alerts {
		fmt.Fprintf(&b, "alert %s %s %s %v|", a.Status, a.Priority, a.Text, a.OrderID)
	}
	labels, _ := e.DB.Client.AlertLabel.Query().Order(ent.Asc("id")).All(ctx)
	for _, l := range labels {
		fmt.Fprintf(&b, "label %s %v|", l.Name, l.RetireTime)
	}
	feedback, _ := e.DB.Client.Feedback.Query().Order(ent.Asc("id")).All(ctx)
	for _, f := range feedback {
		fmt.Fprintf(&b, "feedback %d %v %q|", f.Rating, f.ReviewTime, f.ReviewNote)
	}
	entries, _ := e.DB.Client.TimeEntry.Query().Order(ent.Asc("id")).All(ctx)
	for _, t := range entries {
		fmt.Fprintf(&b, "time %s %s %d %v %v %v|", t.UserID, t.Date.Format("2006-01-02"), t.Minutes, t.Billable, t.StartTime, t.InvoiceTime)
	}
	plans, _ := e.DB.Client.Plan.Query().Order(ent.Asc("id")).All(ctx)
	for _, p := range plans {
		fmt.Fprintf(&b, "plan %s %q %q %d %d %v %v|", p.ID, p.Name, p.Description, p.Rank, p.Version, p.RetireTime, p.UpdateTime)
	}
	versions, _ := e.DB.Client.PlanVersion.Query().Order(ent.Asc("id")).All(ctx)
	for _, v := range versions {
		fmt.Fprintf(&b, "plan version %s %s %d %d %s %d %d %d %d %d %d %d %d %v %q %q|", v.ID, v.PlanID, v.Version,
			v.MonthlyFeeCents, v.Currency, v.IncludedUsers, v.IncludedStorageGB, v.IncludedSupportMinutes, v.HourlyRateCents,
			v.StorageOverageCentsPerGB, v.MaxUsers, v.MaxStorageGB, v.MaxTrafficGB, v.CreateTime, v.CreatedByEmail, v.Reason)
	}
	contracts, _ := e.DB.Client.Contract.Query().Order(ent.Asc("id")).All(ctx)
	for _, c := range contracts {
		fmt.Fprintf(&b, "contract %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %q %v %q|", c.ID, c.OrganizationID, c.PlanVersionID,
			c.Status, c.StartDate, opt(c.EndDate), opt(c.CustomMonthlyFeeCents), opt(c.CustomIncludedUsers), opt(c.CustomIncludedStorageGB),
			opt(c.CustomIncludedSupportMinutes), opt(c.CustomHourlyRateCents), opt(c.CustomStorageOverageCentsPerGB), opt(c.CustomMaxUsers),
			opt(c.CustomMaxStorageGB), opt(c.CustomMaxTrafficGB), c.CustomTermsReason, c.CancelTime, c.CancelReason)
	}
	discounts, _ := e.DB.Client.Discount.Query().Order(ent.Asc("id")).All(ctx)
	for _, d := range discounts {
		fmt.Fprintf(&b, "discount %s %s %s %q %d %s %s %q %q|", d.ID, d.OrganizationID, opt(d.WorkspaceID), d.Name, d.BasisPoints,
			d.StartDate, opt(d.EndDate), d.EndReason, d.EndedByEmail)
	}
	invoices, _ := e.DB.Client.Invoice.Query().Order(ent.Asc("id")).All(ctx)
	for _, i := range invoices {
		fmt.Fprintf(&b, "invoice %s %s %s %d %d %s %v %v %v|", i.ID, i.Number, i.Status, i.GrossCents, i.PaidCents, i.PdfSha256,
			i.PaidTime, i.OverdueTime, i.CancelTime)
	}
	statements, _ := e.DB.Client.BankStatement.Query().Order(ent.Asc("id")).All(ctx)
	for _, s := range statements {
		fmt.Fprintf(&b, "statement %s %s %s|", s.ID, s.Account, s.Sha256)
	}
	lines, _ := e.DB.Client.BankLine.Query().Order(ent.Asc("id")).All(ctx)
	for _, l := range lines {
		fmt.Fprintf(&b, "bank line %s %s %d %s %v %q|", l.ID, l.Ref, l.AmountCents, l.Status, l.InvoiceID, l.Reason)
	}
	payments, _ := e.DB.Client.Payment.Query().Order(ent.Asc("id")).All(ctx)
	for _, p := range payments {
		fmt.Fprintf(&b, "payment %s %s %s %s %d %d %s %q %q %q|", p.ID, p.InvoiceID, p.Method, p.Status, p.AmountCents,
			p.RefundedCents, p.ValueDate, p.Reference, p.Note, p.Reason)
	}
	notices, _ := e.DB.Client.DunningNotice.Query().Order(ent.Asc("id")).All(ctx)
	for _, n := range notices {
		fmt.Fprintf(&b, "dunning notice %s %s %s %s %d|", n.ID, n.InvoiceID, n.Level, n.Status, n.Attempts)
	}
	trials, _ := e.DB.Client.Trial.Query().Order(ent.Asc("id")).All(ctx)
	for _, t := range trials {
		fmt.Fprintf(&b, "trial %s %s %s %s %s|", t.OrganizationID, t.PlanID, t.StartDate, t.RevertDate, t.Status)
	}
	holds, _ := e.DB.Client.DunningHold.Query().Order(ent.Asc("id")).All(ctx)
	for _, h := range holds {
		fmt.Fprintf(&b, "dunning hold %s %s %q|", h.OrganizationID, h.Until, h.Reason)
	}
	fmt.Fprintf(&b, "invoice lines %d|billing periods %d|", e.DB.Client.InvoiceLine.Query().CountX(ctx), e.DB.Client.BillingPeriod.Query().CountX(ctx))
	snapshots, _ := e.DB.Client.UsageSnapshot.Query().Order(ent.Asc("id")).All(ctx)
	for _, u := range snapshots {
		fmt.Fprintf(&b, "usage %s %s %s %s %d %d|", u.OrganizationID, opt(u.WorkspaceID), u.Day, u.Source, u.StorageBytes, u.TrafficBytes)
	}
	events, _ := e.DB.Client.UsageEvent.Query().Order(ent.Asc("id")).All(ctx)
	for _, u := range events {
		fmt.Fprintf(&b, "usage event %s %q %s %s %d %s|", u.OrganizationID, u.EventID, opt(u.WorkspaceID), u.Metric, u.Quantity, u.Day)
	}
	counters, _ := e.DB.Client.UsageCounter.Query().Order(ent.Asc("id")).All(ctx)
	for _, u := range counters {
		fmt.Fprintf(&b, "usage counter %s %s %d %d %q|", u.OrganizationID, u.Month, u.TrafficBytes, u.PeakStorageBytes, u.ResetDay)
	}
	upgrades, _ := e.DB.Client.UpgradeRequest.Query().Order(ent.Asc("id")).All(ctx)
	for _, u := range upgrades {
		fmt.Fprintf(&b, "upgrade request %s %s %s %q %s|", u.OrganizationID, u.PlanID, u.Status, u.DecisionReason, u.EffectiveDate)
	}
	ledger, _ := e.DB.Client.ReferralCommission.Query().Order(ent.Asc("id")).All(ctx)
	for _, l := range ledger {
		fmt.Fprintf(&b, "referral line %s %s %s %d|", l.PartnerID, l.InvoiceID, l.Kind, l.AmountCents)
	}
	payouts, _ := e.DB.Client.PartnerPayout.Query().Order(ent.Asc("id")).All(ctx)
	for _, p := range payouts {
		fmt.Fprintf(&b, "partner payout %s %d %s|", p.PartnerID, p.AmountCents, p.PaidOn)
	}
	hooks, _ := e.DB.Client.WebhookEndpoint.Query().Order(ent.Asc("id")).All(ctx)
	for _, h := range hooks {
		fmt.Fprintf(&b, "webhook endpoint %s %s %s %q %v %t %x %v|", h.ID, h.BillingEntityID, h.URL, h.Description, h.EventTypes,
			h.Enabled, h.SecretSealed, h.PreviousSecretUntil)
	}
	deliveries, _ := e.DB.Client.WebhookDelivery.Query().Order(ent.Asc("id")).All(ctx)
	for _, d := range deliveries {
		fmt.Fprintf(&b, "webhook delivery %s %s %s %s %d|", d.ID, d.EndpointID, d.EventID, d.Status, d.Attempts)
	}
	hookEvents, _ := e.DB.Client.WebhookEvent.Query().Count(ctx)
	fmt.Fprintf(&b, "webhook events %d|", hookEvents)
	images, _ := e.DB.Client.Image.Query().Order(ent.Asc("id")).All(ctx)
	for _, i := range images {
		fmt.Fprintf(&b, "image %s %s %q %s %q %q %d %q %q %s|", i.ID, i.BillingEntityID, i.Name, i.Kind, i.Os, i.Version, i.SizeBytes,
			i.Source, i.Description, i.UpdateTime)
	}
	shares, _ := e.DB.Client.ImageShare.Query().Order(ent.Asc("image_id"), ent.Asc("billing_entity_id")).All(ctx)
	for _, sh := range shares {
		fmt.Fprintf(&b, "image share %s %s|", sh.ImageID, sh.BillingEntityID)
	}
	reports, _ := e.DB.Client.UsageReport.Query().Order(ent.Asc("id")).All(ctx)
	for _, r := range reports {
		fmt.Fprintf(&b, "usage report %s %s %s %x|", r.ID, r.BillingEntityID, r.Month, sha256.Sum256(r.Content))
	}
	courses, _ := e.DB.Client.Course.Query().Order(ent.Asc("id")).All(ctx)
	for _, c := range courses {
		fmt.Fprintf(&b, "course %s %s %d %t|", c.ID, c.Title, c.SeatPriceCents, c.Retired)
	}
	sessions, _ := e.DB.Client.TrainingSession.Query().Order(ent.Asc("id")).All(ctx)
	for _, se := range sessions {
		fmt.Fprintf(&b, "training session %s %s %s %d|", se.ID, se.Status, se.StartTime, se.Capacity)
	}
	regs, _ := e.DB.Client.Registration.Query().Order(ent.Asc("id")).All(ctx)
	for _, r := range regs {
		fmt.Fprintf(&b, "registration %s %s %s %s|", r.ID, r.Email, r.Status, r.Attendance)
	}
	licences, _ := e.DB.Client.Licence.Query().Order(ent.Asc("id")).All(ctx)
	for _, l := range licences {
		fmt.Fprintf(&b, "licence %s %s %v|", l.ID, l.ValidUntil, l.RevokeTime)
	}
	licenceNotices, _ := e.DB.Client.LicenceNotice.Query().Order(ent.Asc("id")).All(ctx)
	for _, n := range licenceNotices {
		fmt.Fprintf(&b, "licence notice %s %s|", n.LicenceID, n.Kind)
	}
	charges, _ := e.DB.Client.TrainingCharge.Query().Order(ent.Asc("id")).All(ctx)
	for _, c := range charges {
		fmt.Fprintf(&b, "training charge %s %s %d %v|", c.OrganizationID, c.SessionID, c.Seats, c.InvoiceID)
	}
	views, _ := e.DB.Client.SavedView.Query().Order(ent.Asc("id")).All(ctx)
	for _, v := range views {
		fmt.Fprintf(&b, "saved view %s %s %s %q %v %v %t|", v.ID, v.UserID, v.Page, v.Name, v.Parameters, v.Columns, v.Shared)
	}
	layouts, _ := e.DB.Client.DashboardLayout.Query().Order(ent.Asc("id")).All(ctx)
	for _, l := range layouts {
		fmt.Fprintf(&b, "dashboard layout %s %v|", l.UserID, l.Widgets)
	}
	return b.String()
}

// opt prints an optional column's value, not its address.
func opt[T any](v *T) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprint(*v)
}

// BookedService adds a bookable catalog item named item to the catalog
// and books it into workspace ws; it returns the item's and the
// instance's ids.
func (e *Env) BookedService(t testing.TB, ws uuid.UUID, item string) (itemID, service uuid.UUID) {
	t.Helper()
	ctx := authz.System(context.Background())
	// The item is sold by the workspace's organization's billing entity,
	// so its customers book it at its own price.
	w, err := e.DB.Client.Workspace.Query().Where(workspace.ID(ws)).WithOrganization().Only(ctx)
	if err != nil {
		t.Fatalf("workspace %s: %v", ws, err)
	}
	it, err := e.Catalog.Create(tenancy.OnBehalfOf(ctx, w.Edges.Organization.BillingEntityID), catalog.Values{Name: item, Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "test fixture")
	if err != nil {
		t.Fatalf("create catalog item %s: %v", item, err)
	}
	svc, err := e.Services.Book(ctx, it.ID, ws, "", "test fixture")
	if err != nil {
		t.Fatalf("book %s: %v", item, err)
	}
	return it.ID, svc.ID
}

func optString(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
