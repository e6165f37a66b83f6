package demo

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/productoffer"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/servicelogbookentry"
	"github.com/leitstand/leitstand/server/ent/servicestatuschange"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// demoServices is how many instances the demo books.
const demoServices = 60

// serviceKinds say how the demo names an instance of each catalog item
// and what its technical notes say.
var serviceKinds = map[string]struct {
	names []string
	notes string
}{
	"Nextcloud S": {[]string{"Nextcloud %ws", "Dateiablage %ws"}, nextcloudNotes},
	"Nextcloud M": {[]string{"Nextcloud %ws", "Nextcloud Team"}, nextcloudNotes},
	"Nextcloud L": {[]string{"Nextcloud %org", "Cloud %org"}, nextcloudNotes},
	"Managed Mail": {[]string{"Mail %domain"}, "## Mail\n\n- MX, SPF, DKIM and DMARC set at the customer's DNS provider\n" +
		"- Mailboxes: see the customer's admin contact\n- Spam filter: default policy, quarantine 14 days\n"},
	"WordPress":         {[]string{"Website %domain", "Blog %org"}, "## WordPress\n\n- Staging copy at `staging.%domain`\n- Plugins updated by us every Tuesday\n- **Do not** enable the customer's caching plugin: we cache at the proxy\n"},
	"PostgreSQL M":      {[]string{"PostgreSQL CRM", "PostgreSQL Shop", "PostgreSQL ERP"}, "## PostgreSQL\n\n- Version 17, point-in-time recovery for 7 days\n- Extensions: `pg_trgm`, `uuid-ossp`\n- Connection limit 200 (PgBouncer in front)\n"},
	"Backup Vault":      {[]string{"Backup %ws", "Offsite-Backup"}, "## Backup\n\n- restic repository, encrypted; key kept in the credentials\n- Retention: 30 daily, 12 monthly\n"},
	"Matrix Chat":       {[]string{"Team-Chat", "Matrix %org"}, ""},
	"Vaultwarden":       {[]string{"Passwort-Tresor", "Vaultwarden %ws"}, ""},
	"Gitea L":           {[]string{"Git %ws", "Gitea %org"}, "## Gitea\n\n- Two CI runners on the customer's build host\n- LFS enabled, 200 GB quota\n"},
	"Nextcloud Classic": {[]string{"Nextcloud (alt)"}, "Booked before the sized packages; to be moved to Nextcloud M.\n"},
}

const nextcloudNotes = "## Nextcloud\n\n- Collabora Online on the same host\n- Cron via systemd timer every 5 minutes\n" +
	"- LDAP: none, local users only\n\nAfter an upgrade run `occ db:add-missing-indices`.\n"

// serviceItemWeights: how often the demo books each item (the items no
// longer bookable were booked before they left the catalog).
var serviceItemWeights = []struct {
	item   string
	weight int
}{
	{"Nextcloud S", 8}, {"Nextcloud M", 7}, {"Nextcloud L", 3}, {"Managed Mail", 8}, {"WordPress", 8},
	{"PostgreSQL M", 5}, {"Backup Vault", 5}, {"Matrix Chat", 3}, {"Vaultwarden", 4}, {"Gitea L", 2},
	{"Nextcloud Classic", 2},
}

// episode is a stretch of the last thirty days an instance spent away from
// ONLINE: planned maintenance (staff), a disruption or an incident (the
// sync saw it and saw it end).
type episode struct {
	status       instance.Status
	source       instance.Source
	reason, back string
	length       time.Duration
}

var episodes = []episode{
	{instance.Maintenance, instance.Staff, "Planned update to the new major version", "Update finished, checks passed", 90 * time.Minute},
	{instance.Maintenance, instance.Staff, "Moving the data volume to faster storage", "Move finished", 3 * time.Hour},
	{instance.Maintenance, instance.Staff, "Security update of the operating system", "Rebooted and checked", 40 * time.Minute},
	{instance.Disruption, instance.Sync, "A container is unhealthy", "All containers healthy again", 25 * time.Minute},
	{instance.Disruption, instance.Sync, "The database container restarted twice", "All containers healthy again", 70 * time.Minute},
	{instance.Incident, instance.Sync, "All containers are down", "All containers running again", 45 * time.Minute},
}

