package dunning

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// FilePrefix is the folder of the notices' PDFs in the blob store.
const FilePrefix = "dunning"

// Service writes, sends and reads dunning notices and holds.
type Service struct {
	client   *ent.Client
	audit    *audit.Writer
	clock    clock.Clock
	settings *settings.Service
	invoices *invoice.Service
	files    *blob.Store
}

// NewService returns the dunning domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, set *settings.Service, invoices *invoice.Service, files *blob.Store) *Service {
	return &Service{client: client, audit: aw, clock: clk, settings: set, invoices: invoices, files: files}
}

// Notice is one level's letter about one invoice.
type Notice struct {
	ID               uuid.UUID
	OrganizationID   uuid.UUID
	OrganizationName string
	InvoiceID        uuid.UUID
	InvoiceNumber    string
	Level            string
	IssueDate        calendar.Date
	PayBy            calendar.Date
	OpenCents        int64
	FeeCents         int64
	Currency         string
	FeeInvoiceID     *uuid.UUID
	FeeInvoiceNumber string
	Status           string
	To               string
	Attempts         int
	Answer           string
	LastAttemptTime  *time.Time
	NextAttemptTime  *time.Time
	CreateTime       time.Time
}

// Hold pauses an organization's dunning up to and including Until.
type Hold struct {
	OrganizationID uuid.UUID
	Until          calendar.Date
	Reason         string
	CreatedByEmail string
	UpdateTime     time.Time
}

// issuerOf is a billing entity's settings and calendar.
type issuerOf struct {
	id       uuid.UUID
	settings settings.Settings
	loc      *time.Location
}

// issuer reads a billing entity's settings, once per cache.
func (s *Service) issuer(ctx context.Context, cache map[uuid.UUID]issuerOf, be uuid.UUID) (issuerOf, error) {
	if is, ok := cache[be]; ok {
		return is, nil
	}
	set, err := s.settings.Of(ctx, be)
	if err != nil {
		return issuerOf{}, err
	}
	is := issuerOf{id: be, settings: set, loc: set.Invoice.Location()}
	cache[be] = is
	return is, nil
}

// today is the date in an issuer's calendar.
func (s *Service) today(is issuerOf) calendar.Date { return calendar.On(s.clock.Now(), is.loc) }

// dateOf reads a date column this domain or the invoices wrote.
func dateOf(v string) calendar.Date {
	d, err := calendar.Parse(v)
	if err != nil {
		panic(fmt.Sprintf("dunning date %q: %v", v, err))
	}
	return d
}

// targetType is what the audit trail calls a notice, holdTarget a hold.
const (
	targetType = "dunning_notice"
	holdTarget = "dunning_hold"
)

// At returns the domain on another clock: the demo replays the weeks
// before its day with it, so its notices have the past they would have.
func (s *Service) At(clk clock.Clock) *Service {
	c := *s
	c.clock = clk
	return &c
}
