package usage

import (
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/usage"
)

var (
	metrics  = protoenum.ByName[usage.Metric, adminv1.UsageMetric](usage.Metrics()...)
	sources  = protoenum.ByName[usage.Source, adminv1.UsageSource](usage.Sources()...)
	outcomes = protoenum.ByName[usage.Outcome, adminv1.UsageEventOutcome](usage.Outcomes()...)
)

// Enums lists the area's enum conversions.
func Enums() []protoenum.Table { return []protoenum.Table{metrics, sources, outcomes} }

// optionalID reads an id that may be empty (uuid.Nil then).
func optionalID(p ids.Prefix, field, s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, nil
	}
	return ids.Parse(p, field, s)
}

// day reads a day written YYYY-MM-DD; an empty one is the zero date when
// optional.
func day(field, s string, optional bool) (calendar.Date, error) {
	if s == "" && !optional {
		// Required days are checked by the request's rules; this is their
		// message should one slip through.
		return calendar.Date{}, apierr.Invalid(field, field+".date", "a date as YYYY-MM-DD, not %q", s)
	}
	d, err := calendar.ParseField(field, s)
	if err != nil || d == nil {
		return calendar.Date{}, err
	}
	return *d, nil
}

func fromProtoEvent(e *adminv1.UsageEvent, i int) (usage.Event, error) {
	field := func(f string) string { return apierr.Path(apierr.Index("events", i), f) }
	org, err := ids.Parse(ids.Organization, field("organization_id"), e.GetOrganizationId())
	if err != nil {
		return usage.Event{}, err
	}
	ws, err := optionalID(ids.Workspace, field("workspace_id"), e.GetWorkspaceId())
	if err != nil {
		return usage.Event{}, err
	}
	d, err := day(field("day"), e.GetDay(), false)
	if err != nil {
		return usage.Event{}, err
	}
	return usage.Event{ID: e.GetEventId(), Organization: org, Workspace: ws, Metric: metrics.FromProto(e.GetMetric()),
		Quantity: e.GetQuantity(), Day: d}, nil
}

func toProtoSnapshot(s usage.Snapshot) *adminv1.UsageSnapshot {
	out := &adminv1.UsageSnapshot{OrganizationId: ids.Format(ids.Organization, s.Organization), Day: s.Day.String(),
		Source: sources.ToProto(s.Source), StorageBytes: s.StorageBytes, TrafficBytes: s.TrafficBytes}
	if s.Workspace != uuid.Nil {
		out.WorkspaceId = ids.Format(ids.Workspace, s.Workspace)
	}
	return out
}
