package apptest

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/jobrun"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Rows no domain operation writes (a reseller is set up by the licensee's
// contract, a run history by time) are seeded here, so tests need not know
// the storage layer.

// Reseller creates a billing entity of kind RESELLER and returns its id.
func (e *Env) Reseller(t testing.TB, name string) uuid.UUID {
	t.Helper()
	now := e.Clock.Now()
	caps := []string{}
	for _, c := range authz.Capabilities() {
		caps = append(caps, string(c))
	}
	be, err := e.DB.Client.BillingEntity.Create().SetName(name).SetKind(billingentity.KindRESELLER).SetCapabilities(caps).
		SetCreateTime(now).SetUpdateTime(now).Save(context.Background())
	if err != nil {
		t.Fatalf("create reseller %s: %v", name, err)
	}
	return be.ID
}

// JoinReseller makes user a member of the reseller's staff.
func (e *Env) JoinReseller(t testing.TB, reseller, user uuid.UUID) {
	t.Helper()
	if err := e.DB.Client.User.UpdateOneID(user).SetBillingEntityID(reseller).Exec(context.Background()); err != nil {
		t.Fatalf("join reseller: %v", err)
	}
}

// ResellerOrg creates an organization of the reseller's, without an audit
// event (as if it came over with the reseller), and returns its id.
func (e *Env) ResellerOrg(t testing.TB, reseller uuid.UUID, name string) uuid.UUID {
	t.Helper()
	now := e.Clock.Now()
	o, err := e.DB.Client.Organization.Create().SetBillingEntityID(reseller).SetName(name).
		SetCreateTime(now).SetUpdateTime(now).Save(context.Background())
	if err != nil {
		t.Fatalf("create organization %s: %v", name, err)
	}
	return o.ID
}

// JobRun records a finished run of a job as history, as if it had run then.
func (e *Env) JobRun(t testing.TB, r jobs.RunRecord) {
	t.Helper()
	c := e.DB.Client.JobRun.Create().SetJob(r.Job).SetTrigger(jobrun.Trigger(r.Trigger)).SetAttempt(r.Attempt).
		SetNillableScheduledTime(r.ScheduledTime).SetStartTime(r.StartTime).SetNillableEndTime(r.EndTime).
		SetOutcome(jobrun.Outcome(r.Outcome)).SetError(r.Error).SetSummary(r.Summary).SetReplica(r.Replica).
		SetReason(r.Reason).SetNillableRetryOf(r.RetryOf).SetNillableRetryTime(r.RetryTime)
	if r.Duration != nil {
		c.SetDurationUs(r.Duration.Microseconds())
	}
	if err := c.Exec(context.Background()); err != nil {
		t.Fatalf("record run of %s: %v", r.Job, err)
	}
}

// RenameUser gives a user a new display name, as an audited change (the
// API has no procedure for it yet).
func (e *Env) RenameUser(t testing.TB, id uuid.UUID, name string) {
	t.Helper()
	ctx := authz.System(context.Background())
	if err := e.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		log.Record(audit.Event{Action: "test.rename_user", TargetType: "user", TargetID: id.String()})
		return tx.User.UpdateOneID(id).SetDisplayName(name).Exec(ctx)
	}); err != nil {
		t.Fatalf("rename user: %v", err)
	}
}