// Services books about sixty instances of the demo catalog into the demo
// organizations' workspaces, with thirty days of status history (planned
// maintenance, disruptions and incidents, each ended), logbook entries,
// notes, a few price changes and scheduled decommissions; some are in
// MAINTENANCE, DISRUPTION, SUSPENDED or PROVISIONING now.
func (s *Seeder) Services(ctx context.Context) error {
	ctx = authz.System(ctx)
	items, err := s.Client.CatalogItem.Query().All(ctx)
	if err != nil || len(items) == 0 {
		return err
	}
	byName := map[string]*ent.CatalogItem{}
	for _, it := range items {
		byName[it.Name] = it
	}
	var pool []*ent.CatalogItem
	for _, w := range serviceItemWeights {
		if it := byName[w.item]; it != nil {
			for range w.weight {
				pool = append(pool, it)
			}
		}
	}
	orgs, err := s.Client.Organization.Query().
		Where(organization.StatusIn(organization.StatusACTIVE, organization.StatusSUSPENDED)).
		WithWorkspaces(func(q *ent.WorkspaceQuery) { q.Order(workspace.ByName()) }).
		Order(organization.ByName(), organization.ByID()).All(ctx)
	if err != nil || len(orgs) == 0 || len(pool) == 0 {
		return err
	}
	var staffID *uuid.UUID
	staffEmail := ""
	if op, err := s.Client.User.Query().Where(user.Email("operator@demo.leitstand.test")).Only(ctx); err == nil {
		staffID, staffEmail = &op.ID, op.Email
	}
	rng := rand.New(rand.NewPCG(15, 60))
	now := s.Clock.Now().Truncate(time.Second)
	ctrs, err := demoContainers(ctx, s.Client)
	if err != nil {
		return err
	}
	// A reseller's customers book what it offers, at its price: the
	// resellers' offers by entity, in a fixed order.
	offers, err := s.Client.ProductOffer.Query().Where(productoffer.RetireTimeIsNil()).
		Order(productoffer.ByCreateTime(), productoffer.ByID()).All(ctx)
	if err != nil {
		return err
	}
	offered := map[uuid.UUID][]*ent.ProductOffer{}
	for _, o := range offers {
		offered[o.BillingEntityID] = append(offered[o.BillingEntityID], o)
	}
	byID := map[uuid.UUID]*ent.CatalogItem{}
	for _, it := range items {
		byID[it.ID] = it
	}
	var booked []uuid.UUID
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		taken := map[string]bool{}
		for i := range demoServices {
			org := orgs[(i*7)%len(orgs)]
			if len(org.Edges.Workspaces) == 0 {
				continue
			}
			ws := org.Edges.Workspaces[rng.IntN(len(org.Edges.Workspaces))]
			item := pool[rng.IntN(len(pool))]
			for tries := 0; i%12 == 5 && !item.Bookable && tries < 20; tries++ {
				// What is being set up now was bookable when it was booked.
				item = pool[rng.IntN(len(pool))]
			}
			b := demoBooking{tx: tx, rng: rng, now: now, staffID: staffID, staffEmail: staffEmail, pool: ctrs}
			if item.BillingEntityID == nil || *item.BillingEntityID != org.BillingEntityID {
				// Not the entity's own: booked under its offer of the item,
				// or of another item it offers.
				own := offered[org.BillingEntityID]
				if len(own) == 0 {
					continue
				}
				b.offer = own[i%len(own)]
				for _, o := range own {
					if o.CatalogItemID == item.ID {
						b.offer = o
					}
				}
				item = byID[b.offer.CatalogItemID]
			}
			id, err := b.book(ctx, i, org, ws, item, taken)
			if err != nil {
				return fmt.Errorf("demo service %d: %w", i, err)
			}
			if b.status != instance.Provisioning {
				booked = append(booked, id)
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "service_instance",
				TargetID: ids.Format(ids.Service, id), Reason: "demo data",
				After: map[string]any{"name": b.name, "catalog_item": item.Name, "status": string(b.status)}})
		}
		return nil
	})
	if err != nil || s.Instances == nil {
		return err
	}
	// Every third service that is set up keeps its admin login, sealed
	// like any other credential.
	for n, id := range booked {
		if n%3 != 0 {
			continue
		}
		if _, err := s.Instances.SetCredential(ctx, id, "admin login", fmt.Sprintf("admin / %s", demoSecret(rng))); err != nil {
			return fmt.Errorf("demo credential: %w", err)
		}
		if n%2 == 0 {
			if _, err := s.Instances.SetCredential(ctx, id, "database password", demoSecret(rng)); err != nil {
				return fmt.Errorf("demo credential: %w", err)
			}
		}
	}
	return nil
}

