package training

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entlicence "github.com/leitstand/leitstand/server/ent/licence"
	entnotice "github.com/leitstand/leitstand/server/ent/licencenotice"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// noticesPerRun bounds the notices one run writes; the next run writes the
// rest.
const noticesPerRun = 2000

// Expiry is what a Licence Expiry run did.
type Expiry struct {
	Expiring, Expired int
	// Tasks is the number of orders opened for staff: one per
	// organization with news.
	Tasks int
}

// withoutNotice selects licences that have no notice of kind.
func withoutNotice(kind entnotice.Kind) predicate.Licence {
	return func(s *sql.Selector) {
		t := sql.Table(entnotice.Table)
		s.Where(sql.NotExists(sql.Select(t.C(entnotice.FieldID)).From(t).
			Where(sql.And(sql.ColumnsEQ(t.C(entnotice.FieldLicenceID), s.C(entlicence.FieldID)), sql.EQ(t.C(entnotice.FieldKind), kind)))))
	}
}

// MarkExpiring writes a notice for every licence that entered the last 30
// days of its validity or expired since the last run, once per licence and
// kind, and opens one order per organization concerned so that staff
// follow up (a new session for those people). The order is the customer's
// to read in the portal too, so it is worded for both. The notices show in the
// portal to the organization's admins. All of a run's notices and orders
// are one change.
func (s *Service) MarkExpiring(ctx context.Context) (Expiry, error) {
	var out Expiry
	today, _, err := s.today(ctx)
	if err != nil {
		return out, err
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		out = Expiry{}
		c := tx.Client()
		all := tenancy.Unscoped(ctx)
		expired, err := c.Licence.Query().Where(entlicence.RevokeTimeIsNil(), entlicence.ValidUntilLT(today.String()),
			withoutNotice(entnotice.KindEXPIRED)).Order(entlicence.ByValidUntil(), entlicence.ByID()).Limit(noticesPerRun).All(all)
		if err != nil {
			return err
		}
		expiring, err := c.Licence.Query().Where(entlicence.RevokeTimeIsNil(), entlicence.ValidUntilGTE(today.String()),
			entlicence.ValidUntilLTE(today.AddDays(ExpiringDays).String()), withoutNotice(entnotice.KindEXPIRING)).
			Order(entlicence.ByValidUntil(), entlicence.ByID()).Limit(noticesPerRun).All(all)
		if err != nil {
			return err
		}
		if len(expired)+len(expiring) == 0 {
			return audit.Unchanged
		}
		type news struct {
			kind entnotice.Kind
			rows []*ent.Licence
		}
		byOrg := map[uuid.UUID][]news{}
		var orgs []uuid.UUID
		for _, n := range []news{{entnotice.KindEXPIRED, expired}, {entnotice.KindEXPIRING, expiring}} {
			for _, r := range n.rows {
				if _, seen := byOrg[r.OrganizationID]; !seen {
					orgs = append(orgs, r.OrganizationID)
				}
				list := byOrg[r.OrganizationID]
				if len(list) == 0 || list[len(list)-1].kind != n.kind {
					list = append(list, news{kind: n.kind})
				}
				list[len(list)-1].rows = append(list[len(list)-1].rows, r)
				byOrg[r.OrganizationID] = list
			}
		}
		slices.SortFunc(orgs, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
		names := map[uuid.UUID]string{}
		os, err := c.Organization.Query().Where(entorg.IDIn(orgs...)).Select(entorg.FieldID, entorg.FieldName, entorg.FieldStatus).All(all)
		if err != nil {
			return err
		}
		closed := map[uuid.UUID]bool{}
		for _, o := range os {
			names[o.ID] = o.Name
			closed[o.ID] = o.Status == entorg.StatusCLOSED
		}
		now := s.clock.Now()
		for _, org := range orgs {
			var lines []string
			var counts [2]int
			for _, n := range byOrg[org] {
				ls, err := s.licencesOf(all, c, n.rows)
				if err != nil {
					return err
				}
				for _, l := range ls {
					verb := "gültig bis"
					if n.kind == entnotice.KindEXPIRED {
						verb, counts[1] = "abgelaufen am", counts[1]+1
					} else {
						counts[0]++
					}
					lines = append(lines, fmt.Sprintf("- %s <%s>: %s, %s %02d.%02d.%d", l.Name, l.Email, l.CourseTitle, verb,
						l.ValidUntil.Day(), int(l.ValidUntil.Month()), l.ValidUntil.Year()))
				}
			}
			// A closed organization's people need no new session: its
			// notices are kept, without a task.
			var task *uuid.UUID
			if !closed[org] {
				o, err := s.orders.CreateIn(ctx, tx, log, org, order.Values{
					Title:       "Schulungslizenzen auffrischen: " + summary(counts[0], counts[1]),
					Description: taskDescription(lines),
					Kind:        order.Other, Priority: order.Normal})
				if err != nil {
					return fmt.Errorf("the task for %s: %w", names[org], err)
				}
				task = &o.ID
			}
			for _, n := range byOrg[org] {
				for _, r := range n.rows {
					id := newID()
					if err := tx.LicenceNotice.Create().SetID(id).SetOrganizationID(org).SetLicenceID(r.ID).SetKind(n.kind).
						SetNillableOrderID(task).SetCreateTime(now).Exec(all); err != nil {
						return err
					}
					log.Record(audit.Event{TargetType: noticeTarget, TargetID: ids.Format(ids.LicenceNotice, id),
						After: map[string]any{"licence_id": ids.Format(ids.Licence, r.ID), "organization_id": ids.Format(ids.Organization, org),
							"kind": n.kind.String(), "valid_until": r.ValidUntil}})
				}
			}
			if task != nil {
				out.Tasks++
			}
		}
		out.Expired, out.Expiring = len(expired), len(expiring)
		return nil
	})
	return out, err
}