// demoSecret is a random password of the kind a setup script generates.
func demoSecret(rng *rand.Rand) string {
	const letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	for i := range b {
		b[i] = letters[rng.IntN(len(letters))]
	}
	return string(b)
}

// containerPool is the demo containers a booking may be linked to, by
// what they are doing now: running and healthy, or not.
type containerPool struct {
	healthy, ailing []*ent.Container
	servers         map[uuid.UUID]string
}

// take removes and returns the next container of from; nil when none is
// left.
func take(from *[]*ent.Container) *ent.Container {
	if len(*from) == 0 {
		return nil
	}
	c := (*from)[0]
	*from = (*from)[1:]
	return c
}

// demoContainers reads the fleet's containers: first those that can be
// controlled (Docker and Proxmox), so most demo services can be started
// and stopped from the panel; then those only monitored (Beszel), whose
// services the panel shows but cannot act on.
func demoContainers(ctx context.Context, c *ent.Client) (*containerPool, error) {
	rows, err := c.Container.Query().Where(container.GoneTimeIsNil()).WithServer().
		Order(func(s *sql.Selector) {
			s.OrderExpr(sql.Expr("CASE WHEN control_connection_id IS NULL THEN 1 ELSE 0 END"))
		},
			ent.Asc(container.FieldServerID), ent.Asc(container.FieldName)).All(ctx)
	if err != nil {
		return nil, err
	}
	p := &containerPool{servers: map[uuid.UUID]string{}}
	controllable := 0
	for _, r := range rows {
		p.servers[r.ID] = r.Edges.Server.Name
		if r.ControlConnectionID != nil {
			// Not every container carries a service: every third one the
			// platform controls is left free (a build runner, a sidecar),
			// so staff have some to link.
			if controllable++; controllable%3 == 0 {
				continue
			}
		}
		if r.Status == container.StatusRUNNING && (r.Health == container.HealthNONE || r.Health == container.HealthHEALTHY) {
			p.healthy = append(p.healthy, r)
		} else {
			p.ailing = append(p.ailing, r)
		}
	}
	return p, nil
}

// demoBooking writes one demo instance with its history and logbook.
type demoBooking struct {
	tx         *ent.Tx
	rng        *rand.Rand
	now        time.Time
	staffID    *uuid.UUID
	staffEmail string
	// pool is the containers left to link.
	pool *containerPool

	// offer is the reseller's offer it is booked under; nil for an item
	// of the organization's own billing entity.
	offer *ent.ProductOffer

	name    string
	status  instance.Status
	history []*ent.ServiceStatusChangeCreate
	logbook []*ent.ServiceLogbookEntryCreate
}

func (b *demoBooking) book(ctx context.Context, i int, org *ent.Organization, ws *ent.Workspace, item *ent.CatalogItem, taken map[string]bool) (uuid.UUID, error) {
	kind := serviceKinds[item.Name]
	domain := strings.TrimPrefix(org.BillingEmail, "rechnung@")
	short := strings.Fields(org.Name)[0]
	names := kind.names
	if len(names) == 0 {
		names = []string{item.Name}
	}
	b.name = strings.NewReplacer("%ws", ws.Name, "%org", short, "%domain", domain).Replace(names[b.rng.IntN(len(names))])
	for n := 2; taken[org.ID.String()+b.name]; n++ {
		b.name = fmt.Sprintf("%s %d", strings.TrimRight(strings.TrimRight(b.name, "0123456789"), " "), n)
	}
	taken[org.ID.String()+b.name] = true

	id := uuid.Must(uuid.NewV7())
	created := b.now.Add(-time.Duration(31*24+b.rng.IntN(365*24)) * time.Hour)
	if i%12 == 5 {
		// Booked in the last days and still being set up.
		created = b.now.Add(-time.Duration(2+b.rng.IntN(40)) * time.Hour)
	} else if !item.Bookable {
		created = b.now.Add(-time.Duration(200*24+b.rng.IntN(300*24)) * time.Hour)
	}
	price := item.MonthlyPriceCents
	var offerID *uuid.UUID
	if b.offer != nil {
		price, offerID = b.offer.MonthlyPriceCents, &b.offer.ID
	}
	b.status = instance.Provisioning
	b.change(id, org.ID, created, "", instance.Provisioning, instance.Staff, "")
	b.entry(id, org.ID, created, instance.Customer, instance.BookedText(item.Name, price, item.Currency), true)
	last := created
	if i%12 != 5 {
		online := created.Add(time.Duration(item.SetupTimeMinutes+b.rng.IntN(120)) * time.Minute)
		b.move(id, org.ID, online, instance.Online, instance.Staff, "Set up and handed over to the customer")
		last = online
		if i%10 == 3 {
			at := created.Add(10 * 24 * time.Hour)
			newPrice := price - price/10
			b.entry(id, org.ID, at, instance.Internal,
				instance.PriceChangedText(price, newPrice, item.Currency, "Loyalty discount of 10% agreed with the account manager"), true)
			price = newPrice
		}
		last = b.month(id, org.ID, last, i)
		switch {
		case org.Status == organization.StatusSUSPENDED || i%20 == 11:
			at := b.now.Add(-time.Duration(1+b.rng.IntN(9*24)) * time.Hour)
			if at.After(last) {
				b.move(id, org.ID, at, instance.Suspended, instance.Staff, "Suspended: invoices unpaid after the second reminder")
				last = at
			}
		case i%12 == 2:
			at := b.now.Add(-time.Duration(20+b.rng.IntN(60)) * time.Minute)
			b.move(id, org.ID, at, instance.Maintenance, instance.Staff, "Planned update to the new major version")
			last = at
		case i%12 == 8:
			at := b.now.Add(-time.Duration(5+b.rng.IntN(30)) * time.Minute)
			b.move(id, org.ID, at, instance.Disruption, instance.Sync, "A container is unhealthy")
			last = at
		}
	}
	if i%7 == 1 {
		b.entry(id, org.ID, last.Add(-time.Duration(1+b.rng.IntN(48))*time.Hour), instance.Internal,
			coded.Text{English: internalNotes[b.rng.IntN(len(internalNotes))]}, false)
	}
	var decommission *time.Time
	if i%25 == 7 && b.status != instance.Provisioning {
		at := b.now.Add(20 * 24 * time.Hour).Truncate(24 * time.Hour).Add(time.Hour)
		decommission = &at
		b.entry(id, org.ID, b.now.Add(-2*time.Hour), instance.Internal,
			instance.DecommissionScheduledText(at, "Contract ends; the customer has moved to Nextcloud M"), true)
	}
	notes := ""
	if i%4 == 0 {
		notes = strings.ReplaceAll(kind.notes, "%domain", domain)
	}
	err := b.tx.ServiceInstance.Create().SetID(id).SetOrganizationID(org.ID).SetWorkspaceID(ws.ID).SetCatalogItemID(item.ID).
		SetName(b.name).SetStatus(serviceinstance.Status(b.status)).SetStatusTime(last).SetMonthlyPriceCents(price).
		SetListPriceCents(item.MonthlyPriceCents).SetNillableProductOfferID(offerID).SetCurrency(item.Currency).SetNotes(notes).SetNillableDecommissionTime(decommission).
		SetCreateTime(created).SetUpdateTime(last).Exec(ctx)
	if err != nil {
		return id, err
	}
	if err := b.link(ctx, id, org.ID, created.Add(time.Duration(item.SetupTimeMinutes)*time.Minute)); err != nil {
		return id, err
	}
	if err := b.tx.ServiceStatusChange.CreateBulk(b.history...).Exec(ctx); err != nil {
		return id, err
	}
	return id, b.tx.ServiceLogbookEntry.CreateBulk(b.logbook...).Exec(ctx)
}