// taskDescription is the task's text with lines, as many as an order's
// description holds, and how many more there are.
func taskDescription(lines []string) string {
	out := "Diese Schulungslizenzen laufen in den nächsten 30 Tagen ab oder sind abgelaufen. Wir bieten einen neuen Termin an."
	n := utf8.RuneCountInString(out)
	for i, l := range lines {
		more := fmt.Sprintf("\n… und %d weitere", len(lines)-i)
		if n+1+utf8.RuneCountInString(l)+utf8.RuneCountInString(more) > order.MaxDescriptionLen && i < len(lines)-1 ||
			n+1+utf8.RuneCountInString(l) > order.MaxDescriptionLen {
			return out + more
		}
		out += "\n" + l
		n += 1 + utf8.RuneCountInString(l)
	}
	return out
}

// summary words the counts in the order's title, in German as the
// customer reads the order in the portal too.
func summary(expiring, expired int) string {
	var parts []string
	switch {
	case expiring == 1:
		parts = append(parts, "1 läuft ab")
	case expiring > 1:
		parts = append(parts, fmt.Sprintf("%d laufen ab", expiring))
	}
	if expired > 0 {
		parts = append(parts, fmt.Sprintf("%d abgelaufen", expired))
	}
	return strings.Join(parts, ", ")
}

// Notice is a notice of a licence expiring or expired.
type Notice struct {
	ID         uuid.UUID
	Kind       string
	Licence    Licence
	CreateTime time.Time
}

// NoticePage is a page of notices.
type NoticePage struct {
	Notices       []Notice
	NextPageToken string
}

// Notices pages through org's notices, the latest first. Customers must be
// owners or admins of org.
func (s *Service) Notices(ctx context.Context, org uuid.UUID, pageSize int32, pageToken string) (*NoticePage, error) {
	if _, err := s.client.Organization.Query().Where(entorg.ID(org)).OnlyID(ctx); ent.IsNotFound(err) {
		return nil, notFoundOrg(org)
	} else if err != nil {
		return nil, err
	}
	if err := organization.CustomerAdminOnly(ctx, s.client, org, "only the organization's owners and admins read its licence notices"); err != nil {
		return nil, err
	}
	fp := paging.Fingerprint("licence-notices", org)
	var cur struct {
		Time time.Time `json:"t"`
		ID   uuid.UUID `json:"i"`
	}
	has, err := paging.Decode(pageToken, fp, &cur)
	if err != nil {
		return nil, err
	}
	q := s.client.LicenceNotice.Query().Where(entnotice.OrganizationID(org))
	if has {
		q.Where(paging.After(true, paging.Key{Column: entnotice.FieldCreateTime, Value: cur.Time}, paging.Key{Column: entnotice.FieldID, Value: cur.ID}))
	}
	size := min(paging.Size(pageSize), 200)
	rows, err := q.Order(ent.Desc(entnotice.FieldCreateTime), ent.Desc(entnotice.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, err
	}
	out := &NoticePage{}
	rows, out.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.LicenceNotice) any {
		return struct {
			Time time.Time `json:"t"`
			ID   uuid.UUID `json:"i"`
		}{last.CreateTime, last.ID}
	})
	licenceIDs := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		licenceIDs[i] = r.LicenceID
	}
	ls, err := s.licencesByID(ctx, s.client, licenceIDs)
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]Licence{}
	for _, l := range ls {
		byID[l.ID] = l
	}
	for _, r := range rows {
		out.Notices = append(out.Notices, Notice{ID: r.ID, Kind: r.Kind.String(), Licence: byID[r.LicenceID], CreateTime: r.CreateTime})
	}
	return out, nil
}