// link gives a service that is set up its containers, as they are now, so
// the status the sync follows agrees with the one the demo wrote: a
// healthy application container (and for every other one a healthy
// database container, both primary); a service in DISRUPTION also an
// ailing one. Services being set up have none yet; when the fleet's
// containers run out, the rest have none either.
func (b *demoBooking) link(ctx context.Context, id, org uuid.UUID, at time.Time) error {
	if b.pool == nil || b.status == instance.Provisioning {
		return nil
	}
	type want struct {
		from *[]*ent.Container
		role instance.Role
	}
	wants := []want{{&b.pool.healthy, instance.Application}}
	switch {
	case b.status == instance.Disruption:
		wants = append(wants, want{&b.pool.ailing, instance.Database})
	case b.rng.IntN(2) == 0:
		wants = append(wants, want{&b.pool.healthy, instance.Database})
	}
	if b.status == instance.Disruption && (len(b.pool.healthy) == 0 || len(b.pool.ailing) == 0) {
		return nil // it could not be as the demo says it is
	}
	for _, w := range wants {
		c := take(w.from)
		if c == nil {
			return nil
		}
		if err := b.tx.ServiceContainerLink.Create().SetOrganizationID(org).SetServiceInstanceID(id).SetContainerID(c.ID).
			SetRole(servicecontainerlink.Role(w.role)).SetPrimary(true).SetCreateTime(at).Exec(ctx); err != nil {
			return err
		}
		b.entry(id, org, at, instance.Internal, instance.ContainerLinkedText(c.Name, b.pool.servers[c.ID], w.role, true), true)
	}
	return nil
}

var internalNotes = []string{
	"Raised the PHP memory limit to 512 MB at the customer's request.",
	"Customer asked for a second admin account; created and sent by mail.",
	"Checked the backups after the customer's question: the last 30 restore points are fine.",
	"Disk at 80 %: told the customer, they will clean up old files.",
}

// month writes the last thirty days: up to four episodes away from ONLINE,
// each ended, none overlapping. It returns the time of the last change.
func (b *demoBooking) month(id, org uuid.UUID, last time.Time, i int) time.Time {
	start := b.now.Add(-30 * 24 * time.Hour)
	if last.After(start) {
		start = last
	}
	n := b.rng.IntN(5)
	if i%12 == 2 || i%12 == 8 {
		n = min(n, 2)
	}
	slot := b.now.Add(-3*time.Hour).Sub(start) / time.Duration(max(n, 1))
	for k := range n {
		e := episodes[b.rng.IntN(len(episodes))]
		from := start.Add(time.Duration(k)*slot + time.Duration(b.rng.Int64N(int64(slot/2)))).Truncate(time.Minute)
		if e.status == instance.Maintenance {
			// Planned work starts at night.
			from = time.Date(from.Year(), from.Month(), from.Day(), 22, 0, 0, 0, time.UTC)
		}
		length := e.length/2 + time.Duration(b.rng.Int64N(int64(e.length)))
		to := from.Add(length).Truncate(time.Second)
		if !from.After(last) || !to.Before(b.now.Add(-2*time.Hour)) {
			continue
		}
		b.move(id, org, from, e.status, e.source, e.reason)
		b.move(id, org, to, instance.Online, e.source, e.back)
		last = to
	}
	return last
}

// move changes the status, with its history row and logbook entry.
func (b *demoBooking) move(id, org uuid.UUID, at time.Time, to instance.Status, source instance.Source, reason string) {
	b.change(id, org, at, b.status, to, source, reason)
	b.entry(id, org, at, instance.Customer, instance.StatusChangedText(b.status, to, reason), source == instance.Staff)
	b.status = to
}

func (b *demoBooking) change(id, org uuid.UUID, at time.Time, from, to instance.Status, source instance.Source, reason string) {
	c := b.tx.ServiceStatusChange.Create().SetOrganizationID(org).SetServiceInstanceID(id).SetFromStatus(string(from)).
		SetToStatus(servicestatuschange.ToStatus(to)).SetChangeTime(at).SetSource(servicestatuschange.Source(source)).SetReason(reason)
	if source == instance.Staff {
		c.SetNillableActorID(b.staffID).SetActorEmail(b.staffEmail)
	}
	b.history = append(b.history, c)
}

// entry writes a logbook entry; byStaff names the demo operator as its
// author, otherwise the system wrote it.
func (b *demoBooking) entry(id, org uuid.UUID, at time.Time, vis instance.Visibility, text coded.Text, byStaff bool) {
	e := b.tx.ServiceLogbookEntry.Create().SetOrganizationID(org).SetServiceInstanceID(id).SetCreateTime(at).
		SetVisibility(servicelogbookentry.Visibility(vis)).SetText(text.English).SetCode(text.Code).SetParams(text.Params)
	if byStaff || text.Code == "" {
		e.SetNillableAuthorID(b.staffID).SetAuthorEmail(b.staffEmail)
	}
	b.logbook = append(b.logbook, e)
}
